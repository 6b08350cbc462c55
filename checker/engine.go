package checker

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker/copies"
	"github.com/fzlint/fzlint/checker/fold"
	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/suggest"
	"github.com/fzlint/fzlint/rules"
)

// Check is one rule: its id (stable; users disable and baseline by it), its default severity,
// its documentation for `fzlint rules` and `fzlint explain`, and the function that runs it.
type Check struct {
	ID       string
	Severity Severity
	// Summary is one line for `fzlint rules`.
	Summary string
	// Doc explains what the rule checks and why.
	Doc string
	// Bad and Good are examples; Bad must make the rule fire and Good must not (tested).
	Bad, Good string
	// Fixable says whether the rule offers safe fixes.
	Fixable bool
	// Batch marks a check of the cross-file stage (crossfile.go): it compares the files of a
	// batch, so its Run does nothing and its findings come in through Options.Batch.
	Batch bool
	// NeedsYear says that the rule cannot run without the report year (it is silent when the
	// year is unknown, and structure/year-unknown names it).
	NeedsYear bool
	// Defers names the rules whose finding on a slip makes this rule's finding on the same slip
	// redundant (Pass.deferred): one slip, one finding. They run before it (NewLinter), and
	// defer to none themselves (Validate).
	Defers []string
	Run    func(*Pass)
}

var registry []*Check

// register adds checks to the registry; called from init in each family's file.
func register(cs ...*Check) { registry = append(registry, cs...) }

// Checks returns every check, sorted by id.
func Checks() []*Check {
	out := append([]*Check(nil), registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the check with an id, or nil.
func Lookup(id string) *Check {
	for _, c := range registry {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// RuleIDs returns every rule id, for validating rule sets.
func RuleIDs() []string {
	ids := make([]string, len(registry))
	for i, c := range registry {
		ids[i] = c.ID
	}
	return ids
}

var ruleIDRE = regexp.MustCompile(`^[a-z]+/[a-z]+(-[a-z]+)*$`)

// Validate checks the registry: ids unique and well formed, documentation and examples present.
func Validate() error {
	seen := map[string]bool{}
	for _, c := range registry {
		switch {
		case !ruleIDRE.MatchString(c.ID):
			return fmt.Errorf("rule id %q is not family/name", c.ID)
		case seen[c.ID]:
			return fmt.Errorf("rule %s registered twice", c.ID)
		case c.Summary == "" || c.Doc == "":
			return fmt.Errorf("rule %s has no documentation", c.ID)
		case c.Run == nil:
			return fmt.Errorf("rule %s has no Run", c.ID)
		case c.Severity < Info:
			return fmt.Errorf("rule %s has no default severity", c.ID)
		}
		for _, id := range c.Defers {
			if d := Lookup(id); d == nil || d.Batch || len(d.Defers) > 0 {
				return fmt.Errorf("rule %s defers to %s, which is not a per-file rule deferring to none", c.ID, id)
			}
		}
		seen[c.ID] = true
	}
	return nil
}

// Pass is what a check sees: the document, the rule set, and a way to report.
type Pass struct {
	Doc       *Document
	wantFixes bool
	Rules     *rules.Set
	m         *matchers
	check     *Check
	diags     []Diagnostic
	// enabled are the rules that run on this document.
	enabled []*Check
	// prior are the findings of the checks that ran before this one on the document.
	prior []Diagnostic
	// sil answers which lines the document's fzlint comments silence (nil: none).
	sil *silencer
	// cols counts the characters of line colLine for At, on from where it last counted to, so
	// that findings reported left to right along one line cost what the line's length does,
	// not its length times their number.
	cols    colCounter
	colLine int
	// colRead counts the bytes charsBefore has read, for the test that holds it to a line's
	// length.
	colRead int
	// deferTo indexes prior for deferred, for the check deferFor.
	deferFor *Check
	deferTo  []deferSpan
}

// deferSpan is a prior finding, on one line, of a rule the running check defers to; maxEnd is
// the largest EndColumn of those on its line up to and including it, in order of column.
type deferSpan struct {
	line, col, maxEnd int
}

// silenced reports whether the running check is silenced on line n by a fzlint comment. A
// check that gathers a file's findings into one (language/punctuation-width) leaves such a line
// out, so that a comment silences that line's part of it, not the whole finding; asking counts
// as the comment's use.
func (p *Pass) silenced(n int) bool { return p.sil != nil && p.sil.silenced(p.check.ID, n) }

// deferred reports whether a rule the running check defers to (Check.Defers) has a finding on
// line n that overlaps the columns [col, end).
//
// It asks an index of those findings, by line and column, built on the first question: the
// findings on line n that begin before end are a run of it, and one of them reaches past col
// if the largest end among them does. Reading every prior finding for each question made a
// line of n figures that two rules report cost n² (20,000 sentences of 成功率120% on a line,
// each reported by rate-mismatch, and percent-range asking for each).
func (p *Pass) deferred(n, col, end int) bool {
	if p.deferFor != p.check {
		p.deferFor, p.deferTo = p.check, p.deferTo[:0]
		for _, d := range p.prior {
			if d.Line == d.EndLine && slices.Contains(p.check.Defers, d.Rule) {
				p.deferTo = append(p.deferTo, deferSpan{line: d.Line, col: d.Column, maxEnd: d.EndColumn})
			}
		}
		slices.SortFunc(p.deferTo, func(a, b deferSpan) int {
			return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col))
		})
		for i := 1; i < len(p.deferTo); i++ {
			if prev := p.deferTo[i-1]; prev.line == p.deferTo[i].line {
				p.deferTo[i].maxEnd = max(p.deferTo[i].maxEnd, prev.maxEnd)
			}
		}
	}
	// The first span on a later line, or on line n from column end on.
	i, _ := slices.BinarySearchFunc(p.deferTo, deferSpan{line: n, col: end}, func(a, b deferSpan) int {
		return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col))
	})
	return i > 0 && p.deferTo[i-1].line == n && p.deferTo[i-1].maxEnd > col
}

