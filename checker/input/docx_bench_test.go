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
// numbering and styles, and the walk over document.xml that records the anchors. "generated"
// holds docxgen's small files (styles.xml and numbering.xml of a few hundred bytes), "word" the
// same reports as Word writes them (docxgen.WordReport: Word's markup in document.xml, and
// styles.xml and numbering.xml of about 40 KB each), "libreoffice" the one report LibreOffice
// wrote (testdata/docx). The "-check" cases read them as a check that does not annotate does
// (ReadOptions.NoAnchors).
func BenchmarkDocx(b *testing.B) {
	paths, _ := filepath.Glob("../../testdata/seeds/*.txt")
	var generated, word [][]byte
	size := 0
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		lines := strings.Split(string(text), "\n")
		generated = append(generated, docxgen.NumberedReport(lines))
		word = append(word, docxgen.WordReport(lines))
		size += len(text)
	}
	lo, err := os.ReadFile("../../testdata/docx/003_7f633bab698fbd83.libreoffice.docx")
	if err != nil {
		b.Fatal(err)
	}
	seed, err := os.ReadFile("../../testdata/seeds/003_7f633bab698fbd83.txt")
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		files [][]byte
		size  int
	}{{"generated", generated, size}, {"word", word, size}, {"libreoffice", [][]byte{lo}, len(seed)}} {
		for _, r := range []struct {
			name string
			read func([]byte) (*input.Text, error)
		}{
			{c.name, input.DecodeDocx},
			{c.name + "-check", func(d []byte) (*input.Text, error) {
				return input.ReadWith("报告.docx", d, input.ReadOptions{NoAnchors: true})
			}},
		} {
			b.Run(r.name, func(b *testing.B) {
				b.SetBytes(int64(c.size))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					for _, d := range c.files {
						if _, err := r.read(d); err != nil {
							b.Fatal(err)
						}
					}
				}
			})
		}
	}
}
