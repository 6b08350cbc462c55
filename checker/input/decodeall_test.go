package input

import (
	"bytes"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// decodeAll gives what the decoder's Bytes gives, for text of every kind: Chinese, ASCII,
// invalid bytes (which need more room than decodeAll begins with), odd lengths.
func FuzzDecodeAll(f *testing.F) {
	gb, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("一、总体情况\n2024年，全县收到行政复议申请35件。"))
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("法治政府建设\r\nabc"))
	for _, seed := range [][]byte{gb, u16, []byte("ascii only"), bytes.Repeat([]byte{0x81}, 300), {}, {0xFF}} {
		f.Add(seed)
	}
	encodings := []encoding.Encoding{
		simplifiedchinese.GB18030,
		unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM),
		unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM),
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, enc := range encodings {
			want, wantErr := enc.NewDecoder().Bytes(data)
			got, err := decodeAll(enc.NewDecoder(), data)
			if !bytes.Equal(got, want) || (err == nil) != (wantErr == nil) {
				t.Fatalf("%v: decodeAll(%q) = %q, %v; Bytes gives %q, %v", enc, data, got, err, want, wantErr)
			}
		}
	})
}
