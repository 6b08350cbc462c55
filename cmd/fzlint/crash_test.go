package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A check that panics (a bug of fzlint's own: FuzzCheck found one, a nil heading dereferenced)
// is that file's error, exit status 2, with where it failed; the batch goes on and every other
// file is checked, with the cross-file stage and without, and with --fix, which leaves the
// failed file as it was.
func TestAPanickingCheckIsOneFilesError(t *testing.T) {
	names := []string{"000_4c1585aa5a4d5d00.txt", "003_7f633bab698fbd83.txt", "004_8e2bfd6529608b47.txt"}
	for _, args := range [][]string{
		{"--jobs", "2"},
		{"--jobs", "1", "--disable", "batch/copied-paragraph,batch/same-as-last-year"},
		{"--jobs", "2", "--fix"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			dir := t.TempDir()
			var paths []string
			for _, n := range names {
				data, err := os.ReadFile(seed(n))
				if err != nil {
					t.Fatal(err)
				}
				p := filepath.Join(dir, n)
				if err := os.WriteFile(p, data, 0o644); err != nil {
					t.Fatal(err)
				}
				paths = append(paths, p)
			}
			bad := paths[1]
			before, _ := os.ReadFile(bad)
			testHookCheck = func(path string) {
				if path == bad {
					var heading *struct{ Line int }
					_ = heading.Line // a nil dereference: a runtime panic, as the bug that ended batches raised
				}
			}
			defer func() { testHookCheck = nil }()
			res, code, stderr := runJSON(t, append(args, dir)...)
			if code != exitTrouble {
				t.Errorf("exit %d, want %d (stderr %s)", code, exitTrouble, stderr)
			}
			if len(res.Files) != len(paths) {
				t.Fatalf("%d files in the output, want %d", len(res.Files), len(paths))
			}
			for i, f := range res.Files {
				if f.Path != paths[i] {
					t.Errorf("file %d is %s, want %s", i, f.Path, paths[i])
				}
				switch {
				case f.Path == bad && (f.Error == nil || !strings.Contains(*f.Error, "内部出错") || !strings.Contains(*f.Error, "crash_test.go:")):
					t.Errorf("%s: error %v, want the internal error and where it was raised", f.Path, f.Error)
				case f.Path != bad && (f.Error != nil || len(f.Diagnostics) == 0):
					t.Errorf("%s: error %v and %d findings, want it checked", f.Path, f.Error, len(f.Diagnostics))
				}
			}
			if after, _ := os.ReadFile(bad); string(after) != string(before) {
				t.Errorf("the file whose check failed was changed")
			}
		})
	}
}
