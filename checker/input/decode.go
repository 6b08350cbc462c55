// Package input turns the bytes of a file into lines of text: it detects and decodes the
// encoding (UTF-8, GB18030/GBK, UTF-16), splits any kind of line end, and refuses what is not
// text with a reason a user can act on.
package input

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	unicodeclass "unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/fzlint/fzlint/checker/fold"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encodings as reported in Text.Encoding and input/encoding findings.
const (
	UTF8    = "UTF-8"
	UTF8BOM = "UTF-8 (BOM)"
	GB18030 = "GB18030"
	UTF16LE = "UTF-16LE"
	UTF16BE = "UTF-16BE"
)

// maxBytes bounds a file read whole. A report is a few tens of KB, but a supervisor may
// concatenate a year's reports into one file: 128 MiB holds a few thousand, and takes about
// 4 times that in memory to check (README, "Memory").
const maxBytes = 128 << 20

// Text is a decoded file.
type Text struct {
	Lines    []string
	Encoding string // one of the constants above
	EOL      string // the first line end seen: "\n", "\r\n" or "\r" ("" when the file has one line)
	// Ends holds each line's own end ("" for a last line without one), so that a fixed file
	// is written back with the line ends it had, even mixed ones. Set by DecodeText only.
	Ends []string
	// Map leads each logical line back to the file (nil: line i is line i of the file, column
	// for column). Readers and transformations that move text fill it; see SourceMap.
	Map *SourceMap
	// Source holds the file's own lines, which Map's positions index (Pos.Line), when a
	// transformation rebuilt Lines from them (re-joined hard-wrapped lines, a one-line report
	// split into paragraphs); nil when Lines are the file's lines. Ends, when set, are the
	// ends of these lines. Renderers quote and fixes edit these lines, never the rebuilt ones.
	Source []string
	// Docx, for a .docx, says where each character of each line is in word/document.xml
	// (recorded by the walk that reads it), for writers that splice into the file.
	Docx *DocxAnchors

	// plain is Lines as the reader made them when validating the file's UTF-8 found no
	// character that fold.String changes (see NothingToFold); nil otherwise.
	plain []string
}

// NothingToFold reports whether the reader found, in the pass that validated the file's
// UTF-8, that no character of Lines has a traditional form fold.String would change, so that
// the text need not be read again to fold it. It holds only for the lines the reader made:
// a copy of the Text given other Lines (a fixed text) does not inherit it.
func (t *Text) NothingToFold() bool {
	return len(t.plain) > 0 && len(t.plain) == len(t.Lines) && &t.plain[0] == &t.Lines[0]
}

// Unreadable is the error for a file that is not a text fzlint can read. Its message is shown
// to the user as the reason.
type Unreadable struct{ Reason string }

func (e *Unreadable) Error() string { return e.Reason }

// IsUnreadable reports whether err says the file is not readable text.
func IsUnreadable(err error) bool {
	var u *Unreadable
	return errors.As(err, &u)
}

// DecodeText decodes the bytes of a .txt or .md file. The text is a copy: data may change
// afterwards.
func DecodeText(data []byte) (*Text, error) { return decodeText(data, false, nil) }

// decodeText is DecodeText; with owned, data is handed over to the text (ReadOptions.Owned): a
// UTF-8 file's lines are data's bytes rather than a copy of them (one copy of the file in
// memory, not two, and no time spent making it), and nothing may change data afterwards, for
// as long as the text or any string taken from it is in use. With store set, the text's
// Lines and Ends are its slices (ReadOptions.Lines).
func decodeText(data []byte, owned bool, store *LineStore) (*Text, error) {
	s, enc, folds, err := decodeFolds(data, owned)
	if err != nil {
		return nil, err
	}
	// Counted before the lines are made, so that a file of line ends is refused before it
	// takes the memory.
	if n := max(strings.Count(s, "\n"), strings.Count(s, "\r")); n > maxLines {
		return nil, tooManyLines(n)
	}
	var lines, ends []string
	if store != nil {
		lines, ends = store.lines, store.ends
	}
	lines, ends, eol := splitLines(s, lines, ends)
	if store != nil {
		store.lines, store.ends = lines, ends
	}
	t := &Text{Lines: lines, Encoding: enc, EOL: eol, Ends: ends}
	if !folds {
		t.plain = lines
	}
	return t, nil
}

// decode finds the encoding and returns the text as UTF-8 without a BOM; owned says the text
// may be data's bytes (ReadOptions.Owned).
func decode(data []byte, owned bool) (string, string, error) {
	s, enc, _, err := decodeFolds(data, owned)
	return s, enc, err
}

