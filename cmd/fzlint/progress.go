package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress draws a bar on stderr during a long batch: only on a terminal, only when the batch
// is large and has already taken a while, redrawn at most every redrawEvery, and cleared before
// anything else is written.
type progress struct {
	w        io.Writer
	total    int
	start    time.Time
	last     time.Time
	now      func() time.Time
	visible  bool
	disabled bool
}

const (
	progressMinFiles = 50
	progressDelay    = time.Second
	redrawEvery      = 100 * time.Millisecond
	progressWidth    = 30
)

func newProgress(w io.Writer, total int, enabled bool, now func() time.Time) *progress {
	return &progress{w: w, total: total, now: now, start: now(), disabled: !enabled || total <= progressMinFiles}
}

// update is called after each file with the number done so far.
func (p *progress) update(done int) {
	if p.disabled {
		return
	}
	t := p.now()
	if t.Sub(p.start) < progressDelay || (!p.last.IsZero() && t.Sub(p.last) < redrawEvery) {
		return
	}
	p.last = t
	p.visible = true
	filled := progressWidth * done / p.total
	fmt.Fprintf(p.w, "\r\x1b[K检查中 [%s%s] %d/%d %3d%% %s", strings.Repeat("█", filled), strings.Repeat("░", progressWidth-filled),
		done, p.total, 100*done/p.total, t.Sub(p.start).Round(100*time.Millisecond))
}

// clear removes the bar, if it is shown; it comes back at the next redraw.
func (p *progress) clear() {
	if p.visible {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.visible = false
	}
}
