package checker

import (
	"fmt"
	"math/bits"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker/textscan"
	"github.com/fzlint/fzlint/rules"
)

var staleTerm = &Check{
	ID:       "language/stale-term",
	Severity: Warning,
	Summary:  "报告年度已不再现行的提法（给出现行提法），或报告年度时尚未出现的提法",
	Doc: `提法有时效：2023年度及以后的报告仍以“党的十九大精神”为指导、2020年以后仍写“七五”普法、仍引用《法治政府建设实施纲要（2015—2020年）》，都是沿用旧稿的痕迹；反过来，2023年度报告提到2024年7月才召开的二十届三中全会，则是年份写错。每个提法的起止年度写在 rules.toml 的 [[stale_terms]] 中（stale_from：从哪一报告年度起过时；current_from：从哪一年度起才可能出现），except 列出合理的历史性提及（如“十九大以来”）。同一提法在一份报告中只报告一次。
报告写明成文日期时，也按日期判断（stale_date、current_date）：成文时新提法已经出现，旧提法就过时了；成文时尚未发生的事不可能写进报告。
引号写法不同（“七五”、"七五"、「七五」、七五）、全角半角括号和连接号不同，都按同一提法查找（rules.toml [term_matching]）；少写或调换了其中的词（如“全面依法治国新思想新战略”），按 words 查找。`,
	Bad:       "2023年，某县坚持以党的十九大精神为指导，深入实施“七五”普法规划。",
	Good:      "2023年，某县坚持以党的二十大精神为指导，深入实施“八五”普法规划。",
	NeedsYear: true,
	Run:       runStaleTerm,
}

// staleMatcher finds the stale terms of a rule set in a folded view of each line: the
// characters of [term_matching] ignore dropped and those of fold replaced, so that the ways of
// quoting and bracketing a term are one term. Offsets are mapped back to the line as written.
type staleMatcher struct {
	fold map[rune]rune // a character → what it is matched as; -1: dropped
	m    *textscan.Matcher
	// any finds the same phrases as m, folding as it reads: most lines hold no stale term
	// and are passed over without being folded.
	any    *textscan.Matcher
	term   []int // matcher id → index in StaleTerms
	word   []int // matcher id → index in the term's Words; -1 for a whole variant
	except [][]string
	// folds marks the characters of fold below U+10000, by code point, so that a line is
	// scanned a character at a time without decoding or a map lookup.
	folds [1 << 16 / 64]uint64
}

// folded reports whether the character at s[i] is one of fold (characters beyond U+FFFF never
// are), and its length in bytes.
func (sm *staleMatcher) folded(s string, i int) (bool, int) {
	b := s[i]
	var r, n int
	switch {
	case b < 0x80:
		r, n = int(b), 1
	case b < 0xE0:
		if i+1 >= len(s) {
			return false, 1
		}
		r, n = int(b&0x1F)<<6|int(s[i+1]&0x3F), 2
	case b < 0xF0:
		if i+2 >= len(s) {
			return false, 1
		}
		r, n = int(b&0x0F)<<12|int(s[i+1]&0x3F)<<6|int(s[i+2]&0x3F), 3
	default:
		return false, 4
	}
	return sm.folds[r>>6]&(1<<(r&63)) != 0, n
}

func compileStale(rs *rules.Set) *staleMatcher { return newStaleMatcher(rs, false) }

