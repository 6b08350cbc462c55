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
	// width returns the terminal's columns (0 when unknown), asked at each redraw: the line
	// must never wrap, or each redraw would leave a stale line behind.
	width func() int
}

const (
	progressMinFiles = 50
	progressDelay    = time.Second
	redrawEvery      = 100 * time.Millisecond
	progressWidth    = 30 // the bar's cells at most
	defaultColumns   = 80
)

// showProgress says whether a run draws the bar: not with -q, only when stderr is a terminal,
// and not on a dumb one (TERM=dumb cannot clear a line: each redraw would stay on screen).
func showProgress(quiet, stderrTerminal bool, term string) bool {
	return !quiet && stderrTerminal && term != "dumb"
}

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
	fmt.Fprint(p.w, "\r\x1b[K"+p.line(done, t.Sub(p.start)))
}

// line is the bar for done files, made to fit the terminal's width less one column (a line
// that fills the last column wraps on some terminals): the bar shrinks first, then goes, then
// the label and the time; the counts stay.
func (p *progress) line(done int, elapsed time.Duration) string {
	cols := defaultColumns
	if p.width != nil {
		if w := p.width(); w > 0 {
			cols = w
		}
	}
	room := cols - 1
	counts := fmt.Sprintf("%d/%d %3d%%", done, p.total, 100*done/p.total)
	clock := " " + elapsed.Round(100*time.Millisecond).String()
	label := "检查中 " // 7 cells: three wide characters and a space
	const labelCells = 7
	// The bar is ASCII: block characters are ambiguous in width, two cells wide in many CJK
	// terminals, which would make the line longer than counted.
	bar := func(n int) string {
		filled := n * done / p.total
		return "[" + strings.Repeat("=", filled) + strings.Repeat("-", n-filled) + "] "
	}
	switch n := min(progressWidth, room-labelCells-len(counts)-len(clock)-3); {
	case n >= 5:
		return label + bar(n) + counts + clock
	case room >= labelCells+len(counts)+len(clock):
		return label + counts + clock
	case room >= len(counts):
		return counts
	}
	return ""
}

// clear removes the bar, if it is shown; it comes back at the next redraw.
func (p *progress) clear() {
	if p.visible {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.visible = false
	}
}
