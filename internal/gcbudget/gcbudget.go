// Package gcbudget sets the garbage collector's pace from the live heap, so that a run's memory
// is bounded whatever its size: a batch of small files keeps little alive and may collect
// rarely, up to a fixed heap budget; a run whose live heap is large (one huge report) collects
// as often as it must to stay within a small multiple of what it keeps, and never thrashes.
//
// Neither of Go's own knobs does both. A high GOGC multiplies a small live heap (800 made a batch
// grow to 125 MiB); a memory limit below the live heap makes the collector run back to back
// (the CPU per MB of one big report doubled at 50–60 MB with a 256 MiB limit). So after every
// collection the percentage is set anew: the heap may grow past what the collection left alive
// by a headroom, up to Budget, by at most Max and at least Min percent of the live heap.
//
// The headroom grows with the run. Every page the heap grows into costs a page fault the first
// time it is touched (on the project's VMs a fault costs as much as handling a few kilobytes of
// a report), and every collection costs a roughly fixed amount. A run that allocates A bytes in
// all with a headroom H pays for H/page faults once and for A/H collections, which is least
// when H grows as the square root of A: so the headroom is √(Scale·A) of what the run has
// allocated so far, at least Spare, and a short run never grows a heap it would not reuse
// enough to repay its faults.
package gcbudget

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Policy is how far the heap may grow past the live heap before the next collection.
type Policy struct {
	Budget   uint64 // the most the heap may grow to while the live heap is small, in bytes
	Spare    uint64 // the least headroom past the live heap, in bytes
	Scale    uint64 // the headroom is √(Scale·allocated), in bytes; 0: always up to Budget
	Min, Max int    // the bounds of the percentage (GOGC) set
}

// Target is the heap the next collection should come at, with live bytes alive and allocated
// bytes allocated since the start: the live heap and the headroom, within the budget.
func (p Policy) Target(live, allocated uint64) uint64 {
	if p.Scale == 0 {
		return p.Budget
	}
	room := max(p.Spare, uint64(math.Sqrt(float64(p.Scale)*float64(allocated))))
	return min(p.Budget, live+room)
}

// Percent returns the GOGC that lets a heap with live bytes alive, in a run that has allocated
// allocated bytes, grow to the target, within the policy's bounds: Max while the live heap is
// small, Min once it fills the budget.
func (p Policy) Percent(live, allocated uint64) int {
	if live == 0 {
		return p.Max
	}
	target := p.Target(live, allocated)
	if live >= target {
		return p.Min
	}
	return p.bounded((target - live) * 100 / live)
}

// bounded returns pct within the policy's bounds, Min and Max.
func (p Policy) bounded(pct uint64) int {
	return int(min(max(pct, uint64(p.Min)), uint64(p.Max)))
}

// runtimeMinimum is the heap at which the runtime starts its first collection with GOGC 100
// (its heapMinimum, scaled by GOGC/100 for other values): before any collection it knows no
// live heap to multiply.
const runtimeMinimum = 4 << 20

// startPercent is the GOGC that puts the first collection at the target of a run that has
// allocated nothing yet.
func (p Policy) startPercent() int {
	return p.bounded(p.Target(runtimeMinimum, 0) * 100 / runtimeMinimum)
}

// Start paces the collector by the policy from now on: it sets the percentage for the start
// (the first collection at the target of a run that has allocated nothing) and again after each
// collection, from the heap it left alive and what the run has allocated. Call it once, and not
// when the user set GOGC.
func Start(p Policy) {
	debug.SetGCPercent(p.startPercent())
	t := &tuner{policy: p, sample: []metrics.Sample{{Name: liveHeap}, {Name: allocatedHeap}}}
	t.arm()
}

// liveHeap is the runtime's count of the bytes the last collection marked alive;
// allocatedHeap, of the bytes allocated on the heap since the start.
const (
	liveHeap      = "/gc/heap/live:bytes"
	allocatedHeap = "/gc/heap/allocs:bytes"
)

type tuner struct {
	mu     sync.Mutex
	policy Policy
	sample []metrics.Sample
}

// sentinel is the object whose finalizer runs once per collection: it is unreachable as soon
// as it is made, so the next collection finds it and queues its finalizer. It holds a pointer so
// that it is not a tiny allocation (whose finalizer may never run).
type sentinel struct{ t *tuner }

func (t *tuner) arm() {
	runtime.SetFinalizer(&sentinel{t: t}, func(s *sentinel) {
		s.t.adjust()
		s.t.arm()
	})
}

// adjust sets the percentage from the heap the last collection left alive.
func (t *tuner) adjust() {
	t.mu.Lock()
	defer t.mu.Unlock()
	metrics.Read(t.sample)
	live, allocated := t.sample[0].Value, t.sample[1].Value
	if live.Kind() != metrics.KindUint64 || allocated.Kind() != metrics.KindUint64 {
		return
	}
	debug.SetGCPercent(t.policy.Percent(live.Uint64(), allocated.Uint64()))
}
