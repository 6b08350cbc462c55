package checker

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker/input"
)

// Reports reach supervisors copied out of PDF files and document sites without their
// paragraph breaks: hard line breaks every 30–40 characters inside paragraphs, or the whole
// report on one line with 一、（一）1. starting mid-line. reflow rebuilds the logical paragraphs
// and headings before the rules run, as a transformation of the text that composes the source
// map, so findings still point at the lines of the file. It decides from the text's shape
// alone, and leaves a text that has its paragraph breaks as it is.
func reflow(t *input.Text) *input.Text {
	lines := t.Lines
	var outer *input.SourceMap
	if joined, m := joinWrapped(lines); m != nil {
		lines, outer = joined, m
	}
	if split, m := splitRunOn(lines); m != nil {
		lines, outer = split, outer.Compose(m)
	}
	if outer == nil {
		return t
	}
	r := *t
	r.Lines = lines
	r.Map = t.Map.Compose(outer)
	if r.Source == nil {
		r.Source = t.Lines
	}
	return &r
}

// Hard-wrapped text: most lines fill the wrap width and end without closing their sentence.
const (
	wrapMinWidth = 40  // display cells (a Chinese character takes two): 20 characters
	wrapMaxWidth = 120 // 60 characters; a paragraph per line is longer than that
	wrapMinLines = 4   // lines that run on into the next, at the least
)

// joinWrapped re-joins the lines of hard-wrapped paragraphs. A line runs on into the next when
// it fills the wrap width (the width most lines have), does not end a sentence, and the next
// line neither starts a heading nor, in a text that indents its paragraphs, is indented. It
// returns a nil map when the text is not hard-wrapped.
func joinWrapped(lines []string) ([]string, *input.SourceMap) {
	// Most lines of a report are paragraphs, far longer than a wrap width: such a text is
	// known without measuring a line.
	short, content := 0, 0
	for _, l := range lines {
		if len(l) == 0 {
			continue
		}
		content++
		if len(l) <= 3*wrapMaxWidth/2+8 {
			short++
		}
	}
	if content < wrapMinLines+1 || short*10 < content*6 {
		return nil, nil
	}
	// Nor is a text whose lines of prose end their sentences.
	open := 0
	for i := 0; i+1 < len(lines); i++ {
		if len(lines[i]) > 0 && len(lines[i+1]) > 0 && !endsSentence(lines[i]) && !isComment(lines[i]) {
			if _, ok := ParseHeading(strings.TrimLeftFunc(lines[i], isSpace)); !ok {
				open++
			}
		}
	}
	if open < wrapMinLines || open*10 < content*3 {
		return nil, nil
	}
	widths := make([]int, len(lines))
	var sorted []int
	indented := 0
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		widths[i] = cells(strings.TrimRightFunc(l, isSpace))
		sorted = append(sorted, widths[i])
		if r, _ := utf8.DecodeRuneInString(l); isSpace(r) {
			indented++
		}
	}
	// The wrap width: the width three lines in four stay within.
	slices.Sort(sorted)
	w := sorted[len(sorted)*3/4]
	if w < wrapMinWidth || w > wrapMaxWidth {
		return nil, nil
	}
	indents := indented*10 >= len(sorted) // paragraphs start indented
	full := func(i int) bool { return widths[i]*100 >= w*85 && widths[i]*100 <= w*115 }
	runsOn := make([]bool, len(lines))
	n := 0
	for i := 0; i+1 < len(lines); i++ {
		next := lines[i+1]
		if widths[i] == 0 || widths[i+1] == 0 || !full(i) || endsSentence(lines[i]) || isComment(lines[i]) || isComment(next) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(next); isSpace(r) && indents {
			continue
		}
		if _, ok := ParseHeading(strings.TrimLeftFunc(next, isSpace)); ok {
			continue
		}
		runsOn[i] = true
		// A heading that fills the width proves nothing: a short report's headings may be its
		// longest lines. Lines of prose that run on do.
		if _, ok := ParseHeading(strings.TrimLeftFunc(lines[i], isSpace)); !ok {
			n++
		}
	}
	if n < wrapMinLines || n*10 < len(sorted)*3 {
		return nil, nil
	}
	var out []string
	m := &input.SourceMap{}
	for i := 0; i < len(lines); {
		var b strings.Builder
		var spans []input.Span
		col := 0
		for j := i; ; j++ {
			l := lines[j]
			lead := 0
			if j > i { // a continuation line: its leading space is the layout's
				t := strings.TrimLeftFunc(l, isSpace)
				lead = utf8.RuneCountInString(l[:len(l)-len(t)])
				l = t
			}
			if runsOn[j] {
				l = strings.TrimRightFunc(l, isSpace)
			}
			k := utf8.RuneCountInString(l)
			spans = append(spans, input.Span{Col: col, N: k, Src: input.Pos{Line: j + 1, Col: lead + 1}})
			b.WriteString(l)
			col += k
			if !runsOn[j] {
				i = j + 1
				break
			}
		}
		out = append(out, b.String())
		m.Lines = append(m.Lines, spans)
	}
	return out, m
}

