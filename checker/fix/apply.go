// Package fix applies the safe fixes that checks offer (Diagnostic.Fix) to the lines of a .txt
// or .md file, writes the result back in the file's own encoding and line ends, and prints
// the changes as a unified diff. It is the last line of defence: whatever a check proposes, an
// edit that would touch a number, a heading's ordinal or a title inside 《》 is refused.
package fix

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker"
)

// Edit is a checker.Edit (replace the runes [Column, EndColumn) of line Line, all 1-based,
// with New) with the rule that offered it.
type Edit struct {
	Rule string
	checker.Edit
}

// Edits returns the fixes offered by diagnostics, in their order: a fix's own Edits, or its
// diagnostic's range replaced with New. A range that spans lines is kept with an impossible
// end column, so that Apply refuses it.
func Edits(ds []checker.Diagnostic) []Edit {
	var out []Edit
	for _, d := range ds {
		switch {
		case d.Fix == nil:
		case len(d.Fix.Edits) > 0:
			for _, e := range d.Fix.Edits {
				out = append(out, Edit{d.Rule, e})
			}
		default:
			e := checker.Edit{Line: d.Line, Column: d.Column, EndColumn: d.EndColumn, New: d.Fix.New}
			if d.EndLine != d.Line {
				e.EndColumn = -1 // multi-line: refused by Apply
			}
			out = append(out, Edit{d.Rule, e})
		}
	}
	return out
}

// Fixable reports whether any diagnostic offers a fix.
func Fixable(ds []checker.Diagnostic) bool {
	for _, d := range ds {
		if d.Fix != nil {
			return true
		}
	}
	return false
}

// Refusal is an edit that was not applied, and why.
type Refusal struct {
	Edit   Edit
	Reason string
}

// Outcome is what Apply did.
type Outcome struct {
	Lines   []string // the lines after the edits; the input slice is not modified
	Applied []Edit
	// Overlapping edits were skipped because an earlier edit touched the same text; a second
	// run applies them.
	Overlapping []Edit
	// Refused edits failed the safety rules.
	Refused []Refusal
}

// Changed reports whether any edit was applied.
func (o *Outcome) Changed() bool { return len(o.Applied) > 0 }

// Apply applies edits to lines. Edits are taken in document order; an edit that overlaps one
// already taken is skipped, and an edit that fails the safety rules (see Check) is refused.
// Line count and line ends never change: an edit stays within one line.
func Apply(lines []string, edits []Edit) Outcome {
	sorted := append([]Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	out := Outcome{Lines: lines}
	copied := false
	// Edits of one line are collected, then applied from the right so that columns stay valid.
	var taken []Edit
	flush := func() {
		if len(taken) == 0 {
			return
		}
		if !copied {
			out.Lines = append([]string(nil), lines...)
			copied = true
		}
		n := taken[0].Line
		runes := []rune(out.Lines[n-1])
		for k := len(taken) - 1; k >= 0; k-- {
			e := taken[k]
			runes = append(runes[:e.Column-1], append([]rune(e.New), runes[e.EndColumn-1:]...)...)
		}
		out.Lines[n-1] = string(runes)
		taken = taken[:0]
	}
	for _, e := range sorted {
		if len(taken) > 0 && taken[0].Line != e.Line {
			flush()
		}
		if reason := Check(lines, e); reason != "" {
			out.Refused = append(out.Refused, Refusal{e, reason})
			continue
		}
		if len(taken) > 0 {
			last := taken[len(taken)-1]
			if e.Column < last.EndColumn || e.Column == last.Column {
				out.Overlapping = append(out.Overlapping, e)
				continue
			}
		}
		if old := []rune(lines[e.Line-1])[e.Column-1 : e.EndColumn-1]; string(old) == e.New {
			continue // nothing to change
		}
		taken = append(taken, e)
		out.Applied = append(out.Applied, e)
	}
	flush()
	return out
}

// Check returns why an edit is unsafe, or "" when it may be applied. An edit must stay within
// one existing line and must not:
//   - remove or add a digit, or sit between two digits (1,000 17:18): numbers never change;
//   - touch the indentation, Markdown "#" or heading ordinal at the start of a line (一、 (一) 1.);
//   - touch a title between 《 and 》, or add or remove either bracket;
//   - add a line break.
func Check(lines []string, e Edit) string {
	if e.Line < 1 || e.Line > len(lines) {
		return "行号超出范围"
	}
	runes := []rune(lines[e.Line-1])
	if e.Column < 1 || e.EndColumn < e.Column || e.EndColumn-1 > len(runes) {
		return "列号超出范围或跨行"
	}
	old := string(runes[e.Column-1 : e.EndColumn-1])
	if strings.ContainsAny(e.New, "\r\n") {
		return "修复会增加换行"
	}
	if strings.IndexFunc(old+e.New, unicode.IsDigit) >= 0 {
		return "修复涉及数字"
	}
	if e.Column >= 2 && unicode.IsDigit(runes[e.Column-2]) && e.EndColumn-1 < len(runes) && unicode.IsDigit(runes[e.EndColumn-1]) {
		return "修复位于两个数字之间"
	}
	if e.Column <= protectedPrefix(lines[e.Line-1]) {
		return "修复涉及行首的缩进或标题序号"
	}
	if strings.ContainsAny(old+e.New, "《》") {
		return "修复涉及书名号"
	}
	for _, t := range titleSpans(runes) {
		// The span [t[0], t[1]] holds 《, the title and 》 (0-based rune indexes).
		if e.Column-1 <= t[1] && e.EndColumn-1 > t[0] || e.Column-1 > t[0] && e.Column-1 <= t[1] {
			return "修复位于书名号《》之内"
		}
	}
	return ""
}

// protectedPrefix returns the number of runes at the start of a line that no fix may touch:
// indentation, Markdown heading marks and a heading ordinal such as 一、 （一） 1. （1）.
func protectedPrefix(line string) int {
	rest := strings.TrimLeftFunc(line, isSpace)
	rest = strings.TrimLeftFunc(strings.TrimLeft(rest, "#"), isSpace)
	n := utf8.RuneCountInString(line) - utf8.RuneCountInString(rest)
	if h, ok := checker.ParseHeading(rest); ok {
		n += utf8.RuneCountInString(h.Marker)
	}
	return n
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\ufeff' }

// titleSpans returns the 0-based rune ranges [open, close] of the outermost 《…》 on a line; an
// unclosed 《 runs to the end of the line.
func titleSpans(runes []rune) [][2]int {
	var spans [][2]int
	depth, open := 0, 0
	for i, r := range runes {
		switch r {
		case '《':
			if depth == 0 {
				open = i
			}
			depth++
		case '》':
			if depth > 0 {
				depth--
				if depth == 0 {
					spans = append(spans, [2]int{open, i})
				}
			}
		}
	}
	if depth > 0 {
		spans = append(spans, [2]int{open, len(runes)})
	}
	return spans
}
