package fix_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker/fix"
	"github.com/fzlint/fzlint/checker/input"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func mustEncode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRewriteKeepsEncodingAndLineEnds(t *testing.T) {
	const before = "标题\r\n推进法制政府建设,成效明显。\n第三行\r末行"
	const after = "标题\r\n推进法治政府建设,成效明显。\n第三行\r末行"
	utf16le := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	utf16be := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	tests := []struct {
		name     string
		encoding string
		encode   func(string) []byte
	}{
		{"UTF-8", input.UTF8, func(s string) []byte { return []byte(s) }},
		{"UTF-8 with a BOM", input.UTF8BOM, func(s string) []byte { return append([]byte{0xEF, 0xBB, 0xBF}, s...) }},
		{"GB18030", input.GB18030, func(s string) []byte { return mustEncode(t, simplifiedchinese.GB18030, s) }},
		{"UTF-16LE with a BOM", input.UTF16LE, func(s string) []byte { return append([]byte{0xFF, 0xFE}, mustEncode(t, utf16le, s)...) }},
		{"UTF-16BE with a BOM", input.UTF16BE, func(s string) []byte { return append([]byte{0xFE, 0xFF}, mustEncode(t, utf16be, s)...) }},
	}
	for _, tc := range tests {
		for _, final := range []string{"", "\r\n"} {
			t.Run(tc.name+" ending with "+map[string]string{"": "no line end", "\r\n": "CRLF"}[final], func(t *testing.T) {
				data := tc.encode(before + final)
				text, err := input.DecodeText(data)
				if err != nil {
					t.Fatal(err)
				}
				if text.Encoding != tc.encoding {
					t.Fatalf("decoded as %s, want %s", text.Encoding, tc.encoding)
				}
				lines := append([]string(nil), text.Lines...)
				lines[1] = "推进法治政府建设,成效明显。"
				got, err := fix.Rewrite(data, text, lines)
				if err != nil {
					t.Fatal(err)
				}
				if want := tc.encode(after + final); !bytes.Equal(got, want) {
					t.Errorf("got  %q\nwant %q", got, want)
				}
			})
		}
	}
}

func TestRewriteRefusesTextThatDoesNotRoundTrip(t *testing.T) {
	// Damaged GB18030: a lone lead byte decodes to U+FFFD, which cannot be written back.
	data := append(mustEncode(t, simplifiedchinese.GB18030, strings.Repeat("推进法制政府建设，成效明显。\n", 20)), 0x81)
	text, err := input.DecodeText(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fix.Rewrite(data, text, text.Lines); !errors.Is(err, fix.ErrNotRoundTrip) {
		t.Errorf("err = %v, want ErrNotRoundTrip", err)
	}
}

func TestWriteFileKeepsModeAndLinks(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "报告.txt")
	if err := os.WriteFile(path, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink(path, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := fix.WriteFile(link, []byte("new"), []byte("old")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("content = %q", b)
	}
	if info, _ := os.Lstat(link); info.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v, want 0640", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}
