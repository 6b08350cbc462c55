package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"
)

func TestProgressBar(t *testing.T) {
	clock := time.Date(2025, 2, 1, 9, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	var buf bytes.Buffer
	p := newProgress(&buf, 200, true, now)
	p.update(10)
	if buf.Len() != 0 {
		t.Fatalf("drawn before a second has passed: %q", buf.String())
	}
	clock = clock.Add(1100 * time.Millisecond)
	p.update(100)
	if !strings.Contains(buf.String(), "100/200  50%") {
		t.Fatalf("bar %q does not show 100/200 50%%", buf.String())
	}
	n := buf.Len()
	clock = clock.Add(50 * time.Millisecond)
	p.update(101)
	if buf.Len() != n {
		t.Error("redrawn within 100 ms")
	}
	clock = clock.Add(60 * time.Millisecond)
	p.update(150)
	if buf.Len() == n {
		t.Error("not redrawn after 100 ms")
	}
	n = buf.Len()
	p.clear()
	clock = clock.Add(10 * time.Millisecond)
	p.update(151)
	if got := buf.String()[n:]; got != "\r\x1b[K" {
		t.Errorf("after a clear, redrawn within 100 ms: %q", got)
	}
	p.clear()
	if !strings.HasSuffix(buf.String(), "\r\x1b[K") {
		t.Errorf("not cleared: %q", buf.String())
	}
	n = buf.Len()
	p.clear()
	if buf.Len() != n {
		t.Error("cleared twice")
	}

	for _, c := range []struct {
		name    string
		total   int
		enabled bool
	}{{"a small batch", 50, true}, {"not a terminal, or -q", 1000, false}} {
		buf.Reset()
		start := clock
		p := newProgress(&buf, c.total, c.enabled, now)
		clock = start.Add(5 * time.Second)
		p.update(c.total / 2)
		p.clear()
		if buf.Len() != 0 {
			t.Errorf("%s: a bar was drawn: %q", c.name, buf.String())
		}
	}
}

// TestProgressLineFitsTheTerminal: at any width, the bar is shorter than the terminal, so it
// never wraps (a wrapped bar leaves a stale line at each redraw).
func TestProgressLineFitsTheTerminal(t *testing.T) {
	for cols := 1; cols <= 200; cols++ {
		p := newProgress(nil, 12345, true, time.Now)
		p.width = func() int { return cols }
		for _, done := range []int{0, 1, 6000, 12345} {
			l := p.line(done, 83*time.Second)
			if w := runewidth.StringWidth(l); w > cols-1 && l != "" {
				t.Fatalf("%d columns: %q is %d wide", cols, l, w)
			}
			if cols >= 40 && !strings.Contains(l, fmt.Sprintf("%d/12345", done)) {
				t.Errorf("%d columns: %q lacks the counts", cols, l)
			}
			if cols >= 60 && !strings.Contains(l, "[") {
				t.Errorf("%d columns: %q has no bar", cols, l)
			}
		}
	}
}

// TestProgressInA40ColumnTerminal runs a batch in a real 40-column terminal (tmux) and reads
// the screen afterwards: the bar was drawn, each drawing fitted the width, and no stale line is
// left.
//
// The run must last past the second before the bar appears, on any machine: its JSON goes to a
// named pipe that the test leaves unread for longer than that second. fzlint writes results as
// files finish, so the full pipe holds the batch (and its progress) until the test drains it.
// The pipe also holds the start of the run until the pane's log is attached. The cross-file
// rules are off: with them, the batch is read before anything is written (crossfile.go), and
// nothing would hold it.
func TestProgressInA40ColumnTerminal(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatalf("tmux is needed for this test (installed by .ci/run): %v", err)
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	seedData, err := os.ReadFile(seed("000_4c1585aa5a4d5d00.txt"))
	if err != nil {
		t.Fatal(err)
	}
	corpus := filepath.Join(dir, "corpus")
	os.Mkdir(corpus, 0o755)
	// the JSON of these files is megabytes: far more than a pipe holds
	for i := 0; i < 6000; i++ {
		os.WriteFile(filepath.Join(corpus, fmt.Sprintf("%04d.txt", i)), seedData, 0o644)
	}
	out := filepath.Join(dir, "out.fifo")
	if err := syscall.Mkfifo(out, 0o600); err != nil {
		t.Fatal(err)
	}
	socket := filepath.Join(dir, "tmux.sock")
	log := filepath.Join(dir, "pane.log")
	tmux := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("tmux", append([]string{"-S", socket}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	script := fmt.Sprintf("stty -echo; %s check --jobs 1 --format json --disable batch/copied-paragraph,batch/same-as-last-year %s > %s 2>/dev/tty; echo FINISHED; sleep 600", bin, corpus, out)
	tmux("new-session", "-d", "-x", "40", "-y", "30", "-s", "t", "env TERM=xterm sh -c '"+script+"'")
	defer exec.Command("tmux", "-S", socket, "kill-server").Run()
	tmux("pipe-pane", "-t", "t", "-o", "cat >> "+log)
	// Opening the pipe lets the shell start fzlint; fzlint fills the pipe and waits.
	r, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	time.Sleep(progressDelay + 500*time.Millisecond) // holding the run past the bar's delay, not timing it
	if _, err := io.Copy(io.Discard, r); err != nil {
		t.Fatal(err)
	}
	var screen string
	for !strings.Contains(screen, "FINISHED") {
		time.Sleep(100 * time.Millisecond) // waiting for the run, not timing it
		screen = tmux("capture-pane", "-p", "-t", "t")
	}
	// The pane's output reaches the log through a pipe: on a loaded machine it may lag the
	// screen, so wait until the log holds the end of the run too.
	var drawn []byte
	for !strings.Contains(string(drawn), "FINISHED") {
		time.Sleep(100 * time.Millisecond)
		drawn, _ = os.ReadFile(log)
	}
	draws := strings.Split(string(drawn), "\r\x1b[K")
	bars := 0
	for _, d := range draws {
		if strings.Contains(d, "/6000") {
			bars++
			if w := runewidth.StringWidth(d); w > 39 {
				t.Errorf("a drawing is %d columns wide in a 40-column terminal: %q", w, d)
			}
		}
	}
	if bars == 0 {
		t.Fatalf("no progress bar was drawn:\n%q", drawn)
	}
	var lines []string
	for _, l := range strings.Split(screen, "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	// What stays on the screen: the summary (stderr) and FINISHED, no piece of a bar.
	for _, l := range lines {
		if strings.Contains(l, "/6000") || strings.Contains(l, "检查中") || strings.Contains(l, "[==") || strings.Contains(l, "--]") {
			t.Errorf("a stale line of the bar is left on the screen:\n%s", screen)
			break
		}
	}
}
