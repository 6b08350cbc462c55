package checker_test

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/render"
)

var updateOpenings = flag.Bool("update-openings", false,
	"rewrite testdata/openings/*.want from today's findings, keeping the verdicts of findings already reviewed; new findings get the verdict ? and must be reviewed")

// The verdicts of a reviewed expectation (testdata/openings/README.md says what each means).
const (
	verdictReal  = "real"  // a finding the drafter should act on
	verdictOpen  = "open"  // wrong, and still reported: precision debt, tracked until fixed
	verdictWrong = "wrong" // wrong, and fixed: it must never return
	verdictCut   = "cut"   // caused by the store cutting the page (a part or a closing mark lost)
	verdictStore = "store" // caused by the store rewriting full-width punctuation to ASCII
	verdictNew   = "?"     // written by -update-openings: not reviewed yet
)

// opening is the reviewed expectation for one stored opening.
type opening struct {
	year, yearNow   int    // the year the report states (0: none); what fzlint says when wrong
	hasYearNow      bool   //
	title, titleNow string // the report's title ("" none); what fzlint finds when wrong
	hasTitleNow     bool   //
	parts, partsNow string // the parts found so far, "id=line ..."; what fzlint finds when wrong
	hasPartsNow     bool   //
	findings        []verdictLine
	comments        []string // the header comment, kept by -update-openings
}

type verdictLine struct{ verdict, finding string }

