// Package gcbudget sets the garbage collector's pace from the live heap, so that a run's memory
// is bounded whatever its size: a batch of small files keeps little alive and may collect
// rarely, up to a fixed heap budget; a run whose live heap is large (one huge report) collects
// as often as it must to stay within a small multiple of what it keeps, and never thrashes.
//
// Neither of Go's own knobs does both. A high GOGC multiplies a small live heap (800 made a batch
// grow to 125 MiB); a memory limit below the live heap makes the collector run back to back
// (the CPU per MB of one big report doubled at 50–60 MB with a 256 MiB limit). So after every
// collection the percentage is set anew: the heap may grow to Budget, by at most Max and at
// least Min percent of what the collection left alive.
package gcbudget

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Policy is how far the heap may grow past the live heap before the next collection.
type Policy struct {
	Budget   uint64 // the heap a collection aims at while the live heap is small, in bytes
	Min, Max int    // the bounds of the percentage (GOGC) set
}

// Percent returns the GOGC that lets a heap with live bytes alive grow to the budget, within
// the policy's bounds: Max while the live heap is small, Min once it fills the budget.
func (p Policy) Percent(live uint64) int {
	if live == 0 {
		return p.Max
	}
	if live >= p.Budget {
		return p.Min
	}
	pct := (p.Budget - live) * 100 / live
	return int(min(max(pct, uint64(p.Min)), uint64(p.Max)))
}

// Start paces the collector by the policy from now on: it sets the percentage for the start
// (Max: the heap is small) and again after each collection, from the heap it left alive. Call
// it once, and not when the user set GOGC.
func Start(p Policy) {
	debug.SetGCPercent(p.Max)
	t := &tuner{policy: p, sample: []metrics.Sample{{Name: liveHeap}}}
	t.arm()
}

// liveHeap is the runtime's count of the bytes the last collection marked alive.
const liveHeap = "/gc/heap/live:bytes"

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
	if t.sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	debug.SetGCPercent(t.policy.Percent(t.sample[0].Value.Uint64()))
}
