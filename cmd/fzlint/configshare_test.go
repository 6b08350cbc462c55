package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Unit folders holding copies of one .fzlint.toml share one compiled linter; a folder whose
// config differs gets its own, and a bad copy among good ones still stops the run (issue 11
// item 19: 2,000 copies took 1.35 GiB, one linter each).
func TestIdenticalConfigsShareALinter(t *testing.T) {
	dir := t.TempDir()
	same := "[severity]\n\"structure/missing-section\" = \"off\"\n"
	configs := map[string]string{"a": same, "b": same, "c": same, "d": "[severity]\n\"structure/missing-section\" = \"warning\"\n"}
	for unit, cfg := range configs {
		os.MkdirAll(filepath.Join(dir, unit), 0o755)
		os.WriteFile(filepath.Join(dir, unit, ".fzlint.toml"), []byte(cfg), 0o644)
	}
	src, err := newLinterSource(checkFlags{})
	if err != nil {
		t.Fatal(err)
	}
	linter := map[string]any{}
	for unit := range configs {
		l, err := src.forFile(filepath.Join(dir, unit, "r.txt"), "")
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
	if len(src.byHash) != 2 {
		t.Errorf("%d linters kept for 2 distinct configs", len(src.byHash))
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