// newStaleMatcher compiles the stale terms; with plain, m is always the plain matcher, as the
// tests want it to hold the folding one to it.
func newStaleMatcher(rs *rules.Set, plain bool) *staleMatcher {
	if len(rs.StaleTerms) == 0 {
		return nil
	}
	sm := &staleMatcher{fold: map[rune]rune{}}
	for _, r := range rs.TermMatching.Ignore {
		sm.fold[r] = -1
	}
	for _, f := range rs.TermMatching.Fold {
		rs := []rune(f)
		sm.fold[rs[0]] = rs[1]
	}
	for r := range sm.fold {
		if r < 1<<16 {
			sm.folds[r>>6] |= 1 << (r & 63)
		}
	}
	var phrases []string
	add := func(term, word int, text string) {
		if f := sm.apply(text); f != "" {
			phrases = append(phrases, f)
			sm.term = append(sm.term, term)
			sm.word = append(sm.word, word)
		}
	}
	for i, t := range rs.StaleTerms {
		vs := t.Variants
		if len(vs) == 0 {
			vs = []string{t.Term}
		}
		for _, v := range vs {
			add(i, -1, v)
		}
		for w, v := range t.Words {
			add(i, w, v)
		}
		var ex []string
		for _, e := range t.Except {
			ex = append(ex, sm.apply(e))
		}
		sm.except = append(sm.except, ex)
	}
	// On a folded line the folding matcher finds what the plain one finds, unless a character
	// is both folded and what another folds to (a line so folded still holds it): only then
	// are two automata built.
	sm.any = textscan.NewFoldingMatcher(phrases, sm.fold)
	sm.m = sm.any
	for _, to := range sm.fold {
		if _, again := sm.fold[to]; again {
			plain = true
		}
	}
	if plain {
		sm.m = textscan.NewMatcher(phrases)
	}
	return sm
}

// apply folds a phrase of the rule set.
func (sm *staleMatcher) apply(s string) string {
	f, _, _ := sm.view(s, nil)
	return f
}

// view folds a line. offs maps each byte of the folded text (and its end) to the byte of s it
// came from; when nothing changed (changed is false) the folded text is s itself and offs is
// not filled. offs is the caller's buffer, returned for reuse.
func (sm *staleMatcher) view(s string, offs []int32) (folded string, _ []int32, changed bool) {
	if !utf8.ValidString(s) {
		return sm.viewInvalid(s, offs)
	}
	first := sm.firstFolded(s)
	if first < 0 {
		return s, offs, false
	}
	var b strings.Builder
	b.Grow(len(s))
	offs = offs[:0]
	for i := 0; ; {
		// Copy the run up to the next character fold may change, then that character.
		j := len(s)
		if i == 0 {
			j = first
		} else if i < len(s) {
			j = sm.nextFolded(s, i)
		}
		b.WriteString(s[i:j])
		for k := i; k < j; k++ {
			offs = append(offs, int32(k))
		}
		if j == len(s) {
			break
		}
		offs, i = sm.foldAt(&b, offs, s, j)
	}
	offs = append(offs, int32(len(s)))
	return b.String(), offs, true
}

// viewInvalid is view for a line that is not valid UTF-8: a character at a time, each byte that
// begins no character written as U+FFFD, so that dropping a character between two such bytes
// (“ in 五\xe2\x80“\x9d) cannot join them into one (”).
func (sm *staleMatcher) viewInvalid(s string, offs []int32) (string, []int32, bool) {
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	offs = offs[:0]
	for j := 0; j < len(s); {
		if r, size := utf8.DecodeRuneInString(s[j:]); r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
			offs = append(offs, int32(j), int32(j), int32(j))
			j++
			continue
		}
		offs, j = sm.foldAt(&b, offs, s, j)
	}
	offs = append(offs, int32(len(s)))
	return b.String(), offs, true
}

// foldAt writes the character at s[j] to b as fold has it (itself, its fold, or nothing) and
// the offset of each byte written to offs, and returns offs and the offset after the
// character.
func (sm *staleMatcher) foldAt(b *strings.Builder, offs []int32, s string, j int) ([]int32, int) {
	r, size := utf8.DecodeRuneInString(s[j:])
	switch to, ok := sm.fold[r]; {
	case !ok:
		b.WriteString(s[j : j+size])
		for k := 0; k < size; k++ {
			offs = append(offs, int32(j+k))
		}
	case to >= 0:
		n := b.Len()
		b.WriteRune(to)
		for k := n; k < b.Len(); k++ {
			offs = append(offs, int32(j))
		}
	}
	return offs, j + size
}

