package checker

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fzlint/fzlint/rules"
)

func init() {
	register(staleTerm, termMisuse, placeholder, repeatedWord, unbalancedPair, punctuationWidth)
}

// excepted reports whether the match [start, end) lies inside an occurrence of one of the
// exception phrases.
func excepted(s string, start, end int, except []string) bool {
	for _, e := range except {
		from := start - len(e)
		if from < 0 {
			from = 0
		}
		to := end + len(e)
		if to > len(s) {
			to = len(s)
		}
		window := s[from:to]
		for off := 0; ; {
			i := strings.Index(window[off:], e)
			if i < 0 {
				break
			}
			a := from + off + i
			if a <= start && a+len(e) >= end {
				return true
			}
			off += i + 1
		}
	}
	return false
}

var termMisuse = &Check{
	ID:       "language/term-misuse",
	Severity: Error,
	Summary:  "已知的错误用语（法制政府→法治政府，第一责任职责→第一责任人职责），可自动修正",
	Doc:      `“法治政府”不是“法制政府”，“第一责任人职责”不是“第一责任职责”，“法治思维和法治方式”不是“法制思维”。rules.toml 的 [[wrong_terms]] 列出错误写法和正确写法；except 列出含有该字串但本身正确的更长说法。注意“重大执法决定法制审核”中的“法制审核”是正式用语，不要改成“法治审核”。--fix 会自动替换（《》书名号内的文字除外）。`,
	Bad:      "全面推进法制政府建设，主要负责人履行推进法治建设第一责任职责。",
	Good:     "全面推进法治政府建设，主要负责人履行推进法治建设第一责任人职责，落实重大执法决定法制审核制度。",
	Fixable:  true,
	Run:      runTermMisuse,
}

func runTermMisuse(p *Pass) {
	if len(p.Rules.WrongTerms) == 0 {
		return
	}
	p.Doc.TextLines(func(n int, l *Line) bool {
		var spans [][2]int
		for _, m := range p.m.phrasesIn(l) {
			if p.m.phraseKind[m.ID] != phraseWrong {
				continue
			}
			if spans == nil {
				spans = l.Titles()
			}
			w := &p.Rules.WrongTerms[p.m.phraseIdx[m.ID]]
			if excepted(l.Text, m.Start, m.End, w.Except) {
				continue
			}
			d := p.At(n, m.Start, m.End)
			written := p.Doc.quote(n, m.Start, m.End)
			d.Message = fmt.Sprintf("“%s”应为“%s”", written, w.Right)
			d.Suggestion = w.Right
			// No fix writes simplified characters into text written in traditional ones.
			if !inSpans(spans, m.Start) && written == l.Text[m.Start:m.End] {
				d.Fix = &Fix{New: w.Right}
			}
			p.Report(d)
		}
		return true
	})
}

var placeholder = &Check{
	ID:       "language/placeholder",
	Severity: Error,
	Summary:  "未填写的模板占位符（XX、××、*次、【】、____、某某）",
	Doc:      `照模板起草时留下的占位符（XX县、××、共召开会议*次、【】、____、某某）一旦公开就是事故。模式写在 rules.toml 的 [placeholders] 中；只有含触发字符的行才会进行匹配。`,
	Bad:      "2024年，XX县共召开会议*次，审核规范性文件____件。",
	Good:     "2024年，某县共召开会议6次，审核规范性文件12件。",
	Run:      runPlaceholder,
}

func runPlaceholder(p *Pass) {
	re := p.m.placeholder
	if re == nil {
		return
	}
	triggers := p.Rules.Placeholders.Triggers
	p.Doc.TextLines(func(n int, l *Line) bool {
		if triggers != "" && !hasPhrase(p.m, l, phrasePlaceholder) {
			return true
		}
		report := func(loc []int) {
			start := loc[0]
			// A pattern may include the character before the placeholder as context.
			for start < loc[1] {
				r, size := utf8.DecodeRuneInString(l.Text[start:])
				if triggers == "" || strings.ContainsRune(triggers, r) {
					break
				}
				start += size
			}
			d := p.At(n, start, loc[1])
			d.Message = fmt.Sprintf("未填写的占位符“%s”", p.Doc.quote(n, start, loc[1]))
			p.Report(d)
		}
		if triggers == "" {
			for _, loc := range re.FindAllStringIndex(l.Text, -1) {
				report(loc)
			}
			return true
		}
		// A placeholder starts at a trigger or one character before it: match in a short
		// window there instead of from the first trigger to the end of a long line.
		s, done := l.Text, 0
		for _, pm := range p.m.phrasesIn(l) {
			if p.m.phraseKind[pm.ID] != phrasePlaceholder || pm.Start < done {
				continue
			}
			from, to := window(s, 0, pm.Start, 1), min(len(s), pm.Start+placeholderWindow)
			each := p.m.placeholderEach
			loc := each.FindStringIndex(s[from:to])
			if loc != nil && from+loc[1] == to && to < len(s) {
				loc = each.FindStringIndex(s[from:]) // the match may go on past the window
			}
			if loc == nil || from+loc[0] < done {
				continue
			}
			loc[0], loc[1] = loc[0]+from, loc[1]+from
			report(loc)
			done = loc[1]
		}
		return true
	})
}

