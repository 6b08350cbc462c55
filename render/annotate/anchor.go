package annotate

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker/input"
)

// A place is where a comment marker goes in word/document.xml: at a byte offset between two
// children of a w:p, or inside a run, which is then split there.
type place struct {
	at  int
	run *input.DocxRun // the run split at this place; nil when none is
	// inText says the split is inside a w:t's text (its start tag is tag), not between the
	// run's children.
	inText bool
	tag    [2]int
}

// ranges resolves where the markers of a comment on the runes [c0, c1) of a paragraph's text
// (the reader's prefix included) go. A range that is empty, on the prefix or past the text
// covers the whole paragraph.
func ranges(doc []byte, p *input.DocxPara, c0, c1 int, edges *edgeCache) (start, end place, ok bool) {
	c0 -= p.Prefix
	c1 -= p.Prefix
	length := 0
	if n := len(p.Segs); n > 0 {
		length = p.Segs[n-1].Col + p.Segs[n-1].N
	}
	if c1 > length {
		c1 = length
	}
	if c0 < 0 || c1 <= c0 {
		return whole(p)
	}
	first, last := edges.of(p)
	pre := paraPrefix(doc, p)
	start, ok1 := startPlace(doc, p, c0, first, pre, edges)
	end, ok2 := endPlace(doc, p, c1, last, pre, edges)
	if !ok1 || !ok2 || start.at > end.at {
		return whole(p)
	}
	return start, end, true
}

// whole is the range of a whole paragraph: after its properties to its end tag.
func whole(p *input.DocxPara) (place, place, bool) {
	if p.Open < 0 || p.Close < p.Open {
		return place{}, place{}, false
	}
	return place{at: p.Open}, place{at: p.Close}, true
}

// edgeCache keeps the run edges of the last paragraph asked about: a paragraph's findings come
// one after another, and each read all its runs (20,000 findings in one paragraph took 23 s).
type edgeCache struct {
	p           *input.DocxPara
	first, last map[int]int
	// the byte offsets of the runes of the last text split (raw's range in the document),
	// for the same reason: 10,000 findings in one run each counted the run's characters
	raw  [2]int
	offs []int
	ok   bool
}

// runeOffset returns the byte offset of rune k of the raw character data doc[raw[0]:raw[1]],
// counting runes as the reader does: an entity is one rune, and a line end ("\r\n" or "\r",
// written or as entities) is one. ok is false when the data does not hold n runes, which would
// mean the reader and this count disagree. The text's offsets are counted once.
func (e *edgeCache) runeOffset(doc []byte, raw [2]int, k, n int) (int, bool) {
	if e.offs == nil || e.raw != raw {
		e.raw = raw
		e.offs, e.ok = runeOffsets(doc[raw[0]:raw[1]], n)
	}
	if !e.ok || k < 0 || k >= len(e.offs) {
		return 0, false
	}
	return e.offs[k], true
}

// runeOffsets returns the byte offset of each rune of raw character data, counted as
// runeOffset counts them, and its end; ok is false unless there are n.
func runeOffsets(raw []byte, n int) (offs []int, ok bool) {
	offs = make([]int, 0, max(n, 0)+1)
	prevCR := false
	for i := 0; i < len(raw); {
		r, size := unit(raw[i:])
		if size == 0 {
			return []int{}, false
		}
		if prevCR && r == '\n' { // the second half of "\r\n": no rune of its own
			prevCR = false
			i += size
			continue
		}
		offs = append(offs, i)
		prevCR = r == '\r'
		i += size
	}
	return append(offs, len(raw)), len(offs) == n
}

func (e *edgeCache) of(p *input.DocxPara) (first, last map[int]int) {
	if e.p != p {
		e.p = p
		e.first, e.last = runEdges(p)
	}
	return e.first, e.last
}

// runEdges returns, for each run of p, the column of its first rune and the column after its
// last one.
func runEdges(p *input.DocxPara) (first, last map[int]int) {
	first, last = map[int]int{}, map[int]int{}
	for _, s := range p.Segs {
		if s.N == 0 || s.Run < 0 {
			continue
		}
		if _, ok := first[s.Run]; !ok {
			first[s.Run] = s.Col
		}
		last[s.Run] = s.Col + s.N
	}
	return
}

// segAt returns the index of the segment holding rune c.
func segAt(p *input.DocxPara, c int) int {
	return sort.Search(len(p.Segs), func(i int) bool { return p.Segs[i].Col+p.Segs[i].N > c })
}

