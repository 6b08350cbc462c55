package checker

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	fzlint "github.com/fzlint/fzlint"
	"github.com/fzlint/fzlint/rules"
)

func defaultStale(tb testing.TB) (*rules.Set, *staleMatcher) {
	tb.Helper()
	rs, err := rules.Load(fzlint.DefaultRulesName, fzlint.DefaultRules, rules.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return rs, compileStale(rs)
}

var plainStaleOnce struct {
	sync.Once
	sm *staleMatcher
}

// plainStale is the default rule set's stale matcher with only the plain matcher.
func plainStale(tb testing.TB, rs *rules.Set) *staleMatcher {
	plainStaleOnce.Do(func() { plainStaleOnce.sm = newStaleMatcher(rs, true) })
	return plainStaleOnce.sm
}

// referenceView folds a line the obvious way, a character at a time with no shortcut.
func referenceView(sm *staleMatcher, s string) string {
	var b strings.Builder
	for _, r := range s {
		switch to, ok := sm.fold[r]; {
		case !ok:
			b.WriteRune(r)
		case to >= 0:
			b.WriteRune(to)
		}
	}
	return b.String()
}

// plainView is view as it was before it copied the runs between folded characters whole:
// every character after the first that fold changes is looked up (foldAt).
func plainView(sm *staleMatcher, s string, offs []int32) (folded string, _ []int32, changed bool) {
	if !utf8.ValidString(s) {
		return sm.viewInvalid(s, offs)
	}
	first := sm.firstFolded(s)
	if first < 0 {
		return s, offs, false
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:first])
	offs = offs[:0]
	for i := 0; i < first; i++ {
		offs = append(offs, int32(i))
	}
	for i := first; i < len(s); {
		offs, i = sm.foldAt(&b, offs, s, i)
	}
	offs = append(offs, int32(len(s)))
	return b.String(), offs, true
}

// checkView holds the folded view to the reference, and its offsets to the line: increasing,
// inside it, and pointing at the character each folded byte came from.
func checkView(t *testing.T, sm *staleMatcher, s string) {
	folded, offs, changed := sm.view(s, nil)
	if pf, poffs, pchanged := plainView(sm, s, nil); pf != folded || !slices.Equal(poffs, offs) || pchanged != changed {
		t.Fatalf("view(%q) = %q %v %v, plainView %q %v %v", s, folded, offs, changed, pf, poffs, pchanged)
	}
	if want := referenceView(sm, s); folded != want {
		t.Fatalf("view(%q) = %q, want %q", s, folded, want)
	}
	if !utf8.ValidString(s) {
		return
	}
	if !changed {
		if folded != s {
			t.Fatalf("view(%q) changed the text but said it did not", s)
		}
		return
	}
	if len(offs) != len(folded)+1 || int(offs[len(folded)]) != len(s) {
		t.Fatalf("view(%q): %d offsets for %d bytes", s, len(offs), len(folded))
	}
	for i := 0; i < len(folded); i++ {
		if offs[i] < 0 || int(offs[i]) >= len(s) || i > 0 && offs[i] < offs[i-1] {
			t.Fatalf("view(%q): offset %d of byte %d out of order", s, offs[i], i)
		}
		if folded[i] == s[offs[i]] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s[offs[i]:])
		if _, folds := sm.fold[r]; !folds {
			t.Fatalf("view(%q): byte %d maps to %q, which is not folded", s, i, r)
		}
	}
}

func TestStaleView(t *testing.T) {
	_, sm := defaultStale(t)
	for _, s := range []string{
		"", "七五普法", "深入实施“七五”普法规划。", `落实"七五"普法`, "「七五」普法", "纲要（2015—2020年）",
		"纲要(2015-2020年)", "“", "”“”", "abc", "《行政执法监督条例》", "全面依法治国新思想新战略",
	} {
		checkView(t, sm, s)
	}
	if got := sm.apply("“七五”普法"); got != "七五普法" {
		t.Errorf("apply: %q", got)
	}
}

// TestStaleSpan: a term is reported as written, with the quotation marks that belong to it.
func TestStaleSpan(t *testing.T) {
	rs, sm := defaultStale(t)
	for _, tc := range []struct{ line, want string }{
		{"深入实施“七五”普法规划。", "“七五”普法"},
		{`落实"七五"普法责任制`, `"七五"普法`},
		{"推进七五普法进社区", "七五普法"},
		{"学习“全面依法治国新理念新思想新战略”。", "全面依法治国新理念新思想新战略"},
		{"学习全面依法治国的新思想、新理念、新战略。", "全面依法治国的新思想、新理念、新战略"},
	} {
		hits, _, _ := sm.find(rs, tc.line, nil, nil)
		if len(hits) != 1 {
			t.Errorf("%q: %d hits, want 1", tc.line, len(hits))
			continue
		}
		if got := tc.line[hits[0].start:hits[0].end]; got != tc.want {
			t.Errorf("%q: found %q, want %q", tc.line, got, tc.want)
		}
	}
	for _, line := range []string{
		"全面依法治国是一场深刻革命，要有新思想。", // one word after the first is not the term
		"新理念新思想新战略",            // the first word is required
		"全面依法治国。新理念新思想新战略",     // not across a sentence end
		`认真总结"七五"普法圆满收官的经验`,    // the exception, quoted another way
		"全面依法治国新理念新理念",         // a word counts once
	} {
		if hits, _, _ := sm.find(rs, line, nil, nil); len(hits) > 0 {
			t.Errorf("%q: found %q, want nothing", line, line[hits[0].start:hits[0].end])
		}
	}
}

