// Package checker is fzlint's core: the document model (lines, headings, the report's parts,
// its year and profile), the registry of checks, and the engine that runs them. A check reads
// the Document and reports Diagnostics; it never prints and never reads files.
package checker

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/checker/textscan"
	"github.com/fzlint/fzlint/rules"
)

// Line is one line of the document as decoded, without its line end.
type Line struct {
	Text string
	// Indent is the number of runes of leading white space (including U+3000).
	Indent int
	// Content is Text without leading and trailing white space.
	Content string
	// Chrome marks site chrome (当前位置, 字号, 上一篇…) that is not the report.
	Chrome bool
	// Directive marks a fzlint comment line (<!-- fzlint-disable … -->, see suppress.go). Such a
	// line is also marked Chrome, so that no check sees it.
	Directive bool
	// Heading is the numbered heading on this line, if any.
	Heading *Heading

	// Computed on first use and shared by the checks: what the line's scan found and the
	// phrases of the rule set in it, as ranges of the document's arena; in the same pass as
	// the phrases, what the folding matcher of stale terms finds in it (stale.go) and whether
	// it is not valid UTF-8.
	scanned, phraseOK, invalid                     bool
	sents, digits, marks, repeats, matches, staleM [2]int32
	arena                                          *lineArena // its own when made outside NewDocument
}

// lineArena holds what the lines of a document compute, in slices shared by all of them
// rather than small ones per line: a batch would otherwise spend a tenth of its time
// allocating and collecting them. Each line keeps its own window of each slice.
type lineArena struct {
	scan           lineScan
	marks          *markSet
	matches, stale []textscan.Match
}

// Document is a report ready to be checked: built once, read by every check.
type Document struct {
	Name     string
	Encoding string
	Lines    []Line
	Headings []*Heading

	// TitleLine is the 1-based line of the title, 0 when there is none.
	TitleLine int
	Title     string
	// AddresseeLine is the line of the 主送机关 (县人大常委会：), 0 when there is none.
	AddresseeLine int
	// BodyStart and BodyEnd bound the report's body (1-based, inclusive): after the title
	// block, before the closing formula, signature and date.
	BodyStart, BodyEnd int
	// ClosingLine is the line of 特此报告 or 专此报告, 0 when there is none.
	ClosingLine int
	// Date is the 成文日期 and DateLine its line (0 when there is none).
	Date     Date
	DateLine int

	Unit     string
	Year     int
	YearFrom string // where the year was found: flag, title, first sentence, announcement, heading, plan heading, date
	Profile  string

	// Parts are the report's parts found, by id; PartOrder lists them in document order.
	Parts     map[string]*Part
	PartOrder []*Part

	// Map leads the lines back to the file (nil: line i is line i of the file); source holds
	// the file's lines as written, for quoting (nil: the lines' Text). See locate.go.
	Map    *input.SourceMap
	source []string
	// unfolded holds the lines as written when the lines' Text had traditional characters
	// folded to simplified ones (character for character, same offsets); nil otherwise.
	unfolded []string

	// numbers caches the quantities of every sentence for the consistency checks (see
	// sentenceNumbers).
	numbers [][]sentenceNumbers
	// scratch, when set, is the memory lent to this document (see scratch).
	scratch *scratch
	// batch holds the cross-file stage's findings (Options.Batch).
	batch               []Diagnostic
	scorecard, noSource bool
}

// Date is a calendar date as written in the document.
type Date struct{ Year, Month, Day int }

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool {
	if d.Year != o.Year {
		return d.Year < o.Year
	}
	if d.Month != o.Month {
		return d.Month < o.Month
	}
	return d.Day < o.Day
}

// Part is one of the report's parts: its heading (nil for an implicit part) and its lines.
type Part struct {
	ID      string
	Rule    *rules.Part
	Heading *Heading
	// Start is the heading's line (or the first line of an implicit part); End is the last line.
	Start, End int
}

