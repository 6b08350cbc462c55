package fix_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/fix"
)

// at returns the edit that replaces the first occurrence of old on line n with new.
func at(t *testing.T, lines []string, n int, old, new string) fix.Edit {
	t.Helper()
	i := strings.Index(lines[n-1], old)
	if i < 0 {
		t.Fatalf("%q not on line %d", old, n)
	}
	col := len([]rune(lines[n-1][:i])) + 1
	return edit(n, col, col+len([]rune(old)), new)
}

func edit(line, col, end int, new string) fix.Edit {
	return fix.Edit{Rule: "test/rule", Edit: checker.Edit{Line: line, Column: col, EndColumn: end, New: new}}
}

// after moves a one-rune edit n runes to the right and makes it full-width.
func after(e fix.Edit, n int) fix.Edit {
	e.Column += n
	e.EndColumn = e.Column + 1
	e.New = "，"
	return e
}

func TestApply(t *testing.T) {
	lines := []string{
		"2024年，本县推进法制政府建设,成效明显。",
		"一、主要举措和成效",
		"(一)强化组织领导,统筹推进",
		"印发《法制政府建设实施方案,2024》,落实到位。",
		"收到12,办结10件,共1,000件。",
	}
	tests := []struct {
		name    string
		edit    fix.Edit
		applied bool
		want    string // line after the edit, when applied
	}{
		{"a wrong term is replaced", at(t, lines, 1, "法制政府", "法治政府"), true, "2024年，本县推进法治政府建设,成效明显。"},
		{"a comma between Chinese characters becomes full-width", at(t, lines, 1, ",", "，"), true, "2024年，本县推进法制政府建设，成效明显。"},
		{"the bracket of a heading ordinal is not touched", at(t, lines, 3, "(", "（"), false, ""},
		{"a comma after a heading ordinal in the heading text is fixed", at(t, lines, 3, ",", "，"), true, "(一)强化组织领导，统筹推进"},
		{"a title inside 《》 is not touched", at(t, lines, 4, "法制政府", "法治政府"), false, ""},
		{"a comma inside 《》 is not touched", at(t, lines, 4, ",", "，"), false, ""},
		{"an edit that includes 》 is refused", at(t, lines, 4, "》,", "》，"), false, ""},
		{"a comma after 》 is fixed", after(at(t, lines, 4, "》,", ","), 1), true, "印发《法制政府建设实施方案,2024》，落实到位。"},
		{"a comma after a number is fixed", at(t, lines, 5, ",", "，"), true, "收到12，办结10件,共1,000件。"},
		{"a comma between two digits is not touched", at(t, lines, 5, "1,0", "1,0"), false, ""},
		{"a comma between two digits is not touched, however it is reached", after(at(t, lines, 5, "1,0", "1"), 1), false, ""},
		{"a number is never rewritten", at(t, lines, 5, "12", "十二"), false, ""},
		{"an edit adding a digit is refused", at(t, lines, 1, "本县", "1县"), false, ""},
		{"an edit adding a line break is refused", at(t, lines, 1, "，", "\n"), false, ""},
		{"an edit past the end of the line is refused", edit(2, 9, 30, "x"), false, ""},
		{"an edit on a line that does not exist is refused", edit(9, 1, 1, "x"), false, ""},
		{"a multi-line edit is refused", edit(1, 1, -1, "x"), false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := fix.Apply(lines, []fix.Edit{tc.edit})
			if got := out.Changed(); got != tc.applied {
				t.Fatalf("applied = %v, want %v (refused: %v)", got, tc.applied, out.Refused)
			}
			if !tc.applied {
				if len(out.Refused) != 1 {
					t.Fatalf("refused = %v, want one refusal", out.Refused)
				}
				if !slices.Equal(out.Lines, lines) {
					t.Fatalf("lines changed by a refused edit: %q", out.Lines)
				}
				return
			}
			if got := out.Lines[tc.edit.Line-1]; got != tc.want {
				t.Errorf("line = %q, want %q", got, tc.want)
			}
		})
	}
	if lines[0] != "2024年，本县推进法制政府建设,成效明显。" {
		t.Errorf("Apply modified its input: %q", lines[0])
	}
}

func TestApplySeveralEditsOnALine(t *testing.T) {
	lines := []string{"本县推进法制政府建设,成效明显;群众满意!"}
	edits := []fix.Edit{
		at(t, lines, 1, "!", "！"),
		at(t, lines, 1, ",", "，"),
		at(t, lines, 1, "法制政府", "法治政府"),
		at(t, lines, 1, ";", "；"),
	}
	out := fix.Apply(lines, edits)
	if want := "本县推进法治政府建设，成效明显；群众满意！"; out.Lines[0] != want {
		t.Errorf("got %q, want %q", out.Lines[0], want)
	}
	if len(out.Applied) != 4 {
		t.Errorf("applied %d edits, want 4", len(out.Applied))
	}
}

func TestApplyOverlappingEditsTakesTheFirst(t *testing.T) {
	lines := []string{"推进法制政府建设"}
	first := at(t, lines, 1, "法制政府", "法治政府")
	second := at(t, lines, 1, "制政", "治政")
	out := fix.Apply(lines, []fix.Edit{second, first})
	if out.Lines[0] != "推进法治政府建设" {
		t.Errorf("got %q", out.Lines[0])
	}
	if len(out.Overlapping) != 1 || out.Overlapping[0] != second {
		t.Errorf("overlapping = %v, want the later edit", out.Overlapping)
	}
	// A second run takes what the first skipped; here there is nothing left to do.
	again := fix.Apply(out.Lines, []fix.Edit{at(t, out.Lines, 1, "治政", "治政")})
	if again.Changed() {
		t.Errorf("a no-op edit changed the text: %q", again.Lines)
	}
}

func TestEdits(t *testing.T) {
	ds := []checker.Diagnostic{
		{Rule: "a/b", Line: 2, Column: 3, EndLine: 2, EndColumn: 4, Fix: &checker.Fix{New: "，"}},
		{Rule: "a/c", Line: 2, Column: 3, EndLine: 2, EndColumn: 4},
		{Rule: "a/d", Line: 2, Column: 3, EndLine: 3, EndColumn: 1, Fix: &checker.Fix{New: ""}},
	}
	es := fix.Edits(ds)
	if len(es) != 2 || es[0].Rule != "a/b" || es[0].New != "，" || es[0].EndColumn != 4 {
		t.Fatalf("Edits = %+v", es)
	}
	grouped := checker.Diagnostic{Rule: "a/e", Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Fix: &checker.Fix{Edits: []checker.Edit{
		{Line: 2, Column: 2, EndColumn: 3, New: "；"}, {Line: 5, Column: 1, EndColumn: 2, New: "！"},
	}}}
	if g := fix.Edits([]checker.Diagnostic{grouped}); len(g) != 2 || g[1].Line != 5 || g[1].New != "！" || g[1].Rule != "a/e" {
		t.Errorf("a grouped fix gives %+v", g)
	}
	if !fix.Fixable(ds) || fix.Fixable(ds[1:2]) {
		t.Error("Fixable is wrong")
	}
	lines := []string{"", "一二三四五", "x"}
	if out := fix.Apply(lines, es[1:]); out.Changed() || len(out.Refused) != 1 {
		t.Errorf("a multi-line fix was not refused: %+v", out)
	}
}
