package checker

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestRepeatedWordReadsALineOnce: on one line of 的 written 20,000 times, language/repeated-word
// reports 10,000 findings left to right, and their columns read the line once, not once per
// finding (which was 10,000 × 30 KB on average: seven seconds for 80,000 的).
func TestRepeatedWordReadsALineOnce(t *testing.T) {
	rs, _ := defaultStale(t)
	c := Compile(rs)
	const n = 20000
	line := strings.Repeat("的", n)
	d := NewDocument("x.txt", []string{line}, "UTF-8", c, Options{})
	p := &Pass{Doc: d, Rules: c.Set, m: c.m, check: repeatedWord}
	runRepeatedWord(p)
	if len(p.diags) != n/2 {
		t.Fatalf("%d findings, want %d", len(p.diags), n/2)
	}
	for i, dg := range p.diags {
		if want := 2*i + 1; dg.Column != want || dg.EndColumn != want+2 {
			t.Fatalf("finding %d at columns %d–%d, want %d–%d", i, dg.Column, dg.EndColumn, want, want+2)
		}
	}
	if p.colRead > len(line) {
		t.Errorf("the columns read %d bytes of a line of %d", p.colRead, len(line))
	}
}

// FuzzCharsBefore holds charsBefore, asked about offsets in any order on any text (invalid
// UTF-8 too, and offsets within a character), to the plain count of the characters before
// each offset.
func FuzzCharsBefore(f *testing.F) {
	f.Add("2024年，全县共收到行政复议申请35件", []byte{3, 9, 9, 40, 2, 47})
	f.Add("\xe4\xb8x\xff中\xe6\x96", []byte{1, 2, 3, 4, 5, 6, 9, 10, 2})
	f.Add("的的的的的的", []byte{0, 6, 12, 18, 1, 7})
	f.Fuzz(func(t *testing.T, s string, offs []byte) {
		lines := []string{s, "a" + s}
		p := &Pass{Doc: &Document{Lines: []Line{{Text: lines[0]}, {Text: lines[1]}}}}
		for k, o := range offs {
			n := 1 + k%3/2 // two offsets on line 1, then one on line 2
			text := lines[n-1]
			off := int(o) % (len(text) + 1)
			if got, want := p.charsBefore(n, text, off), utf8.RuneCountInString(text[:off]); got != want {
				t.Fatalf("line %d %q: charsBefore(%d) = %d, want %d", n, text, off, got, want)
			}
		}
	})
}

// BenchmarkRepeatedWordLongLine runs language/repeated-word on one line of 80,000 的 (40,000
// findings).
func BenchmarkRepeatedWordLongLine(b *testing.B) {
	rs, _ := defaultStale(b)
	c := Compile(rs)
	d := NewDocument("x.txt", []string{strings.Repeat("的", 80000)}, "UTF-8", c, Options{})
	p := &Pass{Doc: d, Rules: c.Set, m: c.m, check: repeatedWord}
	for b.Loop() {
		p.diags = p.diags[:0]
		runRepeatedWord(p)
	}
}
