//go:build !fzlintpage

package input

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Fixed-layout formats (.pdf, .ofd) place glyphs on pages; they have no paragraphs. The readers
// hand the glyphs of each page to paragraphsOf, which rebuilds what a reader sees: lines from
// the glyphs' baselines, running headers, footers and page numbers dropped, and paragraphs from
// the lines' positions and indentation, with a SourceMap leading each paragraph back to the
// page and line it came from.

// glyph is one character (or the few a ligature stands for) placed on a page: the left end of
// its baseline (X to the right, Y down from the top of the page, in points), its advance W and
// its font size.
type glyph struct {
	X, Y, W, Size float64
	Text          string
}

// page is the glyphs of one page in the order they were drawn.
type layoutPage struct {
	Glyphs []glyph
}

// layoutLine is a line of a page: its text, where it starts and ends, its baseline and size,
// and its 1-based number on the page (headers counted, so that a reader counting lines from the
// top of the page finds it).
type layoutLine struct {
	Text            string
	X0, X1, Y, Size float64
	Page, N         int
	header, footer  bool
	// lead is the width of the line's first unbreakable chunk (a character with the closing
	// marks and the digits or letters that follow it): when it would have fitted at the end
	// of the line before, that line ended its paragraph rather than wrapped.
	lead float64
}

// linesOf groups a page's glyphs into lines, top to bottom, each read left to right: glyphs
// whose baselines are within a third of the font size belong to one line. A gap wider than
// the font size between two glyphs (table cells, a signature beside a date) becomes a space.
func linesOf(pg layoutPage, pageNo int) []layoutLine {
	gs := make([]glyph, 0, len(pg.Glyphs))
	for _, g := range pg.Glyphs {
		if g.Text != "" && g.Size > 0 {
			gs = append(gs, g)
		}
	}
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].Y < gs[j].Y })
	var lines []layoutLine
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && gs[j].Y-gs[i].Y <= gs[i].Size/3 {
			j++
		}
		row := gs[i:j]
		sort.SliceStable(row, func(a, b int) bool { return row[a].X < row[b].X })
		var b strings.Builder
		l := layoutLine{X0: row[0].X, Y: row[0].Y, Page: pageNo}
		end := row[0].X
		for k, g := range row {
			if k > 0 && g.X-end > g.Size && !strings.HasSuffix(b.String(), " ") {
				b.WriteByte(' ')
			}
			b.WriteString(strings.Map(noControl, g.Text))
			if e := g.X + g.W; e > end {
				end = e
			}
			if g.Size > l.Size {
				l.Size = g.Size
			}
		}
		l.X1 = end
		l.lead = leadWidth(row)
		l.Text = strings.TrimSpace(b.String())
		if l.Text != "" {
			l.N = len(lines) + 1
			lines = append(lines, l)
		}
		i = j
	}
	return lines
}

// noControl turns the control characters a font's map may give (line ends, tabs) into
// spaces: a line of the page is one line.
func noControl(r rune) rune {
	if r < ' ' || r == 0x7f || r == 0x2028 || r == 0x2029 || r == 0x85 {
		return ' '
	}
	return r
}

// leadWidth is the width of the first unbreakable chunk of a line's glyphs: the first glyph
// with the closing marks, digits and Latin letters that follow it (a line may not start with
// a closing mark, and a number is not broken).
// leadOpeners are the marks a line break never separates from what follows them, the 〔 of a
// document number (〔2016〕23号) among them.
const leadOpeners = "“‘（《【「『〈〔〖［｛(["

func leadWidth(row []glyph) float64 {
	end := row[0].X + row[0].W
	open := strings.ContainsAny(row[0].Text, leadOpeners)
	for _, g := range row[1:] {
		r, _ := utf8.DecodeRuneInString(g.Text)
		ascii := r > ' ' && r < utf8.RuneSelf && !strings.ContainsRune("([", r)
		if !open && !ascii && !strings.ContainsRune("）】」』”’〕〗］｝，。、；：？！》〉", r) {
			break
		}
		open = strings.ContainsRune(leadOpeners, r)
		end = g.X + g.W
	}
	return end - row[0].X
}

