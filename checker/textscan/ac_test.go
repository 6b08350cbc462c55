package textscan

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMatcher(t *testing.T) {
	m := NewMatcher([]string{"受理", "不予受理", "法制政府", "he", "she", "his", "hers", ""})
	text := "受理27件、不予受理8件，法制政府ushers"
	got := m.FindAll(nil, text)
	var names []string
	for _, g := range got {
		names = append(names, text[g.Start:g.End])
	}
	want := []string{"受理", "不予受理", "受理", "法制政府", "she", "he", "hers"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("FindAll = %q, want %q", names, want)
	}
	if !m.Contains("这是法制政府") || m.Contains("法治政府") {
		t.Error("Contains wrong")
	}
}

// FuzzMatcher compares the matcher with a byte-by-byte search for every pattern, on valid UTF-8
// (patterns come from a TOML file and text from the decoder); on anything else it must only
// not panic and find nothing that is not there.
func FuzzMatcher(f *testing.F) {
	f.Add("abcabd", "ab,bd,c")
	f.Add("受理受理不予受理", "受理,不予受理,予受")
	f.Add("ababab", "ab,b,ab,bab,abab") // suffixes and a repeated pattern end together
	f.Add("（ＸＸ）【】😀“”\xed\xa0\x80\xe0\x80\x80é", "（,ＸＸ,😀,”,é,\ufffd")
	f.Fuzz(func(t *testing.T, text, pats string) {
		patterns := strings.Split(pats, ",")
		m := NewMatcher(patterns)
		valid := utf8.ValidString(text) && utf8.ValidString(pats)
		count := map[int]int{}
		got := m.FindAll(nil, text)
		for i, g := range got {
			if text[g.Start:g.End] != patterns[g.ID] {
				t.Fatalf("match %d at %d:%d is %q, not %q", g.ID, g.Start, g.End, text[g.Start:g.End], patterns[g.ID])
			}
			count[g.ID]++
			// In order of their end; of those that end together, the longest first, then by id
			// (the order the checks, and so the findings, have always had).
			if i > 0 {
				p := got[i-1]
				if p.End > g.End || p.End == g.End && (p.Start > g.Start || p.Start == g.Start && p.ID >= g.ID) {
					t.Fatalf("match %v after %v", g, p)
				}
			}
		}
		if !valid {
			return
		}
		for id, p := range patterns {
			if p == "" {
				continue
			}
			n := 0
			for i := 0; i+len(p) <= len(text); i++ {
				if text[i:i+len(p)] == p {
					n++
				}
			}
			if count[id] != n {
				t.Fatalf("pattern %q: %d matches, want %d", p, count[id], n)
			}
		}
	})
}

// foldText folds s (valid UTF-8) as a folding matcher reads it, the plain way: it returns the folded text
// and, for each of its byte offsets k, the offset in s just after the character that the
// folded byte before k came from.
func foldText(s string, fold map[rune]rune) (string, []int) {
	var b strings.Builder
	ends := []int{0}
	for i, r := range s {
		size := utf8.RuneLen(r) // s is valid UTF-8
		to, ok := fold[r]
		switch {
		case !ok:
			b.WriteString(s[i : i+size])
		case to >= 0:
			b.WriteRune(to)
		default:
			continue
		}
		for len(ends) <= b.Len() {
			ends = append(ends, i+size)
		}
	}
	return b.String(), ends
}

// parseFolds reads "ab,c,de": a folds to b, c is dropped, d folds to e.
func parseFolds(spec string) map[rune]rune {
	fold := map[rune]rune{}
	for _, f := range strings.Split(spec, ",") {
		rs := []rune(f)
		switch {
		case len(rs) == 1:
			fold[rs[0]] = -1
		case len(rs) >= 2:
			fold[rs[0]] = rs[1]
		}
	}
	return fold
}

func checkFolding(t *testing.T, text, pats, folds string) {
	fold := parseFolds(folds)
	var patterns []string
	for _, p := range strings.Split(pats, ",") {
		f, _ := foldText(p, fold)
		patterns = append(patterns, f)
	}
	got := NewFoldingMatcher(patterns, fold).FindAll(nil, text)
	folded, ends := foldText(text, fold)
	plain := NewMatcher(patterns)
	want := plain.FindAll(nil, folded)
	if len(got) != len(want) {
		t.Fatalf("text %q folded %q, patterns %q, folds %q: %d matches, want %d (%v, %v)", text, folded, patterns, folds, len(got), len(want), got, want)
	}
	for i := range got {
		if got[i].ID != want[i].ID || got[i].End != ends[want[i].End] {
			t.Fatalf("text %q folded %q, patterns %q: match %d is %v, want pattern %d ending at %d", text, folded, patterns, i, got[i], want[i].ID, ends[want[i].End])
		}
	}
	if NewFoldingMatcher(patterns, fold).Contains(text) != plain.Contains(folded) {
		t.Fatalf("text %q, patterns %q: Contains differs", text, patterns)
	}
}

