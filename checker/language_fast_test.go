package checker

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fzlint/fzlint/internal/seeds"
)

// leadingRunes decodes as []rune does, invalid bytes included, and stops at n characters.
func FuzzLeadingRunes(f *testing.F) {
	for _, s := range []string{"", "abc", "2024年，全县共办理行政复议案件16件", "\xe4\xb8x\xff中", "１２３４５,汉字"} {
		f.Add(s, 3)
		f.Add(s, 40)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		if n < 0 {
			n = -n
		}
		n %= 1 << 16
		want := []rune(s)
		want = want[:min(n, len(want))]
		if got := leadingRunes(s, n); !slices.Equal(got, want) {
			t.Fatalf("leadingRunes(%q, %d) = %q, want %q", s, n, got, want)
		}
	})
}

// countHan stopped at most is the full count, capped: the caller, which only needs to know
// whether a part reaches its minimum, sees the same sum below it and the same verdict.
func FuzzCountHan(f *testing.F) {
	for _, s := range []string{"", "abc", "一、主要举措和成效", "\xe4\xb8x中文\xe9", "丁一乀"} {
		f.Add(s, 2)
	}
	f.Fuzz(func(t *testing.T, s string, most int) {
		most = max(most%100, -most%100)
		full := countHan(s, math.MaxInt)
		if got := countHan(s, most); got != min(full, most) {
			t.Fatalf("countHan(%q, %d) = %d, full count %d", s, most, got, full)
		}
		if utf8.ValidString(s) {
			want := 0
			for _, r := range s {
				if r >= 0x4E00 && r <= 0x9FFF {
					want++
				}
			}
			if full != want {
				t.Fatalf("countHan(%q) = %d, want %d", s, full, want)
			}
		}
	})
}

// punctHits looks for titles only when a bracket or a hit needs them, and finds what it finds
// when it looks for them first (the plain code), on every line of the seeds and any line.
func FuzzPunctHits(f *testing.F) {
	rs, _ := defaultStale(f)
	m := Compile(rs).m
	lines, _ := seeds.Lines(f, "..")
	for _, l := range lines {
		f.Add(l, 0)
	}
	for _, s := range []string{"《关于(试行)的通知,附件》,全县(含共同被告),败诉", "《纲要,2021》汉,字", "汉(字《书(名)》),汉", "(一)汉,字"} {
		f.Add(s, 0)
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, from int) {
		l := &Line{Text: s, arena: &lineArena{marks: m.marks}}
		offs := l.Marks()
		from = min(max(from, 0), len(s))
		got := punctHits(nil, l, offs, from, &m.punct, false)
		want := punctHits(nil, l, offs, from, &m.punct, true)
		if !slices.Equal(got, want) {
			t.Fatalf("%q from %d: %v, looking for titles first %v", s, from, got, want)
		}
	})
}

// moreRunes, which counts only when a string's length does not tell, says what counting says,
// for any bytes.
func FuzzMoreRunes(f *testing.F) {
	for _, s := range []string{"", "abc", "一、主要举措和成效", "\xe4\xb8x中文\xe9", "𠀀𠀀a", strings.Repeat("法", 40)} {
		f.Add(s, 3)
		f.Add(s, 30)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		n = max(n%200, -n%200)
		if got, want := moreRunes(s, n), utf8.RuneCountInString(s) > n; got != want {
			t.Fatalf("moreRunes(%q, %d) = %v, want %v", s, n, got, want)
		}
	})
}

// trimSpaceLeft and trimSpaceRight, which tell most lines' ends by their bytes, trim as
// strings.TrimLeftFunc and TrimRightFunc with isSpace do, for any bytes; and maySpace holds
// for every space.
func FuzzTrimSpace(f *testing.F) {
	for _, s := range []string{"", " ", "\u3000\u3000一、主要举措\u3000", "\ufeff报告。", "\u00a0a\u0085", "（一）", "《法》", "\xe3\x80", "\xc2", "a\u2003", "\u205f\u1680x\u202f", "\xef\xbb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := trimSpaceLeft(s), strings.TrimLeftFunc(s, isSpace); got != want {
			t.Fatalf("trimSpaceLeft(%q) = %q, want %q", s, got, want)
		}
		if got, want := trimSpaceRight(s), strings.TrimRightFunc(s, isSpace); got != want {
			t.Fatalf("trimSpaceRight(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestMaySpaceHoldsForEverySpace(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if isSpace(r) && !maySpace(string(r)) {
			t.Errorf("maySpace(%q) = false", r)
		}
	}
}

// A line's titles found from its marks are those found by reading it (titleSpans), for any
// valid UTF-8 (the text every reader makes; the line's scan, like the checks that read its
// marks, steps over bytes that are not by their first byte); and a mark set without 《 and 》,
// or a line without one, reads the line.
func FuzzTitles(f *testing.F) {
	rs, _ := defaultStale(f)
	m := Compile(rs).m
	for _, s := range []string{"", "《法》", "《关于(试行)的通知,附件》,全县", "》《a《b》c", "《《a》", "\xe3《\xe3\x80》", "《中华人民共和国行政\n复议法》", "“《”》"} {
		f.Add(s)
	}
	noTitles := newMarkSet(',', '(', ')', '“', '”')
	f.Fuzz(func(t *testing.T, s string) {
		want := titleSpans(s)
		sets := []*markSet{noTitles, nil}
		if utf8.ValidString(s) {
			sets = append(sets, m.marks)
		} else {
			(&Line{Text: s, arena: &lineArena{marks: m.marks}}).Titles() // only not to fail
		}
		for _, set := range sets {
			l := &Line{Text: s, arena: &lineArena{marks: set}}
			if got := l.Titles(); !slices.Equal(got, want) {
				t.Fatalf("%q: Titles() = %v, titleSpans %v", s, got, want)
			}
		}
		if got := (&Line{Text: s}).Titles(); !slices.Equal(got, want) {
			t.Fatalf("%q without an arena: Titles() = %v, titleSpans %v", s, got, want)
		}
	})
}
