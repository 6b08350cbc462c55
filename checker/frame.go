package checker

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fzlint/fzlint/rules"
)

var (
	// A line holding only a date: 2025年2月5日, or 二〇二五年二月五日.
	dateLineRE = regexp.MustCompile(`^(\d{4}|[〇零一二三四五六七八九○Ｏ]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$`)
	// A document number: 盘州府党〔2021〕1 号.
	docNumberRE = regexp.MustCompile(`[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号$`)
	// A year at the start of the first sentence: 2024年，…
	leadYearRE = regexp.MustCompile(`^(\d{4})\s*年度?`)
	// A year in a title or heading: 2024年度 / 2024 年.
	yearRE = regexp.MustCompile(`(\d{4})\s*年`)
	// A year without its 年 in a title: 沅江路街道2024法治政府建设年度报告.
	bareYearRE = regexp.MustCompile(`(?:^|\D)((?:19|20)\d{2})(?:\D|$)`)
)

// sentenceEnd are the characters after which a short line is a sentence, not a title.
const sentenceEnd = "。；;，,！!？?"

// findFrame finds the title, addressee, closing formula and date, and so the body between them.
func (d *Document) findFrame(rs *rules.Set, m *matchers) {
	n := len(d.Lines)
	d.BodyStart, d.BodyEnd = 1, n
	// Leading block: the site's chrome, the title, the document number, the addressee. The
	// report starts at its first paragraph or heading; the title is the last line before it that
	// reads as one (it may be split over two lines), and what stands before the title is the
	// site's (banner, breadcrumb, metadata, column name), whatever its words.
	i := firstBodyLine(d.Lines, rs)
	t0, t1 := findTitle(d.Lines, i, rs, true)
	if t0 < 0 {
		t0, t1 = findTitle(d.Lines, i, rs, false)
	}
	if t0 < 0 {
		// A sentence above the title is the site's too: a banner's slogan (高举…而团结奋斗。).
		if k := titleAfter(d.Lines, i, rs); k > i {
			i = k + 1 + firstBodyLine(d.Lines[k+1:], rs)
			t0, t1 = findTitle(d.Lines, i, rs, true)
		}
	}
	if t0 >= 0 {
		d.TitleLine = t0 + 1
		d.Title = cellText(stripMarkdownHeading(d.Lines[t0].Content))
		if t1 > t0 {
			d.Title += unspaced(d.Lines[t1].Content)
		}
	} else if k, title := fieldTitle(d.Lines, i, rs, m.titleField); k >= 0 {
		// The page writes no title line, but its metadata names the title: the line stays
		// the site's (no check reads it), and the title's checks read what the field holds.
		d.TitleLine, d.Title = k+1, title
	}
	for k := 0; k < i; k++ {
		l := &d.Lines[k]
		if l.Chrome || l.Content == "" || k == t0 || k == t1 {
			continue
		}
		if k > t1 && strings.HasSuffix(l.Content, "号") && docNumberRE.MatchString(l.Content) {
			continue
		}
		if k > t1 && d.AddresseeLine == 0 && isAddressee(l.Content) {
			d.AddresseeLine = k + 1
			continue
		}
		l.Chrome = true
	}
	d.BodyStart = i + 1
	// Trailing block: chrome, date, signature, closing formula.
	j := n - 1
	for ; j >= i; j-- {
		l := &d.Lines[j]
		if l.Chrome || l.Content == "" {
			continue
		}
		if d.DateLine == 0 && d.ClosingLine == 0 {
			if date, ok := parseDate(l.Content); ok {
				d.Date, d.DateLine = date, j+1
				continue
			}
		}
		if m.closing != nil && m.closing.MatchString(l.Content) {
			d.ClosingLine = j + 1
			j--
			break
		}
		// The signature (落款) between body and date: a short line with no punctuation.
		if d.DateLine > 0 && d.DateLine-j <= 3 && utf8.RuneCountInString(l.Content) <= 30 && !strings.ContainsAny(l.Content, sentenceEnd+"。：:") {
			if _, ok := ParseHeading(l.Content); !ok {
				continue
			}
		}
		break
	}
	d.BodyEnd = j + 1
	if d.BodyEnd < d.BodyStart {
		d.BodyEnd = d.BodyStart - 1
	}
}