func TestFoldingMatcher(t *testing.T) {
	for _, tc := range [][3]string{
		{"深入实施“七五”普法规划", "七五普法,普法规划", "“,”"},
		{"纲要（2015—2020年）", "纲要(2015-2020", "（(,—-,）)"},
		{"a“b", "ab,a“b", "“"},
		{"xy", "x", "yx,xz"},             // a chain: x reads as z, y as x
		{"yb xb", "yb,zb", "yx,xz"},      // …so y b matches the pattern yb (folded: xb), x b matches zb
		{"😀a😁", "a,ab", "😀,😁b"},          // characters beyond U+FFFF
		{"\uFFFDa\uFFFD", "a", "\uFFFD"}, // U+FFFD dropped, written out
	} {
		checkFolding(t, tc[0], tc[1], tc[2])
	}
}

// FuzzFoldingMatcher holds the folding matcher to the plain matcher run over the folded text,
// on valid UTF-8 (what the checks give it); on anything else it must not panic.
func FuzzFoldingMatcher(f *testing.F) {
	f.Add("深入实施“七五”普法规划", "七五普法,普法规划", "“,”")
	f.Add("纲要（2015—2020年）", "纲要(2015-2020", "（(,—-,）)")
	f.Add("yb xb", "yb,zb", "yx,xz")
	f.Fuzz(func(t *testing.T, text, pats, folds string) {
		if !utf8.ValidString(text) || !utf8.ValidString(pats) || !utf8.ValidString(folds) {
			NewFoldingMatcher(strings.Split(pats, ","), parseFolds(folds)).FindAll(nil, text)
			return
		}
		checkFolding(t, text, pats, folds)
	})
}

// FuzzPairFindAll holds a Pair's one pass to the three it replaces: FindAll with each matcher
// (the second a folding one when folds is not empty) and utf8.ValidString, on any text.
func FuzzPairFindAll(f *testing.F) {
	f.Add("受理27件、不予受理8件，深入实施“七五”普法规划", "受理,不予受理,件", "七五普法,普法规划", "“,”")
	f.Add("abcabd\xed\xa0\x80é", "ab,bd", "x,é", "")
	f.Add("纲要（2015—2020年）", "", "纲要(2015-2020", "（(,—-,）)")
	f.Add("七五普法受理\xff七五", "受理,七", "七五,五", "")
	f.Fuzz(func(t *testing.T, text, pats, others, folds string) {
		m := NewMatcher(strings.Split(pats, ","))
		o := NewFoldingMatcher(strings.Split(others, ","), parseFolds(folds))
		p := NewPair(m, o)
		// The pair's table holds both classes of every character, as when it was read from
		// the two whole tables.
		for r := range uint32(1 << 16) {
			if want := uint32(m.bmp.at(r)) | uint32(o.bmp.at(r))<<16; p.bmp.at(r) != want {
				t.Fatalf("the pair's class of %U is %#x, want %#x", r, p.bmp.at(r), want)
			}
		}
		same := func(name string, got, want []Match) {
			if !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
				t.Fatalf("%s(%q) = %v, FindAll = %v", name, text, got, want)
			}
		}
		got, ogot, valid := p.FindAll(nil, nil, text)
		same("FindAll", got, m.FindAll(nil, text))
		same("FindAll, second", ogot, o.FindAll(nil, text))
		if valid != utf8.ValidString(text) {
			t.Fatalf("FindAll(%q) says valid %v", text, valid)
		}
		got, ogot, valid = NewPair(m, nil).FindAll(nil, nil, text)
		same("FindAll with no other", got, m.FindAll(nil, text))
		if len(ogot) > 0 || valid != utf8.ValidString(text) {
			t.Fatalf("with no other matcher, found %v, valid %v", ogot, valid)
		}
	})
}

// TestClassTable holds a table of blocks to a flat table written the same way, the shared
// zero block included: characters in the same block, in blocks far apart, and written twice.
func TestClassTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 200 {
		tab := newClassTable[uint16]()
		var flat [1 << 16]uint16
		for range n {
			r := rng.Uint32N(1 << 16)
			if n%2 == 0 {
				r = 0x4E00 + rng.Uint32N(300) // crowded
			}
			c := uint16(rng.Uint32N(1 << 16))
			tab.set(r, c)
			flat[r] = c
		}
		for r := range uint32(1 << 16) {
			if got := tab.at(r); got != flat[r] {
				t.Fatalf("after %d writes, the class of %U is %d, want %d", n, r, got, flat[r])
			}
		}
		if zeroIndex != ([1 << 10]uint16{}) || tab.blocks[0] != ([64]uint16{}) {
			t.Fatal("the shared zero index or block was written")
		}
	}
}