// sameStaleHits holds find, which passes over lines the folding matcher finds nothing in and
// matches folded lines with it, to findFolded with the plain matcher, which folds every line.
func sameStaleHits(t *testing.T, rs *rules.Set, sm *staleMatcher, s string) {
	got, _, _ := sm.find(rs, s, nil, nil)
	want, _, _ := plainStale(t, rs).findFolded(rs, s, nil, nil)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("find(%q) = %v, folding every line finds %v", s, got, want)
	}
}

// sameMayFind holds mayFind to findFolded: for every term alone, and for all terms at once,
// a line mayFind passes over holds no hit of a reported term, and on the others findIn with
// mayFind's matches finds what findFolded finds. It returns how many times
// mayFind passed over the line.
func sameMayFind(t *testing.T, rs *rules.Set, sm *staleMatcher, s string) int {
	hits, _, _ := plainStale(t, rs).findFolded(rs, s, nil, nil)
	skipped := 0
	wanted := make([]staleVerdict, len(rs.StaleTerms))
	for k := -1; k < len(wanted); k++ {
		for i := range wanted {
			wanted[i] = staleVerdict{stale: k < 0 || i == k}
		}
		may, buf := sm.mayFind(rs, sm.any.FindAll(nil, s), utf8.ValidString(s), nil, wanted)
		if may {
			if got, _, _ := sm.findIn(rs, s, buf, nil, true); !reflect.DeepEqual(got, hits) && len(got)+len(hits) > 0 {
				t.Fatalf("%q: findIn after mayFind finds %v, findFolded %v", s, got, hits)
			}
			continue
		}
		skipped++
		for _, h := range hits {
			if wanted[h.term].reported() {
				t.Fatalf("%q: mayFind passes over the line, which holds %q (term %d)", s, s[h.start:h.end], h.term)
			}
		}
	}
	return skipped
}

// samePhrasePass holds a line's one phrase pass (phrasesIn, staleIn) to the passes it
// replaces: the phrase matcher's FindAll, the folding matcher's of stale terms, and
// utf8.ValidString.
func samePhrasePass(t *testing.T, m *matchers, s string) {
	t.Helper()
	l := &Line{Text: s}
	if got, want := m.phrasesIn(l), m.phrases.FindAll(nil, s); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
		t.Fatalf("%q: phrasesIn = %v, FindAll = %v", s, got, want)
	}
	found, valid := m.staleIn(l)
	if want := m.stale.any.FindAll(nil, s); !reflect.DeepEqual(found, want) && len(found)+len(want) > 0 {
		t.Fatalf("%q: staleIn = %v, the folding matcher finds %v", s, found, want)
	}
	if valid != utf8.ValidString(s) {
		t.Fatalf("%q: staleIn says valid %v", s, valid)
	}
}

// TestStaleFindSeeds: on every line of the seeds and of the openings, find gives what
// folding the line gives, the line's phrase pass finds what the phrase matcher and the
// folding matcher of stale terms find alone, and some lines of the seeds hold a term.
func TestStaleFindSeeds(t *testing.T) {
	rs, sm := defaultStale(t)
	m := Compile(rs).m
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	more, _ := filepath.Glob("../testdata/openings/*")
	hits, skipped := 0, 0
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(data), "\n") {
			sameStaleHits(t, rs, sm, l)
			skipped += sameMayFind(t, rs, sm, l)
			samePhrasePass(t, m, l)
			if h, _, _ := sm.find(rs, l, nil, nil); len(h) > 0 {
				hits++
			}
		}
	}
	if len(files) == 0 || hits == 0 || skipped == 0 {
		t.Fatalf("%d seeds, %d lines with a stale term, %d passed over: the test reads nothing", len(files), hits, skipped)
	}
}

// FuzzStaleFind: any line folds like the reference, and every term found lies inside it.
func FuzzStaleFind(f *testing.F) {
	for _, s := range []string{"深入实施“七五”普法规划。", "全面依法治国的新思想、新理念、新战略", "「」（—）", "纲要（2021—2025年）》圆满收官",
		"“全面依法治国”的新思想\xe6“\x96\xb0理念", "学习习近平法治思想，落实全面依法治国新理念", "学习全面依法治国新思想新战略"} {
		f.Add(s)
	}
	rs, sm := defaultStale(f)
	m := Compile(rs).m
	f.Fuzz(func(t *testing.T, s string) {
		checkView(t, sm, s)
		samePhrasePass(t, m, s)
		if utf8.ValidString(s) {
			sameStaleHits(t, rs, sm, s)
		}
		sameMayFind(t, rs, sm, s)
		hits, _, _ := sm.find(rs, s, nil, nil)
		for _, h := range hits {
			if h.start < 0 || h.end > len(s) || h.start >= h.end {
				t.Fatalf("%q: hit [%d,%d) outside the line", s, h.start, h.end)
			}
		}
	})
}
