package render

import (
	"fmt"
	"io"
	"testing"

	"github.com/fzlint/fzlint/checker"
)

// BenchmarkSummary writes the summary of a batch of 2,000 files (the seeds, repeated).
func BenchmarkSummary(b *testing.B) {
	seeds := seedResults(b)
	batch := make([]checker.Result, 2000)
	for i := range batch {
		batch[i] = seeds[i%len(seeds)]
		batch[i].Path = fmt.Sprintf("submissions/%04d/%s", i, seeds[i%len(seeds)].Path)
	}
	for _, kind := range []string{".xlsx", ".csv", ".html"} {
		b.Run(kind, func(b *testing.B) {
			for b.Loop() {
				r, _ := NewSummary(kind, io.Discard, Options{})
				writeAll(b, r, batch)
			}
		})
	}
}