// Report adds a finding of the running check. Missing end positions default to the start.
func (p *Pass) Report(d Diagnostic) {
	d.Rule = p.check.ID
	// A suggestion is often a slice of a line; a copy does not keep the document in memory
	// after a batch has rendered it.
	d.Suggestion = strings.Clone(d.Suggestion)
	if d.Line == 0 {
		d.Line = 1
	}
	if d.Column == 0 {
		d.Column = 1
	}
	if d.EndLine == 0 {
		d.EndLine = d.Line
	}
	if d.EndColumn == 0 {
		d.EndColumn = d.Column
	}
	p.diags = append(p.diags, d)
}

// At returns a diagnostic that spans the byte range [start, end) of line n's Text.
func (p *Pass) At(n, start, end int) Diagnostic {
	t := p.Doc.Lines[n-1].Text
	col := p.charsBefore(n, t, start) + 1
	return Diagnostic{Line: n, Column: col, EndLine: n, EndColumn: col + utf8.RuneCountInString(t[start:end])}
}

// Linter checks documents with one rule set and one choice of severities. It is read-only once
// built, so one Linter serves every worker.
type Linter struct {
	wantFixes bool
	rules     *Compiled
	severity  map[string]Severity
	checks    []*Check // enabled, by id
	// order is checks in the order they run: a check that defers to others after them.
	order []*Check
	// normalizers serve the cross-file stage's workers (Facts).
	normalizers sync.Pool
}

// Selection is what the command line says about which rules run.
type Selection struct {
	Disable []string // rule ids or families ("language" or "language/*")
	Enable  []string
	// NoFixes tells checks that no fix will be applied or shown, so they need not build one
	// (a grouped fix of hundreds of edits costs as much as the check itself).
	NoFixes bool
}

// NewLinter resolves each rule's severity once: the default, then the rule set's [severity]
// table, then --disable and --enable.
func NewLinter(c *Compiled, sel Selection) (*Linter, error) {
	l := &Linter{rules: c, severity: map[string]Severity{}, wantFixes: !sel.NoFixes}
	l.normalizers.New = func() any { return copies.NewNormalizer(c.Set.Copies.Ignore) }
	for _, ch := range registry {
		sev := ch.Severity
		if s, ok := c.Set.Severity[ch.ID]; ok {
			sev = s
		}
		l.severity[ch.ID] = sev
	}
	for _, pat := range sel.Disable {
		ids, err := matchRules(pat)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			l.severity[id] = rules.Off
		}
	}
	for _, pat := range sel.Enable {
		ids, err := matchRules(pat)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if l.severity[id] == rules.Off {
				sev := Lookup(id).Severity
				if s, ok := c.Set.Severity[id]; ok && s != rules.Off {
					sev = s
				}
				l.severity[id] = sev
			}
		}
	}
	for _, ch := range Checks() {
		if l.severity[ch.ID] >= Info {
			l.checks = append(l.checks, ch)
		}
	}
	// A check that defers to others runs after them (its findings are sorted with the rest).
	l.order = slices.Clone(l.checks)
	slices.SortStableFunc(l.order, func(a, b *Check) int { return min(len(a.Defers), 1) - min(len(b.Defers), 1) })
	return l, nil
}

