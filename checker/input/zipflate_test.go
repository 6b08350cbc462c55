package input

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"os"
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

// samePart says that inflatePart reads a part of an archive only when f.Open and a Read to
// the end read it without error, and then the same bytes; it returns whether it read it.
func samePart(t *testing.T, f *zip.File) bool {
	got, ok := inflatePart(f, nil)
	var want []byte
	rc, err := f.Open()
	if err == nil {
		want, err = io.ReadAll(rc)
		rc.Close()
	}
	if ok && (err != nil || !bytes.Equal(got, want)) {
		t.Fatalf("%s: inflatePart read %d bytes; f.Open %d bytes, error %v", f.Name, len(got), len(want), err)
	}
	return ok
}

// archiveSeeds are a Word-like file, LibreOffice's, and Word-like parts deflated without
// compression (stored blocks, where a changed byte leaves a valid stream), with and without
// data descriptors (without: CRC-32 and sizes in the local headers, as Word writes them).
func archiveSeeds(t testing.TB) [][]byte {
	word := docxgen.WordReport(strings.Split(readSeedText(t), "\n")[:12])
	lo, err := os.ReadFile("../../testdata/docx/003_7f633bab698fbd83.libreoffice.docx")
	if err != nil {
		t.Fatal(err)
	}
	seeds := [][]byte{word, lo}
	for _, descriptor := range []bool{false, true} {
		var b bytes.Buffer
		w := zip.NewWriter(&b)
		w.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(out, flate.NoCompression)
		})
		for _, name := range []string{"word/document.xml", "word/styles.xml"} {
			text := []byte(unzipText(t, word, name))[:3000]
			if descriptor {
				fw, _ := w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
				fw.Write(text)
				continue
			}
			var c bytes.Buffer
			fw, _ := flate.NewWriter(&c, flate.NoCompression)
			fw.Write(text)
			fw.Close()
			raw, err := w.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(text),
				CompressedSize64: uint64(c.Len()), UncompressedSize64: uint64(len(text))})
			if err != nil {
				t.Fatal(err)
			}
			raw.Write(c.Bytes())
		}
		w.Close()
		seeds = append(seeds, b.Bytes())
	}
	return seeds
}

// TestInflatePartChanged: with a byte of a part's compressed data changed (its CRC-32 then
// wrong, or its stream broken), inflatePart reads nothing that f.Open refuses.
func TestInflatePartChanged(t *testing.T) {
	refused := 0
	for _, data := range archiveSeeds(t) {
		zr, _ := openZip(data)
		for _, f := range zr.File {
			off, err := f.DataOffset()
			if err != nil || f.Method != zip.Deflate {
				continue
			}
			for k := int64(0); k < int64(f.CompressedSize64); k += 211 {
				changed := bytes.Clone(data)
				changed[off+k] ^= 0x20
				czr, _ := openZip(changed)
				for _, cf := range czr.File {
					if !samePart(t, cf) && cf.Name == f.Name {
						refused++
					}
				}
			}
		}
	}
	if refused == 0 {
		t.Fatal("no changed part refused")
	}
}

// TestInflatePart: the parts of Word's, LibreOffice's and docxgen's files are read by
// inflatePart, with or without data descriptors, as f.Open reads them.
func TestInflatePart(t *testing.T) {
	for i, data := range archiveSeeds(t) {
		zr, err := openZip(data)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if f.Method == zip.Deflate && !samePart(t, f) {
				t.Errorf("archive %d, %s: not read by inflatePart", i, f.Name)
			}
		}
	}
}

// FuzzInflatePart: on broken, truncated and odd archives, inflatePart reads a part only as
// f.Open reads it (checksums, data descriptors and sizes included).
func FuzzInflatePart(f *testing.F) {
	for _, data := range archiveSeeds(f) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		zr, err := openZip(data)
		if zr == nil || err != nil && !errors.Is(err, zip.ErrInsecurePath) {
			return
		}
		for i, file := range zr.File {
			if i < 16 && file.UncompressedSize64 <= 1<<20 {
				samePart(t, file)
			}
		}
	})
}