func nextContent(lines []Line, from int) int {
	for k := from; k < len(lines); k++ {
		if lines[k].Content != "" && !lines[k].Chrome {
			return k
		}
	}
	return -1
}

// paragraphRunes is the length from which a line with a comma is a sentence of the body, not a
// title or a line of the site's chrome.
const paragraphRunes = 30

// firstBodyLine returns the index of the report's first heading or paragraph (len(lines) when
// there is none): a line that is a heading, or reads as a sentence.
func firstBodyLine(lines []Line, rs *rules.Set) int {
	for k := range lines {
		l := &lines[k]
		if l.Chrome || l.Content == "" {
			continue
		}
		// A line too long to be a title is told first: it is the report's first paragraph
		// whatever it holds, and a long one need not be read for its punctuation.
		c := stripMarkdownHeading(l.Content)
		if moreRunes(c, rs.Document.TitleMaxChars+paragraphRunes) {
			return k
		}
		if _, ok := ParseHeading(c); ok {
			return k
		}
		if strings.ContainsAny(c, "。；;！!？?") || strings.ContainsAny(c, "，,") && moreRunes(c, paragraphRunes) {
			return k
		}
	}
	return len(lines)
}

// bannerLines is how many lines after what reads as the first sentence of the body are looked
// at for a title, when none stands before it.
const bannerLines = 3

// titleAfter returns the index of a line that names the report's subject and reads as its
// title, among the few lines after line from (the first that reads as the body's), with no
// heading before it; -1 when there is none. Such a line is the title, and what stands above it
// is the site's: a title is never written after the report's first sentence.
func titleAfter(lines []Line, from int, rs *rules.Set) int {
	if from >= len(lines) {
		return -1
	}
	if _, ok := ParseHeading(stripMarkdownHeading(lines[from].Content)); ok {
		return -1
	}
	seen := 0
	for k := from + 1; k < len(lines) && seen < bannerLines; k++ {
		l := &lines[k]
		if l.Chrome || l.Content == "" {
			continue
		}
		seen++
		c := stripMarkdownHeading(l.Content)
		if _, ok := ParseHeading(c); ok {
			return -1
		}
		if titleLike(c, rs, true) && (strings.Contains(c, "报告") || titleGoesOn(lines, k, len(lines), c, rs) > 0) {
			return k
		}
	}
	return -1
}

// titleGoesOn returns the line (before end) that carries on title line k (content c) when the
// title was broken over two lines before its 报告 (…法治政府建设 / 情况的报告, …情况报 / 告); 0 when
// none does.
func titleGoesOn(lines []Line, k, end int, c string, rs *rules.Set) int {
	if strings.Contains(c, "报告") {
		return 0
	}
	j := nextContent(lines, k+1)
	if j <= 0 || j >= end {
		return 0
	}
	next := unspaced(lines[j].Content)
	if utf8.RuneCountInString(c+next) <= rs.Document.TitleMaxChars && strings.Contains(c+next, "报告") && !strings.ContainsAny(next, sentenceEnd+"：:") {
		return j
	}
	return 0
}

// titleGoesBack reports whether title line c carries on line prev, as a page's width breaks a
// long title: before 关于, or anywhere after it (…关于2025年法治建设工作 / 总结的报告), inside
// the year (…关于2022 / 年度…), or inside a word of the subject, 年度 or 报告 (…2017年法 /
// 治政府建设…, …2023年 / 度法治…).
func titleGoesBack(prev, c string, rs *rules.Set) bool {
	if strings.HasPrefix(c, "关于") || strings.Contains(prev, "关于") && !strings.Contains(prev, "报告") {
		return true
	}
	if r, _ := utf8.DecodeLastRuneInString(prev); r >= '0' && r <= '9' && strings.HasPrefix(c, "年") {
		return true
	}
	for _, words := range [][]string{rs.Document.TitleSubject, {"年度", "报告"}} {
		for _, w := range words {
			for i := range w {
				if i > 0 && utf8.RuneStart(w[i]) && strings.HasSuffix(prev, w[:i]) && strings.HasPrefix(c, w[i:]) {
					return true
				}
			}
		}
	}
	return false
}

