package input

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"
)

// openZip opens a zip container held in memory, its deflated entries read by
// klauspost/compress's inflater: on the parts of a Word file it takes about half the CPU of
// compress/flate's (a decoding loop made for the reader it is given; FuzzInflate holds it to
// compress/flate), and inflating was a third of reading a .docx.
func openZip(data []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(inMemory(data), int64(len(data)))
	if zr != nil {
		zr.RegisterDecompressor(zip.Deflate, newInflater)
	}
	return zr, err
}

// inflaters are the inflaters of parts read before, reset for the next.
var inflaters sync.Pool

// inflater returns its inflater to the pool when closed.
type inflater struct{ r io.ReadCloser }

func newInflater(r io.Reader) io.ReadCloser {
	// archive/zip hands over the entry's compressed bytes as a section of the archive. When
	// the archive is in memory, the inflater reads them from a bytes.Reader, which it reads a
	// byte at a time directly; any other reader it wraps in a new bufio.Reader (4 KB for
	// every part).
	if s, ok := r.(*io.SectionReader); ok {
		if m, off, n := s.Outer(); m != nil {
			if data, ok := m.(inMemory); ok {
				if b, ok := data.section(off, n); ok {
					r = bytes.NewReader(b)
				}
			}
		}
	}
	fr, ok := inflaters.Get().(io.ReadCloser)
	if ok {
		_ = fr.(flate.Resetter).Reset(r, nil) // it only fails on a dictionary, and there is none
	} else {
		fr = flate.NewReader(r)
	}
	return &inflater{fr}
}

var errClosed = errors.New("read after close")

func (f *inflater) Read(p []byte) (int, error) {
	if f.r == nil {
		return 0, errClosed
	}
	return f.r.Read(p)
}

func (f *inflater) Close() error {
	if f.r == nil {
		return nil
	}
	err := f.r.Close()
	inflaters.Put(f.r)
	f.r = nil
	return err
}

// inMemory is an archive held in memory, read as bytes.Reader reads it.
type inMemory []byte

func (m inMemory) ReadAt(p []byte, off int64) (int, error) {
	return bytes.NewReader(m).ReadAt(p, off)
}

// section returns the n bytes at off, or as many as there are: what an io.SectionReader of
// them reads. It is false for an offset outside m or a negative length (then the section
// reader is left to say what it reads).
func (m inMemory) section(off, n int64) ([]byte, bool) {
	if off < 0 || off > int64(len(m)) || n < 0 {
		return nil, false
	}
	return m[off : off+min(n, int64(len(m))-off)], true
}

// inflatePart decompresses a deflated part of an archive in memory in one call (inflate) into
// buf's array, when that reads it without error as f.Open and a Read to the end would
// (inflateChecked). Otherwise it is false, and the part is read through f.Open, which says what
// is wrong.
func inflatePart(f *zip.File, buf []byte) ([]byte, bool) {
	if f.Method != zip.Deflate || strings.HasSuffix(f.Name, "/") || f.UncompressedSize64 > maxPart {
		return nil, false
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return nil, false
	}
	s, ok := raw.(*io.SectionReader)
	if !ok {
		return nil, false
	}
	m, off, n := s.Outer()
	data, ok := m.(inMemory)
	if !ok {
		return nil, false
	}
	return inflateChecked(data, [2]int64{off, n}, f.Flags, f.CRC32, f.UncompressedSize64, buf)
}

// inflateChecked decompresses the deflated data of a part, the length body[1] at body[0] in
// data, into buf's array, when that reads it as archive/zip reads it without error: the stream
// ends with the size the directory gives (usize, at most maxPart), and its CRC-32 is the
// directory's (crc; none is checked when it is 0 and there is no data descriptor), and the
// data descriptor's when flags say there is one. Otherwise it is false.
func inflateChecked(data inMemory, body [2]int64, flags uint16, crc uint32, usize uint64, buf []byte) ([]byte, bool) {
	off, n := body[0], body[1]
	src, ok := data.section(off, n)
	if !ok {
		return nil, false
	}
	out, ok := inflate(buf[:0], src, int(usize))
	if !ok {
		return nil, false
	}
	sum := crc32.ChecksumIEEE(out)
	if flags&0x8 == 0 {
		return out, crc == 0 || sum == crc
	}
	// The data descriptor: its CRC-32, after a signature or not, must be the directory's.
	d, ok := data.section(off+n, 16)
	if !ok || len(d) < 4 {
		return nil, false
	}
	if binary.LittleEndian.Uint32(d) == 0x08074b50 {
		d = d[4:]
	}
	if len(d) < 12 || binary.LittleEndian.Uint32(d) != crc || sum != crc {
		return nil, false
	}
	return out, true
}
