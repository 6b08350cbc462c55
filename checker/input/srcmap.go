package input

import "sort"

// Pos is a place in a file as its reader finds it. Line and Col are 1-based; Col counts runes.
// For text files Line is the physical line of the file; for .docx, .doc and .odt it is the
// paragraph; for the fixed-layout formats (.pdf, .ofd) Page is the 1-based page and Line the
// line on that page (Page is 0 for every other format).
type Pos struct {
	Page, Line, Col int
}

// Span says where a run of a logical line came from: the N runes starting at rune Col
// (0-based) of the logical line are the N consecutive runes starting at Src in the source.
type Span struct {
	Col, N int
	Src    Pos
}

// SourceMap maps the logical lines the rules see back to the file they were read from. Every
// reader builds it in the same walk that produces the text, and every transformation of the
// text (re-joining hard-wrapped lines, splitting a one-line report into paragraphs) composes
// it; nothing re-derives positions by searching the text again. A nil *SourceMap is the
// identity: logical line i is line i of the file, column for column.
type SourceMap struct {
	// Lines[i] holds the spans of logical line i+1, in order of Col, covering it without gaps
	// (a rune the reader added, such as a numbering prefix, maps to the first rune after it).
	Lines [][]Span
}

// Identity returns a map of n logical lines, each the same-numbered line of the file; lens[i]
// is the rune length of line i+1.
func Identity(lens []int) *SourceMap {
	m := &SourceMap{Lines: make([][]Span, len(lens))}
	for i, n := range lens {
		m.Lines[i] = []Span{{Col: 0, N: n, Src: Pos{Line: i + 1, Col: 1}}}
	}
	return m
}

// Locate returns where rune col (1-based) of logical line line (1-based) is in the file. A
// column past the end of the line maps just past its last source rune; a line the map does not
// know maps to itself.
func (m *SourceMap) Locate(line, col int) Pos {
	if m == nil || line < 1 || line > len(m.Lines) || len(m.Lines[line-1]) == 0 {
		return Pos{Line: line, Col: col}
	}
	spans := m.Lines[line-1]
	c := col - 1
	if c < 0 {
		c = 0
	}
	// The last span that starts at or before c.
	k := sort.Search(len(spans), func(k int) bool { return spans[k].Col > c }) - 1
	if k < 0 {
		k = 0
	}
	s := spans[k]
	off := c - s.Col
	if off > s.N {
		off = s.N // past the end: just after the span's last rune
	}
	if off < 0 {
		off = 0
	}
	return Pos{Page: s.Src.Page, Line: s.Src.Line, Col: s.Src.Col + off}
}

// Compose returns the map of a transformation applied to text that m already maps: outer maps
// the new logical lines to the lines m maps (outer's Src.Line and Src.Col are logical positions
// of m), and the result maps the new lines straight to the file. Spans of outer that cross a
// span boundary of m are split, so the result stays exact rune for rune.
func (m *SourceMap) Compose(outer *SourceMap) *SourceMap {
	if m == nil {
		return outer
	}
	if outer == nil {
		return m
	}
	res := &SourceMap{Lines: make([][]Span, len(outer.Lines))}
	for i, spans := range outer.Lines {
		var out []Span
		for _, s := range spans {
			col, left := s.Col, s.N
			src := s.Src
			for {
				p := m.Locate(src.Line, src.Col)
				run := m.runLeft(src.Line, src.Col)
				n := left
				if run < n {
					n = run
				}
				if n <= 0 { // an empty outer span, or one past m's line: keep one position
					out = append(out, Span{Col: col, N: left, Src: p})
					break
				}
				out = append(out, Span{Col: col, N: n, Src: p})
				col, left = col+n, left-n
				src.Col += n
				if left == 0 {
					break
				}
			}
		}
		res.Lines[i] = out
	}
	return res
}

// runLeft is how many runes from (line, col) on stay inside one span of m.
func (m *SourceMap) runLeft(line, col int) int {
	if line < 1 || line > len(m.Lines) {
		return 1 << 30
	}
	spans := m.Lines[line-1]
	c := col - 1
	k := sort.Search(len(spans), func(k int) bool { return spans[k].Col > c }) - 1
	if k < 0 || c >= spans[k].Col+spans[k].N {
		return 0
	}
	return spans[k].Col + spans[k].N - c
}