// cellText returns a line that is one cell of a table row (| 标题 |, as a page saved as text
// keeps its layout table) without the cell's bars; any other line as it is.
func cellText(c string) string {
	if !strings.HasPrefix(c, "|") {
		return c
	}
	if t := strings.Trim(c, "| \t\u3000"); t != "" && !strings.Contains(t, "|") {
		return t
	}
	return c
}

// fieldTitle returns the first line before line end that is the title field of the page's
// metadata (re: 标 题:…) and what the field holds, up to the next table cell, when that reads
// as the report's title and names 报告; -1 when there is none.
func fieldTitle(lines []Line, end int, rs *rules.Set, re *regexp.Regexp) (int, string) {
	if re == nil {
		return -1, ""
	}
	for k := 0; k < end && k < len(lines); k++ {
		c := lines[k].Content
		loc := re.FindStringIndex(c)
		if loc == nil {
			continue
		}
		v := c[loc[1]:]
		if j := strings.IndexByte(v, '|'); j >= 0 {
			v = v[:j]
		}
		if v = strings.TrimSpace(v); titleLike(v, rs, true) && strings.Contains(v, "报告") {
			return k, v
		}
	}
	return -1, ""
}

// moreRunes reports whether s has more than n characters (as utf8.RuneCountInString counts
// them), counting them only when its length in bytes does not tell: a character takes one to
// four bytes.
func moreRunes(s string, n int) bool {
	return len(s) > 4*n || len(s) > n && utf8.RuneCountInString(s) > n
}

// findTitle returns the lines of the last title before line end: a line that reads as a title
// (with subject, one that names the report's subject), or such a line with the line before it
// (the unit: 中共××区委 / 关于…的报告) or after it (…法治政府建设 / 工作的报告). -1 when none.
func findTitle(lines []Line, end int, rs *rules.Set, subject bool) (int, int) {
	t0, t1 := -1, -1
	for k := 0; k < end; k++ {
		l := &lines[k]
		if l.Chrome || l.Content == "" {
			continue
		}
		c := stripMarkdownHeading(l.Content)
		if !titleLike(c, rs, subject) {
			continue
		}
		t0, t1 = k, k
		if j := titleGoesOn(lines, k, end, c, rs); j > 0 {
			t1 = j
			k = j
			continue
		}
		if p := prevContent(lines, k-1); p >= 0 && p != t1 {
			prev := strings.TrimRight(lines[p].Content, " \u3000")
			if !isTitle(prev, rs) && utf8.RuneCountInString(prev) <= paragraphRunes && !strings.ContainsAny(prev, sentenceEnd+"：:") &&
				utf8.RuneCountInString(prev+c) <= rs.Document.TitleMaxChars+paragraphRunes && titleGoesBack(prev, c, rs) {
				t0 = p
			}
		}
	}
	return t0, t1
}

// titleLike reports whether a line reads as a title; with subject, also that it names the
// report's subject (a column name such as 工作报告 does not).
func titleLike(c string, rs *rules.Set, subject bool) bool {
	if !isTitle(c, rs) {
		return false
	}
	if !subject {
		return true
	}
	for _, s := range rs.Document.TitleSubject {
		if strings.Contains(c, s) {
			return true
		}
	}
	return false
}

// unspaced returns a line written letter-spaced, Chinese characters with spaces between them
// (情 况 报 告, as a title's last line often is), without its spaces; any other line as it is.
func unspaced(c string) string {
	han, spaced := 0, false
	for _, r := range c {
		switch {
		case isHan(r) && (han == 0 || spaced):
			han, spaced = han+1, false
		case (r == ' ' || r == '\u3000') && han > 0:
			spaced = true
		default:
			return c // two characters side by side, or anything else: not letter-spaced
		}
	}
	if han < 2 {
		return c
	}
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' {
			return -1
		}
		return r
	}, c)
}

