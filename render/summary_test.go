package render

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/fzlint/fzlint/checker"
)

// summaryResults are the seeds, seed 001 as if read from a PDF (its findings on pages 1, 2 …),
// and an unreadable file, whose row has no report.
func summaryResults(t *testing.T) []checker.Result {
	seeds := seedResults(t)
	pdf := seeds[1]
	pdf.Path = "submissions/001_pdf.pdf"
	pdf.Diagnostics = slices.Clone(pdf.Diagnostics)
	for i := range pdf.Diagnostics {
		pdf.Diagnostics[i].Page, pdf.Diagnostics[i].EndPage = i+1, i+1
	}
	return append(seeds, pdf, unreadable("submissions/<旧稿>&.doc", "不支持 .doc 格式，请另存为 .docx"))
}

// pdfResult is the index in summaryResults of the result whose findings have pages.
const pdfResult = 5

func writeSummary(t *testing.T, kind string, results []checker.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	r, err := NewSummary(kind, &buf, Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	writeAll(t, r, results)
	return buf.Bytes()
}

// wantMarks is what the seeds hold: seeds 000 and 004 lack the duties part; every seed has the
// other mandated parts and none has the optional one.
func wantMarks(path string) map[string]string {
	m := map[string]string{"measures": "✓", "deficiencies": "✓", "duties": "✓", "plan": "✓", "other": "—"}
	if strings.Contains(path, "/000_") || strings.Contains(path, "/004_") {
		m["duties"] = "✗"
	}
	return m
}

// checkTable checks the summary table (header and rows as strings) against the results.
func checkTable(t *testing.T, rows [][]string, results []checker.Result) {
	t.Helper()
	rep := results[0].Report
	cols := newSummaryColumns(rep)
	if !slices.Equal(rows[0], cols.header()) {
		t.Fatalf("header %q, want %q", rows[0], cols.header())
	}
	if rows[0][colFirstPart+2] != "党政主要负责人履行推进法治建设第一责任人职责情况" {
		t.Errorf("the duties column is named %q", rows[0][colFirstPart+2])
	}
	if len(rows) != len(results)+1 {
		t.Fatalf("%d rows, want a header and one per file (%d)", len(rows), len(results))
	}
	for i, r := range results {
		row := rows[i+1]
		for len(row) < len(rows[0]) {
			row = append(row, "") // excelize drops empty trailing cells
		}
		if row[colFile] != r.Path {
			t.Errorf("row %d is %q, want %q", i+1, row[colFile], r.Path)
			continue
		}
		e, w, n := r.Count()
		counts := row[len(row)-4 : len(row)-1]
		if want := []string{fmt.Sprint(e), fmt.Sprint(w), fmt.Sprint(n)}; !slices.Equal(counts, want) {
			t.Errorf("%s: counts %q, want %q", r.Path, counts, want)
		}
		if r.Report == nil {
			if !strings.Contains(row[len(row)-1], ".doc") {
				t.Errorf("%s: 无法读取 = %q", r.Path, row[len(row)-1])
			}
			continue
		}
		if row[colUnit] != r.Report.Unit || row[colYear] != fmt.Sprint(r.Report.Year) || row[colKind] != profileLabel[r.Report.Profile] {
			t.Errorf("%s: unit/year/kind %q", r.Path, row[colUnit:colFirstPart])
		}
		// The scorecard, as reviewed on the seeds: 003 alone has its 成文日期 (on time); 004
		// ends with 专此报告 but has none; only 004 analyses causes; 000 and 004 have no duties
		// part.
		score := row[colFirstPart+len(rep.PartIDs) : colFirstPart+len(rep.PartIDs)+len(scoreHeader)]
		wantScore := map[string][]string{
			"000": {"", "—", "✗", ""}, "001": {"", "—", "✗", "1/6"}, "002": {"", "—", "✗", "4/6"},
			"003": {"2025-02-05", "✓", "✗", "4/6"}, "004": {"", "✗", "✓", ""},
		}[filepath.Base(r.Path)[:3]]
		if !slices.Equal(score[:4], wantScore) {
			t.Errorf("%s: scorecard %q, want %q", r.Path, score[:4], wantScore)
		}
		if score[4] == "" || score[4] == "0" {
			t.Errorf("%s: no figures counted: %q", r.Path, score[4])
		}
		want := wantMarks(r.Path)
		for j, id := range rep.PartIDs {
			if got := row[colFirstPart+j]; got != want[id] {
				t.Errorf("%s: part %s is %q, want %q", r.Path, id, got, want[id])
			}
		}
	}
}

func TestXLSXSummary(t *testing.T) {
	results := summaryResults(t)
	data := writeSummary(t, ".xlsx", results)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"汇总", "问题明细", "复制段落", "未检查文件"}) || f.GetActiveSheetIndex() != 0 {
		t.Fatalf("sheets %q, active %d: want 汇总 first and open, then the findings, copies and files not checked", got, f.GetActiveSheetIndex())
	}
	rows, err := f.GetRows("汇总")
	if err != nil {
		t.Fatal(err)
	}
	checkTable(t, rows, results)

	details, err := f.GetRows("问题明细")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range results {
		n += len(r.Diagnostics)
	}
	if len(details) != n+1 || !slices.Equal(details[0], findingsHeader) {
		t.Errorf("findings sheet has %d rows (header %q), want %d findings", len(details), details[0], n)
	}
	if d := details[1]; d[0] != results[0].Path || d[1] != "" || d[4] != results[0].Diagnostics[0].Rule || d[5] != "警告" {
		t.Errorf("first finding row %q", d)
	}
	// A PDF's findings carry their page; the others leave 页 empty.
	pages := 0
	for _, d := range details[1:] {
		if d[0] != results[pdfResult].Path {
			continue
		}
		pages++
		want := results[pdfResult].Diagnostics[pages-1]
		if d[1] != fmt.Sprint(want.Page) || d[2] != fmt.Sprint(want.Line) || d[4] != want.Rule {
			t.Errorf("PDF finding row %q, want page %d line %d %s", d, want.Page, want.Line, want.Rule)
		}
	}
	if pages != len(results[pdfResult].Diagnostics) || pages < 2 {
		t.Errorf("%d PDF finding rows, want %d", pages, len(results[pdfResult].Diagnostics))
	}

	// The header row is frozen and both sheets have a filter over all their rows.
	lastCol, _ := excelize.ColumnNumberToName(len(rows[0]))
	for sheet, last := range map[string]string{"汇总": fmt.Sprintf("%s%d", lastCol, len(results)+1), "问题明细": fmt.Sprintf("G%d", n+1)} {
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
			t.Errorf("%s: panes %+v (%v), want the first row frozen", sheet, panes, err)
		}
		xml := strings.ReplaceAll(sheetXML(t, data, sheet, f), "$", "")
		if !strings.Contains(xml, `<autoFilter ref="A1:`+last+`"`) {
			t.Errorf("%s: no autofilter over A1:%s", sheet, last)
		}
	}
	var filters []string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters = append(filters, dn.Scope)
		}
	}
	slices.Sort(filters)
	if !slices.Equal(filters, []string{"复制段落", "未检查文件", "汇总", "问题明细"}) {
		t.Errorf("filter names for sheets %q", filters)
	}

	// Widths fit Chinese text: a Han character counts as two.
	w, _ := f.GetColWidth("汇总", "B")
	if w < float64(2*len([]rune("盘州市人民政府"))) || w > maxColWidth {
		t.Errorf("unit column width %v does not fit 盘州市人民政府", w)
	}
	// The part columns are narrow under a wrapped header, and the sheet prints on A4
	// landscape, fit to the page width, with the header on every page.
	style, _ := f.GetCellStyle("汇总", "G1")
	if st, err := f.GetStyle(style); err != nil || st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("the header does not wrap: %+v %v", st, err)
	}
	xml := sheetXML(t, data, "汇总", f)
	for _, want := range []string{`orientation="landscape"`, `paperSize="9"`, `fitToWidth="1" fitToHeight="0"`, `<pageSetUpPr fitToPage="1"/>`} {
		if !strings.Contains(xml, want) {
			t.Errorf("汇总 does not print as it should: no %s", want)
		}
	}
	titles := false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == "汇总" && strings.Contains(dn.RefersTo, "$1") {
			titles = true
		}
	}
	if !titles {
		t.Error("the header row is not repeated on printed pages")
	}
}

