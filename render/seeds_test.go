package render

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/internal/linttest"
)

// seedResults checks the seed reports with the default rules, the way `fzlint check` does.
func seedResults(t testing.TB) []checker.Result {
	t.Helper()
	l := linttest.DefaultLinter(t)
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "seeds", "*.txt"))
	if err != nil || len(paths) != 5 {
		t.Fatalf("want the five seed reports, got %v (%v)", paths, err)
	}
	sort.Strings(paths)
	var out []checker.Result
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, l.CheckBytes(filepath.ToSlash(filepath.Join("testdata", "seeds", filepath.Base(p))), data, checker.Options{Scorecard: true}))
	}
	return out
}

// renderAll writes results with a renderer and returns the output.
func renderAll(t *testing.T, format string, results []checker.Result, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	r, err := New(format, &buf, opt)
	if err != nil {
		t.Fatal(err)
	}
	writeAll(t, r, results)
	return buf.Bytes()
}

// writeAll feeds results to a renderer and closes it with their summary.
func writeAll(t testing.TB, r Renderer, results []checker.Result) {
	t.Helper()
	var s Summary
	for i := range results {
		s.Add(&results[i])
		if err := r.File(&results[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Close(s); err != nil {
		t.Fatal(err)
	}
}

// unreadable is the result of a file that could not be read, as the engine makes it.
func unreadable(path, reason string) checker.Result {
	return checker.Result{Path: path, Err: errString(reason), Diagnostics: []checker.Diagnostic{{
		Rule: "input/unreadable", Severity: checker.Error, Line: 1, Column: 1, EndLine: 1, EndColumn: 1,
		Message: "无法读取：" + reason,
	}}}
}

type errString string

func (e errString) Error() string { return string(e) }