func prevContent(lines []Line, from int) int {
	for k := from; k >= 0; k-- {
		if lines[k].Content != "" && !lines[k].Chrome {
			return k
		}
	}
	return -1
}

// isTitle reports whether a line before the body reads as the report's title.
func isTitle(c string, rs *rules.Set) bool {
	if moreRunes(c, rs.Document.TitleMaxChars) || strings.ContainsAny(c, sentenceEnd+"：:") {
		return false
	}
	for _, mk := range rs.Document.TitleMarkers {
		if strings.Contains(c, mk) {
			return true
		}
	}
	return false
}

// isAddressee reports whether a line is a 主送机关 line: short, ending with a colon.
func isAddressee(c string) bool {
	if utf8.RuneCountInString(c) > 40 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(c)
	return (r == '：' || r == ':') && !strings.ContainsAny(c, "。，,")
}

// parseDate reads a line that holds only a date.
func parseDate(c string) (Date, bool) {
	c = strings.ReplaceAll(c, " ", "")
	m := dateLineRE.FindStringSubmatch(c)
	if m == nil {
		return Date{}, false
	}
	y, mo, dd := numeral(m[1]), numeral(m[2]), numeral(m[3])
	if y < 1900 || mo < 1 || mo > 12 || dd < 1 || dd > 31 {
		return Date{}, false
	}
	return Date{y, mo, dd}, true
}

// numeral reads Arabic digits, digit-by-digit Chinese years (二〇二五) or Chinese numbers (十五).
func numeral(s string) int {
	if v, err := strconv.Atoi(s); err == nil {
		return v
	}
	if utf8.RuneCountInString(s) == 4 {
		v := 0
		for _, r := range s {
			switch r {
			case '〇', '零', '○', 'Ｏ':
				v *= 10
			default:
				v = v*10 + chineseDigits[r]
			}
		}
		return v
	}
	v, _ := parseChineseNumber(s)
	return v
}

// findParts assigns the top-level headings to the rule set's parts.
func (d *Document) findParts(rs *rules.Set, m *matchers) {
	// A document built in a scratch keeps its parts there (at most one a part of the rule
	// set, so the array never moves), and the maps of the last document, emptied.
	var top []*Heading
	var parts []Part
	var assigned map[*Heading]*Part
	if sc := d.scratch; sc != nil {
		if sc.parts == nil {
			sc.parts, sc.assigned = map[string]*Part{}, map[*Heading]*Part{}
		}
		d.Parts, assigned = sc.parts, sc.assigned
		top, parts, d.PartOrder = sc.top[:0], room(sc.partArr, len(rs.Parts)), sc.partOrder[:0]
	} else {
		d.Parts, assigned = map[string]*Part{}, map[*Heading]*Part{}
		parts = make([]Part, 0, len(rs.Parts))
	}
	newPart := func(p Part) *Part {
		parts = append(parts, p)
		return &parts[len(parts)-1]
	}
	for _, h := range d.Headings {
		if h.Level == LevelChapter {
			top = append(top, h)
		}
	}
	for _, h := range top {
		for i := range rs.Parts {
			rp := &rs.Parts[i]
			if d.Parts[rp.ID] != nil {
				continue
			}
			if re := m.parts[rp.ID]; re != nil && re.MatchString(h.Text) {
				p := newPart(Part{ID: rp.ID, Rule: rp, Heading: h, Start: h.Line})
				d.Parts[rp.ID] = p
				assigned[h] = p
				break
			}
		}
	}
	// An implicit part: the first unmatched top-level heading before every part that must
	// follow it.
	for i := range rs.Parts {
		rp := &rs.Parts[i]
		if !rp.Implicit || d.Parts[rp.ID] != nil {
			continue
		}
		limit := d.BodyEnd + 1
		for _, o := range rs.Order {
			if o.First == rp.ID && d.Parts[o.Then] != nil && d.Parts[o.Then].Start < limit {
				limit = d.Parts[o.Then].Start
			}
		}
		for _, h := range top {
			if h.Line >= limit {
				break
			}
			if assigned[h] == nil {
				p := newPart(Part{ID: rp.ID, Rule: rp, Heading: h, Start: h.Line})
				d.Parts[rp.ID] = p
				assigned[h] = p
				break
			}
		}
		// A body with no top-level heading at all (a copy whose headings lost their
		// ordinals, a report written as prose) is this part, when it says enough to be one:
		// no other part can be told in it, and a finding that it is missing would be wrong
		// about the text the drafter did write.
		if len(top) == 0 && d.Parts[rp.ID] == nil && d.BodyStart <= d.BodyEnd {
			if d.hanAtLeast(d.BodyStart, d.BodyEnd, max(rp.MinChars, 1)) {
				p := newPart(Part{ID: rp.ID, Rule: rp, Start: d.BodyStart})
				d.Parts[rp.ID] = p
				d.PartOrder = append(d.PartOrder, p)
			}
		}
	}
	// Parts in document order; each runs to the line before the next part.
	for _, h := range top {
		if p := assigned[h]; p != nil {
			d.PartOrder = append(d.PartOrder, p)
		}
	}
	for i, p := range d.PartOrder {
		if i+1 < len(d.PartOrder) {
			p.End = d.PartOrder[i+1].Start - 1
		} else {
			p.End = d.BodyEnd
		}
	}
	if sc := d.scratch; sc != nil {
		sc.top, sc.partArr, sc.partOrder = top, parts, d.PartOrder
	}
}