// sheetXML returns the XML of a sheet from the package, as Excel reads it.
func sheetXML(t *testing.T, data []byte, sheet string, f *excelize.File) string {
	t.Helper()
	idx, _ := f.GetSheetIndex(sheet)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("xl/worksheets/sheet%d.xml", idx+1)
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatalf("no %s", name)
	return ""
}

// TestXLSXSheetsOfCopiesAndFilesNotChecked: a copied paragraph (a batch/ finding) is listed
// again on its own sheet, with the message naming the other file; an unreadable file and a
// file the walk skipped are listed, with why, on the sheet of files not checked.
func TestXLSXSheetsOfCopiesAndFilesNotChecked(t *testing.T) {
	results := summaryResults(t)
	copied := &results[2]
	copied.Diagnostics = append(slices.Clone(copied.Diagnostics), checker.Diagnostic{
		Rule: "batch/copied-paragraph", Severity: checker.Warning, Line: 7, Column: 1,
		Message: "这一段与 b/县司法局.txt 第 12 行几乎相同（96%）"})
	var buf bytes.Buffer
	r, err := NewSummary(".xlsx", &buf, Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	var sum Summary
	for i := range results {
		sum.Add(&results[i])
		if err := r.File(&results[i]); err != nil {
			t.Fatal(err)
		}
	}
	sum.Skipped = []checker.Skip{{Path: "submissions/说明.xls", Reason: "不是报告"}}
	if err := r.Close(sum); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	copies, _ := f.GetRows("复制段落")
	want := [][]string{copiesHeader, {copied.Path, "", "7", "batch/copied-paragraph", "警告", "这一段与 b/县司法局.txt 第 12 行几乎相同（96%）"}}
	if !slices.EqualFunc(copies, want, slices.Equal) {
		t.Errorf("复制段落 = %q, want %q", copies, want)
	}
	unread, _ := f.GetRows("未检查文件")
	want = [][]string{unreadHeader,
		{"submissions/<旧稿>&.doc", "无法读取：不支持 .doc 格式，请另存为 .docx"},
		{"submissions/说明.xls", "跳过：不是报告"}}
	if !slices.EqualFunc(unread, want, slices.Equal) {
		t.Errorf("未检查文件 = %q, want %q", unread, want)
	}
	for _, sheet := range []string{"复制段落", "未检查文件"} {
		if xml := sheetXML(t, buf.Bytes(), sheet, f); !strings.Contains(xml, `orientation="landscape"`) || !strings.Contains(xml, `fitToWidth="1"`) {
			t.Errorf("%s does not print landscape at the page width", sheet)
		}
	}
}

func TestXLSXSummaryNoFindings(t *testing.T) {
	data := writeSummary(t, ".xlsx", nil)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("汇总")
	details, _ := f.GetRows("问题明细")
	if len(rows) != 1 || len(details) != 1 {
		t.Errorf("empty run: %d and %d rows, want the headers only", len(rows), len(details))
	}
}

func TestCSVSummary(t *testing.T) {
	results := summaryResults(t)
	data := writeSummary(t, ".csv", results)
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		t.Fatal("the CSV must start with the UTF-8 byte order mark, for Excel")
	}
	rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	checkTable(t, rows, results)
	if !bytes.Contains(data, []byte("盘州市人民政府")) || !bytes.Contains(data, []byte("\r\n")) {
		t.Error("want the units in UTF-8 and CRLF line ends")
	}
}

