package render

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker"
)

// The scorecard prints legibly: LibreOffice (as a supervisor's office suite would) prints the
// .xlsx of 19 reports to PDF, and the summary sheet takes one or two pages, each as wide as the
// table (its first and last column heads on the same page).
func TestXLSXScorecardPrintsOnOneOrTwoPages(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal("soffice (LibreOffice, Debian libreoffice-calc-nogui) is needed: .ci/run installs it")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext (Debian poppler-utils) is needed: .ci/run installs it")
	}
	seeds := seedResults(t)
	var results []checker.Result
	for i := 0; i < 19; i++ {
		r := seeds[i%len(seeds)]
		r.Path = fmt.Sprintf("报送材料/第%02d单位/%s", i+1, filepath.Base(r.Path))
		// Each finding three times, so that the findings sheet takes more than one page.
		r.Diagnostics = slices.Concat(r.Diagnostics, r.Diagnostics, r.Diagnostics)
		results = append(results, r)
	}
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "汇总.xlsx")
	if err := os.WriteFile(xlsx, writeSummary(t, ".xlsx", results), 0o644); err != nil {
		t.Fatal(err)
	}
	profile := "-env:UserInstallation=file://" + filepath.Join(dir, "profile")
	if out, err := exec.Command(soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", dir, xlsx).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "汇总.pdf")
	out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	header := scoreHeader[scoreOnTime]
	var summary []int
	for i, p := range pages {
		if strings.Contains(p, header) {
			summary = append(summary, i+1)
		}
	}
	if len(summary) < 1 || len(summary) > 2 {
		t.Fatalf("the summary sheet's header is on pages %v, want one or two pages", summary)
	}
	first := pages[summary[0]-1]
	for _, h := range []string{"文件", "单位", "无法读取或跳过"} {
		if !strings.Contains(first, h) {
			t.Errorf("page %d lacks the column head %q: the table is wider than the page", summary[0], h)
		}
	}
	if !strings.Contains(first, "第01单位") || !strings.Contains(strings.Join(pages[summary[0]-1:summary[len(summary)-1]], ""), "第19单位") {
		t.Errorf("the summary pages do not hold the 19 rows")
	}
	// The findings sheet follows, as wide as the page, its header row repeated on each of its
	// pages (the rows to repeat are whole rows, $1:$1, or LibreOffice ignores them).
	findings := 0
	for i, p := range pages[summary[len(summary)-1]:] {
		if !strings.Contains(p, "structure/") && !strings.Contains(p, "language/") {
			continue
		}
		findings++
		for _, h := range []string{"文件", "规则", "说明"} {
			if !strings.Contains(p, h) {
				t.Errorf("findings page %d lacks the column head %q", summary[len(summary)-1]+i+1, h)
			}
		}
	}
	if findings < 2 {
		t.Errorf("the findings of 19 reports print on %d pages: the repeated header is not tested", findings)
	}
	// A message longer than its column wraps in it: its end is printed, not cut at the page's
	// edge.
	longest := ""
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if m := messageWithSuggestion(d); utf8.RuneCountInString(m) > utf8.RuneCountInString(longest) {
				longest = m
			}
		}
	}
	end := []rune(longest)
	end = end[len(end)-4:]
	if utf8.RuneCountInString(longest) < 120 || !strings.Contains(string(out), string(end)) {
		t.Errorf("the end %q of the longest message (%d characters) is not printed: it does not wrap", string(end), utf8.RuneCountInString(longest))
	}
}
