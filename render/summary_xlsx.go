package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/internal/xlsx"
)

// The .xlsx summary, a sheet per view: "汇总" has one row per file (the table of
// summaryColumns), "问题明细" one row per finding, "复制段落" one row per paragraph found in
// another report of the batch (the batch/ rules: its message names the other file and line),
// and "未检查文件" one row per file that could not be read or that the walk skipped, with why.
// Every sheet has a frozen header row and an autofilter, and prints legibly.
//
// Rows go through internal/xlsx, which deflates each sheet's rows into a temporary file as
// they come, so that any number of files fits in a few megabytes and no row is kept. A sheet
// needs its column widths before its first row: both sheets are written as results come, with
// widths chosen up front (the summary's path and unit columns wrap; the findings sheet sizes
// its file column from the first file's path; rule ids are known; the message column is wide).
const (
	sheetSummary  = "汇总"
	sheetFindings = "问题明细"
	sheetCopies   = "复制段落"
	sheetUnread   = "未检查文件"
)

// findingsHeader: 页 is the page of a .pdf or .ofd finding (行 is then the line on that page),
// empty for every other format.
var findingsHeader = []string{"文件", "页", "行", "列", "规则", "级别", "说明"}

// copiesHeader and unreadHeader head the sheets of copied paragraphs and of the files not
// checked.
var (
	copiesHeader = []string{"文件", "页", "行", "规则", "级别", "说明"}
	unreadHeader = []string{"文件", "原因"}
)

// Width limits of a column, in Excel's units (about one Latin character; a Han character
// takes two).
const (
	minColWidth     = 6
	maxColWidth     = 80
	messageColWidth = 100
	// rowLineHeight is the height of a line of text in a row, in points (Excel's default row).
	rowLineHeight = 15
)

type xlsxSummary struct {
	w    io.Writer
	book *xlsx.Workbook
	cols *summaryColumns

	sheet         *xlsx.Sheet // the summary sheet
	details       *xlsx.Sheet // the findings sheet
	copies        *xlsx.Sheet // the copied paragraphs
	unread        *xlsx.Sheet // the files not checked
	detailDropped int         // findings past Excel's row limit
	styles        xlsxStyles
}

type xlsxStyles struct {
	header, present, missing, center, wrap int
}

func newXLSXSummary(w io.Writer) *xlsxSummary {
	return &xlsxSummary{w: w}
}

func (x *xlsxSummary) begin(cols *summaryColumns) error {
	x.cols = cols
	// The workbook is written at end, from each sheet's rows deflated into a temporary file as
	// they came (internal/xlsx): nothing grows with the batch.
	x.book = xlsx.New(x.w)
	var err error
	newStyle := func(s xlsx.Style) int {
		id, e := x.book.AddStyle(s)
		if err == nil {
			err = e
		}
		return id
	}
	x.styles = xlsxStyles{
		header:  newStyle(xlsx.Style{Bold: true, Fill: "DDEBF7", Vertical: "center", Horizontal: "center", Wrap: true}),
		present: newStyle(xlsx.Style{Color: "2E7D32", Horizontal: "center"}),
		missing: newStyle(xlsx.Style{Color: "C62828", Bold: true, Horizontal: "center"}),
		center:  newStyle(xlsx.Style{Horizontal: "center"}),
		wrap:    newStyle(xlsx.Style{Wrap: true, Vertical: "top"}),
	}
	if err != nil {
		return err
	}
	if x.sheet, err = x.book.AddSheet(sheetSummary); err != nil {
		return err
	}
	if x.details, err = x.book.AddSheet(sheetFindings); err != nil {
		return err
	}
	if x.copies, err = x.book.AddSheet(sheetCopies); err != nil {
		return err
	}
	if x.unread, err = x.book.AddSheet(sheetUnread); err != nil {
		return err
	}
	if err := x.startList(x.copies, copiesHeader, []float64{pathColWidth, 4, 6, 24, 6, messageColWidth}); err != nil {
		return err
	}
	if err := x.startList(x.unread, unreadHeader, []float64{pathColWidth * 2, messageColWidth}); err != nil {
		return err
	}
	return x.startSummary()
}

