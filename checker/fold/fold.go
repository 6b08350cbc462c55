// Package fold folds traditional Chinese characters (繁體) to simplified ones (简体), character
// for character, so that rules written in simplified characters match a report written or
// published in traditional script.
//
// The table is OpenCC's TSCharacters.txt (Apache License 2.0, LICENSE.OpenCC), as the Go port
// github.com/longbridgeapp/opencc v0.3.13 ships it, embedded unchanged: each traditional
// character maps to the first simplified character listed for it. Only pairs whose UTF-8 forms
// have the same length are kept (all but a few rare characters outside the Basic Multilingual
// Plane), so a folded string has every character at the same byte offset and rune column as
// the original: positions found in the folded text are positions in the drafter's text, and
// no source map needs composing. OpenCC's phrase tables are not used: they would change
// lengths, and the rules only need to recognise phrases, not to write them.
package fold

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed TSCharacters.txt
var tsCharacters string

// table holds, for each character of the Basic Multilingual Plane, its simplified form (0:
// none); has is the same as a bit set that fits in the first-level cache, for the scan.
var (
	once  sync.Once
	table *[1 << 16]uint16
	has   [1 << 16 / 64]uint64
)

func load() {
	table = new([1 << 16]uint16)
	for _, line := range strings.Split(tsCharacters, "\n") {
		from, to, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		if i := strings.IndexByte(to, ' '); i >= 0 {
			to = to[:i]
		}
		f, fn := utf8.DecodeRuneInString(from)
		t, tn := utf8.DecodeRuneInString(to)
		if fn != len(from) || tn != len(to) || fn != tn || fn != 3 || f == t {
			continue
		}
		table[f] = uint16(t)
		has[f>>6] |= 1 << (f & 63)
	}
}

// String returns s with every traditional character replaced by its simplified form, and
// whether anything changed. The result has the length of s, and each character stays at its
// byte offset.
func String(s string) (string, bool) {
	once.Do(load)
	var b []byte
	for i := 0; i+2 < len(s); {
		c := s[i]
		if c < 0xE0 {
			i++ // ASCII, or a byte of a two-byte character
			continue
		}
		c1, c2 := s[i+1], s[i+2]
		// Both continuation bytes (10xxxxxx) in one test: each XOR 0x80 is below 0x40.
		if c > 0xEF || (c1^0x80)|(c2^0x80) >= 0x40 {
			i++ // a four-byte character, or not UTF-8: step over its bytes one by one
			continue
		}
		// The character's block of 64 (its bits 15–6) picks the word, its last six bits the bit.
		if has[(uint(c&0x0F)<<6|uint(c1&0x3F))&1023]>>(c2&0x3F)&1 != 0 {
			if b == nil {
				b = []byte(s)
			}
			t := table[uint(c&0x0F)<<12|uint(c1&0x3F)<<6|uint(c2&0x3F)]
			b[i], b[i+1], b[i+2] = 0xE0|byte(t>>12), 0x80|byte(t>>6)&0x3F, 0x80|byte(t)&0x3F
		}
		i += 3
	}
	if b == nil {
		return s, false
	}
	return string(b), true
}

// Valid reports whether p is valid UTF-8, as utf8.Valid does, and, in the same pass, whether
// it holds a character String folds. A reader that validates its bytes anyway learns this way,
// for a few instructions a character, that a text has nothing to fold (most have nothing), and
// the text need not be read again to fold it.
func Valid(p []byte) (valid, folds bool) {
	once.Do(load)
	var bits uint64 // bit 0 set once a character has a simplified form
	for i := 0; i < len(p); {
		c := p[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		// The three-byte character most of a Chinese text is: E0 and ED take narrower second
		// bytes (no overlong forms, no surrogates) and go the long way below.
		if c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(p) {
			c1, c2 := p[i+1], p[i+2]
			if (c1^0x80)|(c2^0x80) < 0x40 {
				bits |= has[(uint(c&0x0F)<<6|uint(c1&0x3F))&1023] >> (c2 & 0x3F)
				i += 3
				continue
			}
		}
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && size == 1 {
			return false, false
		}
		if size == 3 {
			bits |= has[r>>6&1023] >> (r & 0x3F)
		}
		i += size
	}
	return true, bits&1 != 0
}

// Lines folds each line; it returns lines itself, and false, when none has a traditional
// character.
func Lines(lines []string) ([]string, bool) {
	var out []string
	for i, l := range lines {
		f, changed := String(l)
		if !changed {
			continue
		}
		if out == nil {
			out = append([]string(nil), lines...)
		}
		out[i] = f
	}
	if out == nil {
		return lines, false
	}
	return out, true
}
