package render

import (
	"archive/zip"
	"fmt"
	"io"

	"github.com/mattn/go-runewidth"
	"github.com/xuri/excelize/v2"

	"github.com/fzlint/fzlint/checker"
)

// The .xlsx summary: sheet "汇总" has one row per file (the table of summaryColumns), sheet
// "问题明细" one row per finding. Both have a frozen header row and an autofilter.
//
// Rows go through excelize's StreamWriters, which spill to a temporary file past 16 MB, so
// thousands of files fit and no row is kept. A stream writer needs its column widths before
// its first row: both sheets are written as results come, with widths chosen up front (the
// summary's path and unit columns wrap; the findings sheet sizes its file column from the
// first file's path; rule ids are known; the message column is wide).
const (
	sheetSummary  = "汇总"
	sheetFindings = "问题明细"
)

// findingsHeader: 页 is the page of a .pdf or .ofd finding (行 is then the line on that page),
// empty for every other format.
var findingsHeader = []string{"文件", "页", "行", "列", "规则", "级别", "说明"}

// Width limits of a column, in Excel's units (about one Latin character; a Han character
// takes two).
const (
	minColWidth     = 6
	maxColWidth     = 80
	messageColWidth = 100
)

type xlsxSummary struct {
	w    io.Writer
	f    *excelize.File
	cols *summaryColumns

	sheet      *excelize.StreamWriter // the summary sheet
	summaryRow int                    // last row written to it

	details       *excelize.StreamWriter // the findings sheet
	detailRow     int                    // last row written to it
	detailDropped int                    // findings past Excel's row limit
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
	x.f = excelize.NewFile()
	// The workbook is zipped straight into the output: excelize's WriteTo would build the whole
	// file in memory first (28 MB at 100,000 reports), then copy it out. What it then writes
	// after the zip is the empty buffer. (Its zip64 fix-up, for a sheet over 4 GB, looks at that
	// buffer; a sheet here has at most Excel's 1,048,576 rows of a few hundred bytes.)
	x.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(x.w) })
	if err := x.f.SetSheetName("Sheet1", sheetSummary); err != nil {
		return err
	}
	if _, err := x.f.NewSheet(sheetFindings); err != nil {
		return err
	}
	var err error
	newStyle := func(s *excelize.Style) int {
		id, e := x.f.NewStyle(s)
		if err == nil {
			err = e
		}
		return id
	}
	center := &excelize.Alignment{Horizontal: "center"}
	x.styles = xlsxStyles{
		header: newStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "center", WrapText: true}}),
		present: newStyle(&excelize.Style{Font: &excelize.Font{Color: "2E7D32"}, Alignment: center}),
		missing: newStyle(&excelize.Style{Font: &excelize.Font{Color: "C62828", Bold: true}, Alignment: center}),
		center:  newStyle(&excelize.Style{Alignment: center}),
		wrap:    newStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
	}
	if err != nil {
		return err
	}
	return x.startSummary()
}

// Widths of the summary sheet's columns, set before its first row (a stream writer needs them
// then), so that no row is kept until the end: the path and unit wrap, the part and score
// columns are narrow under a wrapped header, and the sheet prints on A4 landscape, fit to the
// page width, with the header repeated on every page.
const (
	pathColWidth = 36
	unitColWidth = 22
	markColWidth = 9
	dateColWidth = 11
)

func (x *xlsxSummary) startSummary() error {
	header := x.cols.header()
	widths := make([]float64, len(header))
	total := 0.0
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
		widths[i], total = w, total+w
	}
	// Set before the stream starts: it writes the page setup with its first row.
	if err := x.printLayout(sheetSummary, len(header), total); err != nil {
		return err
	}
	sw, err := x.f.NewStreamWriter(sheetSummary)
	if err != nil {
		return err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := freezeHeader(sw); err != nil {
		return err
	}
	// The part names are long: the header row is tall enough for them wrapped.
	if err := sw.SetRow("A1", x.headerCells(header), excelize.RowOpts{Height: 64}); err != nil {
		return err
	}
	x.sheet, x.summaryRow = sw, 1
	return nil
}

// pageWidth is what fits across A4 landscape within the margins, in column width units at
// 100 % (measured: LibreOffice prints about 115 units across it).
const pageWidth = 110.0

// printLayout makes a sheet print legibly: A4 landscape, scaled so that its columns (total
// width) fit the page width (as many pages down as needed), the header row repeated on every
// page. The scale is computed, not "fit to page": excelize's stream writer cannot write the
// sheet property that asks for fitting.
func (x *xlsxSummary) printLayout(sheet string, cols int, total float64) error {
	landscape, a4 := "landscape", 9
	scale := uint(min(100, max(30, int(100*pageWidth/total))))
	if err := x.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4,
		AdjustTo: &scale}); err != nil {
		return err
	}
	margin := 0.4
	if err := x.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &margin, Right: &margin, Top: &margin, Bottom: &margin}); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(cols)
	return x.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$A$1:$%s$1", sheet, last), Scope: sheet})
}

