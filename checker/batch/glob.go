package batch

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// compileGlob turns a gitignore pattern (without its leading "!" or "/" and trailing "/") into
// a regular expression over a slash-separated path, following git's wildmatch with
// WM_PATHNAME: "*", "?" and "[…]" never match "/"; "[!…]" and "[^…]" negate a class, which may
// hold ranges and [:alpha:]-style classes; "\" escapes; "**" is special as a whole segment only
// (a leading "**/" matches in every directory, "/**/" zero or more directories, a trailing
// "/**" everything inside), elsewhere it is "*". Go's regexp matches in time linear in the
// path, so no pattern can make a walk slow (a backtracking matcher takes exponential time on
// repeated "**"). A pattern that git would refuse to match (an unclosed "[", a trailing "\")
// returns nil: it matches nothing.
func compileGlob(pat string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`(?s)^`)
	segs := strings.Split(pat, "/")
	for i, seg := range segs {
		last := i == len(segs)-1
		if seg == "**" {
			switch {
			case len(segs) == 1:
				b.WriteString(`.*`)
			case i == 0:
				b.WriteString(`(?:.*/)?`) // "**/": no directory, or any
			case last:
				b.WriteString(`.*`) // "/**": the "/" is written; anything inside
			default:
				b.WriteString(`(?:.*/)?`) // "/**/": the "/" before is written
			}
			continue
		}
		if !globSegment(&b, seg) {
			return nil
		}
		if !last {
			b.WriteByte('/')
		}
	}
	b.WriteByte('$')
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil
	}
	return re
}

// globSegment writes the regular expression of one segment; false for a malformed one.
func globSegment(b *strings.Builder, seg string) bool {
	for i := 0; i < len(seg); i++ {
		switch c := seg[i]; c {
		case '*':
			for i+1 < len(seg) && seg[i+1] == '*' {
				i++
			}
			b.WriteString(`[^/]*`)
		case '?':
			b.WriteString(`[^/]`)
		case '\\':
			if i+1 == len(seg) {
				return false
			}
			i++
			b.WriteString(regexp.QuoteMeta(seg[i : i+1]))
		case '[':
			n, ok := globClass(b, seg[i+1:])
			if !ok {
				return false
			}
			i += n
		default:
			b.WriteString(regexp.QuoteMeta(seg[i : i+1]))
		}
	}
	return true
}

// posixClasses are the [:name:] classes of wildmatch, as ASCII ranges.
var posixClasses = map[string][][2]byte{
	"alnum":  {{'0', '9'}, {'A', 'Z'}, {'a', 'z'}},
	"alpha":  {{'A', 'Z'}, {'a', 'z'}},
	"blank":  {{' ', ' '}, {'\t', '\t'}},
	"cntrl":  {{0, 31}, {127, 127}},
	"digit":  {{'0', '9'}},
	"graph":  {{33, 126}},
	"lower":  {{'a', 'z'}},
	"print":  {{32, 126}},
	"punct":  {{33, 47}, {58, 64}, {91, 96}, {123, 126}},
	"space":  {{'\t', '\r'}, {' ', ' '}},
	"upper":  {{'A', 'Z'}},
	"xdigit": {{'0', '9'}, {'A', 'F'}, {'a', 'f'}},
}

// globClass reads a bracket expression after its "[" and writes it as a class that never
// matches "/"; it returns how many bytes it read (the closing "]" included).
func globClass(b *strings.Builder, s string) (int, bool) {
	i := 0
	negate := false
	if i < len(s) && (s[i] == '!' || s[i] == '^') {
		negate, i = true, i+1
	}
	var ranges [][2]rune
	first := true
	for {
		if i >= len(s) {
			return 0, false // unclosed: wildmatch matches nothing
		}
		c := s[i]
		if c == ']' && !first {
			i++
			break
		}
		first = false
		if c == '[' && i+1 < len(s) && s[i+1] == ':' {
			end := strings.Index(s[i+2:], ":]")
			if end < 0 {
				return 0, false
			}
			cls, ok := posixClasses[s[i+2:i+2+end]]
			if !ok {
				return 0, false
			}
			for _, r := range cls {
				ranges = append(ranges, [2]rune{rune(r[0]), rune(r[1])})
			}
			i += 2 + end + 2
			continue
		}
		lo, n := classChar(s[i:])
		if n == 0 {
			return 0, false
		}
		i += n
		hi := lo
		if i+1 < len(s) && s[i] == '-' && s[i+1] != ']' {
			h, m := classChar(s[i+1:])
			if m == 0 {
				return 0, false
			}
			hi, i = h, i+1+m
		}
		if lo <= hi {
			ranges = append(ranges, [2]rune{lo, hi})
		}
	}
	var c strings.Builder
	c.WriteByte('[')
	if negate {
		c.WriteString(`^/`)
	}
	empty := true
	for _, r := range ranges {
		// "/" taken out of a positive class: the path separator is never matched by a class.
		for _, part := range [][2]rune{{r[0], min(r[1], '/'-1)}, {max(r[0], '/'+1), r[1]}} {
			if part[0] > part[1] {
				continue
			}
			writeClassRune(&c, part[0])
			if part[1] != part[0] {
				c.WriteByte('-')
				writeClassRune(&c, part[1])
			}
			empty = false
		}
	}
	c.WriteByte(']')
	if empty && !negate {
		b.WriteString(`[^\x00-\x{10FFFF}]`) // only "/" was listed: nothing matches
	} else {
		b.WriteString(c.String())
	}
	return i, true
}

// classChar reads one character of a bracket expression, "\" escaping the next.
func classChar(s string) (rune, int) {
	if s == "" {
		return 0, 0
	}
	if s[0] == '\\' {
		if len(s) < 2 {
			return 0, 0
		}
		r, n := utf8.DecodeRuneInString(s[1:])
		return r, n + 1
	}
	return utf8.DecodeRuneInString(s)
}

func writeClassRune(b *strings.Builder, r rune) {
	if r < 0x20 || r == '\\' || r == ']' || r == '[' || r == '^' || r == '-' || r > 0x7e {
		b.WriteString(`\x{`)
		b.WriteString(strconv.FormatInt(int64(r), 16))
		b.WriteByte('}')
		return
	}
	b.WriteRune(r)
}