func readOpening(t *testing.T, path string) opening {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test ./checker -run TestOpenings -update-openings, then review every finding)", err)
	}
	defer f.Close()
	var o opening
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			if len(o.findings) == 0 && o.parts == "" {
				o.comments = append(o.comments, line)
			}
			continue
		}
		key, val, _ := strings.Cut(line, " ")
		switch key {
		case "year", "year-now":
			y, err := strconv.Atoi(val)
			if err != nil {
				t.Fatalf("%s:%d: bad year %q", path, n, val)
			}
			if key == "year" {
				o.year = y
			} else {
				o.yearNow, o.hasYearNow = y, true
			}
		case "title":
			o.title = strings.TrimPrefix(val, "-")
		case "title-now":
			o.titleNow, o.hasTitleNow = strings.TrimPrefix(val, "-"), true
		case "parts":
			o.parts = val
		case "parts-now":
			o.partsNow, o.hasPartsNow = val, true
		case verdictReal, verdictOpen, verdictWrong, verdictCut, verdictStore, verdictNew:
			o.findings = append(o.findings, verdictLine{key, strings.TrimSpace(val)})
		default:
			t.Fatalf("%s:%d: unknown line %q", path, n, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return o
}

func writeOpening(t *testing.T, path string, o opening) {
	t.Helper()
	var b strings.Builder
	for _, c := range o.comments {
		b.WriteString(c + "\n")
	}
	fmt.Fprintf(&b, "year %d\n", o.year)
	if o.hasYearNow {
		fmt.Fprintf(&b, "year-now %d\n", o.yearNow)
	}
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	fmt.Fprintf(&b, "title %s\n", dash(o.title))
	if o.hasTitleNow {
		fmt.Fprintf(&b, "title-now %s\n", dash(o.titleNow))
	}
	fmt.Fprintf(&b, "parts %s\n", o.parts)
	if o.hasPartsNow {
		fmt.Fprintf(&b, "parts-now %s\n", o.partsNow)
	}
	for _, f := range o.findings {
		fmt.Fprintf(&b, "%-5s %s\n", f.verdict, f.finding)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// partsString lists the parts a report was found to have, in template order.
func partsString(r *checker.Report) string {
	var out []string
	for _, id := range r.PartIDs {
		if line := r.Sections[id]; line > 0 {
			out = append(out, fmt.Sprintf("%s=%d", id, line))
		}
	}
	if len(out) == 0 {
		return "-"
	}
	return strings.Join(out, " ")
}

// openingCounts is one row of the precision table.
type openingCounts struct{ real, wrong, cut, store int }

// TestOpenings checks fzlint on the openings of real published reports (testdata/openings):
// the year, the title and the parts must be as reviewed, every finding must have been reviewed,
// and no finding reviewed as wrong may return. `go test ./checker -run TestOpenings -v` prints
// the precision table the README quotes.
func TestOpenings(t *testing.T) {
	files, err := filepath.Glob("../testdata/openings/*.txt")
	if err != nil || len(files) < 30 {
		t.Fatalf("want at least 30 openings in testdata/openings, found %d (%v)", len(files), err)
	}
	sort.Strings(files)
	l := linterFor(t)
	var total openingCounts
	yearsRight, yearsStated, titlesFound, titlesPresent := 0, 0, 0, 0
	var table strings.Builder
	table.WriteString("| file | findings | real | wrong | cut | store |\n|---|---|---|---|---|---|\n")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(f)
		res := l.CheckBytes(base, data, checker.Options{})
		var got []string
		for _, d := range res.Diagnostics {
			got = append(got, strings.TrimPrefix(render.PlainLine(base, d), base+":"))
		}
		wantPath := strings.TrimSuffix(f, ".txt") + ".want"
		if *updateOpenings {
			updateOpening(t, wantPath, res.Report, got)
		}
		o := readOpening(t, wantPath)
		var c openingCounts
		t.Run(base, func(t *testing.T) {
			c = checkOpening(t, o, res.Report, got)
		})
		total.real += c.real
		total.wrong += c.wrong
		total.cut += c.cut
		total.store += c.store
		if o.year != 0 {
			yearsStated++
			if res.Report.Year == o.year {
				yearsRight++
			}
		}
		if o.title != "" {
			titlesPresent++
			if res.Report.Title == o.title {
				titlesFound++
			}
		}
		fmt.Fprintf(&table, "| %s | %d | %d | %d | %d | %d |\n", base, len(got), c.real, c.wrong, c.cut, c.store)
	}
	fmt.Fprintf(&table, "| **%d files** | **%d** | **%d** | **%d** | **%d** | **%d** |\n",
		len(files), total.real+total.wrong+total.cut+total.store, total.real, total.wrong, total.cut, total.store)
	precision := 100.0
	if total.real+total.wrong > 0 {
		precision = 100 * float64(total.real) / float64(total.real+total.wrong)
	}
	t.Logf("\n%s\nprecision real/(real+wrong) = %d/%d = %.1f %%; year right on %d of %d files that state it; title found on %d of %d files that have one",
		table.String(), total.real, total.real+total.wrong, precision, yearsRight, yearsStated, titlesFound, titlesPresent)
}

// checkOpening compares one opening's outcome with its reviewed expectation and counts the
// findings by verdict.
func checkOpening(t *testing.T, o opening, r *checker.Report, got []string) openingCounts {
	t.Helper()
	wantYear := o.year
	if o.hasYearNow {
		wantYear = o.yearNow
	}
	if r.Year != wantYear {
		if o.hasYearNow && r.Year == o.year {
			t.Errorf("the year is now right (%d): delete the year-now line", r.Year)
		} else {
			t.Errorf("report year %d, want %d", r.Year, wantYear)
		}
	}
	wantTitle := o.title
	if o.hasTitleNow {
		wantTitle = o.titleNow
	}
	if r.Title != wantTitle {
		if o.hasTitleNow && r.Title == o.title {
			t.Errorf("the title is now found (%q): delete the title-now line", r.Title)
		} else {
			t.Errorf("title %q, want %q", r.Title, wantTitle)
		}
	}
	wantParts := o.parts
	if o.hasPartsNow {
		wantParts = o.partsNow
	}
	if p := partsString(r); p != wantParts {
		if o.hasPartsNow && p == o.parts {
			t.Errorf("the parts are now right (%s): delete the parts-now line", p)
		} else {
			t.Errorf("parts %s, want %s", p, wantParts)
		}
	}
	reported := map[string]bool{}
	for _, g := range got {
		reported[g] = true
	}
	reviewed := map[string]bool{}
	var c openingCounts
	for _, f := range o.findings {
		reviewed[f.finding] = true
		switch f.verdict {
		case verdictWrong:
			if reported[f.finding] {
				t.Errorf("a finding reviewed as wrong is back: %s", f.finding)
			}
			continue
		case verdictNew:
			t.Errorf("finding not reviewed yet (give it a verdict): %s", f.finding)
		}
		if !reported[f.finding] {
			if f.verdict == verdictOpen {
				t.Errorf("a wrong finding is no longer reported (fixed? mark it wrong so that it cannot return): %s", f.finding)
			} else {
				t.Errorf("a reviewed %s finding is no longer reported (if intended, review the change and update the expectation): %s", f.verdict, f.finding)
			}
			continue
		}
		switch f.verdict {
		case verdictReal:
			c.real++
		case verdictOpen:
			c.wrong++
		case verdictCut:
			c.cut++
		case verdictStore:
			c.store++
		}
	}
	for _, g := range got {
		if !reviewed[g] {
			t.Errorf("unreviewed finding (run -update-openings and give it a verdict): %s", g)
		}
	}
	return c
}

// updateOpening rewrites an expectation from today's outcome, keeping every verdict already
// given: a wrong finding that is gone becomes `wrong` (it must not return), other findings
// that are gone are dropped (the diff shows them), new ones get `?`.
func updateOpening(t *testing.T, path string, r *checker.Report, got []string) {
	t.Helper()
	var o opening
	if _, err := os.Stat(path); err == nil {
		o = readOpening(t, path)
	} else {
		o.year, o.title, o.parts = r.Year, r.Title, partsString(r)
	}
	o.hasYearNow = r.Year != o.year
	o.yearNow = r.Year
	o.hasTitleNow = r.Title != o.title
	o.titleNow = r.Title
	o.hasPartsNow = partsString(r) != o.parts
	o.partsNow = partsString(r)
	verdict := map[string]string{}
	for _, f := range o.findings {
		verdict[f.finding] = f.verdict
	}
	reported := map[string]bool{}
	var findings []verdictLine
	for _, g := range got {
		reported[g] = true
		v, ok := verdict[g]
		if !ok {
			v = verdictNew // a wrong finding that came back keeps its verdict: the test fails
		}
		findings = append(findings, verdictLine{v, g})
	}
	for _, f := range o.findings {
		if reported[f.finding] {
			continue
		}
		if f.verdict == verdictWrong || f.verdict == verdictOpen {
			findings = append(findings, verdictLine{verdictWrong, f.finding})
		}
	}
	o.findings = findings
	writeOpening(t, path, o)
}
