package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The tests read what the package writes with excelize (a test dependency only), as a third
// party would.

func open(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("excelize cannot open the workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// parts returns the package's parts by name, each checked to be well-formed XML.
func parts(t testing.TB, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc) // checks the CRC-32 and the size
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", zf.Name, err)
		}
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed: %v", zf.Name, err)
			}
		}
		m[zf.Name] = string(b)
	}
	return m
}

func TestWorkbook(t *testing.T) {
	var out bytes.Buffer
	b := New(&out)
	bold, err := b.AddStyle(Style{Bold: true, Fill: "DDEBF7", Horizontal: "center", Vertical: "center", Wrap: true})
	if err != nil {
		t.Fatal(err)
	}
	red, _ := b.AddStyle(Style{Color: "c62828", Horizontal: "center"})
	first, _ := b.AddSheet("汇总")
	second, _ := b.AddSheet("明细")
	b.AddSheet("空") // no row: written with its header elements only
	first.Widths = []float64{36, 9.5}
	first.FreezeRows, first.Filter = 1, true
	first.Print = &Print{Landscape: true, FitWidth: true, TitleRows: 1, Margin: 0.4}
	if err := first.WriteRow([]any{Cell{bold, "文件"}, Cell{bold, "数"}, Cell{bold, "说明"}}, 64); err != nil {
		t.Fatal(err)
	}
	// The rows of the two sheets come interleaved, as the summary writes them.
	for i := range 30 {
		if err := first.WriteRow([]any{fmt.Sprintf("第%d单位/报告.docx", i), i, nil, Cell{red, "✗"}}, 0); err != nil {
			t.Fatal(err)
		}
		if err := second.WriteRow([]any{nil, int64(-i), 1.5, "a<b&c>d"}, 0); err != nil {
			t.Fatal(err)
		}
	}
	if out.Len() != 0 {
		t.Fatal("written before Close")
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if err := first.WriteRow([]any{"x"}, 0); err == nil {
		t.Error("a row written after Close")
	}

	data := out.Bytes()
	p := parts(t, data)
	f := open(t, data)
	if got := f.GetSheetList(); !slices.Equal(got, []string{"汇总", "明细", "空"}) || f.GetActiveSheetIndex() != 0 {
		t.Fatalf("sheets %q, active %d", got, f.GetActiveSheetIndex())
	}
	rows, _ := f.GetRows("汇总")
	if len(rows) != 31 || !slices.Equal(rows[0], []string{"文件", "数", "说明"}) ||
		!slices.Equal(rows[30], []string{"第29单位/报告.docx", "29", "", "✗"}) {
		t.Errorf("汇总: %d rows, %q … %q", len(rows), rows[0], rows[len(rows)-1])
	}
	rows, _ = f.GetRows("明细")
	if len(rows) != 30 || !slices.Equal(rows[3], []string{"", "-3", "1.5", "a<b&c>d"}) {
		t.Errorf("明细: %d rows, row 4 %q", len(rows), rows[3])
	}
	if rows, _ := f.GetRows("空"); len(rows) != 0 {
		t.Errorf("空: %q", rows)
	}
	// Numbers are numbers (no type: the default), strings inline strings.
	if got, _ := f.GetCellType("汇总", "A2"); got != excelize.CellTypeInlineString {
		t.Errorf("A2 is of type %v, want an inline string", got)
	}
	for part, want := range map[string]string{"xl/worksheets/sheet1.xml": `<c r="B3"><v>1</v></c>`, "xl/worksheets/sheet2.xml": `<c r="C2"><v>1.5</v></c>`} {
		if !strings.Contains(p[part], want) {
			t.Errorf("%s lacks the number %s", part, want)
		}
	}

	// Styles.
	id, _ := f.GetCellStyle("汇总", "A1")
	st, err := f.GetStyle(id)
	// (excelize reads a fill's colour only from a workbook with a theme: it is looked for in
	// styles.xml.)
	if !strings.Contains(p["xl/styles.xml"], `<patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/>`) {
		t.Error("no solid fill DDEBF7")
	}
	if err != nil || !st.Font.Bold || st.Fill.Type != "pattern" || st.Fill.Pattern != 1 ||
		st.Alignment == nil || !st.Alignment.WrapText || st.Alignment.Horizontal != "center" || st.Alignment.Vertical != "center" {
		t.Errorf("header style %+v %+v %+v (%v)", st.Font, st.Fill, st.Alignment, err)
	}
	id, _ = f.GetCellStyle("汇总", "D2")
	if st, err := f.GetStyle(id); err != nil || st.Font.Bold || st.Font.Color != "C62828" || st.Alignment.Horizontal != "center" {
		t.Errorf("mark style %+v %+v (%v)", st.Font, st.Alignment, err)
	}
	if ht, _ := f.GetRowHeight("汇总", 1); ht != 64 {
		t.Errorf("header row height %v", ht)
	}
	for col, want := range map[string]float64{"A": 36, "B": 9.5} {
		if w, _ := f.GetColWidth("汇总", col); w != want {
			t.Errorf("column %s width %v, want %v", col, w, want)
		}
	}

	// The frozen header, the filter, the print setup.
	panes, err := f.GetPanes("汇总")
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v (%v)", panes, err)
	}
	if panes, _ := f.GetPanes("明细"); panes.Freeze {
		t.Error("明细 has frozen panes it was not given")
	}
	sheet := p["xl/worksheets/sheet1.xml"]
	for _, want := range []string{`<autoFilter ref="A1:D31"/>`, `<pageSetUpPr fitToPage="1"/>`,
		`<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>`, `<pageMargins left="0.4" right="0.4" top="0.4" bottom="0.4"`} {
		if !strings.Contains(sheet, want) {
			t.Errorf("sheet1.xml lacks %s", want)
		}
	}
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Name+" "+dn.Scope] = dn.RefersTo
	}
	want := map[string]string{"_xlnm.Print_Titles 汇总": "'汇总'!$1:$1", "_xlnm._FilterDatabase 汇总": "'汇总'!$A$1:$D$31"}
	if len(names) != len(want) {
		t.Errorf("defined names %q, want %q", names, want)
	}
	for k, v := range want {
		if names[k] != v {
			t.Errorf("defined name %s = %q, want %q", k, names[k], v)
		}
	}
	// Excel reads <cols> in ascending order only.
	if i, j := strings.Index(sheet, `<col min="1"`), strings.Index(sheet, `<col min="2"`); i < 0 || j < i {
		t.Error("columns not in order")
	}
}