// matchRules expands a rule id, a family ("language") or a family glob ("language/*").
func matchRules(pat string) ([]string, error) {
	pat = strings.TrimSpace(pat)
	fam := strings.TrimSuffix(strings.TrimSuffix(pat, "*"), "/")
	var ids []string
	for _, c := range registry {
		if c.ID == pat || strings.HasPrefix(c.ID, fam+"/") {
			ids = append(ids, c.ID)
		}
	}
	if len(ids) == 0 {
		if s := suggest.Closest(pat, RuleIDs()); s != "" {
			return nil, fmt.Errorf("unknown rule %q; did you mean %s? (see `fzlint rules`)", pat, s)
		}
		return nil, fmt.Errorf("unknown rule %q (see `fzlint rules`)", pat)
	}
	return ids, nil
}

// CheckBytes decodes a .txt or .md file and checks it.
func (l *Linter) CheckBytes(name string, data []byte, opt Options) Result {
	t, err := input.DecodeText(data)
	if err != nil {
		return l.Unreadable(name, err)
	}
	return l.CheckText(name, t, opt)
}

// Unreadable returns the result for a file that could not be read.
func (l *Linter) Unreadable(name string, err error) Result {
	res := Result{Path: name, Err: err}
	if sev := l.severity["input/unreadable"]; sev >= Info {
		res.Diagnostics = []Diagnostic{{
			Rule: "input/unreadable", Severity: sev, Line: 1, Column: 1, EndLine: 1, EndColumn: 1,
			Message: "无法读取：" + err.Error(),
		}}
	}
	return res
}

// CheckText checks decoded text.
func (l *Linter) CheckText(name string, t *input.Text, opt Options) Result {
	return l.checkText(name, t, opt, nil)
}

// CheckTextFacts checks decoded text as CheckText does and also returns what the cross-file
// stage needs of it (Facts), from the same document model when it can.
func (l *Linter) CheckTextFacts(name string, t *input.Text, opt Options) (Result, Facts) {
	var f Facts
	res := l.checkText(name, t, opt, &f)
	return res, f
}

// checkText is CheckText; with facts set, it also fills in the text's Facts.
func (l *Linter) checkText(name string, t *input.Text, opt Options, facts *Facts) Result {
	orig := t
	t, lines, folded := prepare(t)
	var sc *scratch
	if useScratch && textSize(lines) <= maxScratchText {
		sc = scratches.Get().(*scratch)
		sc.lend()
		// Neither the result nor the facts refer to the document's memory: it is taken
		// back as soon as they are made.
		defer func() {
			sc.release()
			scratches.Put(sc)
		}()
	}
	doc := newDocument(name, lines, t.Encoding, l.rules, opt, sc)
	if facts != nil {
		// The cross-file stage compares the paragraphs the rules see, at their lines in the file.
		*facts = l.factsOf(doc, t.Map)
	}
	doc.Map, doc.source = t.Map, t.Source
	if folded {
		doc.unfolded = t.Lines
		if doc.source == nil {
			doc.source = t.Lines
		}
	}
	res := l.CheckDocument(doc)
	if !input.Fixable(name, orig) {
		// No fix edits this file (a .docx, a web page): nothing to offer.
		SwapHint(res.Diagnostics, HintFix, NoHint)
	}
	return res
}

// prepare returns a text as the rules see it: hard-wrapped or run-on paragraphs rebuilt
// (reflow, which composes the source map) and traditional characters folded to simplified
// ones, at the same offsets (what a finding quotes is taken from the lines as written,
// Document.quote). folded says whether folding changed a line.
func prepare(t *input.Text) (_ *input.Text, lines []string, folded bool) {
	// Reflowing joins and splits the lines' own text: what had nothing to fold has nothing
	// after it either.
	plain := t.NothingToFold()
	t = reflow(t)
	if plain {
		return t, t.Lines, false
	}
	lines, folded = fold.Lines(t.Lines)
	return t, lines, folded
}

