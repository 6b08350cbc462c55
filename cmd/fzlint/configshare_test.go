package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker/batch"
)

// Unit folders holding copies of one .fzlint.toml share one config and one compiled linter; a
// folder whose config differs gets its own, and a bad copy among good ones still stops the run
// (issue 11 item 19: 2,000 copies took 1.35 GiB, one linter each).
func TestIdenticalConfigsShareALinter(t *testing.T) {
	dir := t.TempDir()
	same := "[severity]\n\"structure/missing-section\" = \"off\"\n"
	configs := map[string]string{"a": same, "b": same, "c": same, "d": "[severity]\n\"structure/missing-section\" = \"warning\"\n"}
	for unit, cfg := range configs {
		os.MkdirAll(filepath.Join(dir, unit), 0o755)
		os.WriteFile(filepath.Join(dir, unit, ".fzlint.toml"), []byte(cfg), 0o644)
	}
	src, err := newLinterSource(checkFlags{jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	linter := map[string]any{}
	for unit := range configs {
		ref, err := src.forFile(filepath.Join(dir, unit, "r.txt"), "")
		if err != nil {
			t.Fatal(err)
		}
		l, err := src.get(ref)
		if err != nil {
			t.Fatal(err)
		}
		linter[unit] = l
	}
	if linter["a"] != linter["b"] || linter["a"] != linter["c"] {
		t.Error("identical configs compiled more than once")
	}
	if linter["a"] == linter["d"] {
		t.Error("a different config was given the linter of another")
	}
	if len(src.byHash) != 2 || src.compiles.Load() != 2 {
		t.Errorf("%d configs kept and %d linters compiled for 2 distinct configs", len(src.byHash), src.compiles.Load())
	}

	// A copy that has gone bad is read and refused like any config, naming its file.
	os.MkdirAll(filepath.Join(dir, "e"), 0o755)
	os.WriteFile(filepath.Join(dir, "e", ".fzlint.toml"), []byte(same+"[severity]\n"), 0o644)
	report := filepath.Join(dir, "e", "r.txt")
	os.WriteFile(report, []byte(skeletonWithoutPlaceholders(t)), 0o644)
	code, out, errs := runCheck(t, dir)
	if code != exitTrouble || out != "" || !strings.Contains(errs, filepath.Join("e", ".fzlint.toml")) {
		t.Errorf("bad copy: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// unitFolders writes n unit folders, each with two reports missing most parts and a config of
// its own (distinct bytes): even folders turn structure/missing-section off, odd ones make it
// a warning.
func unitFolders(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		unit := filepath.Join(dir, fmt.Sprintf("unit%03d", i))
		os.MkdirAll(unit, 0o755)
		sev := "off"
		if i%2 == 1 {
			sev = "warning"
		}
		cfg := fmt.Sprintf("# 单位 %d\n[severity]\n\"structure/missing-section\" = %q\n", i, sev)
		os.WriteFile(filepath.Join(unit, ".fzlint.toml"), []byte(cfg), 0o644)
		for _, name := range []string{"a.txt", "b.txt"} {
			os.WriteFile(filepath.Join(unit, name), []byte("某县2024年法治政府建设年度报告\n\n一、主要举措\n\n我们做了很多工作。\n"), 0o644)
		}
	}
	return dir
}

// Configs are validated up front but compiled only when a file under them is checked, and no
// more than the cache's size are kept: with 30 distinct configs, reading them all compiles
// nothing, and getting them in the walk's order compiles each once and keeps a few.
func TestConfigLintersAreCompiledLazilyAndBounded(t *testing.T) {
	const n = 30
	dir := unitFolders(t, n)
	src, err := newLinterSource(checkFlags{jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	files, _, _ := batch.Expand([]string{dir}, nil)
	refs := make([]*configRef, len(files))
	for i, p := range files {
		if refs[i], err = src.forFile(p, ""); err != nil {
			t.Fatal(err)
		}
	}
	if got := src.compiles.Load(); got != 0 || len(byRef(refs)) != n {
		t.Fatalf("after validating %d configs: %d compiled, %d distinct", n, got, len(byRef(refs)))
	}
	for _, r := range refs {
		if _, err := src.get(r); err != nil {
			t.Fatal(err)
		}
	}
	if got := src.compiles.Load(); got != n {
		t.Errorf("checking %d folders in order compiled %d linters, want one each", n, got)
	}
	if src.lru.Len() > src.limit || len(src.cache) > src.limit || src.limit >= n {
		t.Errorf("%d linters kept (limit %d) for %d configs", src.lru.Len(), src.limit, n)
	}
	// Going back to an evicted config compiles it again, to the same effect.
	if _, err := src.get(refs[0]); err != nil || src.compiles.Load() != n+1 {
		t.Errorf("an evicted config: err %v, %d compiled", err, src.compiles.Load())
	}
}

// Each file is checked under its own folder's config however linters come and go from the
// cache, with one worker or several, in both passes (the cross-file stage's and the checks'),
// and whether the folder is named by an absolute or a relative path (the working directory is
// read once a run, not for each file).
func TestEachFileGetsItsOwnConfig(t *testing.T) {
	const n = 30
	dir := unitFolders(t, n)
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	for _, run := range []struct{ jobs, path string }{
		{"1", dir}, {"3", dir},
		{"3", filepath.Base(dir)}, {"1", "./" + filepath.Base(dir) + "/../" + filepath.Base(dir)},
	} {
		jobs := run.jobs
		if err := os.Chdir(filepath.Dir(dir)); err != nil {
			t.Fatal(err)
		}
		code, out, errs := runCheck(t, "--format", "json", "--jobs", jobs, run.path)
		os.Chdir(wd)
		if code == exitTrouble {
			t.Fatalf("--jobs %s: exit %d: %s", jobs, code, errs)
		}
		var doc struct {
			Files []struct {
				Path        string `json:"path"`
				Diagnostics []struct {
					Rule     string `json:"rule"`
					Severity string `json:"severity"`
				} `json:"diagnostics"`
			} `json:"files"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Files) != 2*n {
			t.Fatalf("--jobs %s: %d files reported, want %d", jobs, len(doc.Files), 2*n)
		}
		for _, f := range doc.Files {
			var i int
			fmt.Sscanf(filepath.Base(filepath.Dir(f.Path)), "unit%d", &i)
			missing := 0
			for _, d := range f.Diagnostics {
				if d.Rule == "structure/missing-section" {
					missing++
					if d.Severity != "warning" {
						t.Errorf("--jobs %s: %s: missing-section is %s, its config says warning", jobs, f.Path, d.Severity)
					}
				}
			}
			if (i%2 == 1) != (missing > 0) {
				t.Errorf("--jobs %s: %s: %d missing-section findings under a config that turns it %s", jobs, f.Path, missing, map[bool]string{true: "to warning", false: "off"}[i%2 == 1])
			}
		}
	}
}

func byRef(refs []*configRef) map[*configRef]bool {
	m := map[*configRef]bool{}
	for _, r := range refs {
		m[r] = true
	}
	return m
}
