package main

import (
	"bytes"
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

// Nothing a run writes replaces a submission. A glob after --report or --write-baseline
// (--write-baseline *.txt) hands the flag the first report: an existing file that fzlint did
// not write is refused (exit 2) and left as it was, while an earlier summary or baseline of
// fzlint's is replaced. A target named among the files to check is refused; one a walk finds
// (an earlier run's summary, in the folder checked) is left out and listed as skipped, and the
// report's temporary file is never listed.
func TestOutputsNeverReplaceASubmission(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile(filepath.Join(seedDir, "000_4c1585aa5a4d5d00.txt"))
	if err != nil {
		t.Fatal(err)
	}
	page := []byte("<html><head><title>报告</title></head><body><p>" + string(seed) + "</p></body></html>")
	half := seed[:bytes.LastIndexByte(seed[:len(seed)/2], '\n')+1]
	for name, data := range map[string][]byte{"a.txt": seed, "b.txt": half, "p.html": page} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	at := func(name string) string { return filepath.Join(dir, name) }
	unchanged := func(name string, want []byte) {
		t.Helper()
		if got, _ := os.ReadFile(at(name)); string(got) != string(want) {
			t.Errorf("%s was replaced", name)
		}
	}
	for _, args := range [][]string{
		{"--write-baseline", at("a.txt"), at("b.txt")},
		{"--report", at("p.html"), at("b.txt")},
		{"--report", at("b.txt.html"), at("b.txt")}, // absent: fine (below)
	} {
		code, _, stderr := runCheck(t, args...)
		if args[1] == at("b.txt.html") {
			if code == exitTrouble {
				t.Errorf("%q: exit 2 for a new file: %s", args, stderr)
			}
			continue
		}
		if code != exitTrouble || !strings.Contains(stderr, "不会覆盖") {
			t.Errorf("%q: exit %d, stderr %q; want 2 and the file named", args, code, stderr)
		}
	}
	unchanged("a.txt", seed)
	unchanged("p.html", page)
	// The user's own table, data or spreadsheet under a summary's name is not replaced either.
	others := map[string][]byte{"data.json": []byte(`{"my":"data"}`), "budget.csv": []byte("项目,金额\n"), "budget.xlsx": docxOf(t)}
	for name, data := range others {
		if err := os.WriteFile(at(name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _, stderr := runCheck(t, "--report", at(name), at("b.txt")); code != exitTrouble || !strings.Contains(stderr, "不会覆盖") {
			t.Errorf("--report %s: exit %d, stderr %q", name, code, stderr)
		}
		unchanged(name, data)
	}
	if code, _, stderr := runCheck(t, "--report", at("same.json"), "--write-baseline", filepath.Join(dir, "x", "..", "same.json"), at("b.txt")); code != exitTrouble || !strings.Contains(stderr, "same file") {
		t.Errorf("--report and --write-baseline of one file: exit %d, stderr %q", code, stderr)
	}
	// fzlint's own earlier outputs are replaced.
	if code, _, stderr := runCheck(t, "--report", at("b.txt.html"), at("b.txt")); code == exitTrouble {
		t.Errorf("replacing fzlint's own summary: exit 2: %s", stderr)
	}
	if code, _, stderr := runCheck(t, "--write-baseline", at("base.json"), at("b.txt")); code != exitOK {
		t.Errorf("a new baseline: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCheck(t, "--write-baseline", at("base.json"), at("b.txt")); code != exitOK {
		t.Errorf("replacing fzlint's own baseline: exit %d: %s", code, stderr)
	}
	// Named to be checked: refused. Found by the walk: left out and listed, with the report's
	// temporary file nowhere.
	if code, _, stderr := runCheck(t, "--report", at("b.txt.html"), at("b.txt.html"), at("b.txt")); code != exitTrouble || !strings.Contains(stderr, "also a file to check") {
		t.Errorf("a report target named to be checked: exit %d, stderr %q", code, stderr)
	}
	code, stdout, stderr := runCheck(t, "--format", "json", "--report", at("b.txt.html"), dir)
	if code == exitTrouble {
		t.Fatalf("walk: exit 2: %s", stderr)
	}
	var doc struct {
		Files   []struct{ Path string }
		Skipped []struct{ Path, Reason string }
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	for _, f := range doc.Files {
		if strings.HasSuffix(f.Path, ".html") && strings.Contains(f.Path, "b.txt") {
			t.Errorf("the run's own report was checked: %s", f.Path)
		}
	}
	var skipped []string
	for _, s := range doc.Skipped {
		skipped = append(skipped, filepath.Base(s.Path)+": "+s.Reason)
	}
	if got := strings.Join(skipped, "; "); !strings.Contains(got, "b.txt.html: fzlint 生成的检查汇总") || strings.Contains(got, ".tmp") {
		t.Errorf("skipped %q: want the report target listed and no temporary file", got)
	}
}

// fzlint page writes fzlint.html by default (SPEC: -o is optional) and replaces only a page of
// its own: fzlint page -o 报告.html must not replace a report.
func TestPageNeverReplacesAnotherFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	report := []byte("<html><body><p>某县人民政府关于2024年度法治政府建设情况的报告</p></body></html>")
	for _, name := range []string{"报告.html", "fzlint.html"} {
		if err := os.WriteFile(name, report, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"page", "-o", "报告.html"}, {"page"}} {
		code, _, stderr := runCLI(t, "", args...)
		if code != exitTrouble || !strings.Contains(stderr, "不会覆盖") {
			t.Errorf("%q: exit %d, stderr %q; want 2 and the file kept", args, code, stderr)
		}
	}
	for _, name := range []string{"报告.html", "fzlint.html"} {
		if got, _ := os.ReadFile(name); !bytes.Equal(got, report) {
			t.Errorf("%s was replaced", name)
		}
	}
}

// docxOf is a ZIP that is not fzlint's: a .docx of the test data.
func docxOf(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../../testdata/docx/003_7f633bab698fbd83.libreoffice.docx")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// A --jobs far above the number of files or processors costs nothing: it ran out of memory.
func TestJobsAreBounded(t *testing.T) {
	f := writeTemp(t, "r.txt", "某县人民政府关于2024年度法治政府建设情况的报告\n2024年，我县推进法治政府建设。\n")
	if code, _, stderr := runCheck(t, "-q", "--jobs", "100000000", f); code == exitTrouble {
		t.Errorf("--jobs 100000000: exit 2: %s", stderr)
	}
}
