package checker

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/fzlint/fzlint/checker/textscan"
)

func init() {
	register(yearMismatch, planYear)
}

// yearRef is a year written in the text: 2023年 or 2023年度.
type yearRef struct {
	year       int
	start, end int // byte range of the digits and 年/年度
}

// yearsIn finds the years of a text that name a year on their own: not inside 《》 or 〔〕, not
// in ranges or comparisons (较2019年, 2019年至2022年, 2019年以来), not part of a date (2025年2月)
// and not part of a longer number.
func yearsIn(l *Line, from, to int, notBefore, notAfter []string) []yearRef {
	var titles lineTitles
	return titles.yearsIn(l, from, to, notBefore, notAfter)
}

// lineTitles holds the titles in 《》 of one line (Line.Titles), looked for once, when a range
// of the line first has a year, and kept for its other ranges.
type lineTitles struct {
	spans [][2]int
	done  bool
	// marks are the positions of each yearBrackets pair's marks in the line, found when a year
	// first needs them, so that a line of many years reads the line for them once.
	marks *bracketMarks
}

// bracketMarks holds the byte offsets of the opening and closing marks of each of yearBrackets
// in a line, in order.
type bracketMarks struct {
	open, close [][]int
}

func newBracketMarks(s string) *bracketMarks {
	b := &bracketMarks{open: make([][]int, len(yearBrackets)), close: make([][]int, len(yearBrackets))}
	find := func(tok string) (at []int) {
		for i := 0; ; {
			k := strings.Index(s[i:], tok)
			if k < 0 {
				return at
			}
			at = append(at, i+k)
			i += k + len(tok)
		}
	}
	for p, pair := range yearBrackets {
		b.open[p], b.close[p] = find(pair[0]), find(pair[1])
	}
	return b
}

// inBrackets reports a year at byte i in 〔2019〕 or （2021—2025年）-style brackets, on the line
// whose marks b holds and whose runs of digits are digits, in time logarithmic in the line's
// length. digitBefore says whether the line has a digit before the year: without one, the year
// must follow the bracket.
func (b *bracketMarks) inBrackets(s string, i int, digitBefore bool, digits [][2]int) bool {
	if !digitBefore {
		prev := strings.TrimRightFunc(s[:i], unicode.IsSpace)
		if !slices.ContainsFunc(yearBrackets, func(pair [2]string) bool { return strings.HasSuffix(prev, pair[0]) }) {
			return false
		}
	}
	for p, pair := range yearBrackets {
		closes := b.close[p]
		if len(closes) == 0 || closes[len(closes)-1] < i { // no closing mark after the year
			continue
		}
		k, _ := slices.BinarySearch(b.open[p], i)
		if k == 0 {
			continue
		}
		o := b.open[p][k-1] // the last opening mark before the year
		if c, _ := slices.BinarySearch(closes, o); c < len(closes) && closes[c] < i {
			continue // closed before the year
		}
		// the year comes right after the opening mark, or after another year (2021—)
		if len(strings.TrimSpace(s[o:i])) == len(pair[0]) {
			return true
		}
		d, _ := slices.BinarySearchFunc(digits, o, func(run [2]int, o int) int { return cmp.Compare(run[1], o+1) })
		if d < len(digits) && digits[d][0] < i {
			return true
		}
	}
	return false
}

func (t *lineTitles) of(l *Line) [][2]int {
	if !t.done {
		t.spans, t.done = l.Titles(), true
	}
	return t.spans
}

// yearsIn is yearsIn on a line whose titles t holds or is to hold.
func (t *lineTitles) yearsIn(l *Line, from, to int, notBefore, notAfter []string) []yearRef {
	var out []yearRef
	s := l.Text
	digits := l.Digits()
	// the runs from from on: a line's many sentences each start where theirs do
	first, _ := slices.BinarySearchFunc(digits, from, func(run [2]int, from int) int { return cmp.Compare(run[0], from) })
	for ri := first; ri < len(digits); ri++ {
		run := digits[ri]
		i, j := run[0], run[1]
		if i >= to {
			break
		}
		if j-i != 4 || i < from || j > to {
			continue
		}
		k := skipSpaces(s, j)
		if !strings.HasPrefix(s[k:], "年") {
			continue
		}
		end := k + len("年")
		if strings.HasPrefix(s[end:], "度") {
			end += len("度")
		}
		// 2025年1月 is a date, not a year the text speaks of.
		if m := skipSpaces(s, end); m < len(s) && (s[m] >= '0' && s[m] <= '9' || strings.HasPrefix(s[m:], "元") || chineseMonth(s[m:])) {
			continue
		}
		y, _ := strconv.Atoi(s[i : i+4])
		// Titles are looked for only once a year is found.
		if y < 2000 || y > 2099 || inSpans(t.of(l), i) {
			continue
		}
		if t.marks == nil {
			t.marks = newBracketMarks(s)
		}
		if hasSuffixAny(strings.TrimRight(s[from:i], " "), notBefore) || hasPrefixAny(s[end:], notAfter) || t.marks.inBrackets(s, i, ri > 0, digits) {
			continue
		}
		out = append(out, yearRef{year: y, start: i, end: end})
	}
	return out
}