// hanAtLeast reports whether lines from to through to, chrome left out, hold at least n
// Chinese characters.
func (d *Document) hanAtLeast(from, to, n int) bool {
	for i := from; i <= to && i <= len(d.Lines); i++ {
		if l := &d.Lines[i-1]; !l.Chrome {
			if n -= countHan(l.Content, n); n <= 0 {
				return true
			}
		}
	}
	return false
}

// findYear settles the report year Y: the flag, else the title, the first sentence (or the
// opening paragraph's clause that announces the report), a heading of a part about Y, the
// plan's heading (Y+1), or the date line (Y+1).
func (d *Document) findYear(flag int, doc *rules.Document) {
	subjects := doc.TitleSubject
	if flag > 0 {
		d.Year, d.YearFrom = flag, "flag"
		return
	}
	if y := plausibleYear(yearRE.FindStringSubmatch(d.Title)); y > 0 {
		d.Year, d.YearFrom = y, "title"
		return
	}
	if k := nextContent(d.Lines, d.BodyStart-1); k >= 0 && d.Lines[k].Heading == nil {
		if y := plausibleYear(leadYearRE.FindStringSubmatch(d.Lines[k].Content)); y > 0 {
			d.Year, d.YearFrom = y, "first sentence"
			return
		}
		if y := subjectYear(firstSentence(d.Lines[k].Content), subjects); y > 0 {
			d.Year, d.YearFrom = y, "first sentence"
			return
		}
		if y := announcedYear(announcing(d.Lines[k].Content, doc.Announce), subjects); y > 0 {
			d.Year, d.YearFrom = y, "announcement"
			return
		}
	}
	for _, id := range []string{"measures", "deficiencies", "duties"} {
		if p := d.Parts[id]; p != nil && p.Heading != nil {
			if y := plausibleYear(yearRE.FindStringSubmatch(p.Heading.Text)); y > 0 {
				d.Year, d.YearFrom = y, "heading"
				return
			}
		}
	}
	if p := d.Parts["plan"]; p != nil && p.Heading != nil {
		if y := plausibleYear(yearRE.FindStringSubmatch(p.Heading.Text)); y > 0 {
			d.Year, d.YearFrom = y-1, "plan heading"
			return
		}
	}
	if d.DateLine > 0 {
		d.Year, d.YearFrom = d.Date.Year-1, "date"
	}
}

// firstSentence is a paragraph's text up to its first full stop.
func firstSentence(s string) string {
	if i := strings.IndexAny(s, "。；;"); i >= 0 {
		return s[:i]
	}
	return s
}

