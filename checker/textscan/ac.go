// Package textscan holds the fast text primitives the checks share: a multi-pattern matcher
// (Aho–Corasick) that finds every listed phrase in one pass over a line, whatever the number
// of phrases, and small rune helpers.
package textscan

// Matcher finds all occurrences of a fixed set of phrases. It is built once per rule set and
// is safe for concurrent use.
type Matcher struct {
	next   []map[byte]int32 // goto function, per state (used while building)
	fail   []int32
	out    [][]int32 // pattern ids that end in each state (including via fail links)
	length []int     // byte length of each pattern
	// delta is the complete automaton, with fail links resolved, so matching costs one array
	// load per byte of text: delta[row+class] is the row (state*width) of the next state,
	// negated when that state ends a pattern. Bytes that occur in no pattern share class 0,
	// which keeps the table small enough for the cache.
	delta []int32
	class [256]uint8
	width int
}

// Match is one occurrence: pattern id and byte range [Start, End) in the text.
type Match struct {
	ID         int
	Start, End int
}

// NewMatcher builds a matcher for the patterns; a pattern's id is its index. Empty patterns
// are ignored.
func NewMatcher(patterns []string) *Matcher {
	m := &Matcher{next: []map[byte]int32{{}}, fail: []int32{0}, out: [][]int32{nil}, length: make([]int, len(patterns))}
	for id, p := range patterns {
		m.length[id] = len(p)
		if p == "" {
			continue
		}
		s := int32(0)
		for i := 0; i < len(p); i++ {
			n, ok := m.next[s][p[i]]
			if !ok {
				n = int32(len(m.next))
				m.next = append(m.next, map[byte]int32{})
				m.fail = append(m.fail, 0)
				m.out = append(m.out, nil)
				m.next[s][p[i]] = n
			}
			s = n
		}
		m.out[s] = append(m.out[s], int32(id))
	}
	// Breadth-first: fail links and inherited outputs.
	queue := make([]int32, 0, len(m.next))
	for _, n := range m.next[0] {
		queue = append(queue, n)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for b, n := range m.next[s] {
			queue = append(queue, n)
			f := m.fail[s]
			for {
				if t, ok := m.next[f][b]; ok && t != n {
					m.fail[n] = t
					break
				}
				if f == 0 {
					m.fail[n] = 0
					break
				}
				f = m.fail[f]
			}
			m.out[n] = append(m.out[n], m.out[m.fail[n]]...)
		}
	}
	m.buildDelta()
	return m
}

// buildDelta resolves the goto and fail functions into one table, in breadth-first order so
// that a state's fail state is complete before the state itself.
func (m *Matcher) buildDelta() {
	width := 1
	for s := range m.next {
		for b := range m.next[s] {
			if m.class[b] == 0 {
				if width == 256 {
					continue // cannot happen: at most 256 distinct bytes
				}
				m.class[b] = uint8(width)
				width++
			}
		}
	}
	m.width = width
	m.delta = make([]int32, len(m.next)*width)
	order := []int32{0}
	for i := 0; i < len(order); i++ {
		s := order[i]
		row := m.delta[int(s)*width : int(s)*width+width]
		if s != 0 {
			f := int(m.fail[s]) * width
			copy(row, m.delta[f:f+width])
		}
		for b, n := range m.next[s] {
			row[m.class[b]] = n
			order = append(order, n)
		}
	}
	// States to rows: premultiplied, and negative where a pattern ends.
	for i, n := range m.delta {
		v := n * int32(width)
		if len(m.out[n]) > 0 {
			v = -v
		}
		m.delta[i] = v
	}
	m.next = nil
}

// FindAll appends every occurrence in text to dst, in order of their end, and returns it.
func (m *Matcher) FindAll(dst []Match, text string) []Match {
	if m == nil || len(m.out) == 1 {
		return dst
	}
	row := int32(0)
	for i := 0; i < len(text); i++ {
		row = m.delta[row+int32(m.class[text[i]])]
		if row < 0 {
			row = -row
			for _, id := range m.out[int(row)/m.width] {
				dst = append(dst, Match{ID: int(id), Start: i + 1 - m.length[id], End: i + 1})
			}
		}
	}
	return dst
}

// Contains reports whether any pattern occurs in text.
func (m *Matcher) Contains(text string) bool {
	if m == nil || len(m.out) == 1 {
		return false
	}
	row := int32(0)
	for i := 0; i < len(text); i++ {
		row = m.delta[row+int32(m.class[text[i]])]
		if row < 0 {
			return true
		}
	}
	return false
}
