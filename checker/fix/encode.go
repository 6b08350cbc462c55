package fix

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/fzlint/fzlint/checker/input"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// ErrNotRoundTrip is returned when a file would not be written back byte for byte as it was
// read (for instance a GB18030 file with damaged bytes): such a file is not fixed.
var ErrNotRoundTrip = errors.New("文件无法按原编码原样写回，未自动修复")

var boms = map[string][]byte{
	input.UTF8BOM: {0xEF, 0xBB, 0xBF},
	input.UTF16LE: {0xFF, 0xFE},
	input.UTF16BE: {0xFE, 0xFF},
}

// Rewrite returns the bytes of a file whose decoded text t has had its lines replaced by
// lines (same count), in the file's encoding, with its BOM if it had one, and with each line's
// own line end. It first checks that t's own lines give back data exactly, so that nothing
// but the fixed text can change.
func Rewrite(data []byte, t *input.Text, lines []string) ([]byte, error) {
	if len(lines) != len(t.Lines) || len(t.Ends) != len(t.Lines) {
		return nil, fmt.Errorf("fix: %d lines for a text of %d (ends: %d)", len(lines), len(t.Lines), len(t.Ends))
	}
	bom := boms[t.Encoding]
	if !bytes.HasPrefix(data, bom) {
		bom = nil // UTF-16 recognised without a BOM
	}
	orig, err := encode(t.Lines, t.Ends, t.Encoding, bom)
	if err != nil || !bytes.Equal(orig, data) {
		return nil, ErrNotRoundTrip
	}
	return encode(lines, t.Ends, t.Encoding, bom)
}

func encode(lines, ends []string, enc string, bom []byte) ([]byte, error) {
	var b strings.Builder
	for i, l := range lines {
		b.WriteString(l)
		b.WriteString(ends[i])
	}
	var e encoding.Encoding
	switch enc {
	case input.UTF8, input.UTF8BOM:
		return append(append([]byte(nil), bom...), b.String()...), nil
	case input.GB18030:
		e = simplifiedchinese.GB18030
	case input.UTF16LE:
		e = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case input.UTF16BE:
		e = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	default:
		return nil, fmt.Errorf("fix: cannot write encoding %q", enc)
	}
	out, err := e.NewEncoder().Bytes([]byte(b.String()))
	if err != nil {
		return nil, err
	}
	return append(append([]byte(nil), bom...), out...), nil
}