func TestCSVFormulaInjection(t *testing.T) {
	r := seedResults(t)[1]
	r.Report.Unit = "=HYPERLINK(\"x\")"
	rows, err := csv.NewReader(bytes.NewReader(writeSummary(t, ".csv", []checker.Result{r})[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[1][colUnit]; got != "'=HYPERLINK(\"x\")" {
		t.Errorf("unit cell %q: a formula must not reach the spreadsheet", got)
	}
}

func TestHTMLSummary(t *testing.T) {
	results := summaryResults(t)
	data := writeSummary(t, ".html", results)
	page := string(data)
	// The table is data the page's script draws: read it back from the page as the script does.
	cols, rows, rules := htmlData(t, page)
	table := [][]string{cols.Names}
	for i, r := range rows {
		var row []string
		for _, v := range r[:len(cols.Names)] {
			row = append(row, fmt.Sprint(v))
		}
		table = append(table, row)
		findings := r[len(cols.Names)].([]any)
		if i < len(results) && len(findings) != len(results[i].Diagnostics) {
			t.Errorf("%s: %d findings listed, want %d", results[i].Path, len(findings), len(results[i].Diagnostics))
		}
		for k, f := range findings {
			f := f.([]any)
			if i == pdfResult {
				if len(f) != 6 || int(f[5].(float64)) != results[i].Diagnostics[k].Page {
					t.Errorf("PDF finding %v: want its page %d last", f, results[i].Diagnostics[k].Page)
				}
			} else if len(f) != 5 {
				t.Errorf("%s: finding %v has a page", rows[i][0], f)
			}
			if i < len(results) && f[4] != messageWithSuggestion(results[i].Diagnostics[k]) {
				t.Errorf("%s: finding %d says %q, want %q", results[i].Path, k, f[4], messageWithSuggestion(results[i].Diagnostics[k]))
			}
			if rule := rules[int(f[3].(float64))]; i < len(results) && !slices.ContainsFunc(results[i].Diagnostics, func(d checker.Diagnostic) bool { return d.Rule == rule }) {
				t.Errorf("%s: a finding of %s listed, which the file does not have", results[i].Path, rule)
			}
		}
	}
	checkTable(t, table, results)
	// The PDF result repeats seed 001's findings: each message is in the page once.
	data = htmlRows(t, page)
	for _, d := range results[pdfResult].Diagnostics {
		js, _ := json.Marshal(messageWithSuggestion(d))
		if n := bytes.Count(data, js); n != 1 {
			t.Errorf("message %s is in the page %d times, want once", js, n)
		}
	}
	for _, want := range []string{`<html lang="zh-CN">`, "<script>", "<style>", "法治政府建设年度报告检查汇总"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "<旧稿>") {
		t.Error("a file name reached the page unescaped")
	}
	if strings.Contains(page, "http://") || strings.Contains(page, "https://") || strings.Contains(page, "src=") {
		t.Error("the page must be self-contained: no network resources")
	}
}

// Past its bound the page's table of texts takes no more: a text that comes again is written
// out again (and numbered again by the page), one from before the bound is still a number,
// and every finding reads back its own message.
func TestHTMLSummaryTextTableBound(t *testing.T) {
	r := seedResults(t)[1]
	r.Diagnostics = nil
	long := strings.Repeat("很长的说明", 70) // 1,050 bytes
	n := textTableBytes/(len(long)+64) + 100
	for i := range n {
		r.Diagnostics = append(r.Diagnostics, checker.Diagnostic{Rule: "language/x", Severity: checker.Info, Line: i + 1, Column: 1, Message: fmt.Sprintf("%d %s", i, long)})
	}
	first, last := r.Diagnostics[0], r.Diagnostics[n-1]
	r.Diagnostics = append(r.Diagnostics, first, last)
	page := string(writeSummary(t, ".html", []checker.Result{r}))
	var raw [][]any
	if err := json.Unmarshal(htmlRows(t, page), &raw); err != nil {
		t.Fatal(err)
	}
	cols, rows, _ := htmlData(t, page)
	written := raw[0][len(cols.Names)].([]any)
	if _, ok := written[n].([]any)[4].(float64); !ok {
		t.Error("the first message, within the bound, is not written as its number")
	}
	if _, ok := written[n+1].([]any)[4].(string); !ok {
		t.Error("a message past the bound is not written out again")
	}
	for k, f := range rows[0][len(cols.Names)].([]any) {
		if got := f.([]any)[4]; got != r.Diagnostics[k].Message {
			t.Fatalf("finding %d reads back %.40q, want %.40q", k, got, r.Diagnostics[k].Message)
		}
	}
}

// htmlElement returns the text of a summary page's data element (script id="id" type="kind").
func htmlElement(t testing.TB, page, id, kind string) string {
	t.Helper()
	from := `<script id="` + id + `" type="` + kind + `">`
	i := strings.Index(page, from)
	if i < 0 {
		t.Fatalf("the page has no data element %q", from)
	}
	j := strings.Index(page[i+len(from):], "</script>")
	if j < 0 {
		t.Fatalf("the data element %q does not end", from)
	}
	return page[i+len(from) : i+len(from)+j]
}

// htmlRows returns a summary page's rows as the JSON text its script unpacks: base64, gunzip.
func htmlRows(t testing.TB, page string) []byte {
	t.Helper()
	gz, err := base64.StdEncoding.DecodeString(htmlElement(t, page, "rows", "application/gzip"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// htmlData reads the columns, the rows and the rule names out of a summary page's data, and
// gives each text cell and finding's message its text back, as the page's script does.
func htmlData(t testing.TB, page string) (htmlColumns, [][]any, []string) {
	t.Helper()
	element := func(id string) string { return htmlElement(t, page, id, "application/json") }
	var cols htmlColumns
	var rows [][]any
	var meta struct {
		Rules []string
		Line  string
	}
	for _, x := range []struct {
		src string
		v   any
	}{
		{element("columns"), &cols},
		{string(htmlRows(t, page)), &rows},
		{element("meta"), &meta},
	} {
		if err := json.Unmarshal([]byte(x.src), x.v); err != nil {
			t.Fatalf("%v in %.200s", err, x.src)
		}
	}
	var texts []string
	text := func(v any) any {
		switch v := v.(type) {
		case string:
			texts = append(texts, v)
			return v
		case float64:
			if int(v) >= len(texts) {
				t.Fatalf("text %v is not in the page yet", v)
			}
			return texts[int(v)]
		}
		t.Fatalf("text %v is neither a string nor a number", v)
		return nil
	}
	for _, r := range rows {
		for _, c := range cols.Text {
			r[c] = text(r[c])
		}
		for _, f := range r[len(cols.Names)].([]any) {
			f := f.([]any)
			f[4] = text(f[4])
		}
	}
	return cols, rows, meta.Rules
}

func TestJSONSummary(t *testing.T) {
	results := summaryResults(t)
	got := writeSummary(t, ".json", results)
	if want := renderAll(t, "json", results, Options{}); !bytes.Equal(got, want) {
		t.Error("the .json summary must be the --format json document")
	}
	var doc map[string]any
	if err := json.Unmarshal(got, &doc); err != nil {
		t.Fatal(err)
	}
}

func TestSummaryKind(t *testing.T) {
	for name, want := range map[string]string{"汇总.xlsx": ".xlsx", "a/B.CSV": ".csv", "x.htm": ".html", "x.html": ".html", "r.json": ".json"} {
		if got, err := SummaryKind(name); got != want || err != nil {
			t.Errorf("SummaryKind(%q) = %q, %v", name, got, err)
		}
	}
	for _, name := range []string{"x.pdf", "x", "x.xls"} {
		if _, err := SummaryKind(name); err == nil {
			t.Errorf("SummaryKind(%q) accepted", name)
		}
	}
}

// A summary and the --format output are written from one run.
func TestTee(t *testing.T) {
	var a, b bytes.Buffer
	pl, _ := New("plain", &a, Options{})
	js, _ := NewSummary(".json", &b, Options{})
	writeAll(t, Tee(pl, js), seedResults(t))
	if a.Len() == 0 || !json.Valid(b.Bytes()) {
		t.Error("both renderers must get every result")
	}
}
