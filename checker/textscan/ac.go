// Package textscan holds the fast text primitives the checks share: a multi-pattern matcher
// (Aho–Corasick) that finds every listed phrase in one pass over a line, whatever the number
// of phrases, and small rune helpers.
package textscan

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// Matcher finds all occurrences of a fixed set of phrases. It is built once per rule set and
// is safe for concurrent use.
//
// The automaton steps a character at a time, not a byte: a report is mostly Han characters of
// three bytes, and each step is a load that depends on the one before, so three times fewer
// steps are about twice as fast even with the decoding. Characters that occur in no phrase
// share class 0; the others have a class each, found for the characters of the Basic
// Multilingual Plane in a table of blocks (see classTable). Its two loads depend on the text,
// not on the state, so they do not lengthen the chain of the automaton's loads.
type Matcher struct {
	out    [][]int32 // pattern ids that end in each state (including via fail links)
	length []int     // byte length of each pattern
	// delta is the complete automaton, with fail links resolved: delta[row+class] is the row
	// (state*width) of the next state, negated when that state ends a pattern.
	delta []int32
	width int
	ascii [utf8.RuneSelf]uint16
	// bmp holds the classes of the characters up to U+FFFF (ASCII's are in ascii).
	bmp    classTable[uint16]
	astral map[rune]uint16 // characters beyond U+FFFF
	// chars are the characters of bmp that were given a class, so that a Pair reads only
	// those, not the whole table.
	chars []rune
	// invalid is the class of a byte that is not valid UTF-8: 0, unless a folding matcher
	// folds U+FFFD (the character such a byte decodes as).
	invalid uint16
}

// Match is one occurrence: pattern id and byte range [Start, End) in the text.
type Match struct {
	ID         int
	Start, End int
}

// NewMatcher builds a matcher for the patterns; a pattern's id is its index. Empty patterns
// are ignored. Patterns and text are UTF-8; a pattern matches only at character boundaries,
// and not across bytes that are not valid UTF-8.
func NewMatcher(patterns []string) *Matcher {
	return newMatcher(patterns, nil)
}

// NewFoldingMatcher builds a matcher that reads text as if each character r of fold were
// fold[r], or dropped when fold[r] is negative: it finds in a text what NewMatcher(patterns)
// finds in the text so folded (characters folded once, not again), without making that copy,
// when the text is valid UTF-8 (bytes that are not could join into a character once a dropped
// one between them is gone). The patterns are given folded. Matches' offsets are in the text as given, and Start is
// only meaningful when no folded character lies inside the match, so use it through Contains.
func NewFoldingMatcher(patterns []string, fold map[rune]rune) *Matcher {
	return newMatcher(patterns, fold)
}

func newMatcher(patterns []string, fold map[rune]rune) *Matcher {
	m := &Matcher{length: make([]int, len(patterns)), bmp: newClassTable[uint16]()}
	// Each character of a pattern has a class, numbered from 1 in order of first appearance;
	// seq holds the patterns as classes, pattern id's from seq[start[id]] to seq[start[id+1]].
	var seq []uint16
	start := make([]int32, len(patterns)+1)
	classes := 0
	for id, p := range patterns {
		m.length[id] = len(p)
		for _, r := range p {
			c := m.classOf(r)
			if c == 0 {
				classes++
				c = uint16(classes)
				m.setClass(r, c)
			}
			seq = append(seq, c)
		}
		start[id+1] = int32(len(seq))
	}
	m.width = classes + 1
	skip := len(fold) > 0
	if skip {
		m.width++ // the identity column of setFolds
	}
	m.build(seq, start, skip)
	if skip {
		m.setFolds(fold)
	}
	return m
}

