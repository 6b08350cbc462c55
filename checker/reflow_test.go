package checker_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/fix"
	"github.com/fzlint/fzlint/checker/input"
)

// relaid is a seed laid out anew — copied as one line, or hard-wrapped — with where each
// character of the seed went: at(line, col) is the position in the new file of rune col of
// the seed's line.
type relaid struct {
	text string
	at   func(line, col int) (int, int)
}

func seedLines(t *testing.T, f string) []string {
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n"), "\n")
}

// oneLine joins the seed's lines with a space, as a copy out of a web page into one field does.
func oneLine(lines []string) relaid {
	var b strings.Builder
	start := make([]int, len(lines)+1) // rune offset of each line
	for i, l := range lines {
		if i > 0 {
			b.WriteString(" ")
		}
		start[i] = len([]rune(b.String()))
		b.WriteString(l)
	}
	return relaid{b.String(), func(line, col int) (int, int) { return 1, start[line-1] + col }}
}

// wrapped breaks each line of the seed every width display cells (a Chinese character takes
// two), as text copied out of a PDF file comes.
func wrapped(lines []string, width int) relaid {
	type place struct{ line, col int }
	var out []string
	where := make([][]place, len(lines))
	for i, l := range lines {
		rs := []rune(l)
		where[i] = make([]place, len(rs)+1)
		cur, w := []rune{}, 0
		for k, r := range rs {
			if rw := runewidth.RuneWidth(r); w+rw > width {
				out = append(out, string(cur))
				cur, w = nil, 0
			}
			where[i][k] = place{len(out) + 1, len(cur) + 1}
			cur = append(cur, r)
			w += runewidth.RuneWidth(r)
		}
		where[i][len(rs)] = place{len(out) + 1, len(cur) + 1}
		out = append(out, string(cur))
	}
	return relaid{strings.Join(out, "\n"), func(line, col int) (int, int) {
		ws := where[line-1]
		if col-1 >= len(ws) {
			col = len(ws)
		}
		p := ws[col-1]
		return p.line, p.col
	}}
}

// sameFindings compares the findings on a relaid seed with the seed's, mapped through the
// construction: the same rules fire at the same places, and the report has the same year and
// parts. Messages may differ only in the line numbers they name.
func sameFindings(t *testing.T, l *checker.Linter, f string, r relaid) {
	t.Helper()
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	want := l.CheckBytes(f, data, checker.Options{})
	got := l.CheckBytes(f, []byte(r.text), checker.Options{})
	if got.Report.Year != want.Report.Year {
		t.Errorf("year %d, want %d", got.Report.Year, want.Report.Year)
	}
	for id, line := range want.Report.Sections {
		if (got.Report.Sections[id] == 0) != (line == 0) {
			t.Errorf("part %s: line %d, the seed's at %d", id, got.Report.Sections[id], line)
		} else if line > 0 {
			if wl, _ := r.at(line, 1); got.Report.Sections[id] != wl {
				t.Errorf("part %s at line %d, want %d", id, got.Report.Sections[id], wl)
			}
		}
	}
	key := func(rule string, line, col int, msg string) string {
		return fmt.Sprintf("%d:%d %s %s", line, col, rule, lineRefs.ReplaceAllString(msg, "第…行"))
	}
	var g, w []string
	for _, d := range got.Diagnostics {
		g = append(g, key(d.Rule, d.Line, d.Column, d.Message))
	}
	for _, d := range want.Diagnostics {
		line, col := r.at(d.Line, d.Column)
		w = append(w, key(d.Rule, line, col, d.Message))
	}
	sort.Strings(g)
	sort.Strings(w)
	if strings.Join(g, "\n") != strings.Join(w, "\n") {
		t.Errorf("findings differ from the seed's mapped through the layout\n--- want\n%s\n--- got\n%s", strings.Join(w, "\n"), strings.Join(g, "\n"))
	}
}

func TestOneLineSeeds(t *testing.T) {
	l := linterFor(t)
	for _, f := range seedFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) { sameFindings(t, l, f, oneLine(seedLines(t, f))) })
	}
}