// firstFolded returns the offset of the first character of s that fold changes, or -1.
func (sm *staleMatcher) firstFolded(s string) int {
	for i := 0; i < len(s); {
		f, n := sm.folded(s, i)
		if f {
			if r, _ := utf8.DecodeRuneInString(s[i:]); sm.fold[r] != 0 {
				return i
			}
		}
		i += n
	}
	return -1
}

// nextFolded returns the offset of the first character at or after i that fold may change, or
// len(s): one of one to three bytes whose code point folds marks, or one the caller is to look
// up in fold (four bytes, U+0800–U+0FFF and U+D000–U+D7FF, or a byte that is not UTF-8).
func (sm *staleMatcher) nextFolded(s string, i int) int {
	for i < len(s) {
		c := s[i]
		var r rune
		n := 1
		switch {
		case c < utf8.RuneSelf:
			r = rune(c)
		case c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			r, n = rune(c&0x1F)<<6|rune(s[i+1]&0x3F), 2
		case c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			r, n = rune(c&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
		default:
			return i
		}
		if sm.folds[r>>6]&(1<<(r&63)) != 0 {
			return i
		}
		i += n
	}
	return len(s)
}

// staleHit is a stale term found on a line: its byte range in the line as written.
type staleHit struct{ term, start, end int }

// find returns the stale terms on a line, whole variants and runs of words, at most one per
// term, outside the term's exceptions. (A document's lines are passed over in the pass that
// finds their phrases, matchers.staleIn, and only those that hold a term are folded.)
func (sm *staleMatcher) find(rs *rules.Set, text string, buf []textscan.Match, offs []int32) ([]staleHit, []textscan.Match, []int32) {
	if !sm.any.Contains(text) {
		return nil, buf[:0], offs
	}
	return sm.findFolded(rs, text, buf, offs)
}

// findFolded is find on the folded copy of the line.
func (sm *staleMatcher) findFolded(rs *rules.Set, text string, buf []textscan.Match, offs []int32) ([]staleHit, []textscan.Match, []int32) {
	return sm.findIn(rs, text, buf, offs, false)
}

// findIn is findFolded; with scanned, buf holds what the folding matcher finds in text
// (mayFind's matches), which is what findFolded's matcher finds in a line that folds to
// itself: that line is not scanned again.
func (sm *staleMatcher) findIn(rs *rules.Set, text string, buf []textscan.Match, offs []int32, scanned bool) ([]staleHit, []textscan.Match, []int32) {
	folded, offs, changed := sm.view(text, offs)
	if changed || !scanned || sm.m != sm.any {
		buf = sm.m.FindAll(buf[:0], folded)
	}
	if len(buf) == 0 {
		return nil, buf, offs
	}
	var hits []staleHit
	seen := func(term int) bool {
		for _, h := range hits {
			if h.term == term {
				return true
			}
		}
		return false
	}
	report := func(term, start, end int) {
		if seen(term) || excepted(folded, start, end, sm.except[term]) {
			return
		}
		if changed {
			start, end = sm.span(text, int(offs[start]), int(offs[end]))
		}
		hits = append(hits, staleHit{term, start, end})
	}
	words := false
	for _, m := range buf {
		if sm.word[m.ID] < 0 {
			report(sm.term[m.ID], m.Start, m.End)
		} else {
			words = true
		}
	}
	if words {
		sort.SliceStable(buf, func(i, j int) bool { return buf[i].Start < buf[j].Start })
		for i, m := range buf {
			if t := sm.term[m.ID]; sm.word[m.ID] == 0 && !seen(t) {
				if end, ok := sm.wordRun(&rs.StaleTerms[t], folded, buf[i:]); ok {
					report(t, m.Start, end)
				}
			}
		}
	}
	return hits, buf, offs
}

// span is the range of a term in the line as written, from the range its folded match maps
// to: marks dropped at its end are left out, and a term with a dropped mark inside (七五”普法)
// takes in the marks just before it (“七五”普法).
func (sm *staleMatcher) span(s string, start, end int) (int, int) {
	dropped := func(r rune) bool { return sm.fold[r] == -1 }
	for end > start {
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if !dropped(r) {
			break
		}
		end -= size
	}
	if strings.IndexFunc(s[start:end], dropped) < 0 {
		return start, end
	}
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:start])
		if !dropped(r) {
			break
		}
		start -= size
	}
	return start, end
}

