package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// `fzlint check testdata/openings` checks the openings, not the folder's README.md and
// SOURCES.md: its .fzlintignore lists them, and they are reported as skipped.
func TestOpeningsFolderChecksOnlyReports(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "openings")
	txt, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	_, out, errs := runCheck(t, "--format", "json", dir)
	var doc struct {
		Files []struct {
			Path string `json:"path"`
		} `json:"files"`
		Skipped []struct {
			Path   string `json:"path"`
			Reason string `json:"reason"`
		} `json:"skipped"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v: %s", err, errs)
	}
	for _, f := range doc.Files {
		if !strings.HasSuffix(f.Path, ".txt") {
			t.Errorf("%s checked as a report", f.Path)
		}
	}
	if len(doc.Files) != len(txt) || len(txt) < 30 {
		t.Errorf("%d files checked, %d openings in the folder", len(doc.Files), len(txt))
	}
	ignored := 0
	for _, s := range doc.Skipped {
		if strings.HasSuffix(s.Path, ".md") && strings.Contains(s.Reason, ".fzlintignore") {
			ignored++
		}
	}
	if ignored != 2 {
		t.Errorf("%d of README.md and SOURCES.md skipped by .fzlintignore, want 2", ignored)
	}
}
