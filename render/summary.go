package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/batch"
	"github.com/fzlint/fzlint/checker/input"
)

// The supervisor's summary (`fzlint check --report FILE`): one row per file with its unit,
// year, kind, which parts it has, and its counts, in the kind the file's extension names. It is
// written beside the --format output, from the same results.
//
// Like every renderer it streams: a summary keeps no file's row once written, never the file's
// text (the .xlsx's rows wait deflated in temporary files until the end).

// SummaryKinds lists the extensions --report accepts.
var SummaryKinds = []string{".xlsx", ".csv", ".html", ".json"}

// SummaryKind returns the kind of summary a file name asks for: its extension in lower case,
// one of SummaryKinds (".htm" counts as ".html").
func SummaryKind(name string) (string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".htm" {
		ext = ".html"
	}
	for _, k := range SummaryKinds {
		if ext == k {
			return k, nil
		}
	}
	return "", fmt.Errorf("--report %s: unknown kind %q (want a file ending in %s)", name, ext, strings.Join(SummaryKinds, ", "))
}

// htmlGenerator is how the summary page names its maker, in its first lines (a walk leaves
// such a page out: batch.SummaryGenerator).
const htmlGenerator = batch.SummaryGenerator

// MayReplace reports whether a summary of a kind from SummaryKind may replace the regular file
// at path: only when fzlint wrote it, as its beginning shows (the page's generator, the .csv's
// header, the .json's opening, the .xlsx's sheet of findings). A glob after --report
// (--report *.xlsx) hands it the first of the user's files, which must not be lost.
func MayReplace(kind, path string) bool {
	if kind == ".xlsx" {
		return input.ZipPartContains(path, "xl/workbook.xml", []byte(`name="问题明细"`), 1<<20)
	}
	head := input.Head(path, 4096)
	switch kind {
	case ".html":
		return bytes.Contains(head, []byte(htmlGenerator))
	case ".csv":
		return bytes.HasPrefix(head, []byte("\ufeff文件,单位,年度,类型"))
	case ".json":
		return bytes.HasPrefix(head, []byte("{\n  \"version\": 1,\n  \"files\": ["))
	}
	return false
}

// NewSummary returns the summary renderer of a kind from SummaryKind. Nothing is written to w
// before the first file or Close.
func NewSummary(kind string, w io.Writer, opt Options) (Renderer, error) {
	switch kind {
	case ".json":
		return newJSON(w, opt), nil
	case ".csv":
		return &summary{sink: &csvSummary{w: w}}, nil
	case ".html":
		return &summary{sink: newHTMLSummary(w, opt)}, nil
	case ".xlsx":
		return &summary{sink: newXLSXSummary(w)}, nil
	}
	return nil, fmt.Errorf("unknown summary kind %q", kind)
}

// Tee returns a renderer that gives every result to each renderer in turn, and closes them all.
func Tee(rs ...Renderer) Renderer { return tee(rs) }

type tee []Renderer

func (t tee) File(r *checker.Result) error {
	var errs []error
	for _, x := range t {
		errs = append(errs, x.File(r))
	}
	return errors.Join(errs...)
}

func (t tee) Close(s Summary) error {
	var errs []error
	for _, x := range t {
		errs = append(errs, x.Close(s))
	}
	return errors.Join(errs...)
}

// Marks of the part columns.
const (
	markPresent = "✓" // the part is there
	markMissing = "✗" // a mandated part is missing
	markNone    = "—" // an optional part is absent, which is fine
)

// partColumn is one part of the rule set, a column of the summary.
type partColumn struct {
	id, name string
}

// summaryColumns are the columns of the summary table. The parts come from the first file
// that has a report (all files normally share one rule set; a part that only another
// configuration defines is not shown).
type summaryColumns struct {
	parts []partColumn
}

func newSummaryColumns(rep *checker.Report) *summaryColumns {
	c := &summaryColumns{}
	if rep != nil {
		for _, id := range rep.PartIDs {
			name := rep.PartNames[id]
			if name == "" {
				name = id
			}
			c.parts = append(c.parts, partColumn{id, name})
		}
	}
	return c
}

// header names the columns: 文件, 单位, 年度, 类型, one per part, 错误, 警告, 提示, and why the
// file could not be read or was skipped.
func (c *summaryColumns) header() []string {
	h := []string{"文件", "单位", "年度", "类型"}
	for _, p := range c.parts {
		h = append(h, p.name)
	}
	h = append(h, scoreHeader...)
	return append(h, "错误", "警告", "提示", "无法读取或跳过")
}

// scoreHeader names the scorecard's columns, after the parts (README, "The scorecard"):
// the 成文日期 and whether it meets the deadline, whether the deficiencies part gives causes,
// the duties covered, the figures stated, and the findings on consistency, language and copies.
var scoreHeader = []string{"成文日期", "按时报送", "分析原因", "职责覆盖", "数据", "一致性问题", "表述问题", "雷同段落"}

// Indexes of the scorecard's columns, counted from the first.
const (
	scoreDate = iota
	scoreOnTime
	scoreCauses
	scoreDuties
)

// onTime says whether a report was dated within its deadline: 1 yes, 0 no (dated after it,
// or a final draft without a date: structure/deadline's findings), -1 no date to judge (a
// published copy without its date line).
func onTime(r *checker.Result) int {
	for _, d := range r.Diagnostics {
		if d.Rule == "structure/deadline" {
			return 0
		}
	}
	if r.Report.Score.Date != "" {
		return 1
	}
	return -1
}

