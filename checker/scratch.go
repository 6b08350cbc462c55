package checker

import "sync"

// scratch is the memory of one document model that the next document can use again: its
// lines, the arena of what they compute, its headings and the numbers of its sentences. A
// batch builds thousands of models of about the same size; allocated afresh, they were a
// fifth of what a run allocated, and the collector ran and the heap grew (fresh pages) for
// them. None of it is a string: the lines' text stays the input's.
//
// Ownership is checkText's: it takes a scratch from the pool, builds the document in it, and
// releases it when the document's result and facts are made; the document never leaves
// checkText, and neither holds a pointer into the scratch (a Result's findings are built
// afresh, Facts are copied out). release overwrites everything, so that a reference kept past
// that point would read zeros, and the seeds' findings, checked one after another in one
// scratch (TestSeeds, TestScratchReuseChangesNothing), would change.
type scratch struct {
	lent        bool
	doc         Document
	lines       []Line
	arena       lineArena
	headings    []Heading // the last block of headings
	headingPtrs []*Heading
	numbers     numberArrays // the last arrays extractNumbers filled
	// The document's parts (findParts): the maps, the parts, the top-level headings.
	parts     map[string]*Part
	assigned  map[*Heading]*Part
	partArr   []Part
	top       []*Heading
	partOrder []*Part
	// The findings of the check running (Pass.diags), and of the document (CheckDocument).
	passDiags, diags []Diagnostic
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

// useScratch is false only in the test that compares documents built in a scratch with
// documents built in memory of their own.
var useScratch = true

// maxScratchText is the largest text whose model is built in a pooled scratch: a report is a
// few tens of kilobytes; the model of a huge one (a year's reports in one file) is its own,
// as it was, rather than a pool's for the rest of the run.
const maxScratchText = 1 << 20

// lend marks the scratch as in use by a document.
func (s *scratch) lend() {
	if s.lent {
		panic("checker: a scratch lent to two documents at once")
	}
	s.lent = true
}

// release takes the scratch back from the document it was lent to, overwritten.
func (s *scratch) release() {
	s.doc = Document{}
	s.lines = zeroed(s.lines)
	sc := &s.arena.scan
	sc.sents, sc.digits = zeroed(sc.sents), zeroed(sc.digits)
	sc.marks, sc.repeats = zeroed(sc.marks), zeroed(sc.repeats)
	s.arena.matches, s.arena.stale = zeroed(s.arena.matches), zeroed(s.arena.stale)
	s.arena.marks = nil
	s.headings, s.headingPtrs = zeroed(s.headings), zeroed(s.headingPtrs)
	clear(s.parts)
	clear(s.assigned)
	s.partArr, s.top, s.partOrder = zeroed(s.partArr), zeroed(s.top), zeroed(s.partOrder)
	s.passDiags, s.diags = zeroed(s.passDiags), zeroed(s.diags)
	n := &s.numbers
	n.sents, n.qs, n.ps = zeroed(n.sents), zeroed(n.qs), zeroed(n.ps)
	s.lent = false
}

// zeroed returns a emptied, its elements overwritten with zero values.
func zeroed[T any](a []T) []T {
	clear(a)
	return a[:0]
}

// room returns a emptied when it has room for n elements, and a new slice with room for n
// otherwise.
func room[T any](a []T, n int) []T {
	if cap(a) < n {
		return make([]T, 0, n)
	}
	return a[:0]
}
