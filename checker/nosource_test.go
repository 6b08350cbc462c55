package checker_test

import (
	"os"
	"reflect"
	"testing"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/internal/linttest"
)

// Options.NoSource leaves Result.Source out and nothing else: the seeds' results with it are
// their results without it, Source set to nil.
func TestNoSourceLeavesOutOnlyTheSource(t *testing.T) {
	l := linttest.Linter(t, checker.Selection{})
	for _, f := range seedFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want := l.CheckBytes(f, data, checker.Options{})
		if len(want.Source) == 0 {
			t.Fatalf("%s: no source lines without NoSource", f)
		}
		want.Source = nil
		if got := l.CheckBytes(f, data, checker.Options{NoSource: true}); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: with NoSource\n%+v\nwithout, Source left out\n%+v", f, got, want)
		}
	}
}
