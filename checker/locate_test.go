package checker_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/fix"
	"github.com/fzlint/fzlint/checker/input"
)

// joinLines makes the text a reader gives for physical lines re-joined into logical ones:
// groups[i] lists the physical lines (0-based) that form logical line i+1.
func joinLines(physical []string, groups [][]int) *input.Text {
	t := &input.Text{Source: physical, Map: &input.SourceMap{}, Encoding: input.UTF8}
	for _, g := range groups {
		var b strings.Builder
		var spans []input.Span
		col := 0
		for _, k := range g {
			n := utf8.RuneCountInString(physical[k])
			spans = append(spans, input.Span{Col: col, N: n, Src: input.Pos{Line: k + 1, Col: 1}})
			b.WriteString(physical[k])
			col += n
		}
		t.Lines = append(t.Lines, b.String())
		t.Map.Lines = append(t.Map.Lines, spans)
	}
	return t
}

// between returns the text of lines from (line, col) to (endLine, endCol), end exclusive,
// with the line breaks left out.
func between(lines []string, line, col, endLine, endCol int) string {
	var b strings.Builder
	for n := line; n <= endLine; n++ {
		rs := []rune(lines[n-1])
		from, to := 0, len(rs)
		if n == line {
			from = col - 1
		}
		if n == endLine {
			to = endCol - 1
		}
		if from < to {
			b.WriteString(string(rs[from:to]))
		}
	}
	return b.String()
}

func TestFindingsAreLocatedInTheFile(t *testing.T) {
	physical := []string{
		"某县人民政府关于2024年度法治政府建设情况的报告",
		"2024年，本县坚持以党的十九大精",
		"神为指导，全面推进法制政府建设，全年办理行政复议案件12件,",
		"结案10件。一、2024年度推进法治政府建设的主要举措和成效",
		"全面推进法制政府建设，受理案件12件,办结案件10件。",
	}
	mapped := joinLines(physical, [][]int{{0}, {1, 2, 3}, {4}})
	l := linterFor(t)
	got := l.CheckText("r.txt", mapped, checker.Options{})
	plain := l.CheckText("r.txt", &input.Text{Lines: mapped.Lines, Encoding: input.UTF8}, checker.Options{})
	if len(got.Diagnostics) != len(plain.Diagnostics) || len(got.Diagnostics) < 4 {
		t.Fatalf("findings: %d with the map, %d without", len(got.Diagnostics), len(plain.Diagnostics))
	}
	if strings.Join(got.Source, "\n") != strings.Join(physical, "\n") {
		t.Errorf("Source is not the file's lines: %q", got.Source)
	}
	stale := false
	for i, d := range got.Diagnostics {
		p := plain.Diagnostics[i]
		if d.Rule != p.Rule {
			t.Fatalf("finding %d: %s with the map, %s without", i, d.Rule, p.Rule)
		}
		want := between(mapped.Lines, p.Line, p.Column, p.EndLine, p.EndColumn)
		if have := between(physical, d.Line, d.Column, d.EndLine, d.EndColumn); have != want {
			t.Errorf("%s at %d:%d–%d:%d in the file reads %q, the logical finding %q", d.Rule, d.Line, d.Column, d.EndLine, d.EndColumn, have, want)
		}
		if d.Rule == "language/stale-term" && strings.Contains(d.Message, "十九大") {
			stale = true
			if d.Line != 2 || d.EndLine != 3 {
				t.Errorf("the stale term cut by a line break: %d–%d, want 2–3", d.Line, d.EndLine)
			}
		}
		if d.Rule == "language/punctuation-width" && !strings.HasPrefix(d.Message, "第3、5行") {
			t.Errorf("grouped finding names logical lines: %s", d.Message)
		}
	}
	if !stale {
		t.Error("the stale term across the line break was not found")
	}
	// Fixes edit the file where the faults stand; the comma that ends line 3 is fixed in place,
	// and no edit joins or breaks lines.
	out := fix.Apply(got.Source, fix.Edits(got.Diagnostics))
	if len(out.Refused) > 0 {
		t.Errorf("refused: %+v", out.Refused)
	}
	want := []string{
		physical[0], physical[1],
		"神为指导，全面推进法治政府建设，全年办理行政复议案件12件，",
		physical[3],
		"全面推进法治政府建设，受理案件12件，办结案件10件。",
	}
	if strings.Join(out.Lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("fixed file:\n%s\nwant:\n%s", strings.Join(out.Lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestFixAcrossALineBreakIsRefused(t *testing.T) {
	// 法制政府 cut by the line break: the fix would have to join two lines of the file.
	physical := []string{"2024年，本县全面推进法制", "政府建设。"}
	mapped := joinLines(physical, [][]int{{0, 1}})
	res := linterFor(t, "language/term-misuse").CheckText("r.txt", mapped, checker.Options{})
	if len(res.Diagnostics) != 1 {
		t.Fatalf("findings: %+v", res.Diagnostics)
	}
	d := res.Diagnostics[0]
	if d.Line != 1 || d.EndLine != 2 || d.Column != 13 || d.EndColumn != 3 {
		t.Errorf("located at %d:%d–%d:%d", d.Line, d.Column, d.EndLine, d.EndColumn)
	}
	out := fix.Apply(res.Source, fix.Edits(res.Diagnostics))
	if out.Changed() || len(out.Refused) != 1 {
		t.Errorf("a fix across a line break was not refused: %+v", out)
	}
}