func TestHardWrappedSeeds(t *testing.T) {
	l := linterFor(t)
	for _, f := range seedFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) { sameFindings(t, l, f, wrapped(seedLines(t, f), 68)) })
	}
}

var lineRefs = regexp.MustCompile(`第[0-9、]+(等[0-9]+)?行`)

// TestFixesOnRelaidSeeds: the fixes of a relaid seed edit its own lines at the places the
// seed's fixes edit the seed; an edit that a line break cuts is refused, never applied.
func TestFixesOnRelaidSeeds(t *testing.T) {
	l := linterFor(t)
	for _, f := range seedFiles(t) {
		lines := seedLines(t, f)
		want := fix.Apply(lines, fix.Edits(l.CheckText(f, &input.Text{Lines: lines}, checker.Options{}).Diagnostics))
		for name, r := range map[string]relaid{"one line": oneLine(lines), "wrapped": wrapped(lines, 68)} {
			phys := strings.Split(r.text, "\n")
			res := l.CheckText(f, &input.Text{Lines: phys}, checker.Options{})
			got := fix.Apply(res.Source, fix.Edits(res.Diagnostics))
			if len(got.Lines) != len(phys) {
				t.Fatalf("%s %s: %d lines after fixing, %d before", filepath.Base(f), name, len(got.Lines), len(phys))
			}
			if len(got.Applied)+len(got.Refused) != len(want.Applied)+len(want.Refused) || len(got.Applied) == 0 {
				t.Errorf("%s %s: %d edits applied and %d refused; the seed: %d and %d", filepath.Base(f), name, len(got.Applied), len(got.Refused), len(want.Applied), len(want.Refused))
			}
			// Each applied edit is one of the seed's, at the place the layout moved it to.
			seedEdits := map[string]bool{}
			for _, e := range want.Applied {
				line, col := r.at(e.Line, e.Column)
				seedEdits[fmt.Sprintf("%d:%d %s", line, col, e.New)] = true
			}
			for _, e := range got.Applied {
				if k := fmt.Sprintf("%d:%d %s", e.Line, e.Column, e.New); !seedEdits[k] {
					t.Errorf("%s %s: edit %s is not one of the seed's", filepath.Base(f), name, k)
				}
			}
		}
	}
}

// TestWrappedTitleIsBalanced: a 《 opened on one line of a hard-wrapped file and closed on the
// next is balanced; a stale term cut by the wrap is found, from its line to the next.
func TestWrappedTitleIsBalanced(t *testing.T) {
	para := "2023年，全县上下团结一心、攻坚克难、锐意进取、奋发有为，坚持以党的十九大精神为指导，认真贯彻落实《法治政府建设实施纲要（2021—2025年）》和《中华人民共和国行政复议法》，" +
		"全面推进严格规范公正文明执法，持续深化“放管服”改革，行政复议案件办理质量稳步提升，行政机关负责人出庭应诉率保持在较高水平，基层法治建设基础不断夯实。"
	lines := []string{"某县人民政府关于2023年度法治政府建设情况的报告", para, "一、2023年度推进法治政府建设的主要举措和成效", para}
	r := wrapped(lines, 66) // 33 characters a line: 党的 | 十九大精神
	res := linterFor(t, "language/unbalanced-pair", "language/stale-term").CheckBytes("r.txt", []byte(r.text), checker.Options{})
	stale := 0
	for _, d := range res.Diagnostics {
		switch d.Rule {
		case "language/unbalanced-pair":
			t.Errorf("%d:%d %s", d.Line, d.Column, d.Message)
		case "language/stale-term":
			stale++
			if d.EndLine != d.Line+1 {
				t.Errorf("the stale term cut by the wrap: %d:%d–%d:%d", d.Line, d.Column, d.EndLine, d.EndColumn)
			}
		}
	}
	if stale != 1 {
		t.Errorf("stale-term findings: %d, want 1: %+v", stale, res.Diagnostics)
	}
}
