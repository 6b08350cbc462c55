package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/internal/corpus"
)

// BenchmarkBatch checks a generated corpus of 1,000 reports (all formats, every rule on) the
// way a supervisor does: `fzlint check -q --format json DIR`. The MB/s it reports is the figure
// of SPEC §9; for the full 10,000 run the command in the README. FZLINT_BENCH_FLAGS adds flags
// (e.g. "--disable structure,content" to measure reading and the document model alone).
func BenchmarkBatch(b *testing.B) {
	args := append([]string{"check", "-q", "--format", "json"}, strings.Fields(os.Getenv("FZLINT_BENCH_FLAGS"))...)
	dir := b.TempDir()
	size, err := corpus.Generate(1000, dir, 1, "../../testdata/seeds")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if code := run(append(args, dir), strings.NewReader(""), io.Discard, io.Discard); code == exitTrouble {
			b.Fatalf("exit %d", code)
		}
	}
}

// The generated corpus is read without a single unreadable file, in every format it holds.
func TestGeneratedCorpusIsReadable(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Generate(300, dir, 7, "../../testdata/seeds"); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			kinds[filepath.Ext(p)]++
		}
		return nil
	})
	for _, ext := range []string{".txt", ".md", ".docx", ".html"} {
		if kinds[ext] == 0 {
			t.Errorf("no %s file in the corpus: %v", ext, kinds)
		}
	}
	res, code, _ := runJSON(t, dir)
	if code == exitTrouble || res.Summary.Unreadable != 0 || res.Summary.Files != 300 {
		t.Errorf("exit %d, summary %+v", code, res.Summary)
	}
}
