package render

import (
	"fmt"
	"io"

	"github.com/mattn/go-runewidth"
	"github.com/xuri/excelize/v2"

	"github.com/fzlint/fzlint/checker"
)

// The .xlsx summary: sheet "汇总" has one row per file (the table of summaryColumns), sheet
// "问题明细" one row per finding. Both have a frozen header row and an autofilter.
//
// Rows go through excelize's StreamWriter, which spills to a temporary file past 16 MB, so
// thousands of files fit. A stream writer needs its column widths before its first row: the
// findings sheet is written as results come, with widths chosen up front (the first file's
// path; rule ids are known; the message column is wide), while the summary sheet's rows, a
// few short values per file, are kept until Close and written with widths that fit them.
const (
	sheetSummary  = "汇总"
	sheetFindings = "问题明细"
)

var findingsHeader = []string{"文件", "行", "列", "规则", "级别", "说明"}

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
	rows [][]any // the summary sheet, written at Close

	details       *excelize.StreamWriter // the findings sheet
	detailRow     int                    // last row written to it
	detailDropped int                    // findings past Excel's row limit
	styles        xlsxStyles
}

type xlsxStyles struct {
	header, present, missing, center int
}

func newXLSXSummary(w io.Writer) *xlsxSummary {
	return &xlsxSummary{w: w}
}

func (x *xlsxSummary) begin(cols *summaryColumns) error {
	x.cols = cols
	x.f = excelize.NewFile()
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
			Alignment: &excelize.Alignment{Vertical: "center"}}),
		present: newStyle(&excelize.Style{Font: &excelize.Font{Color: "2E7D32"}, Alignment: center}),
		missing: newStyle(&excelize.Style{Font: &excelize.Font{Color: "C62828", Bold: true}, Alignment: center}),
		center:  newStyle(&excelize.Style{Alignment: center}),
	}
	return err
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
	widths := []int{textWidth(path), 6, 6, ruleWidth, textWidth("级别"), messageColWidth}
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
	x.rows = append(x.rows, cells)
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
		if err := x.details.SetRow(cell, []any{r.Path, d.Line, d.Column, d.Rule,
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
	header := x.cols.header()
	widths := make([]int, len(header))
	for _, row := range x.rows {
		for i, v := range row {
			widths[i] = max(widths[i], textWidth(fmt.Sprint(v)))
		}
	}
	sw, err := x.f.NewStreamWriter(sheetSummary)
	if err != nil {
		return err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, colWidth(w, header[i], false)); err != nil {
			return err
		}
	}
	if err := freezeHeader(sw); err != nil {
		return err
	}
	if err := sw.SetRow("A1", x.headerCells(header)); err != nil {
		return err
	}
	for n, row := range x.rows {
		cells := make([]any, len(row))
		for i, v := range row {
			cells[i] = x.styled(i, v)
		}
		cell, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	rows := len(x.rows) + 1
	x.rows = nil
	return finishSheet(x.f, sw, sheetSummary, len(header), rows)
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
	case col == colYear || col == colKind:
		return excelize.Cell{StyleID: x.styles.center, Value: v}
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
