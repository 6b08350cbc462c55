package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCheck runs `fzlint check` with no stdin.
func runCheck(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runCLI(t, "", append([]string{"check"}, args...)...)
}

func TestReportWithFormat(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"汇总.xlsx", "汇总.csv", "汇总.HTML", "汇总.json"} {
		out := filepath.Join(dir, name)
		code, stdout, stderr := runCheck(t, "--format", "json", "--report", out, seedDir)
		if code != exitFindings {
			t.Errorf("%s: exit %d, want 1 (the seeds have errors); stderr %s", name, code, stderr)
		}
		if !json.Valid([]byte(stdout)) {
			t.Errorf("%s: stdout is not the --format json document", name)
		}
		info, err := os.Stat(out)
		if err != nil || info.Size() == 0 {
			t.Errorf("%s: report not written: %v", name, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 4 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestReportErrors(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runCheck(t, "--report", filepath.Join(dir, "x.pdf"), seedDir)
	if code != exitTrouble || !strings.Contains(stderr, ".xlsx") {
		t.Errorf("unknown kind: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCheck(t, "--report", filepath.Join(dir, "no", "such", "x.csv"), seedDir)
	if code != exitTrouble || !strings.Contains(stderr, "x.csv") {
		t.Errorf("unwritable report: exit %d, stderr %q", code, stderr)
	}
	// A run stopped by a bad rules file leaves no report behind.
	out := filepath.Join(dir, "r.csv")
	code, _, _ = runCheck(t, "--rules", filepath.Join(dir, "missing.toml"), "--report", out, seedDir)
	if _, err := os.Stat(out); code != exitTrouble || err == nil {
		t.Errorf("bad rules: exit %d, report exists: %v", code, err == nil)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left behind: %v", entries)
	}
}