// startDetails opens the findings sheet at its first finding, when the first file's path is
// known to size the file column.
func (x *xlsxSummary) startDetails(path string) error {
	sw, err := x.f.NewStreamWriter(sheetFindings)
	if err != nil {
		return err
	}
	ruleWidth := 0
	for _, c := range checker.Checks() {
		ruleWidth = max(ruleWidth, textWidth(c.ID))
	}
	widths := []int{textWidth(path), 4, 6, 6, ruleWidth, textWidth("级别"), messageColWidth}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, colWidth(w, findingsHeader[i], i == len(widths)-1)); err != nil {
			return err
		}
	}
	if err := freezeHeader(sw); err != nil {
		return err
	}
	x.details, x.detailRow = sw, 1
	return sw.SetRow("A1", x.headerCells(findingsHeader))
}

func (x *xlsxSummary) row(r *checker.Result, cells []any) error {
	if x.summaryRow < excelize.TotalRows {
		styled := make([]any, len(cells))
		for i, v := range cells {
			styled[i] = x.styled(i, v)
		}
		x.summaryRow++
		cell, _ := excelize.CoordinatesToCellName(1, x.summaryRow)
		if err := x.sheet.SetRow(cell, styled); err != nil {
			return err
		}
	}
	for _, d := range r.Diagnostics {
		if x.details == nil {
			if err := x.startDetails(r.Path); err != nil {
				return err
			}
		}
		if x.detailRow == excelize.TotalRows-1 {
			x.detailDropped++
			continue
		}
		x.detailRow++
		cell, _ := excelize.CoordinatesToCellName(1, x.detailRow)
		var page any
		if d.Page > 0 {
			page = d.Page
		}
		if err := x.details.SetRow(cell, []any{r.Path, page, d.Line, d.Column, d.Rule,
			severityLabel[d.Severity], messageWithSuggestion(d)}); err != nil {
			return err
		}
	}
	return nil
}

func (x *xlsxSummary) end(Summary) error {
	defer x.f.Close()
	if err := x.writeSummarySheet(); err != nil {
		return err
	}
	if x.details == nil {
		if err := x.startDetails(""); err != nil {
			return err
		}
	}
	if x.detailDropped > 0 {
		x.detailRow++
		cell, _ := excelize.CoordinatesToCellName(1, x.detailRow)
		note := fmt.Sprintf("另有 %d 条问题超出 Excel 的行数上限，未列出；完整结果请用 --format json 导出", x.detailDropped)
		if err := x.details.SetRow(cell, []any{note}); err != nil {
			return err
		}
	}
	if err := finishSheet(x.f, x.details, sheetFindings, len(findingsHeader), x.detailRow); err != nil {
		return err
	}
	_, err := x.f.WriteTo(x.w)
	return err
}

func (x *xlsxSummary) writeSummarySheet() error {
	return finishSheet(x.f, x.sheet, sheetSummary, len(x.cols.header()), x.summaryRow)
}

// styled gives the part marks their colour and centres the short columns.
func (x *xlsxSummary) styled(col int, v any) any {
	nParts := len(x.cols.parts)
	switch {
	case v == "":
		return nil // no cell
	case col >= colFirstPart && col < colFirstPart+nParts:
		switch v {
		case markPresent:
			return excelize.Cell{StyleID: x.styles.present, Value: v}
		case markMissing:
			return excelize.Cell{StyleID: x.styles.missing, Value: v}
		}
		return excelize.Cell{StyleID: x.styles.center, Value: v}
	case col >= colFirstPart+nParts && col < colFirstPart+nParts+len(scoreHeader) && col != colFirstPart+nParts+scoreDate:
		switch v {
		case markPresent:
			return excelize.Cell{StyleID: x.styles.present, Value: v}
		case markMissing:
			return excelize.Cell{StyleID: x.styles.missing, Value: v}
		}
		return excelize.Cell{StyleID: x.styles.center, Value: v}
	case col == colYear || col == colKind:
		return excelize.Cell{StyleID: x.styles.center, Value: v}
	case col == colFile || col == colUnit:
		return excelize.Cell{StyleID: x.styles.wrap, Value: v}
	}
	return v
}

func (x *xlsxSummary) headerCells(names []string) []any {
	cells := make([]any, len(names))
	for i, n := range names {
		cells[i] = excelize.Cell{StyleID: x.styles.header, Value: n}
	}
	return cells
}

// freezeHeader keeps the first row in view while scrolling.
func freezeHeader(sw *excelize.StreamWriter) error {
	return sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}})
}

// finishSheet puts an autofilter over the written rows and ends the stream. The filter is set
// on the worksheet the stream writer holds, before Flush writes the elements that follow the
// rows, where Excel expects it.
func finishSheet(f *excelize.File, sw *excelize.StreamWriter, sheet string, cols, rows int) error {
	last, _ := excelize.CoordinatesToCellName(cols, max(rows, 1))
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return err
	}
	return sw.Flush()
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
