package checker

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/fzlint/fzlint/internal/suggest"
)

// Inline suppression (SPEC §10). In a .txt or .md file, a line that holds only
//
//	<!-- fzlint-disable-next-line RULE[,RULE] -- reason -->
//
// silences those rules on the next non-empty line, and
//
//	<!-- fzlint-disable RULE[,RULE] -->  …  <!-- fzlint-enable RULE[,RULE] -->
//
// silences them from the disable line to the enable line (or to the end of the file). Without
// RULE, every rule is silenced. A RULE may be a family ("language"). The comment lines are
// Directive (and Chrome) lines of the Document: no check sees them. The engine filters the
// findings after the checks ran, so every output format sees the same result, and reports
// suppressions that silenced nothing (lint/unused-suppression, as ruff's RUF100 does) and
// comments it cannot use (lint/bad-suppression).

func init() { register(unusedSuppression, badSuppression) }

var unusedSuppression = &Check{
	ID:       "lint/unused-suppression",
	Severity: Info,
	Summary:  "抑制注释没有抑制任何问题",
	Doc: `<!-- fzlint-disable-next-line 规则 -->、<!-- fzlint-disable 规则 --> 用于在确认无误的地方关闭某条规则。` +
		`问题改掉以后，注释就成了多余的，还会让今后真正的问题被悄悄放过，所以它指向的规则在该处没有任何问题时，本规则提示删除该注释（与 ruff 的 RUF100 相同）。` +
		`指向未启用规则的注释同样提示。lint/ 开头的规则不能用注释抑制，可用 --disable 或 .fzlint.toml 关闭。`,
	Bad:  "2024年，本县法治政府建设取得新成效。\n<!-- fzlint-disable-next-line structure/heading-numbering -- 序号沿用上级文件 -->\n全年办理行政复议案件30件。",
	Good: "2024年，本县法治政府建设取得新成效。\n全年办理行政复议案件30件。",
	// The engine reports this rule itself, after the other checks.
	Run: func(*Pass) {},
}

var badSuppression = &Check{
	ID:       "lint/bad-suppression",
	Severity: Warning,
	Summary:  "无法识别的抑制注释（未知规则、拼写错误、没有对应的 disable）",
	Doc: `抑制注释写错时不起作用，被它“抑制”的问题照样会报出来，起草人却以为已经处理了。本规则报告：以 <!-- fzlint- 开头但不是 ` +
		`fzlint-disable-next-line、fzlint-disable、fzlint-enable 的注释；注释中未知的规则（规则名见 fzlint rules，可写规则族如 language）；` +
		`试图抑制 lint/ 规则的注释；没有对应 fzlint-disable 的 fzlint-enable。`,
	Bad:  "2024年，本县法治政府建设取得新成效。\n<!-- fzlint-disable-next-line structure/headings-numbering -- 序号沿用上级文件 -->\n全年办理行政复议案件30件。",
	Good: "2024年，本县法治政府建设取得新成效。\n全年办理行政复议案件30件。",
	Run:  func(*Pass) {},
}

const (
	directiveOpen   = "<!--"
	directiveClose  = "-->"
	directivePrefix = "fzlint-"
)

// isDirective reports whether a line's content is a fzlint comment.
func isDirective(content string) bool {
	if !strings.HasPrefix(content, directiveOpen) || !strings.HasSuffix(content, directiveClose) {
		return false
	}
	return strings.HasPrefix(strings.TrimLeft(content[len(directiveOpen):], " \t"), directivePrefix)
}

// suppression is one rule (or all rules, pattern "") silenced over lines [from, to].
type suppression struct {
	pattern  string
	line     int // the comment's line
	col, end int // the rule's columns in the comment (the whole comment for all rules)
	from, to int
	used     bool
}

// token is a word of a directive with its 1-based rune columns [col, end).
type token struct {
	text     string
	col, end int
}

// directive is a parsed fzlint comment.
type directive struct {
	line     int
	col, end int // the comment's columns
	kind     string
	rules    []token
}

// parseDirective reads a Directive line: the kind and the rules before the "--" of the reason.
func parseDirective(l *Line, n int) directive {
	d := directive{line: n, col: l.Indent + 1, end: l.Indent + 1 + utf8.RuneCountInString(l.Content)}
	body := strings.TrimSuffix(strings.TrimPrefix(l.Content, directiveOpen), directiveClose)
	if i := strings.Index(body, "--"); i >= 0 {
		body = body[:i]
	}
	col := d.col + utf8.RuneCountInString(directiveOpen)
	first := true
	for _, f := range splitDirective(body) {
		t := token{f.text, col + f.col, col + f.col + utf8.RuneCountInString(f.text)}
		if first {
			d.kind, first = strings.TrimPrefix(t.text, directivePrefix), false
			continue
		}
		d.rules = append(d.rules, t)
	}
	return d
}

