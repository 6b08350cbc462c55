// Package seeds reads the seed reports of testdata/seeds for the tests and benchmarks of the
// packages that measure or fuzz their per-line code on real lines.
package seeds

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Lines returns every line of the seed reports (the .txt files of testdata/seeds, found from
// root, the path of the repository's root from the caller's package) and the size of the
// reports in bytes.
func Lines(tb testing.TB, root string) (lines []string, size int) {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(root, "testdata", "seeds", "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no seed reports under %s: %v", root, err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		lines = append(lines, strings.Split(string(data), "\n")...)
		size += len(data)
	}
	return lines, size
}