// announcing is the first clause of a paragraph that holds one of the markers (如下), "" when
// none does: the clause that announces the report (现将我厅2025年法治政府建设工作情况报告如下).
func announcing(s string, markers []string) string {
	for s != "" {
		clause := s
		if i := strings.IndexAny(s, "。；;，,"); i >= 0 {
			clause, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		for _, mk := range markers {
			if strings.Contains(clause, mk) {
				return clause
			}
		}
	}
	return ""
}

// announcedYear is the year the clause announcing the report names: a year right before the
// subject (subjectYear), else the only year it writes outside 《》 (现将2025年相关工作情况报告如下);
// 0 when it writes none, or several and none before the subject.
func announcedYear(clause string, subjects []string) int {
	if y := subjectYear(clause, subjects); y > 0 {
		return y
	}
	only := 0
	for _, loc := range yearRE.FindAllStringSubmatchIndex(clause, -1) {
		if strings.Count(clause[:loc[0]], "《") > strings.Count(clause[:loc[0]], "》") {
			continue
		}
		y := plausibleYear([]string{"", clause[loc[2]:loc[3]]})
		if y == 0 || only > 0 && y != only {
			return 0
		}
		only = y
	}
	return only
}

// subjectYear finds a year written right before the report's subject in a sentence, outside
// 《》: 现将2024年法治政府建设情况报告如下 names the report year (《2023年…法治政府建设工作要点》 is a
// document's name).
func subjectYear(s string, subjects []string) int {
	for _, loc := range yearRE.FindAllStringSubmatchIndex(s, -1) {
		if strings.Count(s[:loc[0]], "《") > strings.Count(s[:loc[0]], "》") {
			continue
		}
		rest := strings.TrimPrefix(s[loc[1]:], "度")
		for _, sub := range subjects {
			if strings.HasPrefix(rest, sub) {
				return plausibleYear([]string{"", s[loc[2]:loc[3]]})
			}
		}
	}
	return 0
}

func plausibleYear(m []string) int {
	if m == nil {
		return 0
	}
	y, _ := strconv.Atoi(m[1])
	if y < 2000 || y > 2099 {
		return 0
	}
	return y
}

// findUnit finds the reporting unit: from the title (before 关于 or the year), else the subject
// of the first sentence.
func (d *Document) findUnit(rs *rules.Set, m *matchers) {
	if t := d.Title; t != "" {
		cut := 0 // a title with neither 关于 nor a year does not say where the unit ends
		if i := strings.Index(t, "关于"); i >= 0 {
			cut = i
		} else if loc := yearRE.FindStringIndex(t); loc != nil {
			cut = loc[0]
		}
		if u := strings.TrimSpace(t[:cut]); u != "" {
			d.Unit = u
			return
		}
	}
	k := nextContent(d.Lines, d.BodyStart-1)
	if k < 0 || d.Lines[k].Heading != nil {
		return
	}
	s := d.Lines[k].Content
	if loc := leadYearRE.FindStringIndex(s); loc != nil {
		s = strings.TrimLeft(s[loc[1]:], "，, ")
	}
	if rs.Unit.LeadClause.Valid() {
		if loc := rs.Unit.LeadClause.Re().FindStringIndex(s); loc != nil {
			s = s[loc[1]:]
		}
	}
	end := len(s)
	for _, w := range rs.Unit.SubjectEnd {
		i := strings.Index(s, w)
		if i == 0 {
			return // the sentence opens with its predicate or a preposition (按照…): no subject
		}
		if i > 0 && i < end {
			end = i
		}
	}
	if i := strings.IndexAny(s, sentenceEnd+"、：:（("); i >= 0 && i < end {
		end = i
	}
	u := s[:end]
	if n := utf8.RuneCountInString(u); n >= 2 && n <= 30 && (m.government != nil && m.government.MatchString(u) || m.department != nil && m.department.MatchString(u)) {
		d.Unit = u
	}
}

// findProfile decides government or department: the flag, else the unit's name, else the
// addressee, else government.
func (d *Document) findProfile(m *matchers, flag string) {
	if flag != "" && flag != "auto" {
		d.Profile = flag
		return
	}
	d.Profile = "government"
	if d.Unit != "" && (m.government == nil || !m.government.MatchString(d.Unit)) && m.department != nil && m.department.MatchString(d.Unit) {
		d.Profile = "department"
	}
}
