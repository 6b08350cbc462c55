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

// A pair mark among the Han characters (which the line scan otherwise steps over unread) is
// found, and the findings of the checks that visit the scan's marks are otherwise the same.
func TestMarksAmongHanCharacters(t *testing.T) {
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
	withHan := linter(rs)
	text, err := input.DecodeText([]byte("2024年，本县法治政府建设取得新成效。\n一、主要举措和成效\n亍全面推行行政执法“三项制度”。\n"))
	if err != nil {
		t.Fatal(err)
	}
	if res := withHan.CheckText("han.txt", text, checker.Options{}); len(res.Diagnostics) != 1 ||
		res.Diagnostics[0].Rule != "language/unbalanced-pair" || res.Diagnostics[0].Line != 3 || res.Diagnostics[0].Column != 1 {
		t.Errorf("an unpaired 亍 (a pair mark added to the rules): %v", res.Diagnostics)
	}

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
		b := withHan.CheckText(f, text, checker.Options{})
		if !reflect.DeepEqual(a.Diagnostics, b.Diagnostics) {
			t.Errorf("%s: default marks\n%v\nwith a Han pair\n%v", f, a.Diagnostics, b.Diagnostics)
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
