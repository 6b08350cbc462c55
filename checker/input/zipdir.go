package input

import (
	"archive/zip"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

// container is a zip container held in memory (.docx, .odt, .ofd), its parts looked up by
// name. Its central directory is read in place (readZipDir) when it is laid out plainly, as
// Word, WPS, LibreOffice and Go's archive/zip write it; archive/zip reads any other, and any
// part that inflate does not read as archive/zip would. archive/zip's reader makes a File,
// with its name and extra fields, for every entry of the archive and buffers the directory
// through a 4 KB bufio.Reader: a Word file has a dozen entries, of which the reader needs
// three.
type container struct {
	format string
	data   []byte
	trim   bool       // names are looked up without a leading "/" (.odt, .ofd)
	dir    []zipEntry // the directory read in place; nil when files holds it
	files  map[string]*zip.File
}

// zipEntry is an entry of the central directory: what archive/zip's File holds that the
// reader uses, its name as offsets into the archive.
type zipEntry struct {
	name         [2]int // data[name[0]:name[1]]
	method       uint16
	flags        uint16
	crc32        uint32
	csize, usize uint64
	header       int64 // the local file header
}

// openContainer opens a zip container within the limits every container reader keeps. dir is
// room for its directory, and with trim, a part's name is what follows a leading "/".
func openContainer(format string, data []byte, trim bool, dir []zipEntry) (container, error) {
	c := container{format: format, data: data, trim: trim}
	if d, ok := readZipDir(data, dir[:0]); ok {
		if err := checkEntries(format, len(d)); err != nil {
			return c, err
		}
		var total uint64
		for _, e := range d {
			total += e.usize
		}
		if err := checkExpanded(format, total); err != nil {
			return c, err
		}
		c.dir = d
		return c, nil
	}
	err := c.openFiles(true)
	return c, err
}

// openFiles reads the directory with archive/zip, and with limits, checks the limits.
func (c *container) openFiles(limits bool) error {
	zr, err := openZip(c.data)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return &Unreadable{fmt.Sprintf("不是有效的 .%s 文件（ZIP 压缩包已损坏）：%v", c.format, err)}
	}
	if limits {
		if err := checkEntries(c.format, len(zr.File)); err != nil {
			return err
		}
	}
	var total uint64
	files := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		total += f.UncompressedSize64
		name := f.Name
		if c.trim {
			name = strings.TrimPrefix(name, "/")
		}
		files[name] = f
	}
	if limits {
		if err := checkExpanded(c.format, total); err != nil {
			return err
		}
	}
	c.files, c.dir = files, nil
	return nil
}

// read decompresses the part of a name into buf's array when it is large enough; nil when
// there is no such part. Where several entries have the name, the last is read.
func (c *container) read(name string, buf []byte) ([]byte, error) {
	if c.files == nil {
		e := c.lookup(name)
		if e == nil {
			return nil, nil
		}
		if err := checkPart(c.format, name, e.usize); err != nil {
			return nil, err
		}
		if e.method == zip.Deflate && !c.isDir(e) && e.usize <= maxPart {
			if src, ok := c.body(e); ok {
				if b, ok := inflateChecked(inMemory(c.data), src, e.flags, e.crc32, e.usize, buf); ok {
					return b, nil
				}
			}
		}
		// archive/zip reads it, and says what is wrong with it.
		if err := c.openFiles(false); err != nil {
			return nil, err
		}
	}
	return readPartInto(c.format, c.files, name, buf)
}

// isDir says whether an entry's name ends in "/".
func (c *container) isDir(e *zipEntry) bool {
	return e.name[1] > e.name[0] && c.data[e.name[1]-1] == '/'
}

// lookup returns the last entry of a name, nil for none.
func (c *container) lookup(name string) *zipEntry {
	for i := len(c.dir) - 1; i >= 0; i-- {
		e := &c.dir[i]
		n := c.data[e.name[0]:e.name[1]]
		if c.trim && len(n) > 0 && n[0] == '/' {
			n = n[1:]
		}
		if string(n) == name {
			return e
		}
	}
	return nil
}

// body returns the offset and length of an entry's compressed data, after its local header,
// as archive/zip's File.OpenRaw finds them; false where OpenRaw fails.
func (c *container) body(e *zipEntry) ([2]int64, bool) {
	const localHeaderLen = 30
	h := e.header
	if h < 0 || h > int64(len(c.data))-localHeaderLen || binary.LittleEndian.Uint32(c.data[h:]) != 0x04034b50 {
		return [2]int64{}, false
	}
	nameLen := int64(binary.LittleEndian.Uint16(c.data[h+26:]))
	extraLen := int64(binary.LittleEndian.Uint16(c.data[h+28:]))
	return [2]int64{h + localHeaderLen + nameLen + extraLen, int64(e.csize)}, true
}

// readZipDir reads the central directory of a zip archive in place, appending its entries to
// dir, when the archive is laid out plainly: the end of central directory record closes the
// archive (no comment), the directory ends where that record begins and starts at the offset
// it gives (no data before the archive), the number of entries is the one it gives, and
// nothing needs zip64. Then archive/zip reads the same entries, with the same names, methods,
// flags, checksums, sizes and offsets; otherwise readZipDir is false, and archive/zip reads
// the directory, or says what is wrong with it. FuzzZipDir holds it to archive/zip.
func readZipDir(data []byte, dir []zipEntry) ([]zipEntry, bool) {
	const endLen, headerLen = 22, 46
	end := len(data) - endLen
	if end < 0 || binary.LittleEndian.Uint32(data[end:]) != 0x06054b50 || binary.LittleEndian.Uint16(data[end+20:]) != 0 {
		return nil, false
	}
	records := int(binary.LittleEndian.Uint16(data[end+10:]))
	size := int64(binary.LittleEndian.Uint32(data[end+12:]))
	offset := int64(binary.LittleEndian.Uint32(data[end+16:]))
	// These say zip64 to archive/zip, which then looks for more records.
	if records == 0xffff || size == 0xffff || offset == 0xffffffff {
		return nil, false
	}
	if offset+size != int64(end) {
		return nil, false
	}
	for p := int(offset); p < end; {
		h := data[p:end]
		if len(h) < headerLen || binary.LittleEndian.Uint32(h) != 0x02014b50 {
			return nil, false
		}
		e := zipEntry{
			flags:  binary.LittleEndian.Uint16(h[8:]),
			method: binary.LittleEndian.Uint16(h[10:]),
			crc32:  binary.LittleEndian.Uint32(h[16:]),
			csize:  uint64(binary.LittleEndian.Uint32(h[20:])),
			usize:  uint64(binary.LittleEndian.Uint32(h[24:])),
			header: int64(binary.LittleEndian.Uint32(h[42:])),
		}
		// A size or an offset of 2³²-1 is read from a zip64 extra field.
		if e.csize == 0xffffffff || e.usize == 0xffffffff || e.header == 0xffffffff {
			return nil, false
		}
		nameLen := int(binary.LittleEndian.Uint16(h[28:]))
		rest := nameLen + int(binary.LittleEndian.Uint16(h[30:])) + int(binary.LittleEndian.Uint16(h[32:]))
		if headerLen+rest > len(h) {
			return nil, false
		}
		e.name = [2]int{p + headerLen, p + headerLen + nameLen}
		dir = append(dir, e)
		p += headerLen + rest
	}
	if len(dir) != records {
		return nil, false
	}
	return dir, true
}