// isComment reports whether a line is an HTML comment, as fzlint's suppression comments are:
// never part of a paragraph.
func isComment(l string) bool {
	return strings.HasPrefix(strings.TrimLeftFunc(l, isSpace), directiveOpen)
}

// endsSentence reports whether a line ends a sentence (or a clause that a paragraph may end
// on), closing quotes and brackets aside.
func endsSentence(l string) bool {
	l = strings.TrimRightFunc(l, func(r rune) bool { return isSpace(r) || strings.ContainsRune("”’」』）)", r) })
	r, _ := utf8.DecodeLastRuneInString(l)
	return strings.ContainsRune("。！？；：!?;:…", r)
}

// splitRunOn splits a text whose paragraphs and headings run on in one line (a report copied
// as one line, or with its headings glued to the paragraphs before them). It applies only when
// no line starts with a top-level heading while the text holds 一、 and 二、 inside its lines;
// then a new line starts after spaces that follow Chinese text or punctuation (Chinese puts
// no spaces between words, so they are where a paragraph ended; a number after a space inside
// a sentence, as in 修订 7个, goes on with it), and at each heading that continues its level's
// numbering right after the end of a sentence (items such as 1. only after 。！？: after ；or ：
// they are usually a list inside the paragraph). It returns a nil map otherwise.
func splitRunOn(lines []string) ([]string, *input.SourceMap) {
	for _, l := range lines {
		if h, ok := ParseHeading(strings.TrimLeftFunc(stripMarkdownHeading(strings.TrimLeftFunc(l, isSpace)), isSpace)); ok && h.Level == LevelChapter {
			return nil, nil
		}
	}
	type cutAt struct{ line, end, at int } // a piece ends at byte end of line; the next starts at at
	var cuts []cutAt
	var nb numbering
	nb.next[LevelChapter] = 1
	chapters := 0
	// heading reads a well-formed heading at the start of s, and follows its numbering.
	heading := func(s string) (Heading, bool) {
		h, ok := ParseHeading(s)
		if !ok || h.Style != "" || h.Text == "" || !nb.continues(h) {
			return h, false
		}
		if h.Level == LevelChapter {
			chapters++
		}
		return h, true
	}
	for i, l := range lines {
		_, inHeading := heading(strings.TrimLeftFunc(l, isSpace)) // the piece so far is a heading
		prev, brk := rune(0), rune(0)                             // the character before r; the last one before the spaces before r
		spaces := 0                                               // where the spaces before r start
		titles := 0                                               // 《 and “ open on this line
		for k, r := range l {
			if isSpace(r) {
				if !isSpace(prev) {
					brk, spaces = prev, k
				}
				prev = r
				continue
			}
			end := prev // the last mark before r, spaces aside
			if isSpace(prev) {
				end = brk
			} else {
				spaces = k
			}
			cut := false
			switch {
			case k == 0 || titles > 0:
			case strings.ContainsRune(sentenceEnds, end):
				if h, ok := ParseHeading(l[k:]); ok && (h.Level < LevelItem || strings.ContainsRune("。！？!?", end)) {
					_, cut = heading(l[k:])
					inHeading = cut
				}
				if !cut && isSpace(prev) && end != ':' {
					cut = true
					_, inHeading = heading(l[k:])
				}
			case isSpace(prev) && paragraphEnd(end) && !separator(r) && (!isDigitRune(r) || inHeading || opensWithYear(l[k:])):
				cut = true
				_, inHeading = heading(l[k:])
			}
			switch r {
			case '《', '“':
				titles++
			case '》', '”':
				titles = max(titles-1, 0)
			}
			if cut {
				cuts = append(cuts, cutAt{i, spaces, k})
			} else if strings.ContainsRune(sentenceEnds, r) {
				inHeading = false
			}
			prev = r
		}
	}
	if chapters < 2 {
		return nil, nil
	}
	var out []string
	m := &input.SourceMap{}
	c := 0
	for i, l := range lines {
		from := 0
		for ; c < len(cuts) && cuts[c].line == i; c++ {
			end, at := cuts[c].end, cuts[c].at
			if end <= from {
				continue
			}
			out = append(out, l[from:end])
			m.Lines = append(m.Lines, []input.Span{{N: utf8.RuneCountInString(l[from:end]), Src: input.Pos{Line: i + 1, Col: utf8.RuneCountInString(l[:from]) + 1}}})
			from = at
		}
		out = append(out, l[from:])
		m.Lines = append(m.Lines, []input.Span{{N: utf8.RuneCountInString(l[from:]), Src: input.Pos{Line: i + 1, Col: utf8.RuneCountInString(l[:from]) + 1}}})
	}
	return out, m
}