// decodeFolds is decode, and also says whether the text may hold a character that
// fold.String changes: false only when validating its UTF-8 found none (fold.Valid).
func decodeFolds(data []byte, owned bool) (s, enc string, folds bool, err error) {
	folds = true
	if len(data) > maxBytes {
		return "", "", folds, &Unreadable{fmt.Sprintf("文件过大（%d MB），不像是一份报告", len(data)>>20)}
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		body := data[3:]
		valid, f := fold.Valid(body)
		if !valid {
			return "", "", folds, &Unreadable{"文件以 UTF-8 BOM 开头，但内容不是有效的 UTF-8"}
		}
		s, enc, err = checkText(asString(body, owned), UTF8BOM)
		return s, enc, f, err
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		s, enc, err = decodeWith(data, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), UTF16LE)
		return s, enc, folds, err
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		s, enc, err = decodeWith(data, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), UTF16BE)
		return s, enc, folds, err
	}
	// UTF-16 without a BOM has NUL bytes, as binary files do; text has none.
	if bytes.IndexByte(data, 0) >= 0 {
		if enc, ok := sniffUTF16(data); ok {
			e := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
			if enc == UTF16BE {
				e = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
			}
			s, enc, err = decodeWith(data, e, enc)
			return s, enc, folds, err
		}
		return "", "", folds, &Unreadable{"二进制文件（含 NUL 字节），不是文本"}
	}
	if valid, f := fold.Valid(data); valid {
		s, enc, err = checkText(asString(data, owned), UTF8)
		return s, enc, f, err
	}
	s, enc, err = decodeWith(data, simplifiedchinese.GB18030, GB18030)
	return s, enc, folds, err
}

// asString returns b as a string: b's own bytes when the caller owns them and will never
// change them (owned), a copy otherwise.
func asString(b []byte, owned bool) string {
	if owned {
		return unsafe.String(unsafe.SliceData(b), len(b))
	}
	return string(b)
}

func decodeWith(data []byte, enc encoding.Encoding, name string) (string, string, error) {
	out, err := decodeAll(enc.NewDecoder(), data)
	if err != nil {
		return "", "", &Unreadable{fmt.Sprintf("无法按 %s 解码：%v", name, err)}
	}
	// out is the decoder's new slice, which nothing else refers to or writes: the text is it
	// rather than a copy.
	s := unsafe.String(unsafe.SliceData(out), len(out))
	if name == GB18030 {
		// GB18030 maps almost any byte sequence; invalid bytes come out as U+FFFD. A real GBK or
		// GB18030 text has none, or a handful from a damaged copy.
		bad := 0
		for _, r := range s {
			if r == utf8.RuneError {
				bad++
			}
		}
		if bad > 0 && bad*100 > utf8.RuneCountInString(s) {
			return "", "", &Unreadable{"无法识别的编码：既不是 UTF-8，也不是 GB18030/GBK 或带 BOM 的 UTF-16"}
		}
	}
	return checkText(s, name)
}

// decodeAll is the decoder's Bytes with room for the text from the start: a Chinese character
// of two bytes in GB18030 or UTF-16 takes three in UTF-8, so half as much again as the input
// holds a Chinese text, where Bytes begins with the input's size and grows it by half again
// (2.5 times the input allocated for 1.5 used; a tenth of what a run over gencorpus 10k
// allocated). A text that needs more (invalid bytes become U+FFFD) grows as Bytes would.
func decodeAll(dec *encoding.Decoder, data []byte) ([]byte, error) {
	out, _, err := transform.Append(dec, make([]byte, 0, len(data)+len(data)/2+64), data)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkText refuses empty files and binary content that happens to decode.
func checkText(s, enc string) (string, string, error) {
	if blank(s) {
		return "", "", &Unreadable{"文件为空"}
	}
	control := controlBytes(s)
	if control > 0 && control*50 > utf8.RuneCountInString(s) {
		return "", "", &Unreadable{"二进制文件（控制字符过多），不是文本"}
	}
	return s, enc, nil
}

// validUTF8 is utf8.Valid, by fold.Valid's pass (a shortcut for the character of three bytes
// that most of a Chinese text is), for a reader that has no use for what it says of folding.
func validUTF8(p []byte) bool {
	valid, _ := fold.Valid(p)
	return valid
}

// controlBytes counts the control characters of s other than white space. They are single
// bytes below 0x20 in UTF-8; eight bytes are tested at once, and only a word holding such a
// byte (in text, one with a line end) is looked at byte by byte.
func controlBytes(s string) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	n, i := 0, 0
	for ; i+8 <= len(s); i += 8 {
		_ = s[i+7]
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// The high bit of each byte below 0x20: w - 0x20 borrows there, and the byte's
		// own high bit is clear.
		if (w-0x20*ones)&^w&highs == 0 {
			continue
		}
		n += countControl(s[i : i+8])
	}
	return n + countControl(s[i:])
}