// pageNumber matches a line that is only a page number: 3, - 3 -, — 3 —, 第3页, 第 3 页 共 9 页,
// 3/9, Page 3. Compiled on first use, as headingStart: only the layout of a PDF or OFD needs them.
var pageNumber = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[\s\-—–－·•]*(第\s*)?[0-9０-９]+\s*页?\s*((/|／|of|共)\s*[0-9０-９]+\s*页?)?[\s\-—–－·•]*$|^(?i:page)\s*[0-9]+(\s*(/|of)\s*[0-9]+)?$`)
})

// markRunning marks the running headers and footers of the pages: the first and last lines
// (two at most at each end) that are a page number, or whose text, digits aside, is the first
// or last line of at least half the pages (and of two pages at least).
func markRunning(pages [][]layoutLine) {
	norm := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' || r >= '０' && r <= '９' || r == ' ' {
				return -1
			}
			return r
		}, s)
	}
	top, bottom := map[string]int{}, map[string]int{}
	for _, ls := range pages {
		for k := 0; k < 2 && k < len(ls); k++ {
			top[norm(ls[k].Text)]++
			bottom[norm(ls[len(ls)-1-k].Text)]++
		}
	}
	running := func(n int) bool { return n >= 2 && 2*n >= len(pages) }
	for _, ls := range pages {
		for k := 0; k < 2 && k < len(ls); k++ {
			l := &ls[k]
			if pageNumber().MatchString(l.Text) || running(top[norm(l.Text)]) {
				l.header = true
				continue
			}
			break
		}
		for k := 0; k < 2 && k < len(ls); k++ {
			l := &ls[len(ls)-1-k]
			if l.header {
				break
			}
			if pageNumber().MatchString(l.Text) || running(bottom[norm(l.Text)]) {
				l.footer = true
				continue
			}
			break
		}
	}
}

// headingStart matches a line that opens with a heading ordinal (一、 （一） 1. （1） 第一章):
// such a line starts a paragraph even after a full line.
var headingStart = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.．、]|第[一二三四五六七八九十]+[章节部分])`)
})

// paragraphsOf rebuilds the paragraphs of fixed-layout pages. A line continues the paragraph
// of the line before it when that line reached the right margin, this one is not indented, the
// two have about the same size, the gap between them is a line's, and this one does not open
// with a heading ordinal. The margins are the document's: the left one where most lines start,
// the right one where the longest lines end.
func paragraphsOf(pages []layoutPage) ([]string, *SourceMap) {
	perPage := make([][]layoutLine, len(pages))
	for i, pg := range pages {
		perPage[i] = linesOf(pg, i+1)
	}
	markRunning(perPage)
	var body []layoutLine
	for _, ls := range perPage {
		for _, l := range ls {
			if !l.header && !l.footer {
				body = append(body, l)
			}
		}
	}
	if len(body) == 0 {
		return nil, &SourceMap{}
	}
	left, right := margins(body)
	pitch := linePitch(body)
	var lines []string
	m := &SourceMap{}
	var cur strings.Builder
	var spans []Span
	col := 0
	flush := func() {
		if cur.Len() > 0 {
			lines = append(lines, cur.String())
			m.Lines = append(m.Lines, spans)
		}
		cur.Reset()
		spans, col = nil, 0
	}
	for i, l := range body {
		if i > 0 && !continues(body[i-1], l, left, right, pitch) {
			flush()
		}
		n := utf8.RuneCountInString(l.Text)
		spans = append(spans, Span{Col: col, N: n, Src: Pos{Page: l.Page, Line: l.N, Col: 1}})
		cur.WriteString(l.Text)
		col += n
	}
	flush()
	return lines, m
}

func continues(prev, l layoutLine, left, right, pitch float64) bool {
	size := l.Size
	switch {
	case prev.X1+l.lead < right-0.5*prev.Size: // this line's start would have fitted on the line before
		return false
	case l.X0 > left+0.8*size: // indented, or centred
		return false
	case l.Size > prev.Size*1.2 || prev.Size > l.Size*1.2:
		return false
	case l.Page == prev.Page && pitch > 0 && l.Y-prev.Y > 1.7*pitch:
		return false
	case headingStart().MatchString(l.Text):
		return false
	}
	return true
}

// margins returns where most lines start (the smallest start shared by at least a fifth of the
// lines, rounded to a point) and where the longest lines end (the 90th percentile of ends).
func margins(ls []layoutLine) (left, right float64) {
	starts := map[int]int{}
	ends := make([]float64, len(ls))
	for i, l := range ls {
		starts[int(l.X0+0.5)]++
		ends[i] = l.X1
	}
	left = -1
	for x, n := range starts {
		if 5*n >= len(ls) && (left < 0 || float64(x) < left) {
			left = float64(x)
		}
	}
	if left < 0 {
		left = ls[0].X0
		for _, l := range ls {
			if l.X0 < left {
				left = l.X0
			}
		}
	}
	sort.Float64s(ends)
	right = ends[len(ends)*9/10]
	return left + 0.5, right
}

// linePitch is the most common distance between the baselines of consecutive lines of a page.
func linePitch(ls []layoutLine) float64 {
	count := map[int]int{}
	best, bestN := 0, 0
	for i := 1; i < len(ls); i++ {
		if ls[i].Page != ls[i-1].Page {
			continue
		}
		d := int(ls[i].Y - ls[i-1].Y + 0.5)
		if d <= 0 {
			continue
		}
		count[d]++
		if count[d] > bestN || count[d] == bestN && d < best {
			best, bestN = d, count[d]
		}
	}
	return float64(best)
}