func TestSheetNames(t *testing.T) {
	b := New(io.Discard)
	for _, bad := range []string{"", "a/b", "a[1]", "x:y", "问?", "'引'", strings.Repeat("长", 32), "history", "a\x01"} {
		if _, err := b.AddSheet(bad); err == nil {
			t.Errorf("sheet name %q accepted", bad)
		}
	}
	for _, good := range []string{"汇总", strings.Repeat("长", 31), "O'Brien", "问题明细 (2)"} {
		if _, err := b.AddSheet(good); err != nil {
			t.Errorf("sheet name %q refused: %v", good, err)
		}
	}
	if _, err := b.AddSheet("汇总"); err == nil {
		t.Error("two sheets of one name")
	}
	if _, err := b.AddStyle(Style{Color: "red"}); err == nil {
		t.Error("colour red accepted")
	}
}

// A value no cell can hold ends the workbook: nothing is written, the error is returned again.
func TestBadValue(t *testing.T) {
	var out bytes.Buffer
	b := New(&out)
	s, _ := b.AddSheet("a")
	if err := s.WriteRow([]any{struct{}{}}, 0); err == nil {
		t.Fatal("a struct written into a cell")
	}
	if err := b.Close(); err == nil || out.Len() > 0 {
		t.Errorf("Close after a bad row: %v, %d bytes", err, out.Len())
	}
}