// PartLines yields the part's body line by line: the lines after its heading, and the text
// that runs on after the heading on its own line. Checks read parts this way rather than as one
// joined string, which would copy most of the document.
func (d *Document) PartLines(p *Part) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		for n := p.Start; n <= p.End && n <= len(d.Lines); n++ {
			l := &d.Lines[n-1]
			if l.Chrome {
				continue
			}
			s := l.Content
			// The part's own heading is not its body; an implicit part (no heading) starts
			// on body text, whatever heading of a lower level that line may begin with.
			if n == p.Start && p.Heading != nil && l.Heading == p.Heading {
				s = strings.TrimPrefix(strings.TrimPrefix(s, l.Heading.Marker), l.Heading.Text)
			}
			if s != "" && !yield(s) {
				return
			}
		}
	}
}

// PartAt returns the part that holds line n, or nil.
func (d *Document) PartAt(n int) *Part {
	for _, p := range d.PartOrder {
		if n >= p.Start && n <= p.End {
			return p
		}
	}
	return nil
}

// Options are what the command line decides about a document.
type Options struct {
	Year    int    // 0: detect
	Profile string // "", "auto": detect
	// Batch holds the findings of the cross-file stage for this document (CrossFileFindings),
	// added to the per-file checks' findings.
	Batch []Diagnostic
	// Scorecard asks for Report.Score (the supervisor's summary shows it).
	Scorecard bool
	// NoSource says the caller reads no Result.Source (nothing quotes the lines, no baseline
	// fingerprints them): it is left nil rather than copied from the lines.
	NoSource bool
}

// NewDocument builds the model of a decoded text with a rule set.
func NewDocument(name string, lines []string, encoding string, c *Compiled, opt Options) *Document {
	return newDocument(name, lines, encoding, c, opt, nil)
}

// newDocument is NewDocument; with sc set, the document's lines, arena, headings and numbers
// are built in sc's memory, which the caller lent it (see scratch) and takes back once done
// with the document.
func newDocument(name string, lines []string, encoding string, c *Compiled, opt Options, sc *scratch) *Document {
	var d *Document
	if sc != nil {
		d = &sc.doc
	} else {
		d = new(Document)
	}
	*d = Document{Name: name, Encoding: encoding, batch: opt.Batch, scorecard: opt.Scorecard, noSource: opt.NoSource, scratch: sc}
	rs, m := c.Set, c.m
	size := textSize(lines)
	// Sized for a typical report (per 100 bytes of the seeds and the generated corpus: 0.8
	// sentences, 0.7 runs of digits, 2.3 marks, 0.4 phrases, 0.4 possible repeats, 0.05
	// matches of the stale terms' folding matcher), so that most documents never grow them,
	// and a huge one holds little more than it uses.
	var arena *lineArena
	if sc != nil {
		sc.lines = room(sc.lines, len(lines))[:len(lines)]
		d.Lines = sc.lines
		arena = &sc.arena
	} else {
		d.Lines = make([]Line, len(lines))
		arena = new(lineArena)
	}
	*arena = lineArena{
		scan: lineScan{
			sents:   room(arena.scan.sents, size/100+8),
			digits:  room(arena.scan.digits, size/100+8),
			marks:   room(arena.scan.marks, size/36+8),
			repeats: room(arena.scan.repeats, size/200+8),
		},
		marks:   m.marks,
		matches: room(arena.matches, size/200+8),
		stale:   room(arena.stale, size/1000+8),
	}
	for i, text := range lines {
		l := &d.Lines[i]
		l.Text = text
		l.arena = arena
		trimmed := trimSpaceLeft(text)
		l.Indent = utf8.RuneCountInString(text[:len(text)-len(trimmed)])
		l.Content = trimSpaceRight(trimmed)
		if isDirective(l.Content) {
			l.Directive, l.Chrome = true, true
		}
	}
	d.markChrome(rs.Document.ChromeMaxChars, m.chrome)
	d.markFooter(rs.Document.ChromeMaxChars, m)
	d.findFrame(rs, m)
	var headings []Heading
	if sc != nil {
		headings, d.Headings = sc.headings[:0], sc.headingPtrs[:0]
	}
	for i := d.BodyStart - 1; i >= 0 && i < d.BodyEnd; i++ {
		l := &d.Lines[i]
		if l.Chrome || l.Content == "" {
			continue
		}
		stripped := stripMarkdownHeading(l.Content)
		h, ok := ParseHeading(stripped)
		if !ok {
			continue
		}
		h.Line = i + 1
		h.Column = l.Indent + 1 + utf8.RuneCountInString(l.Content[:len(l.Content)-len(stripped)])
		// A copy, in blocks of headings rather than one allocation each (taking h's own
		// address would put every line's h on the heap, heading or not). A full block is
		// left as it is, for the headings it holds, and a new one started.
		if len(headings) == cap(headings) {
			headings = make([]Heading, 0, max(8, 2*cap(headings)))
		}
		headings = append(headings, h)
		l.Heading = &headings[len(headings)-1]
		d.Headings = append(d.Headings, l.Heading)
	}
	if sc != nil {
		sc.headings = headings // the last block, the largest: the next document's first
		sc.headingPtrs = d.Headings
	}
	d.findParts(rs, m)
	d.findYear(opt.Year, &rs.Document)
	d.findUnit(rs, m)
	d.findProfile(m, opt.Profile)
	return d
}

