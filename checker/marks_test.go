package checker_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/linttest"
	"github.com/fzlint/fzlint/rules"
)

// The checks that visit only the marks found by the line scan give the same findings when a
// rule set's marks cannot be found that way (a pair mark among the Han characters, which the
// scan steps over) and each line is read by the check itself.
func TestMarkChecksWithoutTheScan(t *testing.T) {
	ids := []string{"language/punctuation-width", "language/unbalanced-pair"}
	linter := func(rs *rules.Set) *checker.Linter {
		var sel checker.Selection
		for _, id := range checker.RuleIDs() {
			if id != ids[0] && id != ids[1] {
				sel.Disable = append(sel.Disable, id)
			}
		}
		l, err := checker.NewLinter(checker.Compile(rs), sel)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	scanned := linter(linttest.Set(t))
	rs := linttest.Set(t)
	rs.Pairs = append(rs.Pairs, rules.Pair{Open: "亍", Close: "亓"}) // U+4E8D, U+4E93: never in a report
	unscanned := linter(rs)

	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	more, _ := filepath.Glob("../testdata/rules/language-*.txt")
	files = append(files, more...)
	found := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, err := input.DecodeText(data)
		if err != nil {
			t.Fatal(err)
		}
		a := scanned.CheckText(f, text, checker.Options{})
		b := unscanned.CheckText(f, text, checker.Options{})
		if !reflect.DeepEqual(a.Diagnostics, b.Diagnostics) {
			t.Errorf("%s: with the scan\n%v\nwithout\n%v", f, a.Diagnostics, b.Diagnostics)
		}
		for _, d := range a.Diagnostics {
			if strings.HasPrefix(d.Rule, "language/") {
				found++
			}
		}
	}
	if found < 10 {
		t.Errorf("only %d findings in %d files: the comparison shows little", found, len(files))
	}
}