// wordRun reads the words of a term from its first word (ms[0]) on: each next word of the
// same term must start within MaxGap characters of the end of the one before, with no end of
// sentence between, not repeat a word, and keep the listed order if the term is Ordered. It
// returns the end of the run and whether it holds MinWords words.
func (sm *staleMatcher) wordRun(t *rules.StaleTerm, text string, ms []textscan.Match) (int, bool) {
	term := sm.term[ms[0].ID]
	used := map[int]bool{0: true}
	last, end, n := 0, ms[0].End, 1
	for _, m := range ms[1:] {
		if sm.term[m.ID] != term || sm.word[m.ID] < 0 || m.Start < end {
			continue
		}
		gap := text[end:m.Start]
		if utf8.RuneCountInString(gap) > t.MaxGap {
			break
		}
		if strings.ContainsAny(gap, "。；！？;!?") {
			break
		}
		w := sm.word[m.ID]
		if used[w] || t.Ordered && w < last {
			continue
		}
		used[w], last, end = true, w, m.End
		n++
	}
	return end, n >= t.MinWords
}

// staleScratch holds the buffers a document's lines reuse, kept between documents: a batch
// would otherwise grow them again for every report.
type staleScratch struct {
	matches []textscan.Match
	offs    []int32
	verdict []staleVerdict
}

var staleScratchPool = sync.Pool{New: func() any { return &staleScratch{} }}

// staleVerdict is what a term found in a document means for it: the report year (or its date)
// makes the term stale, or too early to be written.
type staleVerdict struct{ stale, staleByDate, early, earlyByDate bool }

func (v staleVerdict) reported() bool { return v.stale || v.staleByDate || v.early }

// mayFind reports whether findFolded could find on a line a term that wanted says is
// reported, judging from the folding matcher's matches on the line as written (found, from
// the line's phrase pass, staleIn), without folding or copying it: a line whose phrases are
// only terms the report year allows, or a first word short of its term's MinWords, is passed
// over. It answers true whenever the folding matcher may not find what the matcher of
// findFolded finds in the folded line (a rule set with two automata, or a line that is not
// valid UTF-8). It returns found copied into buf, for findIn, which may reorder it.
func (sm *staleMatcher) mayFind(rs *rules.Set, found []textscan.Match, valid bool, buf []textscan.Match, wanted []staleVerdict) (bool, []textscan.Match) {
	if sm.m != sm.any {
		return true, buf
	}
	buf = append(buf[:0], found...)
	for _, m := range buf {
		t := sm.term[m.ID]
		if !wanted[t].reported() {
			continue
		}
		if sm.word[m.ID] < 0 {
			return true, buf
		}
		if sm.word[m.ID] != 0 {
			continue
		}
		// A run of words starts at the first word and counts each word of the term once.
		var words uint64
		for _, o := range buf {
			if w := sm.word[o.ID]; sm.term[o.ID] == t && w >= 0 {
				if w >= 64 {
					return true, buf
				}
				words |= 1 << w
			}
		}
		if bits.OnesCount64(words) >= rs.StaleTerms[t].MinWords {
			return true, buf
		}
	}
	return !valid, buf
}

