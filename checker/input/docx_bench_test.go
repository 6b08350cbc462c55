package input_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/docxgen"
)

// BenchmarkDocx reads the five seed reports as .docx files with numbered headings: the archive,
// numbering and styles, and the walk over document.xml that records the anchors.
func BenchmarkDocx(b *testing.B) {
	paths, _ := filepath.Glob("../../testdata/seeds/*.txt")
	var files [][]byte
	size := 0
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		d := docxgen.NumberedReport(strings.Split(string(text), "\n"))
		files = append(files, d)
		size += len(text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, d := range files {
			if _, err := input.DecodeDocx(d); err != nil {
				b.Fatal(err)
			}
		}
	}
}