// failing fails every write after n bytes.
type failing struct{ n int }

func (w *failing) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return 0, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

// The temporary files are gone once Close returns, whether the workbook was written or not,
// and while rows are written none is to be seen where the system allows that.
func TestNoTemporaryFileLeft(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	for _, room := range []int{0, 500, 1 << 30} {
		b := New(&failing{room})
		for _, name := range []string{"a", "b"} {
			s, _ := b.AddSheet(name)
			if err := s.WriteRow([]any{"x", 1}, 0); err != nil {
				t.Fatal(err)
			}
		}
		if left, _ := os.ReadDir(dir); runtime.GOOS != "windows" && len(left) > 0 {
			t.Errorf("temporary files visible while writing: %v", left)
		}
		err := b.Close()
		if (err == nil) != (room == 1<<30) {
			t.Errorf("room %d: Close returned %v", room, err)
		}
		if left, _ := os.ReadDir(dir); len(left) > 0 {
			t.Errorf("room %d: temporary files left: %v", room, left)
		}
	}
}

// Memory does not grow with the rows: 200,000 rows in two interleaved sheets (about 60 MB of
// XML) leave a heap of a few megabytes.
func TestMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 60 MB of XML")
	}
	t.Setenv("TMPDIR", t.TempDir())
	b := New(io.Discard)
	a, _ := b.AddSheet("a")
	c, _ := b.AddSheet("c")
	msg := strings.Repeat("“下一年度”代替了年份，应写明年度", 4)
	var peak uint64
	var ms runtime.MemStats
	for i := range 100_000 {
		if err := a.WriteRow([]any{fmt.Sprintf("报送材料/第%06d单位/报告.docx", i), i, i * 7, "✓", "✗"}, 0); err != nil {
			t.Fatal(err)
		}
		if err := c.WriteRow([]any{fmt.Sprintf("报送材料/第%06d单位/报告.docx", i), i, msg}, 0); err != nil {
			t.Fatal(err)
		}
		if i%20_000 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if peak > 8<<20 {
		t.Errorf("live heap %d MB while writing: rows are kept", peak>>20)
	}
}

func TestColumnName(t *testing.T) {
	for n, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA", 16384: "XFD"} {
		if got := ColumnName(n); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", n, got, want)
		}
		if got, _ := excelize.ColumnNumberToName(n); got != want {
			t.Errorf("excelize disagrees on %d: %q", n, got)
		}
	}
}