// numbering follows the ordinals of the headings found so far.
type numbering struct {
	next    [LevelSubitem + 1]int // the ordinal each level expects next under its parent
	carried [LevelSubitem + 1]int // the ordinal that carries the level's numbering on across parents
}

// continues reports whether a heading continues the numbering of its level, and if so takes
// it: the next ordinal under its parent, 1 under a new parent, or the numbering carried on
// from the previous parent (1. 2. under （一）, 3. under （二）).
func (nb *numbering) continues(h Heading) bool {
	L := h.Level
	if L > LevelChapter && nb.next[LevelChapter] <= 1 {
		return false // no part has begun
	}
	if h.Ordinal != nb.next[L] && !(L > LevelChapter && (h.Ordinal == 1 || h.Ordinal == nb.carried[L])) {
		return false
	}
	nb.next[L], nb.carried[L] = h.Ordinal+1, h.Ordinal+1
	for d := L + 1; d <= LevelSubitem; d++ {
		nb.next[d] = 1
	}
	return true
}

// sentenceEnds are the marks a paragraph can end on.
const sentenceEnds = "。！？；：!?;:"

func isASCIIAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// paragraphEnd reports whether a paragraph may end on r when spaces follow it: Chinese text
// and punctuation, or a closing half-width mark (not a breadcrumb's / or >, nor a colon,
// which a label such as 当前位置: ends on).
func paragraphEnd(r rune) bool {
	return isHan(r) || isCJKPunct(r) || strings.ContainsRune(",.;!?)\"", r)
}

// opensWithYear reports whether s opens with a year (2024年), as a report's paragraphs often
// do: a number after a space that starts a paragraph rather than going on with a sentence.
func opensWithYear(s string) bool {
	return len(s) > 4 && isASCIIDigits(s[:4]) && strings.HasPrefix(s[4:], "年")
}

func isASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// separator reports a mark that goes on with what stands before the spaces: a breadcrumb's
// / > → ＞, or any half-width mark that does not open something.
func separator(r rune) bool {
	return r < 0x80 && !isASCIIAlnum(r) && !strings.ContainsRune("([\"", r) || strings.ContainsRune("→＞»", r)
}

// cells is the display width of s, counted from its UTF-8 bytes without decoding: a
// character of three or four bytes (Chinese, full-width punctuation) takes two cells, any
// other one.
func cells(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x80 || c >= 0xC0 && c < 0xE0:
			n++
		case c >= 0xE0:
			n += 2
		}
	}
	return n
}
