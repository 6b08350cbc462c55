package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiffAppliesWithGitAndPatch runs --diff on the five seeds as users keep them (as they
// are, without a final newline; with one; CRLF; GB18030 with CRLF; UTF-8 with a BOM), applies
// the output with the real `git apply` and `patch -p1`, and compares each result byte for byte
// with what --fix writes.
func TestDiffAppliesWithGitAndPatch(t *testing.T) {
	for _, tool := range []string{"git", "patch"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is needed for this test (installed by .ci/run): %v", tool, err)
		}
	}
	abs, _ := filepath.Abs(seedDir)
	seeds, _ := filepath.Glob(filepath.Join(abs, "*.txt"))
	if len(seeds) != 5 {
		t.Fatalf("%d seeds", len(seeds))
	}
	variants := []struct {
		name string
		make func(t *testing.T, s string) []byte
	}{
		{"as is", func(t *testing.T, s string) []byte { return []byte(s) }},
		{"with a final newline", func(t *testing.T, s string) []byte { return []byte(strings.TrimRight(s, "\n") + "\n") }},
		{"CRLF", func(t *testing.T, s string) []byte { return []byte(toCRLF(s)) }},
		{"GB18030 and CRLF", func(t *testing.T, s string) []byte { return gb18030(t, toCRLF(s)) }},
		{"UTF-8 with a BOM", func(t *testing.T, s string) []byte { return append([]byte("\ufeff"), s...) }},
	}
	root := t.TempDir()
	t.Chdir(root)
	for _, v := range variants {
		for _, s := range seeds {
			t.Run(v.name+"/"+filepath.Base(s), func(t *testing.T) {
				text, err := os.ReadFile(s)
				if err != nil {
					t.Fatal(err)
				}
				data := v.make(t, string(text))
				// the same file in three trees: one fixed by --fix, one by git apply, one by patch
				dirs := map[string]string{}
				for _, d := range []string{"fix", "git", "patch"} {
					dirs[d] = filepath.Join(root, strings.NewReplacer(" ", "_", "/", "_").Replace(t.Name()), d)
					if err := os.MkdirAll(filepath.Join(dirs[d], "报告"), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(dirs[d], "报告", "r.txt"), data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				rel := func(d string) string { r, _ := filepath.Rel(root, d); return r }
				code, diff, errs := runCLI(t, "", "check", "--diff", filepath.Join(rel(dirs["git"]), "报告", "r.txt"))
				if code != exitFindings || !strings.Contains(diff, "\n@@ ") {
					t.Fatalf("--diff: exit %d, no hunk:\n%s\n%s", code, diff, errs)
				}
				if strings.Contains(errs, "不能直接") {
					t.Errorf("--diff says it will not apply: %s", errs)
				}
				// Paths in the patch are relative to where fzlint ran (root); strip them.
				prefix := filepath.ToSlash(rel(dirs["git"])) + "/"
				patchText := strings.ReplaceAll(diff, "a/"+prefix, "a/")
				patchText = strings.ReplaceAll(patchText, "b/"+prefix, "b/")
				os.WriteFile(filepath.Join(root, "p.diff"), []byte(patchText), 0o644)
				if code, _, errs := runCLI(t, "", "check", "--fix", "--fail-on", "none", filepath.Join(rel(dirs["fix"]), "报告", "r.txt")); code != exitOK {
					t.Fatalf("--fix: exit %d: %s", code, errs)
				}
				want, _ := os.ReadFile(filepath.Join(dirs["fix"], "报告", "r.txt"))
				if bytes.Equal(want, data) {
					t.Fatal("--fix changed nothing")
				}
				for tool, args := range map[string][]string{
					"git":   {"git", "apply", "--verbose", filepath.Join(root, "p.diff")},
					"patch": {"patch", "-p1", "--no-backup-if-mismatch", "--batch", "-i", filepath.Join(root, "p.diff")},
				} {
					cmd := exec.Command(args[0], args[1:]...)
					cmd.Dir = dirs[tool]
					if out, err := cmd.CombinedOutput(); err != nil {
						t.Errorf("%s: %v\n%s\npatch:\n%q", strings.Join(args, " "), err, out, patchText)
						continue
					}
					got, _ := os.ReadFile(filepath.Join(dirs[tool], "报告", "r.txt"))
					if !bytes.Equal(got, want) {
						t.Errorf("%s gives a file other than --fix writes", tool)
					}
				}
			})
		}
	}
}

func toCRLF(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r\n")
}
