package input

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"
)

// A batch reads every file into the same buffer: what was read from one file must not change
// when the next overwrites the buffer, in every format.
func TestReadFileIntoReusesBufferSafely(t *testing.T) {
	// Largest first, so that each file is read over the bytes of the one before.
	files := []string{
		"../../testdata/html/003_7f633bab698fbd83.html",
		"../../testdata/docx/003_7f633bab698fbd83.libreoffice.docx",
		"../../testdata/html/003_7f633bab698fbd83.gbk.html",
		"../../testdata/seeds/003_7f633bab698fbd83.txt",
	}
	var buf bytes.Buffer
	var texts []*Text
	var copies [][]string
	for _, f := range files {
		data, err := ReadFileInto(f, &buf)
		if err != nil {
			t.Fatal(err)
		}
		text, err := Read(f, data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		texts = append(texts, text)
		own := make([]string, len(text.Lines))
		for k, line := range text.Lines {
			own[k] = strings.Clone(line) // its own bytes, not the text's
		}
		copies = append(copies, own)
	}
	// Overwrite the start of the buffer with something else entirely.
	junk := filepath.Join(t.TempDir(), "junk.txt")
	if err := os.WriteFile(junk, bytes.Repeat([]byte("x"), 1<<10), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFileInto(junk, &buf); err != nil {
		t.Fatal(err)
	}
	for i, text := range texts {
		for k, line := range text.Lines {
			if line != copies[i][k] {
				t.Fatalf("%s line %d changed after the buffer was reused: %q", files[i], k+1, line)
			}
		}
	}
}

// A LineStore lends its slices to one text after another: each text's lines and ends are
// those it gets without one, in the store's memory once it has room, and Release overwrites
// them.
func TestLineStoreLendsItsSlices(t *testing.T) {
	var store LineStore
	texts := []string{"一\n二\r\n三\n四\n", "甲\r\n乙", "\n\n\n\n五\n\n", "x\ry\rz\r", "一\n二\n三\n"}
	for round := range 2 {
		for _, s := range texts {
			want, err := ReadWith("r.txt", []byte(s), ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := ReadWith("r.txt", []byte(s), ReadOptions{Lines: &store})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Lines, want.Lines) || !slices.Equal(got.Ends, want.Ends) || got.EOL != want.EOL {
				t.Errorf("%q with a store: %q %q %q, without: %q %q %q", s, got.Lines, got.Ends, got.EOL, want.Lines, want.Ends, want.EOL)
			}
			if round == 1 && (&got.Lines[0] != &store.lines[0] || &got.Ends[0] != &store.ends[0]) {
				t.Errorf("%q: the second time round, the text's lines are not the store's", s)
			}
			lines := got.Lines
			store.Release()
			for i, l := range lines {
				if l != "" {
					t.Errorf("%q: line %d is %q after Release", s, i+1, l)
				}
			}
		}
	}
}

// A text file read with ReadOptions.Owned has the bytes handed over as its lines, not a copy
// (a batch hands over the buffer of a huge file); DecodeText's are a copy.
func TestOwnedTextSharesTheBytes(t *testing.T) {
	for _, prefix := range []string{"", "\xef\xbb\xbf"} {
		data := []byte(prefix + "一、总体情况\n正文。\n")
		owned, err := ReadWith("r.txt", data, ReadOptions{Owned: true})
		if err != nil {
			t.Fatal(err)
		}
		copied, err := DecodeText(data)
		if err != nil {
			t.Fatal(err)
		}
		start := unsafe.SliceData(data[len(prefix):])
		if unsafe.StringData(owned.Lines[0]) != start {
			t.Errorf("%q: ReadWith(Owned) copied the bytes", prefix)
		}
		if unsafe.StringData(copied.Lines[0]) == start {
			t.Errorf("%q: DecodeText shares the caller's bytes", prefix)
		}
	}
}

// controlBytes, eight bytes at a time, counts what countControl counts a byte at a time.
func FuzzControlBytes(f *testing.F) {
	f.Add("第一行\n第二行\r\n\t缩进\x01\x02\x1f 结束\x7f\x80\xff")
	f.Add("\x00\x00\x00\x00\x00\x00\x00\x00\x00 \x1f\x20\x21")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := controlBytes(s), countControl(s); got != want {
			t.Errorf("controlBytes(%q) = %d, want %d", s, got, want)
		}
	})
}

// splitLines gives the lines and line ends that a plain search for CR or LF gives, whatever
// mix of line ends the text has.
func FuzzSplitLines(f *testing.F) {
	for _, s := range []string{"a\r\nb\r\n", "a\rb\nc\r\n", "\r\n\r\n", "x\n\r\ny\r", "末行无换行\r\n甲"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lines, ends, eol := splitLines(s, nil, nil)
		var wl, we []string
		weol := ""
		start := 0
		for start < len(s) {
			i := strings.IndexAny(s[start:], "\r\n")
			if i < 0 {
				break
			}
			i += start
			end := s[i : i+1]
			if end == "\r" && strings.HasPrefix(s[i:], "\r\n") {
				end = "\r\n"
			}
			wl, we = append(wl, s[start:i]), append(we, end)
			if weol == "" {
				weol = end
			}
			start = i + len(end)
		}
		if start < len(s) {
			wl, we = append(wl, s[start:]), append(we, "")
		}
		if !slices.Equal(lines, wl) || !slices.Equal(ends, we) || eol != weol {
			t.Errorf("splitLines(%q) = %q %q %q, want %q %q %q", s, lines, ends, eol, wl, we, weol)
		}
	})
}

func FuzzValidUTF8(f *testing.F) {
	for _, s := range []string{"法治政府建设", "\xe0\x80\x80", "\xed\xa0\x80", "\xef\xbf\xbd", "\xf0\x9f\x98\x80", "\xe4\xb8", "a\xff", "\xc3\xa9\xe4\xb8\xad"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := validUTF8(b), utf8.Valid(b); got != want {
			t.Errorf("validUTF8(%q) = %v, want %v", b, got, want)
		}
	})
}

// A zero-byte file of any format is said to be empty, not a damaged ZIP or an unknown kind of
// Word file.
func TestEmptyFileOfEveryFormat(t *testing.T) {
	for _, name := range []string{"r.txt", "r.docx", "r.odt", "r.ofd", "r.doc", "r.wps", "r.pdf", "r.html"} {
		_, err := Read(name, nil)
		var u *Unreadable
		if !errors.As(err, &u) || !strings.HasPrefix(u.Reason, "文件为空") {
			t.Errorf("%s: %v, want 文件为空", name, err)
		}
	}
}
