package input

import (
	"archive/zip"
	"os"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/internal/docxgen"
)

// BenchmarkInflate inflates the three parts the .docx reader reads (document.xml, styles.xml,
// numbering.xml) of a Word-like file and of LibreOffice's, from the archive in memory, as
// container.read does.
func BenchmarkInflate(b *testing.B) {
	lo, err := os.ReadFile("../../testdata/docx/003_7f633bab698fbd83.libreoffice.docx")
	if err != nil {
		b.Fatal(err)
	}
	word := docxgen.WordReport(strings.Split(readSeedText(b), "\n"))
	for _, c := range []struct {
		name string
		data []byte
	}{{"word", word}, {"libreoffice", lo}} {
		zr, err := openZip(c.data)
		if err != nil {
			b.Fatal(err)
		}
		var parts []*zip.File
		size := 0
		for _, f := range zr.File {
			switch f.Name {
			case "word/document.xml", "word/styles.xml", "word/numbering.xml":
				parts = append(parts, f)
				size += int(f.UncompressedSize64)
			}
		}
		bufs := make([][]byte, len(parts))
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for i, f := range parts {
					got, ok := inflatePart(f, bufs[i])
					if !ok {
						b.Fatalf("%s not inflated", f.Name)
					}
					bufs[i] = got
				}
			}
		})
	}
}
