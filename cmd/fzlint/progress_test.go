package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
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
