package checker

import (
	"fmt"
	"iter"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker/textscan"
	"github.com/fzlint/fzlint/rules"
)

func init() {
	register(numberRelation, rateMismatch, percentRange)
}

// numberMatchers are the compiled forms of [numbers], [[rates]] and [bounded].
type numberMatchers struct {
	relationLabels [][]string // the labels of each relation, listed once
	labelOf        []string   // label-word id → label name
	labelWords     []string   // label-word id → the word
	rateOf         []int      // rate-word id → index in Rates
	rateWords      []string
	units          []string
	unitClass      []string // unit index → its class (the first unit of its list)
	// unitsAt lists, for the first character of each unit, the indexes in units of the units
	// that begin with it, longest first as units is; unitLead holds those characters of the
	// Basic Multilingual Plane as a bit set (most numbers are followed by none: 2024年).
	unitsAt   map[rune][]int
	unitLead  *[1 << 16 / 64]uint64
	bounded   *textscan.Matcher
	unbounded *textscan.Matcher
	// boundedLongest and unboundedLongest are the byte lengths of their longest words.
	boundedLongest, unboundedLongest int
}

func compileNumbers(rs *rules.Set) *numberMatchers {
	nm := &numberMatchers{unitsAt: map[rune][]int{}, unitLead: new([1 << 16 / 64]uint64)}
	var words []string
	for _, l := range rs.Numbers.Labels {
		for _, w := range l.Words {
			words = append(words, w)
			nm.labelOf = append(nm.labelOf, l.Name)
		}
	}
	nm.labelWords = words
	words = nil
	for i, r := range rs.Rates {
		for _, w := range r.Words {
			words = append(words, w)
			nm.rateOf = append(nm.rateOf, i)
		}
	}
	nm.rateWords = words
	classOf := map[string]string{}
	for _, class := range rs.Numbers.Units {
		for _, u := range class {
			nm.units = append(nm.units, u)
			classOf[u] = class[0]
		}
	}
	// Longest unit first, so that 人次 wins over 人.
	sort.SliceStable(nm.units, func(i, j int) bool { return len(nm.units[i]) > len(nm.units[j]) })
	for i, u := range nm.units {
		r, _ := utf8.DecodeRuneInString(u)
		nm.unitsAt[r] = append(nm.unitsAt[r], i)
		if r <= 0xFFFF {
			nm.unitLead[r/64] |= 1 << (r % 64)
		}
		nm.unitClass = append(nm.unitClass, classOf[u])
	}
	for _, r := range rs.Relations {
		nm.relationLabels = append(nm.relationLabels, r.Expr.Labels())
	}
	nm.bounded = textscan.NewMatcher(rs.Bounded.Suffixes)
	nm.unbounded = textscan.NewMatcher(rs.Bounded.Unbounded)
	for _, w := range rs.Bounded.Suffixes {
		nm.boundedLongest = max(nm.boundedLongest, len(w))
	}
	for _, w := range rs.Bounded.Unbounded {
		nm.unboundedLongest = max(nm.unboundedLongest, len(w))
	}
	return nm
}

// quantity is a counted number in a sentence: 收到行政复议申请16件 → label 收到, 16, 件.
type quantity struct {
	label      string
	value      float64
	unit       string // unit class
	start, end int    // byte range of number and unit in the line
}

// percent is a stated percentage: 成功率98% → rate 成功率, 98, 0 decimals.
type percent struct {
	value      float64
	decimals   int
	start, end int
	approx     bool // 约98%, 98%以上
	rate       int  // index in Rates, or -1
	rateWord   string
}

// sentenceNumbers holds what one sentence states.
type sentenceNumbers struct {
	line       int
	text       string // the whole line
	start, end int    // the sentence's byte range
	quantities []quantity
	percents   []percent
}

// clauseBreak ends the search for a number's label: a label does not reach across these.
const clauseBreak = "，,、；;：:。（(）)"