// hasYearDigits reports whether digits, the runs of a line in order, hold one of four digits
// inside [from, to), as a year yearsIn finds must be.
func hasYearDigits(digits [][2]int, from, to int) bool {
	for _, run := range digits {
		if run[0] >= to {
			break
		}
		if run[1]-run[0] == 4 && run[0] >= from && run[1] <= to {
			return true
		}
	}
	return false
}

// trimLeadingSpace is strings.TrimLeft(s, " \u3000") without the cutset's decoding.
func trimLeadingSpace(s string) string {
	for {
		switch {
		case strings.HasPrefix(s, " "):
			s = s[1:]
		case strings.HasPrefix(s, "\u3000"):
			s = s[len("\u3000"):]
		default:
			return s
		}
	}
}

// yearBrackets are the brackets of a citation: 〔2019〕, （2021—2025年）.
var yearBrackets = [][2]string{{"〔", "〕"}, {"（", "）"}, {"(", ")"}, {"[", "]"}}

func hasSuffixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

func hasPrefixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

var yearMismatch = &Check{
	ID:        "consistency/year-mismatch",
	Severity:  Error,
	Summary:   "标题、部分标题或说“本年度”的句子写的年份不是报告年度",
	Doc:       `报告年度 Y 取自标题或首句（也可用 --year 指定）。标题、首句、“举措和成效”“不足和原因”“第一责任人职责”部分的标题，以句首“20XX年，”开头的句子，以及含“本年度”“今年”“全年”“一年来”等词的句子，写的年份都应当是 Y——沿用上一年的稿子最容易在这里露馅（2022年度报告里的“三、2021年度法治政府建设存在的主要不足”）。引用文件（《……（2021—2025年）》、〔2019〕28号）、时间段（2019年至2022年）、比较（较2019年、同比）、起点（2019年以来）和日期（2025年1月）中的年份不算。下一年度安排部分由 consistency/plan-year 检查。`,
	Bad:       "某县人民政府关于2022年度法治政府建设情况的报告\n2022年，某县坚持以习近平法治思想为指导。\n一、2022年度推进法治政府建设的主要举措和成效\n今年以来，2021年全年共审核规范性文件12件。\n二、2021年度法治政府建设存在的主要不足\n基层法治力量薄弱，原因是编制不足。",
	Good:      "某县人民政府关于2022年度法治政府建设情况的报告\n2022年，某县坚持以习近平法治思想为指导。\n一、2022年度推进法治政府建设的主要举措和成效\n全年共审核规范性文件12件，较2021年增长20%，梳理2019年至2022年预案修编情况。\n二、2022年度推进法治政府建设存在的不足和原因\n基层法治力量薄弱，原因是编制不足。",
	NeedsYear: true,
	Run:       runYearMismatch,
}

func runYearMismatch(p *Pass) {
	d := p.Doc
	if d.Year == 0 {
		return
	}
	y := p.Rules.Years
	report := func(n int, r yearRef, what string) {
		diag := p.At(n, r.start, r.end)
		diag.Message = fmt.Sprintf("%s写的是%d年，报告年度是%d年", what, r.year, d.Year)
		diag.Suggestion = strconv.Itoa(d.Year) + d.Lines[n-1].Text[r.start+4:r.end]
		p.Report(diag)
	}
	// The title, when the year came from elsewhere.
	if d.TitleLine > 0 && d.YearFrom != "title" {
		l := &d.Lines[d.TitleLine-1]
		for _, r := range yearsIn(l, 0, len(l.Text), nil, nil) {
			if r.year != d.Year {
				report(d.TitleLine, r, "标题")
				break
			}
		}
	}
	plan := d.Parts["plan"]
	for _, part := range d.PartOrder {
		if part == plan || part.Heading == nil {
			continue
		}
		h := part.Heading
		l := &d.Lines[h.Line-1]
		from := strings.Index(l.Text, h.Text)
		if from < 0 {
			continue
		}
		for _, r := range yearsIn(l, from, from+len(h.Text), y.NotBefore, y.NotAfter) {
			if r.year != d.Year {
				report(h.Line, r, fmt.Sprintf("“%s”部分的标题", part.Rule.Name))
			}
		}
	}
	// Sentences that speak of the report year, outside the plan and outside headings.
	var markers []textscan.Match
	d.TextLines(func(n int, l *Line) bool {
		if n < d.BodyStart || n > d.BodyEnd || (plan != nil && n >= plan.Start && n <= plan.End) {
			return true
		}
		if l.Heading != nil && l.Heading.Level == LevelChapter {
			return true
		}
		s := l.Text
		digits := l.Digits()
		if !hasYearDigits(digits, 0, len(s)) {
			return true
		}
		var titles lineTitles
		markers = markers[:0]
		for _, m := range p.m.phrasesIn(l) {
			if p.m.phraseKind[m.ID] == phraseYearMarker {
				markers = append(markers, m)
			}
		}
		slices.SortStableFunc(markers, func(a, b textscan.Match) int { return cmp.Compare(a.Start, b.Start) })
		for _, sp := range l.Sentences() {
			start := sp[0]
			if start == 0 {
				start = l.MarkerEnd() // a heading's marker is not part of its sentence
			}
			// yearsIn finds nothing in a sentence without four digits in a row. (Runs that
			// end before this sentence are dropped: they end before every later one too.)
			for len(digits) > 0 && digits[0][1] <= sp[0] {
				digits = digits[1:]
			}
			if !hasYearDigits(digits, start, sp[1]) {
				continue
			}
			sentence := s[start:sp[1]]
			lead := trimLeadingSpace(sentence)
			leadOff := start + len(sentence) - len(lead)
			// Only a sentence that opens with a year or names the report year is checked.
			// Sentences come in order: the markers before this one are done with.
			for len(markers) > 0 && markers[0].Start < start {
				markers = markers[1:]
			}
			marker := false
			for _, mk := range markers {
				if mk.Start >= sp[1] {
					break
				}
				if mk.End <= sp[1] {
					marker = true
					break
				}
			}
			if !marker && !(len(lead) >= 4 && allDigits(lead[:4])) {
				continue
			}
			refs := titles.yearsIn(l, start, sp[1], y.NotBefore, y.NotAfter)
			for _, r := range refs {
				if r.year == d.Year {
					continue
				}
				opens := r.start == leadOff && (strings.HasPrefix(s[r.end:], "，") || strings.HasPrefix(s[r.end:], ","))
				if opens || marker {
					report(n, r, "这句话说的是报告年度，却")
					break
				}
			}
		}
		return true
	})
}