// readable is what a cell holding s reads back as: at most 32,767 UTF-16 units of s, with
// what XML cannot hold (control characters, invalid UTF-8) as U+FFFD.
func readable(s string) string {
	var b strings.Builder
	units := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		units += utf16Len(r)
		if units > maxCellUnits {
			break
		}
		if (r == utf8.RuneError && size == 1) || !isXMLChar(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FuzzCellText writes a string into a cell and reads it back with excelize: it reads as the
// string (what XML cannot hold as U+FFFD, cut at Excel's limit), the sheet is well-formed, and
// what excelize's own writer made of the same string reads back the same wherever excelize
// gets it right.
func FuzzCellText(f *testing.F) {
	for _, s := range []string{"盘州市人民政府", "a<b>&c\"d'e", " lead", "trail\n", "\r\n\t", "x\x00y\x08z\x1f",
		"\xff\xfe bad", "_x0041_", "_x005F_", "_x0041_x0042_", "__x12AB_x", "_x00zz_", "\uFFFE\uFFFF", "😀长\U0001F600",
		"]]>", "&amp;", "=SUM(A1)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var out bytes.Buffer
		b := New(&out)
		sh, _ := b.AddSheet("s")
		if err := sh.WriteRow([]any{s, Cell{Style: 0, Value: s}}, 0); err != nil {
			t.Fatal(err)
		}
		if err := b.Close(); err != nil {
			t.Fatal(err)
		}
		parts(t, out.Bytes())
		got, err := open(t, out.Bytes()).GetCellValue("s", "A1")
		if err != nil {
			t.Fatal(err)
		}
		if want := readable(s); got != want {
			t.Fatalf("cell %q reads back as %q, want %q", s, got, want)
		}

		// excelize's stream writer, the code this package replaces.
		ref := excelize.NewFile()
		defer ref.Close()
		sw, _ := ref.NewStreamWriter("Sheet1")
		if err := sw.SetRow("A1", []any{s}); err != nil {
			t.Fatal(err)
		}
		sw.Flush()
		var refOut bytes.Buffer
		if _, err := ref.WriteTo(&refOut); err != nil {
			t.Fatal(err)
		}
		if theirs, _ := open(t, refOut.Bytes()).GetCellValue("Sheet1", "A1"); theirs == readable(s) && theirs != got {
			t.Fatalf("cell %q: excelize reads back %q, this package %q", s, theirs, got)
		}
	})
}

// unescape reads OOXML's escapes (ECMA-376 ST_Xstring) as a reader of the file does: each
// _xHHHH_, taken left to right without overlap, is the character HHHH.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '_' && isEscapeLike(s[i:]) {
			var r rune
			fmt.Sscanf(s[i+2:i+6], "%x", &r)
			b.WriteRune(r)
			i += 7
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// FuzzText is the fast half of FuzzCellText: the escaped text, inside an element, is well-formed
// XML whose text, its _xHHHH_ escapes read, is the string (what XML cannot hold as U+FFFD).
func FuzzText(f *testing.F) {
	for _, s := range []string{"a<b>&c", "x\x00\r\n\t", "\xff", "_x0041_", "_x005F_x0041_", "_x0041_x0042_", "__x12AB_", "]]>", "\uFFFE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v struct {
			T string `xml:",chardata"`
		}
		doc := "<t>" + string(appendText(nil, s, false)) + "</t>"
		if err := xml.Unmarshal([]byte(doc), &v); err != nil {
			t.Fatalf("%q escaped as %q: %v", s, doc, err)
		}
		if got, want := unescape(v.T), readable(s); got != want {
			t.Fatalf("%q escaped as %q reads back as %q, want %q", s, doc, got, want)
		}
	})
}

// A cell keeps Excel's 32,767 UTF-16 units: a character outside the BMP counts two.
func TestLongText(t *testing.T) {
	for _, s := range []string{strings.Repeat("长", 40000), "😀" + strings.Repeat("长", 32765) + "😀x", strings.Repeat("\xff", 33000)} {
		var out bytes.Buffer
		b := New(&out)
		sh, _ := b.AddSheet("s")
		sh.WriteRow([]any{s}, 0)
		if err := b.Close(); err != nil {
			t.Fatal(err)
		}
		got, _ := open(t, out.Bytes()).GetCellValue("s", "A1")
		units := 0
		for _, r := range got {
			units += utf16Len(r)
		}
		if want := readable(s); got != want || units != 32767 && units != 32766 {
			t.Errorf("a cell of %d bytes reads back as %d bytes, %d UTF-16 units (want %d bytes)", len(s), len(got), units, len(want))
		}
	}
}

// The escaping of attribute values (sheet names in workbook.xml) keeps every character XML holds.
func TestAttributeText(t *testing.T) {
	s := "a\"b'c<d>e&f\tg\nh\ri_x0041_"
	var v struct {
		A string `xml:"a,attr"`
	}
	doc := `<x a="` + string(appendText(nil, s, true)) + `"/>`
	if err := xml.Unmarshal([]byte(doc), &v); err != nil || v.A != s {
		t.Errorf("attribute %q reads back as %q (%v)", s, v.A, err)
	}
}