// extractNumbers finds the quantities and percentages of every sentence of a document: the
// sentences that state some, in arrays of at most 1,024 (one slice would be copied each time it
// grew: see windows).
func (d *Document) extractNumbers(m *matchers, maxGap int) [][]sentenceNumbers {
	nm := m.numbers
	// Sized for a typical report, so that most never grow them.
	var out [][]sentenceNumbers
	var arrays numberArrays // to begin with: none, or those of the document's scratch
	if d.scratch != nil {
		arrays = d.scratch.numbers
	}
	sents := room(arrays.sents, 32)
	// A line names few labels and rates: these arrays on the stack hold them, unless a
	// line has more.
	var labelArr [32]textscan.Match
	var rateArr [8]textscan.Match
	labels, rates := labelArr[:0], rateArr[:0]
	qs := windows[quantity]{buf: room(arrays.qs, 64), max: 4096}
	ps := windows[percent]{buf: room(arrays.ps, 16), max: 1024}
	d.TextLines(func(n int, l *Line) bool {
		s := l.Text
		runs := l.Digits()
		if len(runs) == 0 {
			return true
		}
		// The label and rate words come from the line's one phrase pass.
		labels, rates = labels[:0], rates[:0]
		for _, pm := range m.phrasesIn(l) {
			switch m.phraseKind[pm.ID] {
			case phraseLabel:
				labels = append(labels, textscan.Match{ID: m.phraseIdx[pm.ID], Start: pm.Start, End: pm.End})
			case phraseRate:
				rates = append(rates, textscan.Match{ID: m.phraseIdx[pm.ID], Start: pm.Start, End: pm.End})
			}
		}
		for _, sp := range l.Sentences() {
			sn := sentenceNumbers{line: n, text: s, start: sp[0], end: sp[1]}
			next := sp[0] // the first byte not yet read as part of a number
			for ; len(runs) > 0 && runs[0][0] < sp[1]; runs = runs[1:] {
				i := runs[0][0]
				if i < next || i > sp[0] && isNumberByte(s[i-1]) {
					continue
				}
				v, dec, j := parseNumber(s, i, sp[1])
				next = j
				k := skipSpaces(s, j)
				if mult, size := multiplier(s[k:]); size > 0 {
					v *= mult
					k += size
				}
				if strings.HasPrefix(s[k:], "%") || strings.HasPrefix(s[k:], "％") {
					size := 1
					if s[k] != '%' {
						size = len("％")
					}
					p := percent{value: v, decimals: dec, start: numberStart(s, j), end: k + size, rate: -1}
					p.approx = approximate(s, sp[0], p.start, p.end)
					p.rate, p.rateWord = nearestRate(s, rates, nm, sp[0], p.start)
					ps.add(p)
					continue
				}
				if u := nm.unitAt(s, k); u >= 0 {
					start := numberStart(s, j)
					q := quantity{value: v, unit: nm.unitClass[u], start: start, end: k + len(nm.units[u])}
					q.label = nearestLabel(s, labels, nm, sp[0], start, maxGap)
					qs.add(q)
				}
			}
			sn.quantities, sn.percents = qs.take(), ps.take()
			if len(sn.quantities) > 0 || len(sn.percents) > 0 {
				if len(sents) == cap(sents) {
					out = append(out, sents)
					sents = make([]sentenceNumbers, 0, min(2*cap(sents), 1024))
				}
				sents = append(sents, sn)
			}
		}
		return true
	})
	if d.scratch != nil {
		// The arrays filled last, the largest, are the next document's to begin with.
		d.scratch.numbers = numberArrays{sents, qs.buf, ps.buf}
	}
	return append(out, sents)
}

// numberArrays are the arrays extractNumbers fills: the sentences that state numbers, and
// their quantities and percentages.
type numberArrays struct {
	sents []sentenceNumbers
	qs    []quantity
	ps    []percent
}

// windows hands out the values of one sentence after another as windows of shared arrays, so
// that a document's hundreds of thousands of numbers are not a small slice each. An array is
// never copied once a window of it is taken: when it is full, the next is begun, twice as long
// up to max, and only the values of the window being filled move to it. Appending to one
// slice would copy all of them each time it grew (a quarter at a time once big): on a 90 MB
// compilation of reports, 110 MB of arrays allocated and abandoned for 23 MB kept, all of
// it fresh memory, whose first touch is most of what a huge report's CPU grows with.
type windows[T any] struct {
	buf  []T
	from int // where the window being filled begins in buf
	max  int // the longest array begun, unless one window needs more
}

// add appends v to the window being filled.
func (w *windows[T]) add(v T) {
	if len(w.buf) == cap(w.buf) {
		open := w.buf[w.from:]
		next := make([]T, 0, max(min(2*cap(w.buf), w.max), 2*len(open), 1))
		w.buf, w.from = append(next, open...), 0
	}
	w.buf = append(w.buf, v)
}