// direct says whether a run can be split where it is: it is a child of the paragraph itself,
// and a run of the same vocabulary (w:r in a w:p, not m:r in an equation). A marker for a
// rune of any other run goes outside the paragraph's child that holds it: never inside a
// hyperlink, smart tag, content control, field or tracked change.
func direct(doc []byte, r *input.DocxRun, pre []byte) bool {
	if r.Outer[0] != r.Start || r.End <= r.Start {
		return false
	}
	name := tagName(doc[r.Start:])
	return len(name) == len(pre)+1 && bytes.HasPrefix(name, pre) && name[len(pre)] == 'r'
}

func startPlace(doc []byte, p *input.DocxPara, c int, first map[int]int, pre []byte, edges *edgeCache) (place, bool) {
	i := segAt(p, c)
	if i >= len(p.Segs) || p.Segs[i].Run < 0 {
		return place{}, false
	}
	s := &p.Segs[i]
	r := &p.Runs[s.Run]
	if !direct(doc, r, pre) {
		return place{at: r.Outer[0]}, r.Outer[0] >= 0
	}
	if c == first[s.Run] {
		return place{at: r.Start}, true
	}
	return splitAt(doc, r, s, c-s.Col, place{at: r.Start}, edges)
}

func endPlace(doc []byte, p *input.DocxPara, c int, last map[int]int, pre []byte, edges *edgeCache) (place, bool) {
	i := segAt(p, c-1)
	if i >= len(p.Segs) || p.Segs[i].Run < 0 {
		return place{}, false
	}
	s := &p.Segs[i]
	r := &p.Runs[s.Run]
	if !direct(doc, r, pre) {
		return place{at: r.Outer[1]}, r.Outer[1] >= 0
	}
	if c == last[s.Run] {
		return place{at: r.End}, true
	}
	return splitAt(doc, r, s, c-s.Col, place{at: r.End}, edges)
}

// splitAt is the place before rune k of segment s of run r; fallback (the run's edge) when
// the segment cannot be split there.
func splitAt(doc []byte, r *input.DocxRun, s *input.DocxSeg, k int, fallback place, edges *edgeCache) (place, bool) {
	switch s.Kind {
	case input.SegElem:
		at := s.Raw[0]
		if k > 0 {
			at = s.Raw[1]
		}
		return place{at: at, run: r}, true
	case input.SegText:
		if s.Tag[1] <= s.Tag[0] || s.Tag[1] > s.Raw[0] {
			return fallback, true
		}
		off, ok := edges.runeOffset(doc, s.Raw, k, s.N)
		if !ok {
			return fallback, true
		}
		return place{at: s.Raw[0] + off, run: r, inText: true, tag: s.Tag}, true
	}
	return fallback, true // CDATA is never split
}

// unit decodes one character of raw XML text: an entity or a UTF-8 sequence (an invalid byte
// is one rune, as in a Go range loop). size 0: a malformed entity.
func unit(b []byte) (rune, int) {
	if b[0] != '&' {
		r, size := utf8.DecodeRune(b)
		return r, size
	}
	semi := bytes.IndexByte(b, ';')
	if semi < 0 {
		return 0, 0
	}
	ent := b[1:semi]
	switch string(ent) {
	case "lt":
		return '<', semi + 1
	case "gt":
		return '>', semi + 1
	case "amp":
		return '&', semi + 1
	case "quot":
		return '"', semi + 1
	case "apos":
		return '\'', semi + 1
	}
	if len(ent) < 2 || ent[0] != '#' {
		return 0, 0
	}
	var v uint64
	base, digits := uint64(10), ent[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	if len(digits) == 0 {
		return 0, 0
	}
	for _, c := range digits {
		var d uint64
		switch {
		case c >= '0' && c <= '9':
			d = uint64(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = uint64(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = uint64(c-'A') + 10
		default:
			return 0, 0
		}
		v = v*base + d
		if v > utf8.MaxRune {
			return 0, 0
		}
	}
	return rune(v), semi + 1
}

// tagName is the qualified name of the tag at the start of b ("w:r" for `<w:r w:rsidR="…">`).
func tagName(b []byte) []byte {
	if len(b) < 2 || b[0] != '<' {
		return nil
	}
	b = b[1:]
	n := 0
	for n < len(b) && b[n] != ' ' && b[n] != '\t' && b[n] != '\r' && b[n] != '\n' && b[n] != '>' && b[n] != '/' {
		n++
	}
	return b[:n]
}

// paraPrefix is the namespace prefix of a paragraph's tag with its colon ("w:"), or "".
func paraPrefix(doc []byte, p *input.DocxPara) []byte {
	name := tagName(doc[p.Start:])
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		return name[:i+1]
	}
	return nil
}