// placeholderWindow is how far after a trigger a placeholder is looked for, in bytes.
const placeholderWindow = 256

var repeatedWord = &Check{
	ID:       "language/repeated-word",
	Severity: Warning,
	Summary:  "同一个词连写两遍（建立建立、的的）",
	Doc:      `修改稿时常留下重复的词：“同步建立建立培训考核闭环管理制度”。两字及以上的词连写两遍即提示；单字只在 rules.toml [repeated] single 列出的虚词（的、了、和……）连写时提示，因为“常常”“人人”“层层”“一一”之类是正常的叠词。allow 列出允许重复的写法。`,
	Bad:      "同步建立建立培训考核闭环管理制度，提高执法的的水平。",
	Good:     "层层压实责任，人人参与普法，常常深入基层，一一整改到位，同步建立培训考核闭环管理制度。",
	Run:      runRepeatedWord,
}

func runRepeatedWord(p *Pass) {
	maxLen := p.Rules.Repeated.MaxLen
	if maxLen <= 0 {
		return
	}
	p.Doc.TextLines(func(n int, l *Line) bool {
		s := l.Text
		repeats, scanned := l.Repeats(maxLen)
		repeatedWords(s, repeats, scanned, maxLen, &p.m.repeat, func(a, k int) {
			d := p.At(n, a, a+6*k)
			word := p.Doc.quote(n, a, a+3*k)
			d.Message = fmt.Sprintf("“%s”连写了两遍", word)
			d.Suggestion = word
			p.Report(d)
		})
		return true
	})
}

// repeatWords is what language/repeated-word takes from the rule set's [repeated].
type repeatWords struct {
	single   map[rune]bool // a character that is a slip whenever doubled (的的)
	parallel map[rune]bool // a character that opens both halves of a parallel phrase (共建共享)
	allow    []string      // words whose doubling is correct (的的确确)
}

// runeSet is the set of the characters of ss.
func runeSet(ss []string) map[rune]bool {
	set := map[rune]bool{}
	for _, s := range ss {
		for _, r := range s {
			set[r] = true
		}
	}
	return set
}

// repeatedWords calls found for each word of k characters written twice from byte a on, left
// to right. With scanned, it tries only the starts that repeats allows (see lineScan.repeats);
// otherwise every character.
func repeatedWords(s string, repeats []int32, scanned bool, maxLen int, w *repeatWords, found func(a, k int)) {
	next := 0 // the first offset after the last repeated word found
	try := func(a int) {
		if a < next {
			return
		}
		if k := repeatAt(s, a, maxLen, w); k > 0 {
			found(a, k)
			next = a + 6*k
		}
	}
	if scanned {
		// A word repeated starts k characters before a character that the scan saw repeat
		// the last bytes of the one k before it; try those starts in order.
		lo := 0 // the first start not tried yet
		for _, b := range repeats {
			for k := maxLen; k >= 1; k-- {
				if a := int(b) - 3*k; a >= lo {
					try(a)
				}
			}
			lo = int(b) - 2
		}
		return
	}
	for i := 0; i < len(s); {
		if !hanAt(s, i) {
			i += utf8Len(s[i])
			continue
		}
		try(i)
		i += 3
	}
}