// textSize returns the bytes of text in lines.
func textSize(lines []string) int {
	n := 0
	for _, text := range lines {
		n += len(text)
	}
	return n
}

// markChrome marks the site chrome of a saved web page. Chrome stands before the report and
// after it, never between two of its paragraphs, so only the lines before the first paragraph
// and after the last are tested: a paragraph is a line too long to be chrome.
func (d *Document) markChrome(maxChars int, re *lineMatcher) {
	if re == nil {
		return
	}
	short := func(l *Line) bool { return l.Content != "" && !moreRunes(l.Content, maxChars) }
	skip := func(l *Line) bool { return l.Content == "" || l.Directive || short(l) }
	i := 0
	for ; i < len(d.Lines) && skip(&d.Lines[i]); i++ {
		if short(&d.Lines[i]) && re.MatchString(d.Lines[i].Content) {
			d.Lines[i].Chrome = true
		}
	}
	for j := len(d.Lines) - 1; j >= i && skip(&d.Lines[j]); j-- {
		if short(&d.Lines[j]) && re.MatchString(d.Lines[j].Content) {
			d.Lines[j].Chrome = true
		}
	}
}

// markFooter marks a site's footer after the report as chrome: from the first footer line
// (主办单位, 网站标识码, ICP备…, or a line that belongs to a footer such as 联系电话) to the end,
// provided a footer line proper stands there; short lines (a date, 【打印】) may come between.
// Footer lines may be long (one line often holds the whole footer); a long line that is not
// one is the report, and nothing above it is looked at.
func (d *Document) markFooter(maxChars int, m *matchers) {
	if m.footer == nil {
		return
	}
	start, proper := -1, false
	for j := len(d.Lines) - 1; j >= 0; j-- {
		l := &d.Lines[j]
		if l.Content == "" || l.Chrome {
			continue
		}
		long := moreRunes(l.Content, maxChars)
		if !moreRunes(l.Content, 4*maxChars) {
			if m.footer.MatchString(l.Content) {
				start, proper = j, true
				continue
			}
			if m.footerLines != nil && m.footerLines.MatchString(l.Content) {
				start = j
				continue
			}
		}
		if long {
			break
		}
	}
	if !proper {
		return
	}
	for j := start; j < len(d.Lines); j++ {
		d.Lines[j].Chrome = true
	}
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\ufeff' }

// trimSpaceLeft is strings.TrimLeftFunc(s, isSpace). Most lines begin with a character that
// its bytes show is no space (a letter, a digit, a Han character, （): they are returned as
// they are without decoding it.
func trimSpaceLeft(s string) string {
	if s == "" || !maySpace(s) {
		return s
	}
	return strings.TrimLeftFunc(s, isSpace)
}

// trimSpaceRight is strings.TrimRightFunc(s, isSpace). Most lines end with a character that
// its bytes show is no space (。, a Han character): they are returned as they are without
// decoding it backwards.
func trimSpaceRight(s string) string {
	n := len(s)
	if n == 0 {
		return s
	}
	if c := s[n-1]; c < utf8.RuneSelf {
		if !asciiSpace(c) {
			return s
		}
	} else if !(n >= 2 && maySpace(s[n-2:])) && !(n >= 3 && maySpace(s[n-3:])) {
		// A space of two or three bytes would start at one of these; none is longer.
		return s
	}
	return strings.TrimRightFunc(s, isSpace)
}

// maySpace reports whether the character that starts s may be a space (isSpace): false when
// its first bytes show it is not. The spaces beyond ASCII are U+0085 and U+00A0 (C2 …),
// U+1680 (E1 …), U+2000–U+205F (E2 …), U+3000 (E3 80 80) and U+FEFF (EF BB BF); 。《 and （）
// share the last two lead bytes.
func maySpace(s string) bool {
	switch s[0] {
	case 0xC2, 0xE1, 0xE2:
		return true
	case 0xE3:
		return len(s) < 3 || s[1] == 0x80 && s[2] == 0x80
	case 0xEF:
		return len(s) < 3 || s[1] == 0xBB && s[2] == 0xBF
	}
	return asciiSpace(s[0])
}

func asciiSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

// stripMarkdownHeading removes a leading "## " so that Markdown headings parse like text.
func stripMarkdownHeading(s string) string {
	t := strings.TrimLeft(s, "#")
	if len(t) < len(s) && len(s)-len(t) <= 6 {
		return strings.TrimLeftFunc(t, isSpace)
	}
	return s
}

// matchers are the rule set's pattern lists joined into single regexps, built once per set.
type matchers struct {
	chrome                        *lineMatcher
	footer, footerLines           *lineMatcher
	closing, titleField           *regexp.Regexp
	government, department        *patternSet
	parts                         map[string]*patternSet
	causes                        *patternSet
	duties                        *patternGroups
	titleRequired, titleForbidden []rules.Regexp

	phrases      *textscan.Matcher
	phrasesStale *textscan.Pair // phrases with stale.any, for the line's one pass
	phraseKind   []uint8        // matcher id → phraseWrong, phraseYearMarker…
	phraseIdx    []int          // matcher id → index in WrongTerms, Years.Markers…
	stale        *staleMatcher
	placeholder  *regexp.Regexp
	repeat       repeatWords
	pairOpen     map[rune]int
	pairClose    map[rune]int
	pairASCII    [128]bool // ASCII bytes that are pair marks
	marks        *markSet  // the pair marks and half-width punctuation, for Line.Marks
	punct        [256]*rules.PunctMark
	punctChars   string
	numbers      *numberMatchers
	diffs        *diffCache

	// partOrder is the rule set's parts in template order (by ordinal); partIDs and partNames
	// their ids in that order and their names, shared by every Report.
	partOrder []*rules.Part
	partIDs   []string
	partNames map[string]string
	// templates holds the parts' templates filled by year (matchers.templateText).
	templates memo[templateKey, string]
	// optional holds Report.Optional by year (optionalParts).
	optional memo[int, map[string]bool]

	// placeholderEach is placeholder a pattern at a time, for the short windows around triggers.
	placeholderEach branches
}

// Compiled is a rule set with its patterns joined for matching; build it once per rule set
// with Compile and share it between goroutines (it is read-only).
type Compiled struct {
	Set *rules.Set
	m   *matchers
}

// Compile prepares a rule set for checking.
func Compile(rs *rules.Set) *Compiled {
	m := &matchers{
		chrome:      newLineMatcher(rs.Document.Chrome),
		footer:      newLineMatcher(rs.Document.Footer),
		footerLines: newLineMatcher(rs.Document.FooterLines),
		closing:     rs.Document.Closing.Any(),
		titleField:  rs.Document.TitleField.Any(),
		government:  newPatternSet(rs.Unit.Government),
		department:  newPatternSet(rs.Unit.Department),
		causes:      newPatternSet(rs.Causes.Patterns),
		parts:       map[string]*patternSet{},
	}
	for _, p := range rs.Parts {
		m.parts[p.ID] = newPatternSet(p.Patterns)
	}
	var duties []rules.Patterns
	for _, g := range rs.Duties.Groups {
		duties = append(duties, g.Patterns)
	}
	m.duties = newPatternGroups(duties)
	for _, t := range rs.Title.Required {
		m.titleRequired = append(m.titleRequired, t.Pattern)
	}
	for _, t := range rs.Title.Forbidden {
		m.titleForbidden = append(m.titleForbidden, t.Pattern)
	}
	m.numbers = compileNumbers(rs)
	// Wrong terms, year markers, placeholder triggers and the words that name numbers and
	// rates are all found in one pass over each line. Stale terms have their own matcher, run
	// over the line with its quotation marks folded (stale.go).
	m.stale = compileStale(rs)
	var phrases []string
	add := func(kind uint8, idx int, text string) {
		phrases = append(phrases, text)
		m.phraseKind = append(m.phraseKind, kind)
		m.phraseIdx = append(m.phraseIdx, idx)
	}
	for i, w := range rs.WrongTerms {
		add(phraseWrong, i, w.Wrong)
	}
	for i, mk := range rs.Years.Markers {
		add(phraseYearMarker, i, mk)
	}
	for _, r := range rs.Placeholders.Triggers {
		add(phrasePlaceholder, 0, string(r))
	}
	for i, w := range m.numbers.labelWords {
		add(phraseLabel, i, w)
	}
	for i, w := range m.numbers.rateWords {
		add(phraseRate, i, w)
	}
	m.phrases = textscan.NewMatcher(phrases)
	var stale *textscan.Matcher
	if m.stale != nil {
		stale = m.stale.any
	}
	m.phrasesStale = textscan.NewPair(m.phrases, stale)
	m.placeholder = rs.Placeholders.Patterns.Any()
	m.placeholderEach = newBranches(rs.Placeholders.Patterns)
	m.repeat = repeatWords{single: runeSet(rs.Repeated.Single), parallel: runeSet(rs.Repeated.Parallel), allow: rs.Repeated.Allow}
	m.pairOpen, m.pairClose = map[rune]int{}, map[rune]int{}
	for i, pr := range rs.Pairs {
		for _, r := range pr.Open {
			m.pairOpen[r] = i
		}
		for _, r := range pr.Close {
			m.pairClose[r] = i
		}
	}
	for i := range rs.Punctuation.Marks {
		mk := &rs.Punctuation.Marks[i]
		if len(mk.Half) == 1 {
			m.punct[mk.Half[0]] = mk
			m.punctChars += mk.Half
		}
	}
	var marked []rune
	for _, r := range m.punctChars {
		marked = append(marked, r)
	}
	for _, pairs := range []map[rune]int{m.pairOpen, m.pairClose} {
		for r := range pairs {
			marked = append(marked, r)
			if r < utf8.RuneSelf {
				m.pairASCII[r] = true // to tell them from half-width punctuation
			}
		}
	}
	m.marks = newMarkSet(marked...)
	if n := rs.Repeated.MaxLen; n > 0 && n <= maxRepeatWithin {
		m.marks.repeatWithin = n
	}
	m.diffs = &diffCache{}
	m.partNames = make(map[string]string, len(rs.Parts))
	for i := range rs.Parts {
		m.partOrder = append(m.partOrder, &rs.Parts[i])
	}
	slices.SortStableFunc(m.partOrder, func(a, b *rules.Part) int { return cmp.Compare(a.Ordinal, b.Ordinal) })
	for _, p := range m.partOrder {
		m.partIDs = append(m.partIDs, p.ID)
		m.partNames[p.ID] = p.Name
	}
	m.partIDs = slices.Clip(m.partIDs)

	return &Compiled{Set: rs, m: m}
}

// Kinds of phrase in the combined matcher.
const (
	phraseWrong uint8 = iota
	phraseYearMarker
	phrasePlaceholder // a trigger character of the placeholder patterns
	phraseLabel       // a word that names a counted number (收到, 办结)
	phraseRate        // a word that names a rate (成功率)
)

// Sentences returns the line's sentences (byte ranges), split once.
func (l *Line) Sentences() [][2]int {
	l.scan()
	return lineWindow(l.arena.scan.sents, l.sents)
}

// Digits returns the byte ranges of the line's runs of ASCII digits.
func (l *Line) Digits() [][2]int {
	l.scan()
	return lineWindow(l.arena.scan.digits, l.digits)
}

// Marks returns the offsets of the line's characters that are half-width punctuation or pair
// marks (rules.toml [punctuation] and [[pairs]]).
func (l *Line) Marks() []int32 {
	l.scan()
	return lineWindow(l.arena.scan.marks, l.marks)
}

// Repeats returns the offsets where the line's scan saw a Han character that may repeat one
// of the maxLen before it (see lineScan.repeats), and false when the scan did not look that
// far back: the caller then tries every character.
func (l *Line) Repeats(maxLen int) ([]int32, bool) {
	l.scan()
	return lineWindow(l.arena.scan.repeats, l.repeats), l.arena.marks != nil && l.arena.marks.repeatWithin >= maxLen
}

func (l *Line) scan() {
	if l.scanned {
		return
	}
	l.scanned = true
	if l.arena == nil {
		l.arena = &lineArena{}
	}
	sc := &l.arena.scan
	s0, d0, m0, r0 := len(sc.sents), len(sc.digits), len(sc.marks), len(sc.repeats)
	scanLine(l.Text, sc, l.arena.marks)
	l.sents = [2]int32{int32(s0), int32(len(sc.sents))}
	l.digits = [2]int32{int32(d0), int32(len(sc.digits))}
	l.marks = [2]int32{int32(m0), int32(len(sc.marks))}
	l.repeats = [2]int32{int32(r0), int32(len(sc.repeats))}
}

// lineWindow returns a line's part of an arena slice, with no room to grow into another line's.
func lineWindow[T any](a []T, r [2]int32) []T { return a[r[0]:r[1]:r[1]] }

// phrasesIn returns the rule set's phrases found in a line, found once, in the same pass as
// the stale terms (staleIn).
func (m *matchers) phrasesIn(l *Line) []textscan.Match {
	if l.arena == nil {
		l.arena = &lineArena{}
	}
	if !l.phraseOK {
		l.phraseOK = true
		a := l.arena
		i, j := len(a.matches), len(a.stale)
		var valid bool
		a.matches, a.stale, valid = m.phrasesStale.FindAll(a.matches, a.stale, l.Text)
		l.matches = [2]int32{int32(i), int32(len(a.matches))}
		l.staleM = [2]int32{int32(j), int32(len(a.stale))}
		l.invalid = !valid
	}
	return lineWindow(l.arena.matches, l.matches)
}

// staleIn returns what the folding matcher of stale terms (staleMatcher.any) finds in the
// line, and whether the line is valid UTF-8.
func (m *matchers) staleIn(l *Line) ([]textscan.Match, bool) {
	m.phrasesIn(l)
	return lineWindow(l.arena.stale, l.staleM), !l.invalid
}
