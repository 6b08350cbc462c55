//go:build !fzlintpage

package input

import (
	"strconv"
)

// A small lexer for PDF content streams and CMaps (ISO 32000-1 §7.2, §7.8.2): it yields
// operands (numbers, names, strings, arrays, dictionaries) and operators, and never fails:
// anything it does not understand is skipped a byte at a time.

type pdfTokKind int

const (
	tokEOF pdfTokKind = iota
	tokNum
	tokName
	tokStr // literal or hexadecimal string, as bytes
	tokOp  // an operator or keyword (Tj, BT, true, beginbfchar…)
	tokArrOpen
	tokArrClose
	tokDictOpen
	tokDictClose
)

type pdfTok struct {
	kind pdfTokKind
	num  float64
	s    string // name, operator, or the bytes of a string
}

type pdfLexer struct {
	b []byte
	i int
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (lx *pdfLexer) next() pdfTok {
	b := lx.b
	for lx.i < len(b) {
		c := b[lx.i]
		switch {
		case isPDFSpace(c):
			lx.i++
		case c == '%':
			for lx.i < len(b) && b[lx.i] != '\n' && b[lx.i] != '\r' {
				lx.i++
			}
		case c == '/':
			lx.i++
			start := lx.i
			for lx.i < len(b) && !isPDFSpace(b[lx.i]) && !isPDFDelim(b[lx.i]) {
				lx.i++
			}
			return pdfTok{kind: tokName, s: string(b[start:lx.i])}
		case c == '(':
			return pdfTok{kind: tokStr, s: lx.literal()}
		case c == '<':
			if lx.i+1 < len(b) && b[lx.i+1] == '<' {
				lx.i += 2
				return pdfTok{kind: tokDictOpen}
			}
			return pdfTok{kind: tokStr, s: lx.hex()}
		case c == '>':
			lx.i++
			if lx.i < len(b) && b[lx.i] == '>' {
				lx.i++
				return pdfTok{kind: tokDictClose}
			}
		case c == '[':
			lx.i++
			return pdfTok{kind: tokArrOpen}
		case c == ']':
			lx.i++
			return pdfTok{kind: tokArrClose}
		case c == '{' || c == '}' || c == ')':
			lx.i++
		case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
			start := lx.i
			lx.i++
			for lx.i < len(b) && (b[lx.i] == '.' || b[lx.i] >= '0' && b[lx.i] <= '9') {
				lx.i++
			}
			f, err := strconv.ParseFloat(string(b[start:lx.i]), 64)
			if err != nil {
				f = 0
			}
			return pdfTok{kind: tokNum, num: f}
		default:
			start := lx.i
			for lx.i < len(b) && !isPDFSpace(b[lx.i]) && !isPDFDelim(b[lx.i]) {
				lx.i++
			}
			return pdfTok{kind: tokOp, s: string(b[start:lx.i])}
		}
	}
	return pdfTok{kind: tokEOF}
}

// literal reads a (string) with its escapes and balanced parentheses; lx.i is at '('.
func (lx *pdfLexer) literal() string {
	b := lx.b
	lx.i++
	var out []byte
	depth := 1
	for lx.i < len(b) {
		c := b[lx.i]
		lx.i++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		case '\\':
			if lx.i >= len(b) {
				return string(out)
			}
			e := b[lx.i]
			lx.i++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if lx.i < len(b) && b[lx.i] == '\n' {
					lx.i++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && lx.i < len(b) && b[lx.i] >= '0' && b[lx.i] <= '7'; k++ {
						v = v*8 + int(b[lx.i]-'0')
						lx.i++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// hex reads a <hex string>; lx.i is at '<'. An odd last digit is followed by 0.
func (lx *pdfLexer) hex() string {
	b := lx.b
	lx.i++
	var out []byte
	hi, half := byte(0), false
	for lx.i < len(b) && b[lx.i] != '>' {
		c := b[lx.i]
		lx.i++
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	lx.i++ // '>'
	return string(out)
}

// skipInlineImage moves past the data of an inline image (BI … ID data EI): lx.i is just after
// ID. The data ends at an EI that stands alone between white space.
func (lx *pdfLexer) skipInlineImage() {
	b := lx.b
	for lx.i+2 < len(b) {
		if isPDFSpace(b[lx.i]) && b[lx.i+1] == 'E' && b[lx.i+2] == 'I' && (lx.i+3 == len(b) || isPDFSpace(b[lx.i+3]) || isPDFDelim(b[lx.i+3])) {
			lx.i += 3
			return
		}
		lx.i++
	}
	lx.i = len(b)
}