// scoreCells returns a file's scorecard cells: marks and strings, counts as ints; empty when
// the file has no scorecard (it could not be read, or no summary asked for one).
func scoreCells(r *checker.Result) []any {
	cells := make([]any, len(scoreHeader))
	for i := range cells {
		cells[i] = ""
	}
	if r.Report == nil || r.Report.Score == nil {
		return cells
	}
	sc := r.Report.Score
	cells[scoreDate] = sc.Date
	cells[scoreOnTime] = [...]string{markNone, markMissing, markPresent}[onTime(r)+1]
	switch sc.Causes {
	case 1:
		cells[scoreCauses] = markPresent
	case 0:
		cells[scoreCauses] = markMissing
	}
	if sc.DutiesOf > 0 {
		cells[scoreDuties] = fmt.Sprintf("%d/%d", sc.Duties, sc.DutiesOf)
	}
	cons, lang, copied := r.Tally()
	cells[scoreDuties+1], cells[scoreDuties+2], cells[scoreDuties+3], cells[scoreDuties+4] = sc.Statistics, cons, lang, copied
	return cells
}

// Indexes of the columns around the parts.
const (
	colFile = iota
	colUnit
	colYear
	colKind
	colFirstPart
)

// cells returns a file's row: strings and ints (year 0 is left empty). The strings are copies:
// a unit name found in the text may share the memory of the whole document, which a row kept
// until the end of the run must not hold.
func (c *summaryColumns) cells(r *checker.Result) []any {
	row := make([]any, 0, colFirstPart+len(c.parts)+len(scoreHeader)+4)
	var unit, kind, year any = "", "", ""
	if rep := r.Report; rep != nil {
		unit, kind = strings.Clone(rep.Unit), profileLabel[rep.Profile]
		if rep.Year > 0 {
			year = rep.Year
		}
	}
	row = append(row, strings.Clone(r.Path), unit, year, kind)
	for _, p := range c.parts {
		row = append(row, partMark(r.Report, p.id))
	}
	row = append(row, scoreCells(r)...)
	e, w, i := r.Count()
	reason := ""
	if r.Err != nil {
		reason = r.Err.Error()
	}
	return append(row, e, w, i, reason)
}

// severityLabel names a severity in Chinese, for the summaries read by people.
var severityLabel = map[checker.Severity]string{checker.Error: "错误", checker.Warning: "警告", checker.Info: "提示"}

var profileLabel = map[string]string{"government": "政府", "department": "部门"}

func partMark(rep *checker.Report, id string) string {
	if rep == nil {
		return ""
	}
	line, known := rep.Sections[id]
	switch {
	case !known:
		return ""
	case line > 0:
		return markPresent
	case rep.Optional[id]:
		return markNone
	}
	return markMissing
}

// summarySink is one kind of summary table. begin is called once, before the first row, with
// the columns; row gets each file with its cells; end closes the table.
type summarySink interface {
	begin(c *summaryColumns) error
	row(r *checker.Result, cells []any) error
	end(s Summary) error
}

// summary is the Renderer of the table kinds. Until a file with a report names the parts,
// results (only unreadable files have no report) wait, without their text.
type summary struct {
	sink    summarySink
	cols    *summaryColumns
	pending []checker.Result
	// err is the first write that failed (a full disk): every later call returns it and
	// writes nothing, so that a sink is never used half set up.
	err error
}

func (s *summary) File(r *checker.Result) error {
	if s.err != nil {
		return s.err
	}
	s.err = s.file(r)
	return s.err
}

func (s *summary) file(r *checker.Result) error {
	if s.cols == nil {
		if r.Report == nil {
			keep := *r
			keep.Source = nil
			s.pending = append(s.pending, keep)
			return nil
		}
		if err := s.start(r.Report); err != nil {
			return err
		}
	}
	return s.sink.row(r, s.cols.cells(r))
}

func (s *summary) start(rep *checker.Report) error {
	s.cols = newSummaryColumns(rep)
	if err := s.sink.begin(s.cols); err != nil {
		return err
	}
	for i := range s.pending {
		if err := s.sink.row(&s.pending[i], s.cols.cells(&s.pending[i])); err != nil {
			return err
		}
	}
	s.pending = nil
	return nil
}

func (s *summary) Close(sum Summary) error {
	if s.err != nil {
		return s.err
	}
	s.err = s.close(sum)
	return s.err
}

func (s *summary) close(sum Summary) error {
	if s.cols == nil {
		if err := s.start(nil); err != nil {
			return err
		}
	}
	for _, k := range sum.Skipped {
		r := checker.Result{Path: k.Path}
		if err := s.sink.row(&r, s.cols.skippedCells(k)); err != nil {
			return err
		}
	}
	return s.sink.end(sum)
}

// skippedCells is the row of a file a directory walk left out: its path, and in the last
// column "跳过：" and the reason.
func (c *summaryColumns) skippedCells(k checker.Skip) []any {
	row := make([]any, 0, colFirstPart+len(c.parts)+len(scoreHeader)+4)
	row = append(row, k.Path, "", "", "")
	for range len(c.parts) + len(scoreHeader) {
		row = append(row, "")
	}
	return append(row, "", "", "", "跳过："+k.Reason)
}