func runStaleTerm(p *Pass) {
	d, rs, sm := p.Doc, p.Rules, p.m.stale
	if d.Year == 0 || sm == nil {
		return
	}
	// The 成文日期 decides too, when there is one and it fits the report year.
	dated := d.DateLine > 0
	if e, l := rs.Date.Earliest, rs.Date.Latest; dated && (!e.IsZero() && d.Date.Before(Date{d.Year, e.Month, e.Day}) ||
		!l.IsZero() && (Date{d.Year + 1, l.Month, l.Day}).Before(d.Date)) {
		dated = false
	}
	day := func(x rules.Day) Date { return Date{x.Year, x.Month, x.Day} }
	type hit struct {
		line, col, endCol int
		text              string
		early, byDate     bool
		lines             []lineCol
	}
	hits := map[int]*hit{}
	var order []int
	sc := staleScratchPool.Get().(*staleScratch)
	defer staleScratchPool.Put(sc)
	buf, offs := sc.matches, sc.offs
	defer func() { sc.matches, sc.offs = buf[:0], offs[:0] }()
	// What each term means for this report: the same on every line.
	verdicts := sc.verdict[:0]
	for i := range rs.StaleTerms {
		t := &rs.StaleTerms[i]
		var v staleVerdict
		v.stale = t.StaleFrom > 0 && d.Year >= t.StaleFrom
		v.staleByDate = !v.stale && dated && !t.StaleDate.IsZero() && !d.Date.Before(day(t.StaleDate))
		v.early = t.CurrentFrom > 0 && d.Year < t.CurrentFrom
		if dated && !t.CurrentDate.IsZero() {
			v.early = d.Date.Before(day(t.CurrentDate))
			v.earlyByDate = v.early
		}
		verdicts = append(verdicts, v)
	}
	sc.verdict = verdicts
	var lineHits []staleHit
	d.TextLines(func(n int, l *Line) bool {
		found, valid := p.m.staleIn(l)
		if len(found) == 0 {
			return true
		}
		may := false
		if may, buf = sm.mayFind(rs, found, valid, buf, verdicts); !may {
			return true
		}
		lineHits, buf, offs = sm.findIn(rs, l.Text, buf, offs, true)
		for _, f := range lineHits {
			v := verdicts[f.term]
			if !v.reported() {
				continue
			}
			col := runeCol(l.Text, f.start)
			if h := hits[f.term]; h != nil {
				if h.lines[len(h.lines)-1].line != n {
					h.lines = append(h.lines, lineCol{n, col})
				}
				continue
			}
			hits[f.term] = &hit{line: n, col: col, endCol: col + utf8.RuneCountInString(l.Text[f.start:f.end]), text: d.quote(n, f.start, f.end),
				early: v.early, byDate: v.earlyByDate || v.staleByDate, lines: []lineCol{{n, col}}}
			order = append(order, f.term)
		}
		return true
	})
	written := fmt.Sprintf("成文于%d年%d月%d日的报告", d.Date.Year, d.Date.Month, d.Date.Day)
	for _, id := range order {
		h, t := hits[id], &rs.StaleTerms[id]
		in := fmt.Sprintf("%d年度报告", d.Year)
		if h.byDate {
			in = written
		}
		var msg string
		if h.early {
			msg = fmt.Sprintf("“%s”不可能出现在%s中", h.text, in)
		} else {
			msg = fmt.Sprintf("“%s”在%s中已不是现行提法", h.text, in)
			if t.Current != "" {
				msg += fmt.Sprintf("，应为“%s”", t.Current)
			}
		}
		if t.Note != "" {
			msg += "（" + t.Note + "）"
		}
		if len(h.lines) > 1 {
			msg += fmt.Sprintf("；%s都有", d.listLines(h.lines))
		}
		p.Report(Diagnostic{Line: h.line, Column: h.col, EndColumn: h.endCol, Message: msg, Suggestion: t.Current})
	}
}