// build makes the automaton of the patterns given as classes (seq, start: see newMatcher).
//
// The trie is built a level at a time, so that its states are numbered in breadth-first
// order: the rows a text visits most (the root, and the states one character in) are then
// together in memory, and a state's fail state, which is shallower, has a smaller number. At
// each level the patterns that go on are sorted by the state they are in and their next
// class: those that share both share the next state, and the states are counted before the
// table is made, without a map per state.
//
// The goto function is then completed in place, a state at a time in order: a missing
// transition is its fail state's, and a state's children get their fail states and inherit
// their outputs, the fail state's row being complete before its own.
//
// With skip, the last column is the identity: every state stays where it is, and reports
// nothing again.
func (m *Matcher) build(seq []uint16, start []int32, skip bool) {
	type edge struct {
		from, to int32
		class    uint16
	}
	var edges []edge
	var ends [][]int32 // per state, the patterns that end there (nil for the root)
	ends = append(ends, nil)
	cur := make([]int32, len(start)-1) // each pattern's state after the characters read so far
	var active []int32                 // the patterns longer than the level
	for id := range cur {
		if start[id+1] > start[id] {
			active = append(active, int32(id))
		}
	}
	next := func(id int32, depth int32) uint16 { return seq[start[id]+depth] }
	for depth := int32(0); len(active) > 0; depth++ {
		slices.SortFunc(active, func(a, b int32) int {
			if c := cmp.Compare(cur[a], cur[b]); c != 0 {
				return c
			}
			if c := cmp.Compare(next(a, depth), next(b, depth)); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		kept := active[:0]
		for i, id := range active {
			if i == 0 || cur[id] != edges[len(edges)-1].from || next(id, depth) != edges[len(edges)-1].class {
				edges = append(edges, edge{from: cur[id], to: int32(len(ends)), class: next(id, depth)})
				ends = append(ends, nil)
			}
			to := edges[len(edges)-1].to
			cur[id] = to
			if start[id+1]-start[id] == depth+1 {
				ends[to] = append(ends[to], id)
			} else {
				kept = append(kept, id)
			}
		}
		active = kept
	}
	width := m.width
	delta := make([]int32, len(ends)*width)
	for _, e := range edges {
		delta[int(e.from)*width+int(e.class)] = e.to
	}
	out := ends
	fail := make([]int32, len(ends))
	for s := range len(ends) {
		row := delta[s*width : s*width+width]
		var frow []int32
		if s > 0 {
			frow = delta[int(fail[s])*width : int(fail[s])*width+width]
		}
		for c, t := range row {
			switch {
			case t == 0 && s > 0:
				row[c] = frow[c] // no edge: where the fail state goes
			case t != 0: // an edge to a child (a child's number is above its parent's)
				if s > 0 {
					fail[t] = frow[c]
				}
				out[t] = append(out[t], out[fail[t]]...)
			}
		}
	}
	m.out = out
	// States to rows: premultiplied, and negative where a pattern ends.
	for i, n := range delta {
		v := n * int32(width)
		if len(out[n]) > 0 {
			v = -v
		}
		delta[i] = v
	}
	if skip {
		for row := 0; row < len(delta); row += width {
			delta[row+width-1] = int32(row)
		}
	}
	m.delta = delta
}

// setFolds gives each character of fold the class of what it folds to, or the class of the
// last column, which leaves the state as it is (a dropped character is not stepped over). All
// classes are looked up before any is changed, so that a character that is both folded and
// the target of another fold reads as itself in the patterns and as its own fold in the text.
func (m *Matcher) setFolds(fold map[rune]rune) {
	skip := uint16(m.width - 1)
	classes := make(map[rune]uint16, len(fold))
	for r, to := range fold {
		if to < 0 {
			classes[r] = skip
		} else {
			classes[r] = m.classOf(to)
		}
	}
	for r, c := range classes {
		m.setClass(r, c)
	}
	if c, ok := classes[utf8.RuneError]; ok {
		m.invalid = c
	}
}

// setClass gives r the class c.
func (m *Matcher) setClass(r rune, c uint16) {
	switch {
	case r < utf8.RuneSelf:
		m.ascii[r] = c
	case r <= 0xFFFF:
		if m.bmp.at(uint32(r)) == 0 {
			m.chars = append(m.chars, r)
		}
		m.bmp.set(uint32(r), c)
	default:
		if m.astral == nil {
			m.astral = map[rune]uint16{}
		}
		m.astral[r] = c
	}
}

// classTable maps the characters of the Basic Multilingual Plane to classes, in blocks of 64
// characters: index gives each block's place in blocks, where the first block, all zeros, is
// shared by the blocks that hold no character with a class. A flat table (128 KB a matcher,
// for a few dozen characters) cost a new process a page fault for each 4 KB page that held a
// phrase's character, about 180 over the rule set's matchers; the blocks of one matcher take a
// few KB.
type classTable[C uint16 | uint32] struct {
	index  *[1 << 10]uint16
	blocks [][64]C
}

// zeroIndex is the index of a table that has no class yet, shared and never written.
var zeroIndex [1 << 10]uint16

func newClassTable[C uint16 | uint32]() classTable[C] {
	return classTable[C]{index: &zeroIndex, blocks: make([][64]C, 1)}
}

// at returns r's class; r must be at most 0xFFFF.
func (t *classTable[C]) at(r uint32) C {
	return t.blocks[t.index[r>>6&(1<<10-1)]][r&63]
}

// set gives r, at most 0xFFFF, the class c.
func (t *classTable[C]) set(r uint32, c C) {
	if t.index == &zeroIndex {
		t.index = new([1 << 10]uint16)
	}
	b := &t.index[r>>6]
	if *b == 0 {
		*b = uint16(len(t.blocks))
		t.blocks = append(t.blocks, [64]C{})
	}
	t.blocks[*b][r&63] = c
}

// classOf returns r's class, 0 for a character in no pattern.
func (m *Matcher) classOf(r rune) uint16 {
	switch {
	case r < utf8.RuneSelf:
		return m.ascii[r]
	case r <= 0xFFFF:
		return m.bmp.at(uint32(r))
	}
	return m.astral[r]
}

// slowClass reads the character at i when it is not ASCII nor a valid character of three
// bytes, and returns its class and length. A byte that is not valid UTF-8 has class 0.
func (m *Matcher) slowClass(text string, i int) (uint16, int) {
	r, size := utf8.DecodeRuneInString(text[i:])
	return m.decodedClass(r, r == utf8.RuneError && size == 1), size
}

// decodedClass is the class of a character decoded, r, or of a byte that is not valid UTF-8
// (bad).
func (m *Matcher) decodedClass(r rune, bad bool) uint16 {
	if bad {
		return m.invalid
	}
	return m.classOf(r)
}

// FindAll appends every occurrence in text to dst, in order of their end, and returns it.
func (m *Matcher) FindAll(dst []Match, text string) []Match {
	dst, _ = m.scan(dst, text, false)
	return dst
}

// Contains reports whether any pattern occurs in text.
func (m *Matcher) Contains(text string) bool {
	_, found := m.scan(nil, text, true)
	return found
}

// scan runs the automaton over text, appending matches to dst; with first, it stops at the
// first match. The characters are stepped by steps, as in Pair.FindAll.
func (m *Matcher) scan(dst []Match, text string, first bool) ([]Match, bool) {
	if m == nil || len(m.out) == 1 {
		return dst, false
	}
	row := 0
	for i := 0; i < len(text); {
		i, row = m.steps(text, i, row)
		if row >= 0 {
			if i >= len(text) {
				break
			}
			// A character steps does not decode.
			class, size := m.slowClass(text, i)
			i += size
			row = int(m.delta[row+int(class)])
			if row >= 0 {
				continue
			}
		}
		if first {
			return dst, true
		}
		row = -row
		for _, id := range m.out[row/m.width] {
			dst = append(dst, Match{ID: int(id), Start: i - m.length[id], End: i})
		}
	}
	return dst, false
}

// steps runs the automaton from byte i of text, in row row, over ASCII and valid characters
// of three bytes, until the row is negative (a pattern ends before the returned offset), or
// the text ends, or a character of another kind begins at the returned offset.
func (m *Matcher) steps(text string, i, row int) (int, int) {
	delta, index, blocks, ascii := m.delta, m.bmp.index, m.bmp.blocks, &m.ascii
	for i < len(text) {
		c := text[i]
		var class uint16
		if c < utf8.RuneSelf {
			class = ascii[c]
			i++
		} else if r := bmpAt(text, i); r <= 0xFFFF {
			class = blocks[index[r>>6&(1<<10-1)]][r&63] // bmp.at, written out
			i += 3
		} else {
			return i, row
		}
		row = int(delta[row+int(class)])
		if row < 0 {
			break
		}
	}
	return i, row
}

// bmpAt decodes the character at byte i of text, not ASCII, when it is a valid character of
// three bytes that does not begin with E0 or ED (their second bytes are narrower): the common
// case, which the automata decode inline. Its last two bytes are read as one. Any other
// character is returned as 1<<16, beyond the Basic Multilingual Plane.
func bmpAt(text string, i int) uint32 {
	c := text[i]
	if c < 0xE1 || c > 0xEF || c == 0xED || i+2 >= len(text) {
		return 1 << 16
	}
	tail := uint32(text[i+1]) | uint32(text[i+2])<<8
	if tail&0xC0C0 != 0x8080 {
		return 1 << 16
	}
	return uint32(c&0x0F)<<12 | (tail&0x3F)<<6 | tail>>8&0x3F
}

// Pair finds every occurrence of two matchers' patterns in a text in one pass: each character
// is read once for both automata, its two classes are one lookup in a table of the pair's own,
// and the two chains of table loads, which do not depend on each other, overlap.
type Pair struct {
	m, o *Matcher
	// ascii and bmp are as a Matcher's, for both: m's class in the low 16 bits, o's in the
	// high.
	ascii [utf8.RuneSelf]uint32
	bmp   classTable[uint32]
}

// NewPair pairs two matchers; o may be nil.
func NewPair(m, o *Matcher) *Pair {
	p := &Pair{m: m, o: o}
	if m == nil || o == nil {
		return p
	}
	for c := range p.ascii {
		p.ascii[c] = uint32(m.ascii[c]) | uint32(o.ascii[c])<<16
	}
	p.bmp = newClassTable[uint32]()
	// Written only where one of them has a class, as theirs are.
	for _, chars := range [][]rune{m.chars, o.chars} {
		for _, r := range chars {
			p.bmp.set(uint32(r), uint32(m.bmp.at(uint32(r)))|uint32(o.bmp.at(uint32(r)))<<16)
		}
	}
	return p
}

// FindAll appends every occurrence of the first matcher's patterns in text to dst and every
// occurrence of the second's to odst, as their FindAll do, and reports whether text is valid
// UTF-8 (as utf8.ValidString), which the pass learns for nothing.
//
// The characters are stepped by steps, which makes no call: a call in the loop would have the
// compiler keep the loop's variables in memory across it, and store them there at each
// character. It returns at a match or at a character that is not ASCII nor a valid character
// of three bytes, which are handled here.
func (p *Pair) FindAll(dst, odst []Match, text string) (_, _ []Match, valid bool) {
	m, o := p.m, p.o
	if m == nil || len(m.out) == 1 || o == nil || len(o.out) == 1 {
		return m.FindAll(dst, text), o.FindAll(odst, text), utf8.ValidString(text)
	}
	valid = true
	row, orow := 0, 0
	for i := 0; i < len(text); {
		i, row, orow = p.steps(text, i, row, orow)
		if row >= 0 && orow >= 0 {
			if i >= len(text) {
				break
			}
			// A character the steps do not decode.
			r, size := utf8.DecodeRuneInString(text[i:])
			bad := r == utf8.RuneError && size == 1
			valid = valid && !bad
			i += size
			row = int(m.delta[row+int(m.decodedClass(r, bad))])
			orow = int(o.delta[orow+int(o.decodedClass(r, bad))])
		}
		if row < 0 {
			row = -row
			for _, id := range m.out[row/m.width] {
				dst = append(dst, Match{ID: int(id), Start: i - m.length[id], End: i})
			}
		}
		if orow < 0 {
			orow = -orow
			for _, id := range o.out[orow/o.width] {
				odst = append(odst, Match{ID: int(id), Start: i - o.length[id], End: i})
			}
		}
	}
	return dst, odst, valid
}

// steps runs the two automata from byte i of text, in rows row and orow, over ASCII and valid
// characters of three bytes, until a row is negative (a pattern ends before the returned
// offset), or the text ends, or a character of another kind begins at the returned offset.
func (p *Pair) steps(text string, i, row, orow int) (int, int, int) {
	delta, odelta := p.m.delta, p.o.delta
	index, blocks, ascii := p.bmp.index, p.bmp.blocks, &p.ascii
	for i < len(text) {
		c := text[i]
		var classes uint32
		if c < utf8.RuneSelf {
			classes = ascii[c]
			i++
		} else if r := bmpAt(text, i); r <= 0xFFFF {
			classes = blocks[index[r>>6&(1<<10-1)]][r&63] // bmp.at, written out
			i += 3
		} else {
			return i, row, orow
		}
		orow = int(odelta[orow+int(classes>>16)])
		row = int(delta[row+int(classes&0xFFFF)])
		if row|orow < 0 {
			break
		}
	}
	return i, row, orow
}
