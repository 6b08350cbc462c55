package checker_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/internal/linttest"
	"github.com/fzlint/fzlint/render"
	"github.com/fzlint/fzlint/rules"
)

// defaultSet loads the embedded rule set; every test starts from it.
func defaultSet(t testing.TB) *rules.Set { return linttest.Set(t) }

// linterFor returns a linter with the default rules; with ids, only those rules run.
func linterFor(t testing.TB, ids ...string) *checker.Linter {
	return linttest.Linter(t, checker.Selection{}, ids...)
}

// wantRE finds a trailing expectation marker: <!-- want RULE `regexp` [RULE `regexp`]... -->
var (
	markerRE = regexp.MustCompile(`\s*<!-- want (.*?) -->$`)
	wantRE   = regexp.MustCompile("([a-z]+/[a-z-]+) `([^`]*)`")
)

type want struct {
	line int
	rule string
	re   *regexp.Regexp
}

// parseFixture strips the markers and returns the clean text and the expectations.
func parseFixture(t *testing.T, data string) (string, []want) {
	t.Helper()
	lines := strings.Split(data, "\n")
	var wants []want
	for i, l := range lines {
		m := markerRE.FindStringSubmatchIndex(l)
		if m == nil {
			continue
		}
		body := l[m[2]:m[3]]
		for _, w := range wantRE.FindAllStringSubmatch(body, -1) {
			wants = append(wants, want{line: i + 1, rule: w[1], re: regexp.MustCompile(w[2])})
		}
		if len(wantRE.FindAllString(body, -1)) == 0 {
			t.Fatalf("line %d: malformed marker %q", i+1, body)
		}
		lines[i] = l[:m[0]]
	}
	return strings.Join(lines, "\n"), wants
}

// TestFixtures runs testdata/rules/<family>-<rule>[.N].txt with only that rule enabled: every
// marked line must produce the finding its marker describes, and nothing else may fire.
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob("../testdata/rules/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures found: %v", err)
	}
	covered := map[string]bool{}
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".txt")
		if i := strings.Index(base, "."); i >= 0 {
			base = base[:i]
		}
		rule := strings.Replace(base, "-", "/", 1)
		covered[rule] = true
		t.Run(filepath.Base(f), func(t *testing.T) {
			if checker.Lookup(rule) == nil {
				t.Fatalf("fixture for unknown rule %q", rule)
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text, wants := parseFixture(t, string(data))
			res := linterFor(t, rule).CheckBytes(f, []byte(text), checker.Options{})
			matched := make([]bool, len(wants))
		diags:
			for _, d := range res.Diagnostics {
				for i, w := range wants {
					// A marker describes the message as the command line prints it.
					if !matched[i] && w.line == d.Line && w.rule == d.Rule && w.re.MatchString(render.Message(d)) {
						matched[i] = true
						continue diags
					}
				}
				t.Errorf("%d:%d: unexpected finding: %s [%s]", d.Line, d.Column, d.Message, d.Rule)
			}
			for i, w := range wants {
				if !matched[i] {
					t.Errorf("%d: expected a %s finding matching %q; none came", w.line, w.rule, w.re)
				}
			}
		})
	}
	var missing []string
	for _, c := range checker.Checks() {
		if !covered[c.ID] && c.ID != "input/unreadable" && c.ID != "input/encoding" && !c.Batch {
			missing = append(missing, c.ID)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("rules without a fixture in testdata/rules: %v", missing)
	}
}

// TestRegistry validates the registry and the examples that `fzlint explain` shows: Bad must
// make its rule fire, Good must not.
func TestRegistry(t *testing.T) {
	if err := checker.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range checker.Checks() {
		if c.ID == "input/unreadable" || c.ID == "input/encoding" || c.Batch {
			continue // no single-file example: crossfile_test.go tests the batch checks
		}
		t.Run(c.ID, func(t *testing.T) {
			if c.Bad == "" || c.Good == "" {
				t.Fatalf("no bad or good example")
			}
			l := linterFor(t, c.ID)
			if res := l.CheckBytes("bad.txt", []byte(c.Bad), checker.Options{}); len(res.Diagnostics) == 0 {
				t.Errorf("the bad example produced no finding:\n%s", c.Bad)
			}
			if res := l.CheckBytes("good.txt", []byte(c.Good), checker.Options{}); len(res.Diagnostics) > 0 {
				t.Errorf("the good example produced %d findings, first: %s", len(res.Diagnostics), res.Diagnostics[0].Message)
			}
		})
	}
}