// repeatAt returns the length, in characters, of the shortest word of the common Han block
// written twice from byte a on (up to maxLen), or 0. A single character counts only if it is
// in w.single (的的 but not 常常); a repeat within one of w.allow (的的确确) does not count, nor
// two characters of which the second opens parallel phrases (w.parallel): 构建共建共享 reads
// 建共 twice and doubles nothing, and in 共建共建共享 the word doubled is 共建, found from the
// next character.
func repeatAt(s string, a, maxLen int, w *repeatWords) int {
	if !hanAt(s, a) {
		return 0
	}
	c := char3(s, a)
	for k := 1; k <= maxLen && a+6*k <= len(s); k++ {
		// Cheapest test first: does the character k places on equal this one?
		j := a + 3*k
		if char3(s, j) != c || s[a:j] != s[j:j+3*k] || !allHan(s, a, 2*k) {
			continue
		}
		if k <= 2 {
			if r, _ := utf8.DecodeRuneInString(s[j-3:]); k == 1 && !w.single[r] || k == 2 && w.parallel[r] {
				continue
			}
		}
		if !excepted(s, a, a+6*k, w.allow) {
			return k
		}
	}
	return 0
}

// allHan reports whether n characters of the common Han block start at byte i.
func allHan(s string, i, n int) bool {
	for c := 0; c < n; c++ {
		if !hanAt(s, i+3*c) {
			return false
		}
	}
	return true
}

// char3 returns the three bytes at i as one number, to compare characters of the Han block
// with one comparison.
func char3(s string, i int) uint32 {
	_ = s[i+2]
	return uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16
}

// hanAt reports whether a character of the common Han block (U+4E00–U+9FFF) starts at byte i.
func hanAt(s string, i int) bool {
	if i+3 > len(s) {
		return false
	}
	c := s[i]
	return c >= 0xE4 && c <= 0xE9 && (c != 0xE4 || s[i+1] >= 0xB8)
}

var unbalancedPair = &Check{
	ID:       "language/unbalanced-pair",
	Severity: Warning,
	Summary:  "书名号、引号、括号在段落内不配对",
	Doc:      `《》“”‘’（）【】〔〕应在同一段落内成对出现。全角和半角括号可以互相配对（真实文稿常混用，如“（三)”），标题序号和“1）”这类列举序号不参与检查。每段只报告第一处问题。成对的符号写在 rules.toml 的 [[pairs]] 中。`,
	Bad:      "深入贯彻落实《法治政府建设实施纲要（2021—2025年）,开展“八五”普法。",
	Good:     "深入贯彻落实《法治政府建设实施纲要（2021—2025年）》，开展“八五”普法，乡（镇、街道)综合行政执法改革稳步推进。",
	Run:      runUnbalancedPair,
}

func runUnbalancedPair(p *Pass) {
	opens, closes := p.m.pairOpen, p.m.pairClose
	if len(opens) == 0 {
		return
	}
	type open struct {
		r    rune
		off  int
		pair int
	}
	p.Doc.TextLines(func(n int, l *Line) bool {
		s := l.Text
		from := l.MarkerEnd()
		var stack []open
		report := func(off int, r rune, msg string) {
			d := p.At(n, off, off+utf8.RuneLen(r))
			d.Message = msg
			p.Report(d)
		}
		for _, o := range l.Marks() {
			off := int(o)
			if off < from {
				continue
			}
			r := rune(s[off])
			if r >= utf8.RuneSelf {
				r, _ = utf8.DecodeRuneInString(s[off:])
			} else if !p.m.pairASCII[r] {
				continue // half-width punctuation
			}
			if pi, ok := opens[r]; ok {
				stack = append(stack, open{r, off, pi})
				continue
			}
			pi, ok := closes[r]
			if !ok {
				continue
			}
			if len(stack) > 0 && stack[len(stack)-1].pair == pi {
				stack = stack[:len(stack)-1]
				continue
			}
			deeper := false
			for _, o := range stack {
				if o.pair == pi {
					deeper = true
				}
			}
			// A closer that an opener further out awaits closes it, whatever stands before
			// it ((石柱府办发〔202527) leaves the 〔 open); only a stray one may end a list
			// number such as 1).
			if !deeper && isEnumerator(s, off) {
				continue
			}
			if deeper {
				top := stack[len(stack)-1]
				report(top.off, top.r, fmt.Sprintf("“%c”没有对应的“%s”", top.r, firstRuneOf(p.Rules.Pairs[top.pair].Close)))
			} else {
				report(off, r, fmt.Sprintf("“%c”没有对应的“%s”", r, firstRuneOf(p.Rules.Pairs[pi].Open)))
			}
			return true
		}
		if len(stack) > 0 {
			o := stack[0]
			report(o.off, o.r, fmt.Sprintf("“%c”没有对应的“%s”", o.r, firstRuneOf(p.Rules.Pairs[o.pair].Close)))
		}
		return true
	})
}

