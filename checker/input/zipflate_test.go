package input

import (
	"bytes"
	"compress/flate"
	"io"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/internal/docxgen"
)

// FuzzInflate: the inflater that openZip gives archive/zip reads what compress/flate reads, to
// the byte, and refuses what it refuses. It reads through a section of a reader that is not an
// io.ByteReader, as archive/zip gives it, and through a section of an archive in memory (which
// it reads from a bytes.Reader; here one that runs past the end of the bytes), each twice, as
// the pool reuses it.
func FuzzInflate(f *testing.F) {
	addDeflated(f, []string{"word/document.xml", "word/styles.xml"}, flate.NoCompression, flate.BestSpeed, flate.DefaultCompression, flate.HuffmanOnly)
	f.Add([]byte("\x00\x05\x00\xfa\xffhello"))
	f.Add([]byte("garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		want, werr := io.ReadAll(flate.NewReader(bytes.NewReader(data)))
		inArchive := inMemory(append([]byte("PK\x03"), data...))
		for i := range 4 {
			r := newInflater(io.NewSectionReader(bytes.NewReader(data), 0, int64(len(data))))
			if i >= 2 {
				r = newInflater(io.NewSectionReader(inArchive, 3, int64(len(data)+i)))
			}
			got, err := io.ReadAll(r)
			r.Close()
			if (err != nil) != (werr != nil) {
				t.Fatalf("%q: error %v, compress/flate's %v", data, err, werr)
			}
			if err == nil && !bytes.Equal(got, want) {
				t.Fatalf("%q: inflated %q, compress/flate %q", data, got, want)
			}
		}
	})
}

// FuzzInflateWhole: inflate decodes what compress/flate and the streaming inflater decode, to
// the byte, when told the right size, and refuses every other size and every stream they
// refuse.
func FuzzInflateWhole(f *testing.F) {
	addDeflated(f, []string{"word/document.xml", "word/styles.xml", "word/numbering.xml"}, flate.NoCompression, flate.BestSpeed, flate.DefaultCompression, flate.BestCompression, flate.HuffmanOnly)
	f.Add([]byte("\x00\x05\x00\xfa\xffhello"))
	f.Add([]byte("\x01\x00\x00\xff\xff"))
	f.Add([]byte("\x03\x00"))
	f.Add([]byte("garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		want, werr := io.ReadAll(flate.NewReader(bytes.NewReader(data)))
		r := newInflater(bytes.NewReader(data))
		streamed, serr := io.ReadAll(r)
		r.Close()
		if (serr != nil) != (werr != nil) || serr == nil && !bytes.Equal(streamed, want) {
			t.Fatalf("%q: streaming inflater %q (%v), compress/flate %q (%v)", data, streamed, serr, want, werr)
		}
		for _, size := range []int{len(want), len(want) + 1, len(want) - 1, 0} {
			if size < 0 {
				continue
			}
			got, ok := inflate(make([]byte, 0, 8), data, size)
			if ok != (werr == nil && size == len(want)) {
				t.Fatalf("%q, size %d: inflate ok %v; compress/flate %d bytes, error %v", data, size, ok, len(want), werr)
			}
			if ok && !bytes.Equal(got, want) {
				t.Fatalf("%q: inflated %q, compress/flate %q", data, got, want)
			}
		}
	})
}

// addDeflated adds to the corpus the first 4,000 bytes of parts of a Word-like file, deflated
// at each level.
func addDeflated(f *testing.F, parts []string, levels ...int) {
	word := docxgen.WordReport(strings.Split(readSeedText(f), "\n")[:12])
	for _, part := range parts {
		for _, level := range levels {
			var b bytes.Buffer
			w, _ := flate.NewWriter(&b, level)
			w.Write([]byte(unzipText(f, word, part)[:4000]))
			w.Close()
			f.Add(b.Bytes())
		}
	}
}
