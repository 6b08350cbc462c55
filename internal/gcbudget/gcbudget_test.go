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
		if got := p.Percent(c.live, 1<<30); got != c.want {
			t.Errorf("Percent(%d MiB) = %d, want %d", c.live>>20, got, c.want)
		}
	}
}

// TestPercentGrowsWithTheRun checks the headroom: at least Spare, then the square root of
// Scale times what the run has allocated, never past the budget.
func TestPercentGrowsWithTheRun(t *testing.T) {
	p := Policy{Budget: 32 << 20, Spare: 8 << 20, Scale: 1 << 20, Min: 15, Max: 800}
	for _, c := range []struct {
		live, allocated uint64
		want            int
	}{
		{4 << 20, 0, 200},         // nothing allocated yet: 4 MiB may grow by Spare, 8 MiB
		{4 << 20, 16 << 20, 200},  // √(1·16) = 4 MiB is less than Spare
		{4 << 20, 100 << 20, 250}, // √(1·100) = 10 MiB
		{4 << 20, 400 << 20, 500}, // √(1·400) = 20 MiB
		{4 << 20, 1 << 40, 700},   // a long run: up to the budget, 28 MiB
		{1 << 20, 1 << 40, 800},   // a small live heap: no more than Max
		{30 << 20, 1 << 30, 15},   // the budget is nearly full: the floor
		{1 << 30, 1 << 30, 15},    // a huge report: the floor, never thrash
	} {
		if got := p.Percent(c.live, c.allocated); got != c.want {
			t.Errorf("Percent(%d MiB alive, %d MiB allocated) = %d, want %d", c.live>>20, c.allocated>>20, got, c.want)
		}
	}
}

// TestStartPercent checks where the first collection comes: at the target of a run that has
// allocated nothing, counted from the runtime's 4 MiB minimum heap (with GOGC 800 and no
// Scale, at 32 MiB as before the headroom grew with the run).
func TestStartPercent(t *testing.T) {
	for _, c := range []struct {
		p    Policy
		want int
	}{
		{Policy{Budget: 32 << 20, Min: 15, Max: 800}, 800},
		{Policy{Budget: 32 << 20, Spare: 8 << 20, Scale: 1 << 20, Min: 15, Max: 800}, 300},
		{Policy{Budget: 6 << 20, Spare: 8 << 20, Scale: 1 << 20, Min: 15, Max: 800}, 150},
		{Policy{Budget: 64 << 20, Spare: 80 << 20, Scale: 1 << 20, Min: 15, Max: 800}, 800},
	} {
		if got := c.p.startPercent(); got != c.want {
			t.Errorf("startPercent(%+v) = %d, want %d", c.p, got, c.want)
		}
	}
}

// TestStart checks that the pace follows the live heap from one collection to the next: high
// while little is alive, the floor once the live heap passes the budget, high again once it is
// freed.
func TestStart(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	// The first collection at 4 + 6 MiB: 250 %. Once 64 MiB have been allocated, the
	// headroom is at least √(1·64) = 8 MiB, more than Max (300 %) of a live heap under 2.6 MiB.
	p := Policy{Budget: 32 << 20, Spare: 6 << 20, Scale: 1 << 20, Min: 40, Max: 300}
	Start(p)
	if got := gcPercent(); got != 250 {
		t.Fatalf("GOGC after Start = %d, want 250", got)
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