func firstRuneOf(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	return string(r)
}

// isEnumerator reports a closing bracket that ends a list number such as 1) or 二）: after one
// or two digits, letters or Chinese numerals.
func isEnumerator(s string, off int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:off])
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || chineseDigits[r] > 0 || r == '十'
}

var punctuationWidth = &Check{
	ID:       "language/punctuation-width",
	Severity: Info,
	Summary:  "汉字之间用了半角标点 , ; : ? ! ( )（整篇合为一条，可自动修正）",
	Doc:      `中文公文用全角标点。半角的逗号、分号、冒号、问号、叹号和括号夹在汉字之间，多是从网页或其他软件复制过来的。整篇文件合为一条提示，列出所在行；--fix 把它们改为全角。标题序号（如“(一)”）、《》书名号内的文字和数字之间的半角符号（如 1,000、17:18）不改。`,
	Bad:      "2024年,我区法治政府建设取得新成效;全年收到行政复议申请16件(含转办)。",
	Good:     "2024年，我区法治政府建设取得新成效；全年收到行政复议申请16件（含转办），版本号为1.2,000。",
	Fixable:  true,
	Run:      runPunctuationWidth,
}

func runPunctuationWidth(p *Pass) {
	marks := &p.m.punct
	if p.m.punctChars == "" {
		return
	}
	var edits []Edit
	// A line has few hits, and the lines with some are few: these arrays on the stack hold
	// them, unless there are more.
	var hitArr [128]punctHit
	var lineArr [64]lineCol
	hits, lines := hitArr[:0], lineArr[:0]
	total := 0
	sample := ""
	first := Diagnostic{}
	p.Doc.TextLines(func(n int, l *Line) bool {
		s := l.Text
		offs := l.Marks() // the half-width marks, and pair marks to pass over
		if len(offs) == 0 {
			return true
		}
		hits = punctHits(hits[:0], l, offs, l.MarkerEnd(), marks, false)
		if len(hits) == 0 || p.silenced(n) {
			return true
		}
		total += len(hits)
		if p.Doc.Map == nil {
			lines = append(lines, lineCol{n, 1})
		} else {
			// A logical line may run over several lines of the file: name each hit's.
			slices.SortFunc(hits, func(a, b punctHit) int { return cmp.Compare(a.off, b.off) })
			cols := colCounter{s: s}
			for _, h := range hits {
				lines = append(lines, lineCol{n, cols.edit(n, h.off, "").Column})
			}
		}
		// Columns are counted only when the fixes are wanted, and for the first finding.
		if p.wantFixes {
			slices.SortFunc(hits, func(a, b punctHit) int { return cmp.Compare(a.off, b.off) })
			cols := colCounter{s: s}
			for _, h := range hits {
				edits = append(edits, cols.edit(n, h.off, h.full))
			}
		}
		if sample == "" {
			low := hits[0].off
			for _, h := range hits {
				low = min(low, h.off)
			}
			e := (&colCounter{s: s}).edit(n, low, "")
			a, b := e.Column-3, e.Column+2
			rs := leadingRunes(p.Doc.quote(n, 0, len(s)), b)
			for a > 0 && unicode.IsDigit(rs[a]) {
				a-- // do not cut a number
			}
			if a < 0 {
				a = 0
			}
			if b > len(rs) {
				b = len(rs)
			}
			sample = strings.TrimSpace(string(rs[a:b])) // not the indent before a number
			first = Diagnostic{Line: n, Column: e.Column, EndColumn: e.EndColumn}
		}
		return true
	})
	if total == 0 {
		return
	}
	first.Message = fmt.Sprintf("%s共有%d处半角标点夹在汉字之间（如“%s”），应使用全角标点", p.Doc.listLines(lines), total, sample)
	first.Hint = HintFix
	if p.wantFixes {
		first.Fix = &Fix{Edits: edits}
	}
	p.Report(first)
}