// startList starts a sheet of one row per item (findings, copies, files not checked): its
// column widths, which must be set before any row, its layout, and its header row.
func (x *xlsxSummary) startList(s *xlsx.Sheet, header []string, widths []float64) error {
	s.Widths = widths
	setLayout(s)
	return s.WriteRow(x.headerCells(header), 0)
}

// listRow adds a row ending in a message to a sheet of copies or of files not checked, unless
// Excel's row limit is reached (the findings sheet says how many were left out; these lists
// are far shorter).
func (x *xlsxSummary) listRow(s *xlsx.Sheet, cells []any, msg string) error {
	if s.Rows() == xlsx.MaxRows {
		return nil
	}
	return s.WriteRow(append(cells, x.wrapped(msg)), messageHeight(msg))
}

// Widths of the summary sheet's columns, set before its first row, so that no row is kept
// until the end: the path and unit wrap, the part and score columns are narrow under a wrapped
// header, and the sheet prints on A4 landscape, fit to the page width, with the header
// repeated on every page.
const (
	pathColWidth = 36
	unitColWidth = 22
	markColWidth = 9
	dateColWidth = 11
)

func (x *xlsxSummary) startSummary() error {
	header := x.cols.header()
	widths := make([]float64, len(header))
	for i := range header {
		w := float64(markColWidth)
		switch {
		case i == colFile:
			w = pathColWidth
		case i == colUnit:
			w = unitColWidth
		case i == colFirstPart+len(x.cols.parts)+scoreDate:
			w = dateColWidth
		case i == len(header)-1:
			w = maxColWidth / 2
		}
		widths[i] = w
	}
	x.sheet.Widths = widths
	setLayout(x.sheet)
	// The part names are long: the header row is tall enough for them wrapped (the duties
	// part's 24 characters take six lines of four; at 64 points LibreOffice cut the last).
	return x.sheet.WriteRow(x.headerCells(header), 90)
}

// setLayout gives a sheet a frozen header row and a filter, and makes it print legibly: A4
// landscape, fit to the page width (as many pages down as needed), the margins narrow, the
// header row repeated on every page.
func setLayout(s *xlsx.Sheet) {
	s.FreezeRows, s.Filter = 1, true
	s.Print = &xlsx.Print{Landscape: true, FitWidth: true, TitleRows: 1, Margin: 0.4}
}

// startDetails opens the findings sheet at its first finding, when the first file's path is
// known to size the file column.
func (x *xlsxSummary) startDetails(path string) error {
	ruleWidth := 0
	for _, c := range checker.Checks() {
		ruleWidth = max(ruleWidth, textWidth(c.ID))
	}
	content := []int{textWidth(path), 4, 6, 6, ruleWidth, textWidth("级别"), messageColWidth}
	widths := make([]float64, len(content))
	for i, w := range content {
		widths[i] = colWidth(w, findingsHeader[i], i == len(content)-1)
	}
	return x.startList(x.details, findingsHeader, widths)
}

func (x *xlsxSummary) row(r *checker.Result, cells []any) error {
	if r.Err != nil {
		if err := x.listRow(x.unread, []any{r.Path}, "无法读取："+r.Err.Error()); err != nil {
			return err
		}
	}
	if x.sheet.Rows() < xlsx.MaxRows {
		for i, v := range cells {
			cells[i] = x.styled(i, v)
		}
		if err := x.sheet.WriteRow(cells, 0); err != nil {
			return err
		}
	}
	for _, d := range r.Diagnostics {
		if x.details.Rows() == 0 {
			if err := x.startDetails(r.Path); err != nil {
				return err
			}
		}
		if x.details.Rows() == xlsx.MaxRows-1 {
			x.detailDropped++
			continue
		}
		var page any
		if d.Page > 0 {
			page = d.Page
		}
		msg := messageWithSuggestion(d)
		if err := x.details.WriteRow([]any{r.Path, page, d.Line, d.Column, d.Rule,
			severityLabel[d.Severity], x.wrapped(msg)}, messageHeight(msg)); err != nil {
			return err
		}
		if strings.HasPrefix(d.Rule, "batch/") {
			if err := x.listRow(x.copies, []any{r.Path, page, d.Line, d.Rule,
				severityLabel[d.Severity]}, d.Message); err != nil {
				return err
			}
		}
	}
	return nil
}

