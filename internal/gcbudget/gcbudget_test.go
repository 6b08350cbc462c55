package gcbudget

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestPercent(t *testing.T) {
	p := Policy{Budget: 32 << 20, Min: 50, Max: 800}
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 800},        // nothing measured yet
		{1 << 20, 800},  // a small heap may grow to nine times itself, well within the budget
		{4 << 20, 700},  // 4 MiB may grow by 28 MiB to the budget
		{8 << 20, 300},  // 8 MiB, by 24 MiB
		{16 << 20, 100}, // 16 MiB, by 16 MiB
		{24 << 20, 50},  // the budget allows a third: the floor
		{32 << 20, 50},  // the budget is full
		{1 << 30, 50},   // a huge report: grow by half, never thrash at a fixed limit
	} {
		if got := p.Percent(c.live); got != c.want {
			t.Errorf("Percent(%d MiB) = %d, want %d", c.live>>20, got, c.want)
		}
	}
}

// TestStart checks that the pace follows the live heap from one collection to the next: high
// while little is alive, the floor once the live heap passes the budget, high again once it is
// freed.
func TestStart(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	p := Policy{Budget: 8 << 20, Min: 40, Max: 700}
	Start(p)
	if got := gcPercent(); got != p.Max {
		t.Fatalf("GOGC after Start = %d, want %d", got, p.Max)
	}
	live := make([][]byte, 0, 64)
	for range 64 {
		live = append(live, make([]byte, 1<<20)) // 64 MiB alive, eight times the budget
	}
	waitFor(t, p.Min)
	runtime.KeepAlive(live)
	live = nil
	waitFor(t, p.Max)
}

// waitFor collects until the tuner has set GOGC to want (its finalizer runs after the
// collection, on another goroutine).
func waitFor(t *testing.T, want int) {
	t.Helper()
	got := 0
	for range 100 {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		if got = gcPercent(); got == want {
			return
		}
	}
	t.Fatalf("GOGC = %d after collections, want %d", got, want)
}

func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}
