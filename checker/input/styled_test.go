//go:build !fzlintpage

package input_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/linttest"
)

// testdata/styled holds reports laid out as a drafter's Word file is (testdata/styled/README.md):
// a centred title that wraps, automatically numbered headings, a running header and a page
// number in the footer. LibreOffice prints each to PDF and exports it to HTML; each then gives
// the report's title, year and findings as its .txt does (rule and message; positions aside).
// Found by comparing formats: a wrapped title lost its first line in the PDF, 〔 at a line's
// start split a paragraph, and the HTML export's header and footer were read as text.
func TestLibreOfficeStyledReportsHaveTheTextsFindings(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Fatalf("LibreOffice (soffice) is needed to print the styled reports: %v", err)
	}
	sources, err := filepath.Glob("../../testdata/styled/*.fodt")
	if err != nil || len(sources) == 0 {
		t.Fatalf("no styled reports: %v", err)
	}
	dir := t.TempDir()
	for _, ext := range []string{"pdf", "html"} {
		cmd := exec.Command("soffice", append([]string{"--headless", "-env:UserInstallation=file://" + dir + "/profile", "--convert-to", ext, "--outdir", dir}, sources...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice --convert-to %s: %v\n%s", ext, err, out)
		}
	}
	l := linttest.DefaultLinter(t)
	for _, src := range sources {
		name := strings.TrimSuffix(filepath.Base(src), ".fodt")
		text := "../../testdata/openings/" + name + ".txt"
		if strings.Contains(name, "_") {
			text = "../../testdata/seeds/" + name + ".txt"
		}
		data, err := os.ReadFile(text)
		if err != nil {
			t.Fatal(err)
		}
		want := check(t, l, "r.txt", data)
		for _, ext := range []string{"pdf", "html"} {
			t.Run(name+"."+ext, func(t *testing.T) {
				data, err := os.ReadFile(filepath.Join(dir, name+"."+ext))
				if err != nil {
					t.Fatal(err)
				}
				got := check(t, l, "r."+ext, data)
				if got.Report.Title != want.Report.Title || got.Report.Year != want.Report.Year {
					t.Errorf("title %q, year %d; the .txt's %q, %d", got.Report.Title, got.Report.Year, want.Report.Title, want.Report.Year)
				}
				if g, w := ruleMessages(got), ruleMessages(want); !slices.Equal(g, w) {
					t.Errorf("findings differ\n got:\n  %s\nwant (the .txt's):\n  %s", strings.Join(g, "\n  "), strings.Join(w, "\n  "))
				}
			})
		}
	}
}

// check reads a file as fzlint does and checks it.
func check(t *testing.T, l *checker.Linter, name string, data []byte) checker.Result {
	t.Helper()
	txt, err := input.Read(name, data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return l.CheckText(name, txt, checker.Options{})
}

// ruleMessages are a result's findings as rule and message, the lines they name and the hint
// that only a .txt can be fixed left out, sorted.
func ruleMessages(res checker.Result) []string {
	var out []string
	for _, d := range res.Diagnostics {
		msg := lineRef.ReplaceAllString(d.Message, "第…行")
		msg = strings.TrimSuffix(msg, "（可用 --fix 自动修正）")
		out = append(out, d.Rule+" "+msg)
	}
	slices.Sort(out)
	return out
}