// charsBefore returns utf8.RuneCountInString(t[:off]) for line n's Text t, counting on from
// the last offset it was asked about on the same line (colCounter): a check that reports a
// line's findings left to right (40,000 of them on a line of 的) reads the line once rather
// than once per finding.
func (p *Pass) charsBefore(n int, t string, off int) int {
	if p.colLine != n || p.cols.s != t {
		p.colLine, p.cols = n, colCounter{s: t}
	}
	from := p.cols.off
	if off < from {
		from = 0
	}
	p.colRead += off - from
	return p.cols.chars(off)
}

// CheckDocument runs every enabled check on a document and returns its findings sorted by
// position, then rule.
func (l *Linter) CheckDocument(doc *Document) Result {
	res := Result{Path: doc.Name, Report: doc.report(l.rules)}
	if !doc.noSource {
		res.Source = doc.sourceLines()
	}
	if doc.scorecard {
		res.Report.Score = doc.score(l.rules)
	}
	// One pass serves every check in turn, and its findings' storage is reused: they are
	// copied into the result as each check ends.
	sups, sil, bad := l.suppressions(doc)
	p := &Pass{Doc: doc, Rules: l.rules.Set, m: l.rules.m, wantFixes: l.wantFixes, enabled: l.checks, sil: sil}
	sc := doc.scratch
	if sc != nil {
		// The findings gather in the scratch's arrays, and the result gets a copy of them at
		// their number, rather than an array grown by doubling.
		p.diags, res.Diagnostics = sc.passDiags, sc.diags[:0]
	}
	for _, ch := range l.order {
		p.check, p.prior, p.diags = ch, res.Diagnostics, p.diags[:0]
		ch.Run(p)
		for _, d := range p.diags {
			// A check may raise one finding above the rule's default (a typo in a heading is a
			// warning where the rule's other findings are info); a severity set in the rule set
			// or on the command line applies to every finding of the rule.
			if d.Severity < Info || l.severity[ch.ID] != ch.Severity {
				d.Severity = l.severity[ch.ID]
			}
			res.Diagnostics = append(res.Diagnostics, d)
		}
	}
	if sc != nil {
		sc.passDiags, sc.diags = p.diags, res.Diagnostics
		res.Diagnostics = nil
		if len(sc.diags) > 0 {
			res.Diagnostics = slices.Clone(sc.diags)
		}
	}
	res.Diagnostics = l.addBatch(doc, res.Diagnostics)
	res.Diagnostics = l.suppress(sups, sil, bad, res.Diagnostics)
	doc.unfoldDiffs(res.Diagnostics)
	doc.locate(res.Diagnostics)
	SortDiagnostics(res.Diagnostics)
	redact(&res, doc, &l.rules.Set.PII)
	return res
}

// optionalParts returns the ids of the parts a report of the year may leave out, as
// Report.Optional holds them: one map for the reports of a year (of a hundred years from 2000,
// and of an unknown year, 0).
func (m *matchers) optionalParts(year int) map[string]bool {
	if year == 0 || year >= 2000 && year < 2100 {
		return m.optional.get(year, func() map[string]bool { return m.optionalIn(year) })
	}
	return m.optionalIn(year)
}

// optionalIn returns a new map of the ids of the parts a report of the year may leave out.
func (m *matchers) optionalIn(year int) map[string]bool {
	o := map[string]bool{}
	for _, p := range m.partOrder {
		if !p.RequiredIn(year) {
			o[p.ID] = true
		}
	}
	return o
}

// SortDiagnostics orders findings by page (fixed-layout files), line, column and rule.
func SortDiagnostics(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Page != b.Page {
			return a.Page < b.Page
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Rule < b.Rule
	})
}

func (d *Document) report(c *Compiled) *Report {
	m := c.m
	// The parts' ids and names are the rule set's, the same in every report, and the
	// optional parts the same in every report of a year: shared, not rebuilt for each
	// (nothing changes a Report's).
	r := &Report{Year: d.Year, Profile: d.Profile, Title: strings.Clone(d.originalTitle()), Unit: strings.Clone(d.original(d.Unit)),
		Sections: make(map[string]int, len(m.partOrder)), PartIDs: m.partIDs, PartNames: m.partNames, Optional: m.optionalParts(d.Year)}
	for _, p := range m.partOrder {
		if part := d.Parts[p.ID]; part != nil {
			r.Sections[p.ID] = d.at(part.Start, 1).Line
		} else {
			r.Sections[p.ID] = 0
		}
	}
	return r
}
