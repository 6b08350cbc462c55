package input

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
)

// Head returns up to n bytes from the start of the file at path: enough to tell what wrote it
// (nil when it cannot be read).
func Head(path string, n int) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	b := make([]byte, n)
	m, _ := io.ReadFull(f, b)
	return b[:m]
}

// ZipPartContains reports whether the ZIP file at path has a part named name, of at most limit
// bytes, that holds s.
func ZipPartContains(path, name string, s []byte, limit int64) bool {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return false
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != name || f.UncompressedSize64 > uint64(limit) {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return false
		}
		data, err := io.ReadAll(io.LimitReader(rc, limit))
		rc.Close()
		return err == nil && bytes.Contains(data, s)
	}
	return false
}
