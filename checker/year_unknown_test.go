package checker_test

import (
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
)

// TestYearUnknownNamesSkippedRules: with no year anywhere, one finding names the rules that
// could not run (those enabled), and --year makes it go.
func TestYearUnknownNamesSkippedRules(t *testing.T) {
	text := []byte("某县司法局法治政府建设情况报告\n我局坚持以习近平法治思想为指导，现将有关情况报告如下。\n一、主要举措和成效\n全面推行行政执法“三项制度”。\n")
	l := linterFor(t)
	var found []checker.Diagnostic
	for _, d := range l.CheckBytes("r.txt", text, checker.Options{}).Diagnostics {
		if d.Rule == "structure/year-unknown" {
			found = append(found, d)
		}
	}
	if len(found) != 1 {
		t.Fatalf("got %d year-unknown findings, want 1", len(found))
	}
	for _, id := range []string{"consistency/year-mismatch", "consistency/plan-year", "language/stale-term", "structure/heading-template", "structure/deadline"} {
		if !strings.Contains(found[0].Message, id) {
			t.Errorf("message does not name %s: %s", id, found[0].Message)
		}
	}
	if found[0].Line != 1 || found[0].Severity != checker.Warning {
		t.Errorf("at line %d severity %v, want the title's line, warning", found[0].Line, found[0].Severity)
	}
	only := linterFor(t, "structure/year-unknown", "language/stale-term")
	for _, d := range only.CheckBytes("r.txt", text, checker.Options{}).Diagnostics {
		if strings.Contains(d.Message, "year-mismatch") || !strings.Contains(d.Message, "language/stale-term") {
			t.Errorf("names rules that are not enabled, or not the ones that are: %s", d.Message)
		}
	}
	for _, d := range l.CheckBytes("r.txt", text, checker.Options{Year: 2024}).Diagnostics {
		if d.Rule == "structure/year-unknown" {
			t.Errorf("reported with --year: %s", d.Message)
		}
	}
}
