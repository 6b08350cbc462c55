package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/fzlint/fzlint/checker"
)

// csvSummary writes the summary table (the .xlsx's first sheet) as CSV: UTF-8 with a byte
// order mark, which Excel needs to read Chinese correctly, and CRLF line ends (RFC 4180).
//
// It is one file, one table: the per-finding details are in the .xlsx's second sheet, the
// .html page and --format json; a second CSV with a derived name would surprise people who
// asked for one file.
type csvSummary struct {
	w  io.Writer
	cw *csv.Writer
}

const utf8BOM = "\uFEFF"

func (c *csvSummary) begin(cols *summaryColumns) error {
	if _, err := io.WriteString(c.w, utf8BOM); err != nil {
		return err
	}
	c.cw = csv.NewWriter(c.w)
	c.cw.UseCRLF = true
	return c.cw.Write(cols.header())
}

func (c *csvSummary) row(_ *checker.Result, cells []any) error {
	rec := make([]string, len(cells))
	for i, v := range cells {
		if s, ok := v.(string); ok {
			rec[i] = csvText(s)
		} else {
			rec[i] = fmt.Sprint(v)
		}
	}
	return c.cw.Write(rec)
}

func (c *csvSummary) end(Summary) error {
	c.cw.Flush()
	return c.cw.Error()
}

// csvText keeps a spreadsheet from running text as a formula (CSV injection): a unit name or a
// file name comes from the submissions, and one that starts with = + - or @ would be
// evaluated when the supervisor opens the file. Such text is prefixed with an apostrophe, as
// OWASP recommends.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