func (x *xlsxSummary) end(sum Summary) error {
	for _, k := range sum.Skipped {
		if err := x.listRow(x.unread, []any{k.Path}, "跳过："+k.Reason); err != nil {
			x.book.Close()
			return err
		}
	}
	if x.details.Rows() == 0 {
		if err := x.startDetails(""); err != nil {
			x.book.Close()
			return err
		}
	}
	if x.detailDropped > 0 {
		note := fmt.Sprintf("另有 %d 条问题超出 Excel 的行数上限，未列出；完整结果请用 --format json 导出", x.detailDropped)
		if err := x.details.WriteRow([]any{note}, 0); err != nil {
			x.book.Close()
			return err
		}
	}
	return x.book.Close()
}

// wrapped is a message cell: it wraps within its column, so that a long message is read whole
// on screen and in print rather than cut at the page's edge (its row is made tall enough by
// messageHeight).
func (x *xlsxSummary) wrapped(msg string) xlsx.Cell {
	return xlsx.Cell{Style: x.styles.wrap, Value: msg}
}

// messageHeight is the height of a row whose message wraps over more than one line of the
// message column (0, the default, for one line). The height is written, not left to the
// spreadsheet: LibreOffice does not make a wrapped row taller when it opens the file.
func messageHeight(msg string) float64 {
	const perLine = messageColWidth - 4 // the column's width less its padding, in Excel's units
	lines := (textWidth(msg) + perLine - 1) / perLine
	if lines <= 1 {
		return 0
	}
	return float64(lines) * rowLineHeight
}

// styled gives the part marks their colour and centres the short columns.
func (x *xlsxSummary) styled(col int, v any) any {
	nParts := len(x.cols.parts)
	switch {
	case v == "":
		return nil // no cell
	case col >= colFirstPart && col < colFirstPart+nParts,
		col >= colFirstPart+nParts && col < colFirstPart+nParts+len(scoreHeader) && col != colFirstPart+nParts+scoreDate:
		switch v {
		case markPresent:
			return xlsx.Cell{Style: x.styles.present, Value: v}
		case markMissing:
			return xlsx.Cell{Style: x.styles.missing, Value: v}
		}
		return xlsx.Cell{Style: x.styles.center, Value: v}
	case col == colYear || col == colKind:
		return xlsx.Cell{Style: x.styles.center, Value: v}
	case col == colFile || col == colUnit:
		return xlsx.Cell{Style: x.styles.wrap, Value: v}
	}
	return v
}

func (x *xlsxSummary) headerCells(names []string) []any {
	cells := make([]any, len(names))
	for i, n := range names {
		cells[i] = xlsx.Cell{Style: x.styles.header, Value: n}
	}
	return cells
}

// textWidth is a text's width in Excel's column units: a Han character counts as two.
func textWidth(s string) int { return runewidth.StringWidth(s) }

// colWidth is a column's width for its widest cell and its header, with a margin for the
// filter button, within limits; the last, free-text column of a sheet may be wider.
func colWidth(content int, header string, wide bool) float64 {
	w := max(content, textWidth(header)+3) + 2
	limit := maxColWidth
	if wide {
		limit = messageColWidth
	}
	return float64(min(max(w, minColWidth), limit))
}