func countControl(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' {
			n++
		}
	}
	return n
}

// blank reports whether s holds only white space (U+3000, U+00A0 and BOMs included).
// allBlank says whether every line is blank (without joining them).
func allBlank(lines []string) bool {
	for _, l := range lines {
		if !blank(l) {
			return false
		}
	}
	return true
}

func blank(s string) bool {
	for _, r := range s {
		if !unicodeclass.IsSpace(r) && r != '\ufeff' {
			return false
		}
	}
	return true
}

// sniffUTF16 detects UTF-16 without a BOM: text in which every other byte is mostly zero
// (ASCII), or in which 98 % of the code units are of Chinese text (and the other bytes are not).
// Only clear cases are accepted.
func sniffUTF16(data []byte) (string, bool) {
	if len(data) < 4 || len(data)%2 != 0 {
		return "", false
	}
	var zeroEven, zeroOdd int
	for i := 0; i+1 < len(data); i += 2 {
		if data[i] == 0 {
			zeroEven++
		}
		if data[i+1] == 0 {
			zeroOdd++
		}
	}
	pairs := len(data) / 2
	switch {
	case zeroOdd*3 > pairs && zeroEven*20 < pairs:
		return UTF16LE, true
	case zeroEven*3 > pairs && zeroOdd*20 < pairs:
		return UTF16BE, true
	}
	// Chinese text is mostly not ASCII: there the high byte of nearly every code unit is
	// that of a character a report writes, while its low byte is any byte.
	var hiOdd, hiEven int
	for i := 0; i+1 < len(data); i += 2 {
		if chineseHigh[data[i+1]] {
			hiOdd++
		}
		if chineseHigh[data[i]] {
			hiEven++
		}
	}
	switch {
	case zeroOdd > 0 && hiOdd*50 >= pairs*49 && hiEven*10 < pairs*9:
		return UTF16LE, true
	case zeroEven > 0 && hiEven*50 >= pairs*49 && hiOdd*10 < pairs*9:
		return UTF16BE, true
	}
	return "", false
}

// chineseHigh marks the high bytes of the code units Chinese text is made of: ASCII (00),
// general punctuation such as “” and — (20), CJK punctuation such as 、。《》 (30), the CJK
// ideographs (4E–9F) and full-width forms such as ，：（） (FF).
var chineseHigh = func() (t [256]bool) {
	for _, b := range []int{0x00, 0x20, 0x30, 0xFF} {
		t[b] = true
	}
	for b := 0x4E; b <= 0x9F; b++ {
		t[b] = true
	}
	return
}()

// splitLines splits text at "\r\n", "\r" or "\n" and returns the lines, each line's end, and
// the first line end seen. A final line end does not start another line. The lines and ends
// are appended to lines[:0] and ends[:0] when they have room for them.
func splitLines(s string, lines, ends []string) (_, _ []string, eol string) {
	n := strings.Count(s, "\n") + 1
	lines, ends = slices.Grow(lines[:0], n), slices.Grow(ends[:0], n)
	// Find line ends with the vectorised byte search; most files have no CR at all.
	next := func(t string) int { return strings.IndexByte(t, '\n') }
	if cr := strings.Count(s, "\r"); cr > 0 {
		next = func(t string) int { return strings.IndexAny(t, "\r\n") }
		if cr == strings.Count(s, "\r\n") {
			// Every CR is in a CRLF (a Windows file): the line ends where the CR before
			// the LF is.
			next = func(t string) int {
				i := strings.IndexByte(t, '\n')
				if i > 0 && t[i-1] == '\r' {
					i--
				}
				return i
			}
		}
	}
	start := 0
	for start < len(s) {
		i := next(s[start:])
		if i < 0 {
			break
		}
		i += start
		end := "\n"
		if s[i] == '\r' {
			end = "\r"
			if i+1 < len(s) && s[i+1] == '\n' {
				end = "\r\n"
			}
		}
		lines = append(lines, s[start:i])
		ends = append(ends, end)
		if eol == "" {
			eol = end
		}
		start = i + len(end)
	}
	if start < len(s) {
		lines = append(lines, s[start:])
		ends = append(ends, "")
	}
	return lines, ends, eol
}
