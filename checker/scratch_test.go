package checker

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/fzlint/fzlint/checker/input"
)

// Every document checkText builds is built in a pooled scratch and overwritten when it is
// taken back. The seed reports, the openings and the rules' fixtures, checked one after
// another (so each document's scratch is the one before's, overwritten), with the scratch's
// numbers and headings taken over from documents larger and smaller, get the results they get
// in memory of their own: nothing of a document is read after its release, and nothing of
// one document reaches the next.
func TestScratchReuseChangesNothing(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../testdata/seeds/*.txt", "../testdata/openings/*.txt", "../testdata/rules/*.txt"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	if len(files) < 50 {
		t.Fatalf("only %d files to check", len(files))
	}
	rs, _ := defaultStale(t)
	l, err := NewLinter(Compile(rs), Selection{})
	if err != nil {
		t.Fatal(err)
	}
	check := func(f string) Result {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, err := input.Read(f, data)
		if err != nil {
			t.Fatal(err)
		}
		return l.CheckText(f, text, Options{Scorecard: true})
	}
	useScratch = false
	want := map[string]Result{}
	for _, f := range files {
		want[f] = check(f)
	}
	useScratch = true
	// Forward, then backward: each document follows a larger and a smaller one.
	for _, order := range [][]string{files, reversed(files)} {
		for _, f := range order {
			if got := check(f); !reflect.DeepEqual(got, want[f]) {
				t.Errorf("%s: checked after other documents in a reused scratch:\n%+v\nin memory of its own:\n%+v", f, got, want[f])
			}
		}
	}
}

func reversed[T any](s []T) []T {
	r := make([]T, len(s))
	for i, v := range s {
		r[len(s)-1-i] = v
	}
	return r
}

// The templates filled once a part and year are those templateText fills, the first time and
// after.
func TestTemplateTextCached(t *testing.T) {
	rs, _ := defaultStale(t)
	c := Compile(rs)
	for round := range 2 {
		for i := range rs.Parts {
			rp := &rs.Parts[i]
			for year := 1998; year <= 2101; year++ {
				if got, want := c.m.templateText(rp, year), templateText(rp, year); got != want {
					t.Fatalf("round %d, %s, %d: %q, want %q", round, rp.ID, year, got, want)
				}
			}
		}
	}
	if len(c.m.templates.m) != 100*len(rs.Parts) {
		t.Errorf("%d templates kept, want those of 100 years", len(c.m.templates.m))
	}
}