var planYear = &Check{
	ID:        "consistency/plan-year",
	Severity:  Error,
	Summary:   "下一年度安排部分写的年份不是报告年度的下一年",
	Doc:       `“下一年度推进法治政府建设的主要安排”讲的是 Y+1 年：它的标题和开头一句写到年份时，应当是 Y+1（2023年度报告的安排部分写“2023年，我县将……”，是沿用了上一年的稿子）。`,
	Bad:       "某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n全面推行行政执法“三项制度”。\n二、2023年工作安排\n2023年，我县将继续深化行政执法体制改革。",
	Good:      "某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n全面推行行政执法“三项制度”。\n二、2024年工作安排\n2024年，我县将继续深化行政执法体制改革，巩固2023年的成果。",
	NeedsYear: true,
	Run:       runPlanYear,
}

func runPlanYear(p *Pass) {
	d := p.Doc
	plan := d.Parts["plan"]
	if d.Year == 0 || plan == nil || plan.Heading == nil {
		return
	}
	y := p.Rules.Years
	want := d.Year + 1
	report := func(n int, r yearRef, what string) {
		diag := p.At(n, r.start, r.end)
		diag.Message = fmt.Sprintf("%s写的是%d年，应为报告年度的下一年%d年", what, r.year, want)
		diag.Suggestion = strconv.Itoa(want) + d.Lines[n-1].Text[r.start+4:r.end]
		p.Report(diag)
	}
	h := plan.Heading
	hl := &d.Lines[h.Line-1]
	if from := strings.Index(hl.Text, h.Text); from >= 0 {
		for _, r := range yearsIn(hl, from, from+len(h.Text), y.NotBefore, y.NotAfter) {
			if r.year != want {
				report(h.Line, r, "“下一年度安排”部分的标题")
			}
		}
	}
	// The sentence that opens the plan: after the heading on its own line, or the next line.
	n, s, start := h.Line, hl.Text, -1
	if i := strings.Index(s, h.Text); i >= 0 {
		rest := s[i+len(h.Text):]
		if strings.HasPrefix(rest, "。") && strings.TrimSpace(rest[len("。"):]) != "" {
			start = i + len(h.Text) + len("。")
		}
	}
	if start < 0 {
		for k := h.Line + 1; k <= plan.End; k++ {
			l := &d.Lines[k-1]
			if l.Chrome || l.Content == "" {
				continue
			}
			n, s, start = k, l.Text, l.MarkerEnd()
			if l.Heading != nil {
				start = strings.Index(l.Text, l.Heading.Text)
			}
			break
		}
	}
	if start < 0 {
		return
	}
	end := len(s)
	for _, sp := range d.Lines[n-1].Sentences() {
		if sp[1] > start {
			end = sp[1]
			break
		}
	}
	// Only a year that opens the sentence says which year the plan is for; later years in it
	// (巩固2024年的成果, 对标2035年) are references.
	lead := trimLeadingSpace(s[start:end])
	leadOff := end - len(lead)
	if refs := yearsIn(&d.Lines[n-1], leadOff, end, y.NotBefore, y.NotAfter); len(refs) > 0 && refs[0].start == leadOff && refs[0].year != want {
		report(n, refs[0], "“下一年度安排”部分的开头一句")
	}
}

// chineseMonth reports a month written in Chinese numerals: 一月, 十二月.
func chineseMonth(s string) bool {
	v, n := parseChineseNumber(s)
	return v >= 1 && v <= 12 && strings.HasPrefix(s[n:], "月")
}
