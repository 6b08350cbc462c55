package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// fileReader reads like a regular file: each read returns as much as is asked and is left,
// io.EOF at the end; it counts its reads, and fails the one numbered failAt (from 1) if set.
type fileReader struct {
	rest          []byte
	reads, failAt int
}

func (r *fileReader) Read(p []byte) (int, error) {
	r.reads++
	if r.reads == r.failAt {
		return 0, errors.New("I/O error")
	}
	if len(r.rest) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.rest)
	r.rest = r.rest[n:]
	return n, nil
}

// readAll reads the whole file whatever size fstat gave (the file may have grown or shrunk
// since) and whatever room the spare buffer has, as reading to EOF does; when the size is
// right, in one read, not two.
func TestReadAllReadsToTheEnd(t *testing.T) {
	for _, length := range []int{0, 1, 511, 512, 513, 4096, 100_000} {
		content := []byte(strings.Repeat("法治政府建设年度报告\n", length/31+1)[:length])
		for _, size := range []int{0, length / 2, length - 1, length, length + 1, length + 600, 3 * length} {
			if size < 0 {
				continue
			}
			for _, spare := range []int{0, 16, length, 2*length + 1024} {
				f := &fileReader{rest: content}
				got, err := readAll(f, int64(size), make([]byte, spare))
				name := fmt.Sprintf("%d bytes, fstat size %d, spare %d", length, size, spare)
				if err != nil || !bytes.Equal(got, content) {
					t.Fatalf("%s: %d bytes, %v", name, len(got), err)
				}
				if size == length && f.reads != 1 {
					t.Errorf("%s: %d reads, want 1", name, f.reads)
				}
			}
		}
	}
	f := &fileReader{rest: make([]byte, 3000), failAt: 2}
	if _, err := readAll(f, 1000, nil); err == nil || !strings.Contains(err.Error(), "I/O error") {
		t.Errorf("a failed read: %v", err)
	}
}