// take returns the window filled since the last take (empty when nothing was added) and
// begins the next one. The window's capacity ends with it: appending to it cannot overwrite
// the next.
func (w *windows[T]) take() []T {
	s := w.buf[w.from:len(w.buf):len(w.buf)]
	w.from = len(w.buf)
	return s
}

// unitAt returns the index in units of the longest unit that s[k:] begins with, or -1.
func (nm *numberMatchers) unitAt(s string, k int) int {
	if k >= len(s) {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(s[k:])
	if r <= 0xFFFF && nm.unitLead[r/64]&(1<<(r%64)) == 0 {
		return -1
	}
	for _, u := range nm.unitsAt[r] {
		if strings.HasPrefix(s[k:], nm.units[u]) {
			return u
		}
	}
	return -1
}

// window returns the offset from which to look for the words before byte at: at most n runes
// back, not before from.
func window(s string, from, at, n int) int {
	i := at
	for k := 0; k < n && i > from; k++ {
		_, size := utf8.DecodeLastRuneInString(s[from:i])
		i -= size
	}
	return i
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

func isNumberByte(c byte) bool {
	return c >= '0' && c <= '9' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// parseNumber reads 1234, 1,234 or 12.5 starting at i and returns the value, the number of
// decimals and the offset after it.
func parseNumber(s string, i, limit int) (float64, int, int) {
	j := i
	dec := -1
	commas := false
	for j < limit {
		c := s[j]
		switch {
		case c >= '0' && c <= '9':
			if dec >= 0 {
				dec++
			}
			j++
			continue
		case c == '.' && dec < 0 && j+1 < limit && s[j+1] >= '0' && s[j+1] <= '9':
			dec = 0
			j++
			continue
		case c == ',' && dec < 0 && j+3 < limit && allDigits(s[j+1:j+4]) && (j+4 >= limit || s[j+4] < '0' || s[j+4] > '9'):
			commas = true // a thousands separator
			j++
			continue
		}
		break
	}
	if dec < 0 {
		dec = 0
	}
	if v, ok := exactDecimal(s[i:j], dec); ok {
		return v, dec, j
	}
	text := s[i:j]
	if commas {
		text = strings.ReplaceAll(text, ",", "")
	}
	v, _ := strconv.ParseFloat(text, 64)
	return v, dec, j
}

// exactPow10 are the powers of ten that a float64 holds exactly.
var exactPow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// exactDecimal returns the value of a number as parseNumber reads it (digits, thousands
// commas, at most one point, dec digits after it) when it has at most 15 digits: its digits
// as an integer are then exact in a float64, and so is 10^dec, and one division of two exact
// values is correctly rounded, as strconv.ParseFloat's result is (its own exact fast path).
func exactDecimal(text string, dec int) (float64, bool) {
	var mant uint64
	digits := 0
	for k := 0; k < len(text); k++ {
		c := text[k]
		if c == ',' || c == '.' {
			continue
		}
		mant = mant*10 + uint64(c-'0')
		digits++
	}
	if digits > 15 {
		return 0, false
	}
	return float64(mant) / exactPow10[dec], true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// numberStart walks back from the end of a number to its first digit.
func numberStart(s string, end int) int {
	i := end
	for i > 0 && (s[i-1] >= '0' && s[i-1] <= '9' || s[i-1] == '.' || s[i-1] == ',') {
		i--
	}
	for i < end && (s[i] < '0' || s[i] > '9') {
		i++
	}
	return i
}

func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

func multiplier(s string) (float64, int) {
	switch {
	case strings.HasPrefix(s, "万"):
		return 1e4, len("万")
	case strings.HasPrefix(s, "亿"):
		return 1e8, len("亿")
	case strings.HasPrefix(s, "千"):
		return 1e3, len("千")
	}
	return 1, 0
}

// nearestLabel returns the label whose word ends closest before a number in its clause, within
// maxGap characters; among words ending at the same place the longest wins (不予受理 over 受理).
// A word followed by 率 names a rate, not a count.
func nearestLabel(s string, ms []textscan.Match, nm *numberMatchers, from, at, maxGap int) string {
	best, _ := nearestWord(s, ms, from, at, maxGap, true)
	if best < 0 {
		return ""
	}
	return nm.labelOf[ms[best].ID]
}

// nearestRate returns the rate named just before a percentage (成功率98%, 成功率为98%).
func nearestRate(s string, ms []textscan.Match, nm *numberMatchers, from, at int) (int, string) {
	best, _ := nearestWord(s, ms, from, at, 6, false)
	if best < 0 {
		return -1, ""
	}
	return nm.rateOf[ms[best].ID], s[ms[best].Start:ms[best].End]
}

// nearestWord returns the index of the word of ms that ends closest before byte at, not before
// from, with at most maxGap characters, no digit and no clauseBreak between them (the longest
// among those ending at the same place), or -1; with notRate, a word followed by 率 is passed
// over. ms are in order of their end, as textscan's FindAll gives them. weighed is the number
// of words it looked at, which a test holds to a bound.
//
// Only the words that end within maxGap characters before at can be chosen, and a character
// (or a byte that is not one, which counts as one) is at most utf8.UTFMax bytes: those words
// end in [at-utf8.UTFMax*maxGap, at], one run of ms that a binary search finds. Every other
// word fails the gap test, so the choice is the one among all of ms. Reading all of ms for
// every number made a line (or a sentence) of n figures cost n²: 收到1件， written 100,000
// times took 35 seconds.
func nearestWord(s string, ms []textscan.Match, from, at, maxGap int, notRate bool) (best, weighed int) {
	best = -1
	lo := at - utf8.UTFMax*maxGap
	first := sort.Search(len(ms), func(i int) bool { return ms[i].End >= lo })
	for i := first; i < len(ms) && ms[i].End <= at; i++ {
		weighed++
		m := ms[i]
		if m.Start < from {
			continue
		}
		if best >= 0 && (m.End < ms[best].End || m.End == ms[best].End && m.Start >= ms[best].Start) {
			continue // it would not be chosen over best
		}
		if notRate && strings.HasPrefix(s[m.End:], "率") || !labelGap(s[m.End:at], maxGap) {
			continue
		}
		best = i
	}
	return best, weighed
}

// labelGap reports whether a word may name the number gap characters after it: gap holds at
// most maxGap characters, no ASCII digit and none of clauseBreak. It reads gap's bytes once
// (clauseBreak's characters by their UTF-8 forms) and counts characters only when it is long
// enough to hold more than maxGap.
func labelGap(gap string, maxGap int) bool {
	for i := 0; i < len(gap); i++ {
		switch c := gap[i]; c {
		case ',', ';', ':', '(', ')', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			return false
		case 0xE3: // 、 E3 80 81, 。 E3 80 82
			if i+2 < len(gap) && gap[i+1] == 0x80 && (gap[i+2] == 0x81 || gap[i+2] == 0x82) {
				return false
			}
		case 0xEF: // （ EF BC 88, ） EF BC 89, ， EF BC 8C, ： EF BC 9A, ； EF BC 9B
			if i+2 < len(gap) && gap[i+1] == 0xBC {
				switch gap[i+2] {
				case 0x88, 0x89, 0x8C, 0x9A, 0x9B:
					return false
				}
			}
		}
	}
	return len(gap) <= maxGap || utf8.RuneCountInString(gap) <= maxGap
}

// approximate reports 约98%, 近98%, 超过98%, 98%以上, 98%左右.
func approximate(s string, from, start, end int) bool {
	before := s[window(s, from, start, 4):start] // the four characters before the number
	for _, w := range []string{"约", "近", "超过", "超", "逾", "不低于", "不少于", "高于", "低于", "大于", "小于"} {
		if strings.Contains(before, w) {
			return true
		}
	}
	after := s[end:]
	for _, w := range []string{"以上", "左右", "以下", "多", "强"} {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

// byLabel returns the single quantity of a label with the given unit class (any unit when
// unit is ""), and whether there is exactly one.
func (sn *sentenceNumbers) byLabel(label, unit string) (quantity, bool) {
	var found quantity
	n := 0
	for _, q := range sn.quantities {
		if q.label == label && (unit == "" || q.unit == unit) {
			found = q
			n++
		}
	}
	return found, n == 1
}

// labelIndex answers byLabel for one sentence with a map lookup. A sentence can state tens of
// thousands of figures and percentages (a line of them with no full stop), and rate-mismatch
// asks byLabel for the numerator and the denominators of each percentage: reading every
// quantity for each made such a sentence cost its percentages times its quantities. The map
// is built on the first question, from one reading of the quantities.
type labelIndex struct {
	sn     *sentenceNumbers
	counts map[labelKey]labelCount
}

// fewQuantities is the number of quantities up to which a sentence's are scanned, not mapped:
// a report's sentence states a handful, and a map per sentence cost 3 % of a report's check.
const fewQuantities = 16

// labelKey is a label and a unit class, or "" for any unit.
type labelKey struct{ label, unit string }

// labelCount is how many quantities a labelKey has, and the last of them (byLabel's found).
type labelCount struct {
	n int
	q quantity
}

// byLabel returns what sn.byLabel(label, unit) does.
func (ix *labelIndex) byLabel(label, unit string) (quantity, bool) {
	if len(ix.sn.quantities) <= fewQuantities {
		return ix.sn.byLabel(label, unit) // a sentence of a report: scanning costs less than a map
	}
	if ix.counts == nil {
		ix.counts = make(map[labelKey]labelCount, len(ix.sn.quantities))
		add := func(k labelKey, q quantity) {
			c := ix.counts[k]
			ix.counts[k] = labelCount{c.n + 1, q}
		}
		for _, q := range ix.sn.quantities {
			add(labelKey{q.label, ""}, q)
			if q.unit != "" {
				add(labelKey{q.label, q.unit}, q)
			}
		}
	}
	c := ix.counts[labelKey{label, unit}]
	return c.q, c.n == 1
}

var numberRelation = &Check{
	ID:       "consistency/number-relation",
	Severity: Error,
	Summary:  "统计数字之间的关系不成立（如办结数多于收到数，受理＋不予受理≠收到）",
	Doc:      `同一句话里的统计数字应当自洽：办结不多于收到，受理与不予受理之和等于收到，调解成功不多于调解，败诉不多于收案……这些关系写在 rules.toml 的 [[relations]] 中（如“受理 + 不予受理 == 收到”），数字的名称由 [numbers] labels 中数字前面的词确定。只有一句话里恰好有关系中每个名称的一个数、单位相同时才检查；句中出现“上年结转”“其他处理”等说明（unless）时不检查。`,
	Bad:      "2024年，全县共收到行政复议申请35件，受理27件、不予受理6件。",
	Good:     "2024年，全县共收到行政复议申请35件，受理27件、不予受理8件，办结25件。",
	Run:      runNumberRelation,
}

func runNumberRelation(p *Pass) {
	nm := p.m.numbers
	if nm == nil || len(p.Rules.Relations) == 0 {
		return
	}
	for sn := range p.Doc.numbersOf(p) {
		if len(sn.quantities) < 2 {
			continue
		}
		sentence := sn.text[sn.start:sn.end]
		for ri, rel := range p.Rules.Relations {
			labels := p.m.numbers.relationLabels[ri]
			first, ok := sn.byLabel(labels[0], "")
			if !ok {
				continue
			}
			qs := map[string]quantity{}
			complete := true
			for _, l := range labels {
				q, ok := sn.byLabel(l, first.unit)
				if !ok {
					complete = false
					break
				}
				qs[l] = q
			}
			if !complete || containsAny(sentence, rel.Unless) {
				continue
			}
			left, right := sum(qs, rel.Expr.Left), sum(qs, rel.Expr.Right)
			if rel.Expr.Holds(left, right) {
				continue
			}
			start, end := sn.end, sn.start
			for _, q := range qs {
				start, end = min(start, q.start), max(end, q.end)
			}
			d := p.At(sn.line, start, end)
			d.Message = fmt.Sprintf("数字不一致：%s %s %s 不成立（%s）", describe(qs, rel.Expr.Left, sn.text), rel.Expr.Op, describe(qs, rel.Expr.Right, sn.text), rel.Note)
			p.Report(d)
		}
	}
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func sum(qs map[string]quantity, labels []string) float64 {
	var t float64
	for _, l := range labels {
		t += qs[l].value
	}
	return t
}

// describe writes one side of a relation as the text states it: 受理27件＋不予受理8件.
func describe(qs map[string]quantity, labels []string, line string) string {
	parts := make([]string, len(labels))
	for i, l := range labels {
		q := qs[l]
		parts[i] = l + line[q.start:q.end]
	}
	return strings.Join(parts, "＋")
}

// numbersOf yields the sentences that state numbers, extracted once and shared between the
// checks.
func (d *Document) numbersOf(p *Pass) iter.Seq[*sentenceNumbers] {
	return d.sentenceNumbers(p.m, p.Rules.Numbers.MaxGap)
}

// sentenceNumbers yields the sentences that state numbers, extracted on first use.
func (d *Document) sentenceNumbers(m *matchers, maxGap int) iter.Seq[*sentenceNumbers] {
	if d.numbers == nil {
		d.numbers = d.extractNumbers(m, maxGap)
	}
	return func(yield func(*sentenceNumbers) bool) {
		for _, sents := range d.numbers {
			for i := range sents {
				if !yield(&sents[i]) {
					return
				}
			}
		}
	}
}

var rateMismatch = &Check{
	ID:       "consistency/rate-mismatch",
	Severity: Error,
	Summary:  "写出的比率与同一句中的数字算出的不符（超出写法精度的舍入范围）",
	Doc:      `成功率、办结率、化解率、败诉率、纠错率等比率，若同一句话里写了分子和分母，就用它们重新计算：写“98%”时算出值应在97.5%到98.5%之间，写“95.32%”时应在95.315%到95.325%之间。真实报告的分母不统一（如纠错率可按审结、受理或审理计算），rules.toml 的 [[rates]] 为每种比率列出候选分母，任一个相符即可。写“约”“以上”的近似值，以及找不到分子分母的比率不检查。`,
	Bad:      "2024年共调解各类矛盾纠纷2604件，调解成功2552件，成功率96%。",
	Good:     "2024年共调解各类矛盾纠纷2604件，调解成功2552件，成功率98%。申诉求决类信访初件总数427件，一次性化解407件，一次性化解率95.32%。",
	Run:      runRateMismatch,
}

func runRateMismatch(p *Pass) {
	if p.m.numbers == nil || len(p.Rules.Rates) == 0 {
		return
	}
	for sn := range p.Doc.numbersOf(p) {
		ix := labelIndex{sn: sn}
		for _, pc := range sn.percents {
			if pc.rate < 0 || pc.approx {
				continue
			}
			rate := &p.Rules.Rates[pc.rate]
			num, ok := ix.byLabel(rate.Numerator, "")
			if !ok {
				continue
			}
			tol := 0.5*math.Pow(10, -float64(pc.decimals)) + 1e-9
			var tried []string
			match := false
			for _, den := range rate.Denominators {
				q, ok := ix.byLabel(den, num.unit)
				if !ok || q.value == 0 || q.start == num.start {
					continue
				}
				got := num.value / q.value * 100
				if math.Abs(got-pc.value) <= tol {
					match = true
					break
				}
				tried = append(tried, fmt.Sprintf("%s%s÷%s%s＝%.*f%%", rate.Numerator, sn.text[num.start:num.end], den, sn.text[q.start:q.end], pc.decimals+2, got))
			}
			if match || len(tried) == 0 {
				continue
			}
			d := p.At(sn.line, pc.start, pc.end)
			d.Message = fmt.Sprintf("%s写作%s，但按同句数字计算：%s，超出舍入范围", pc.rateWord, sn.text[pc.start:pc.end], strings.Join(tried, "；"))
			p.Report(d)
		}
	}
}

var percentRange = &Check{
	ID:       "consistency/percent-range",
	Severity: Error,
	Summary:  "满意率、覆盖率、出庭率等有上限的比率超过100%",
	Doc:      `满意率、覆盖率、出庭应诉率、参考率、合格率、成功率、办结率等是部分占整体的比例，不可能超过100%；超过多半是把年份或别的数字粘进了百分数（真实报告中出现过“20230%”）。同比增长、增幅等可以超过100%，不检查。有上限的比率名称写在 rules.toml 的 [bounded] 中。`,
	Bad:      "全年群众满意率达120%，政府法律顾问覆盖率100%。",
	Good:     "全年群众满意率达99%，行政复议案件同比增长128.78%，政府法律顾问覆盖率100%。",
	// A rate over 100% that the numbers of its sentence compute otherwise is rate-mismatch's
	// finding, which says what it should be.
	Defers: []string{"consistency/rate-mismatch"},
	Run:    runPercentRange,
}

// boundedGap is the most characters that may stand between a bounded rate's name and its
// percentage (满意率达到了120%).
const boundedGap = 6

func runPercentRange(p *Pass) {
	nm := p.m.numbers
	if nm == nil {
		return
	}
	var buf []textscan.Match
	for sn := range p.Doc.numbersOf(p) {
		cl := clauseScan{start: sn.start, read: sn.start, growthFrom: -1}
		for _, pc := range sn.percents {
			if pc.value <= 100 {
				continue
			}
			// The name just before the number: it must end with a bounded suffix, and no
			// growth word may stand between it and the number (nor before it in its clause).
			// It is the last bounded word of the clause before the number, and it counts only
			// if at most boundedGap characters, so boundedGap*utf8.UTFMax bytes, follow it:
			// the words that end there start within the longest word before, and the search
			// looks only there (from a character's first byte), so that a clause of many
			// percentages is not read again for each. Any word it does not see ends too far
			// back to count, as the last or instead of it.
			from := cl.clauseFrom(sn.text, pc.start)
			lo := max(from, runeStartFrom(sn.text, pc.start-boundedGap*utf8.UTFMax-nm.boundedLongest))
			buf = nm.bounded.FindAll(buf[:0], sn.text[lo:pc.start])
			if len(buf) == 0 {
				continue
			}
			last := buf[len(buf)-1]
			name := sn.text[lo+last.Start : lo+last.End]
			gap := sn.text[lo+last.End : pc.start]
			// 同比增长率, 增幅: growth may exceed 100%.
			if utf8.RuneCountInString(gap) > boundedGap || cl.growth(nm, sn.text, pc.start) {
				continue
			}
			d := p.At(sn.line, pc.start, pc.end)
			if p.deferred(d.Line, d.Column, d.EndColumn) {
				continue
			}
			d.Message = fmt.Sprintf("“%s”不能超过100%%，这里写的是%s", name, sn.text[pc.start:pc.end])
			p.Report(d)
		}
	}
}

// clauseScan follows the clauses of one sentence left to right for percent-range, so that
// each byte is read for clause breaks once and for growth words about once, however many
// percentages the sentence has (the clause and the growth words were sought again from the
// sentence's or the clause's start for each: a sentence of 20,000 满意率120% took 24 seconds).
type clauseScan struct {
	// start is where the clause of the last offset asked about begins: one byte after the
	// first byte of the last clauseBreak character before it (or the sentence's start), as
	// strings.LastIndexAny placed it.
	start int
	read  int // the bytes before read have been searched for clause breaks
	// growthFrom is the clause start whose bytes [growthFrom, growthTo) have been searched
	// for the words of [bounded] unbounded, and grown says whether one was found.
	growthFrom, growthTo int
	grown                bool
}

// clauseFrom returns where the clause of byte at begins, at not before the last offset asked
// about. s[at] is a digit (a percentage's first byte), so no character straddles at.
func (c *clauseScan) clauseFrom(s string, at int) int {
	for i := c.read; i < at; i++ {
		if clauseBreakAt(s, i, at) {
			c.start = i + 1
		}
	}
	c.read = max(c.read, at)
	return c.start
}

// growth reports whether a growth word stands in the clause of byte at before at, as
// nm.unbounded.Contains(s[c.start:at]) does; it reads on from where it stopped in the same
// clause, going back only by the longest word less one byte (a word ending after growthTo
// starts no earlier).
func (c *clauseScan) growth(nm *numberMatchers, s string, at int) bool {
	if c.growthFrom != c.start {
		c.growthFrom, c.growthTo, c.grown = c.start, c.start, false
	}
	if !c.grown && at > c.growthTo {
		lo := max(c.start, runeStartFrom(s, c.growthTo-nm.unboundedLongest+1))
		c.grown = nm.unbounded.Contains(s[lo:at])
		c.growthTo = at
	}
	return c.grown
}

// runeStartFrom returns the first offset not before i (nor before 0) that is not inside an
// encoded character (utf8.RuneStart), or len(s).
func runeStartFrom(s string, i int) int {
	i = max(i, 0)
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}

// clauseBreakAt reports whether a character of clauseBreak is encoded at s[i:], ending by end.
func clauseBreakAt(s string, i, end int) bool {
	switch s[i] {
	case ',', ';', ':', '(', ')':
		return true
	case 0xE3: // 、 E3 80 81, 。 E3 80 82
		return i+2 < end && s[i+1] == 0x80 && (s[i+2] == 0x81 || s[i+2] == 0x82)
	case 0xEF: // （ EF BC 88, ） EF BC 89, ， EF BC 8C, ： EF BC 9A, ； EF BC 9B
		if i+2 < end && s[i+1] == 0xBC {
			switch s[i+2] {
			case 0x88, 0x89, 0x8C, 0x9A, 0x9B:
				return true
			}
		}
	}
	return false
}
