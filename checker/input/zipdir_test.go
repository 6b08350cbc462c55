package input

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/internal/docxgen"
)

// containerSeeds are the archives of archiveSeeds, an .odt, and archives that readZipDir
// leaves to archive/zip: with a comment, with data before them, and one entry short.
func containerSeeds(t testing.TB) [][]byte {
	seeds := archiveSeeds(t)
	seeds = append(seeds, testODT(`<text:p>一、总体情况</text:p>`, odtReportStyles))
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	fw, _ := w.Create("word/document.xml")
	fw.Write([]byte(docxgen.Document([]docxgen.Paragraph{{Text: "正文"}})))
	w.SetComment("注释")
	w.Close()
	seeds = append(seeds, b.Bytes())
	seeds = append(seeds, append([]byte("prefix"), seeds[0]...))
	short := bytes.Clone(seeds[1])
	binary.LittleEndian.PutUint16(short[len(short)-12:], binary.LittleEndian.Uint16(short[len(short)-12:])-1)
	return append(seeds, short)
}

// TestZipDirReadsWordFiles: the directories of the files Word, LibreOffice, docxgen and the
// tests' .odt writer make are read in place, and those readZipDir is to leave to archive/zip
// (a comment, data before the archive, a wrong count of entries) are not.
func TestZipDirReadsWordFiles(t *testing.T) {
	seeds := containerSeeds(t)
	for i, data := range seeds {
		_, ok := readZipDir(data, nil)
		if plain := i < len(seeds)-3; ok != plain {
			t.Errorf("archive %d: read in place %v, want %v", i, ok, plain)
		}
	}
}

// FuzzZipDir: where readZipDir reads a directory, archive/zip reads the same entries from it
// without error (one about insecure names aside); and every part a container reads, read in
// place or not, is what archive/zip's files give, or it fails as they do.
func FuzzZipDir(f *testing.F) {
	for _, data := range containerSeeds(f) {
		f.Add(data, false)
	}
	f.Add([]byte("PK\x05\x06\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"), false)
	f.Fuzz(func(t *testing.T, data []byte, trim bool) {
		dir, ok := readZipDir(data, nil)
		zr, zerr := openZip(data)
		if zerr != nil && !errors.Is(zerr, zip.ErrInsecurePath) {
			if ok {
				t.Fatalf("read in place; archive/zip: %v", zerr)
			}
			return
		}
		if ok {
			if len(dir) != len(zr.File) {
				t.Fatalf("%d entries; archive/zip %d", len(dir), len(zr.File))
			}
			c := container{data: data, dir: dir}
			for i, f := range zr.File {
				e := &dir[i]
				got := zipEntry{name: [2]int{}, method: e.method, flags: e.flags, crc32: e.crc32, csize: e.csize, usize: e.usize}
				want := zipEntry{method: f.Method, flags: f.Flags, crc32: f.CRC32, csize: f.CompressedSize64, usize: f.UncompressedSize64}
				if got != want || string(data[e.name[0]:e.name[1]]) != f.Name {
					t.Fatalf("entry %d: %+v; archive/zip %+v", i, got, want)
				}
				body, bok := c.body(e)
				off, err := f.DataOffset()
				if bok != (err == nil) || bok && body[0] != off {
					t.Fatalf("entry %d: body at %d (%v); archive/zip %d (%v)", i, body[0], bok, off, err)
				}
			}
		}
		if len(zr.File) > 16 {
			return
		}
		files := map[string]*zip.File{}
		for _, f := range zr.File {
			name := f.Name
			if trim {
				name = strings.TrimPrefix(name, "/")
			}
			files[name] = f
		}
		var total uint64
		for _, f := range zr.File {
			total += f.UncompressedSize64
		}
		c, err := openContainer("docx", data, trim, nil)
		if want := checkExpanded("docx", total); (err != nil) != (want != nil) || err != nil && err.Error() != want.Error() {
			t.Fatalf("opened with error %v; want %v", err, want)
		}
		if err != nil {
			return
		}
		for name := range files {
			if files[name].UncompressedSize64 > 1<<20 {
				continue
			}
			want, werr := readPartInto("docx", files, name, nil)
			c := c // read may leave the directory to archive/zip
			got, gerr := c.read(name, nil)
			if (gerr != nil) != (werr != nil) || !bytes.Equal(got, want) || gerr != nil && gerr.Error() != werr.Error() {
				t.Fatalf("%s: read %d bytes (%v); archive/zip %d bytes (%v)", name, len(got), gerr, len(want), werr)
			}
		}
	})
}