// splitDirective splits at white space and commas, with 0-based rune columns.
func splitDirective(s string) []token {
	var out []token
	start := -1
	i := 0
	for _, r := range s + " " {
		if r == ' ' || r == ',' || r == '\t' || r == '，' {
			if start >= 0 {
				out = append(out, token{text: string([]rune(s)[start:i]), col: start})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i++
	}
	return out
}

// suppressions reads the document's fzlint comments: what they silence, and the findings of
// the malformed ones. sil is nil when nothing is silenced.
func (l *Linter) suppressions(doc *Document) (sups []*suppression, sil *silencer, extra []Diagnostic) {
	bad := func(line, col, end int, format string, a ...any) {
		if sev := l.severity[badSuppression.ID]; sev >= Info {
			extra = append(extra, Diagnostic{Rule: badSuppression.ID, Severity: sev, Line: line, Column: col,
				EndLine: line, EndColumn: end, Message: fmt.Sprintf(format, a...)})
		}
	}
	open := map[string]*suppression{}
	next := 0 // index of the first content line after the last disable-next-line
	for i := range doc.Lines {
		if !doc.Lines[i].Directive {
			continue
		}
		d := parseDirective(&doc.Lines[i], i+1)
		var patterns []token
		for _, t := range d.rules {
			switch {
			case strings.HasPrefix(t.text, "lint/") || t.text == "lint":
				bad(d.line, t.col, t.end, "lint/ 规则不能用注释抑制：“%s”", t.text)
			case !knownPattern(t.text):
				if near := suggest.Closest(t.text, RuleIDs()); near != "" {
					bad(d.line, t.col, t.end, "抑制注释中的规则“%s”不存在，是否应为“%s”？（规则名见 fzlint rules）", t.text, near)
				} else {
					bad(d.line, t.col, t.end, "抑制注释中的规则“%s”不存在（规则名见 fzlint rules）", t.text)
				}
			default:
				patterns = append(patterns, t)
			}
		}
		if len(d.rules) == 0 {
			patterns = []token{{"", d.col, d.end}}
		} else if len(patterns) == 0 {
			continue
		}
		switch d.kind {
		case "disable-next-line":
			// The content line after i; directives come in order, so the search resumes where
			// the last one stopped (a file of consecutive comments is not read again each time).
			if next <= i {
				next = nextContentLine(doc.Lines, i+1)
			}
			target := next
			for _, p := range patterns {
				sups = append(sups, &suppression{pattern: p.text, line: d.line, col: p.col, end: p.end, from: target, to: target})
			}
		case "disable":
			for _, p := range patterns {
				s := &suppression{pattern: p.text, line: d.line, col: p.col, end: p.end, from: d.line, to: len(doc.Lines)}
				sups = append(sups, s)
				if _, ok := open[p.text]; !ok {
					open[p.text] = s
				}
			}
		case "enable":
			if len(d.rules) == 0 && len(open) > 0 {
				for k, s := range open {
					s.to = d.line
					delete(open, k)
				}
				continue
			}
			for _, p := range patterns {
				if s, ok := open[p.text]; ok {
					s.to = d.line
					delete(open, p.text)
				} else {
					bad(d.line, p.col, p.end, "fzlint-enable 没有对应的 fzlint-disable%s", quoted(p.text))
				}
			}
		default:
			bad(d.line, d.col, d.end, "无法识别的抑制注释“fzlint-%s”：应为 fzlint-disable-next-line、fzlint-disable 或 fzlint-enable", d.kind)
		}
	}
	if len(sups) > 0 {
		sil = newSilencer(sups)
	}
	return sups, sil, extra
}

// suppress drops the findings that the document's fzlint comments (read by suppressions before
// the checks ran, which may have asked sil about the lines they group) silence, and reports
// unused and malformed comments.
func (l *Linter) suppress(sups []*suppression, sil *silencer, extra, ds []Diagnostic) []Diagnostic {
	if sil == nil {
		return append(ds, extra...)
	}
	kept := ds[:0]
	for _, d := range ds {
		if !sil.silenced(d.Rule, d.Line) {
			kept = append(kept, withoutSuppressedEdits(d, sil))
		}
	}
	sil.markUsed()
	if sev := l.severity[unusedSuppression.ID]; sev >= Info {
		for _, s := range sups {
			if s.used {
				continue
			}
			msg := "抑制注释未使用：此处没有任何问题，可删除该注释"
			switch {
			case s.pattern != "" && !l.enabled(s.pattern):
				msg = fmt.Sprintf("规则“%s”未启用，抑制注释不起作用，可删除", s.pattern)
			case s.pattern != "":
				msg = fmt.Sprintf("抑制注释未使用：此处没有“%s”的问题，可删除", s.pattern)
			}
			extra = append(extra, Diagnostic{Rule: unusedSuppression.ID, Severity: sev, Line: s.line, Column: s.col,
				EndLine: s.line, EndColumn: s.end, Message: msg})
		}
	}
	return append(kept, extra...)
}

// silencer answers whether a rule is silenced on a line in logarithmic time, whatever the number
// of suppressions (a file of 100,000 comments took minutes when each finding was compared with
// every comment), and then marks the suppressions that silenced something.
type silencer struct {
	patterns  []string // distinct patterns, in the order met
	byPattern map[string]*patternRanges
}

// patternRanges are the suppressions of one pattern.
type patternRanges struct {
	sups   []*suppression // by first line
	merged [][2]int       // the lines they cover, as sorted disjoint ranges
	hits   []int          // lines on which they silenced something
}

func newSilencer(sups []*suppression) *silencer {
	s := &silencer{byPattern: map[string]*patternRanges{}}
	for _, x := range sups {
		if x.from <= 0 {
			continue // a disable-next-line with no line after it
		}
		pr := s.byPattern[x.pattern]
		if pr == nil {
			pr = &patternRanges{}
			s.byPattern[x.pattern] = pr
			s.patterns = append(s.patterns, x.pattern)
		}
		pr.sups = append(pr.sups, x)
	}
	for _, pr := range s.byPattern {
		slices.SortStableFunc(pr.sups, func(a, b *suppression) int { return a.from - b.from })
		for _, x := range pr.sups {
			if n := len(pr.merged); n > 0 && x.from <= pr.merged[n-1][1]+1 {
				pr.merged[n-1][1] = max(pr.merged[n-1][1], x.to)
			} else {
				pr.merged = append(pr.merged, [2]int{x.from, x.to})
			}
		}
	}
	return s
}

// silenced reports whether a rule is silenced on a line, and notes the line for markUsed.
func (s *silencer) silenced(rule string, line int) bool {
	silenced := false
	for _, p := range s.patterns {
		if !matchesPattern(rule, p) {
			continue
		}
		pr := s.byPattern[p]
		k, _ := slices.BinarySearchFunc(pr.merged, line, func(r [2]int, line int) int {
			if r[1] < line {
				return -1
			}
			return 1
		})
		if k < len(pr.merged) && pr.merged[k][0] <= line {
			pr.hits = append(pr.hits, line)
			silenced = true
		}
	}
	return silenced
}

// markUsed marks the suppressions whose lines hold a silenced finding.
func (s *silencer) markUsed() {
	for _, pr := range s.byPattern {
		slices.Sort(pr.hits)
		for _, x := range pr.sups {
			k, _ := slices.BinarySearch(pr.hits, x.from)
			if k < len(pr.hits) && pr.hits[k] <= x.to {
				x.used = true
			}
		}
	}
}

// withoutSuppressedEdits drops the edits of a grouped fix that fall on lines where its rule is
// silenced: a silenced line is never rewritten by --fix.
func withoutSuppressedEdits(d Diagnostic, sil *silencer) Diagnostic {
	if d.Fix == nil || len(d.Fix.Edits) == 0 {
		return d
	}
	var edits []Edit
	for _, e := range d.Fix.Edits {
		if !sil.silenced(d.Rule, e.Line) {
			edits = append(edits, e)
		}
	}
	if len(edits) < len(d.Fix.Edits) {
		fix := *d.Fix
		fix.Edits = edits
		if len(edits) == 0 {
			d.Fix = nil
		} else {
			d.Fix = &fix
		}
	}
	return d
}

func quoted(s string) string {
	if s == "" {
		return ""
	}
	return "“" + s + "”"
}

// nextContentLine returns the 1-based line of the first non-empty line after index i that is not
// a directive, or 0.
func nextContentLine(lines []Line, i int) int {
	for ; i < len(lines); i++ {
		if lines[i].Content != "" && !lines[i].Directive {
			return i + 1
		}
	}
	return 0
}

// knownPattern reports whether a rule pattern names a rule or a family of rules.
func knownPattern(p string) bool {
	ids, err := matchRules(p)
	return err == nil && len(ids) > 0
}

// matchesPattern reports whether a rule id is silenced by a pattern: "" (all rules), the id, or
// its family ("language", "language/*").
func matchesPattern(id, p string) bool {
	if p == "" || p == id {
		return true
	}
	fam := strings.TrimSuffix(strings.TrimSuffix(p, "*"), "/")
	return strings.HasPrefix(id, fam+"/")
}

// enabled reports whether any rule a pattern names is on.
func (l *Linter) enabled(p string) bool {
	ids, _ := matchRules(p)
	for _, id := range ids {
		if l.severity[id] >= Info {
			return true
		}
	}
	return false
}
