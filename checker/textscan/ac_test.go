package textscan

import (
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
	f.Add("（ＸＸ）【】😀“”\xed\xa0\x80\xe0\x80\x80é", "（,ＸＸ,😀,”,é,\ufffd")
	f.Fuzz(func(t *testing.T, text, pats string) {
		patterns := strings.Split(pats, ",")
		m := NewMatcher(patterns)
		valid := utf8.ValidString(text) && utf8.ValidString(pats)
		count := map[int]int{}
		for _, g := range m.FindAll(nil, text) {
			if text[g.Start:g.End] != patterns[g.ID] {
				t.Fatalf("match %d at %d:%d is %q, not %q", g.ID, g.Start, g.End, text[g.Start:g.End], patterns[g.ID])
			}
			count[g.ID]++
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