// leadingRunes returns the first n characters of s, as []rune(s)[:n] has them (or all, if
// s has fewer), without decoding the rest of a long line.
func leadingRunes(s string, n int) []rune {
	rs := make([]rune, 0, min(n, len(s)))
	for _, r := range s {
		if len(rs) >= n {
			break
		}
		rs = append(rs, r)
	}
	return rs
}

// punctHit is a half-width mark to write full-width: its offset and the mark to write.
type punctHit struct {
	off  int
	full string
}

// punctHits appends to hits the half-width marks of line l (at offs, the line's marks, from
// byte from on) that stand between Chinese characters. The titles in 《》 are found only
// when a bracket or a hit needs them; eagerTitles finds them first, as the plain code did.
func punctHits(hits []punctHit, l *Line, offs []int32, from int, marks *[256]*rules.PunctMark, eagerTitles bool) []punctHit {
	s := l.Text
	var spans [][2]int // the titles in 《》, found when first needed
	spansDone := false
	inTitle := func(i int) bool {
		if !spansDone {
			spans, spansDone = l.Titles(), true
		}
		return inSpans(spans, i)
	}
	lastClose := -1  // offset of the last ')' turned full-width
	var parens []int // offsets of unmatched half-width '('
	for _, off := range offs {
		i := int(off)
		c := s[i]
		if i < from || c >= utf8.RuneSelf {
			continue // a pair mark such as 《
		}
		mk := marks[c]
		if mk == nil {
			continue
		}
		// A bracket inside a title is passed over before it is counted; another mark is
		// looked for in the titles only if it is a hit (or always, with eagerTitles).
		if (eagerTitles || c == '(' || c == ')') && inTitle(i) {
			continue
		}
		switch c {
		case '(':
			parens = append(parens, i)
			continue
		case ')':
			if len(parens) == 0 {
				continue
			}
			o := parens[len(parens)-1]
			parens = parens[:len(parens)-1]
			if isHan(prevRune(s, o)) || isHan(nextRune(s, o+1)) || isHan(prevRune(s, i)) || isHan(nextRune(s, i+1)) {
				hits = append(hits, punctHit{o, marks['('].Full}, punctHit{i, mk.Full})
				lastClose = i
			}
			continue
		}
		left, right := prevRune(s, i), nextRune(s, i+1)
		// A bracket this rule turns full-width counts as Chinese punctuation: the comma in
		// "(含共同被告),败诉" is fixed in the same pass as the brackets.
		if left == ')' && lastClose >= 0 && strings.TrimRight(s[:i], " ") == s[:lastClose+1] {
			left = '）'
		}
		if right == '(' && isHan(nextRune(s, strings.IndexByte(s[i:], '(')+i+1)) {
			right = '（'
		}
		leftOK := isHan(left) || isCJKPunct(left) || left >= '0' && left <= '9' || left == '%'
		rightOK := isHan(right) || isCJKPunct(right) || right >= '0' && right <= '9' || right == 0 && mk.EndOfLine
		if leftOK && rightOK && (isHan(left) || isHan(right) || isCJKPunct(left) || isCJKPunct(right)) && !inTitle(i) {
			hits = append(hits, punctHit{i, mk.Full})
		}
	}
	return hits
}

// colCounter turns byte offsets into rune columns, counting on from the last offset asked
// for, so that a line with hundreds of edits (or findings) is scanned once.
type colCounter struct {
	s        string
	off, col int // col is the 0-based rune index of byte offset off
}

// chars returns utf8.RuneCountInString(c.s[:off]). It keeps an offset to count on from only
// at the first byte of a character (or the end), where counting the characters before it in
// one go and in two pieces split there agree, even in text that is not valid UTF-8.
func (c *colCounter) chars(off int) int {
	if off < c.off {
		c.off, c.col = 0, 0
	}
	n := c.col + utf8.RuneCountInString(c.s[c.off:off])
	if off == len(c.s) || utf8.RuneStart(c.s[off]) {
		c.off, c.col = off, n
	}
	return n
}

func (c *colCounter) edit(n, off int, full string) Edit {
	col := c.chars(off)
	return Edit{Line: n, Column: col + 1, EndColumn: col + 2, New: full}
}

// hasPhrase reports whether a line holds a phrase of a kind.
func hasPhrase(m *matchers, l *Line, kind uint8) bool {
	for _, pm := range m.phrasesIn(l) {
		if m.phraseKind[pm.ID] == kind {
			return true
		}
	}
	return false
}
