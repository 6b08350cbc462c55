package input

import (
	"bytes"
	"errors"
	"strconv"
	"unicode/utf8"
)

// xmlScanner reads the elements and text of an XML part of a .docx, a token at a time, for
// what fzlint needs of WordprocessingML: local names (namespaces are not resolved), attribute
// values and character data. It works on the bytes in place, allocating nothing per element,
// where encoding/xml read a byte at a time through an interface and took most of the time of
// reading a .docx. It is strict about what it needs (tags and quotes closed, known entities)
// and skips the rest (processing instructions, comments, declarations).
type xmlScanner struct {
	data []byte
	pos  int
	// start is where the current token begins in data (for the end of <x/>, where it ends).
	start int

	kind xmlKind
	// name is the local name of a start or end tag; attrs the raw attributes of a start tag.
	name, attrs []byte
	// text is the character data of a text token, entities replaced and line ends normalised
	// to "\n"; it is valid until the next call.
	text    []byte
	textBuf []byte
	// pendingEnd is set after <x/>: the scanner then gives an end token for it next.
	pendingEnd bool
}

type xmlKind int

const (
	xmlStart xmlKind = iota + 1
	xmlEnd
	xmlText
)

var errXMLSyntax = errors.New("XML 语法错误")

func newXMLScanner(data []byte) *xmlScanner { return &xmlScanner{data: data} }

// next reads the next token; it returns false at the end of the data or on an error (then
// err is set).
func (x *xmlScanner) next() (bool, error) {
	if x.pendingEnd {
		x.pendingEnd, x.kind, x.start = false, xmlEnd, x.pos
		return true, nil
	}
	for x.pos < len(x.data) {
		x.start = x.pos
		if x.data[x.pos] != '<' {
			end := bytes.IndexByte(x.data[x.pos:], '<')
			if end < 0 {
				end = len(x.data) - x.pos
			}
			raw := x.data[x.pos : x.pos+end]
			x.pos += end
			text, err := x.unescape(raw)
			if err != nil {
				return false, err
			}
			x.kind, x.text = xmlText, text
			return true, nil
		}
		rest := x.data[x.pos:]
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			if !x.skipPast("?>") {
				return false, errXMLSyntax
			}
		case bytes.HasPrefix(rest, []byte("<!--")):
			if !x.skipPast("-->") {
				return false, errXMLSyntax
			}
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(rest, []byte("]]>"))
			if end < 0 {
				return false, errXMLSyntax
			}
			x.kind, x.text = xmlText, normalizeLineEnds(rest[len("<![CDATA["):end])
			x.pos += end + len("]]>")
			return true, nil
		case bytes.HasPrefix(rest, []byte("<!")):
			if !x.skipDirective() {
				return false, errXMLSyntax
			}
		case bytes.HasPrefix(rest, []byte("</")):
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				return false, errXMLSyntax
			}
			name := bytes.TrimRight(rest[2:end], " \t\r\n")
			if !validName(name) {
				return false, errXMLSyntax
			}
			x.kind, x.name = xmlEnd, localName(name)
			x.pos += end + 1
			return true, nil
		default:
			return x.startTag()
		}
	}
	return false, nil
}

// startTag reads <name attrs> or <name attrs/> at x.pos.
func (x *xmlScanner) startTag() (bool, error) {
	rest := x.data[x.pos+1:]
	n := 0
	for n < len(rest) && !isXMLSpace(rest[n]) && rest[n] != '>' && rest[n] != '/' {
		n++
	}
	name := rest[:n]
	if !validName(name) {
		return false, errXMLSyntax
	}
	// The tag ends at the first '>' outside a quoted value.
	var quote byte
	i := n
	for ; i < len(rest); i++ {
		c := rest[i]
		if quote != 0 {
			if c == quote {
				quote = 0
			}
			continue
		}
		if c == '"' || c == '\'' {
			quote = c
		} else if c == '>' {
			break
		} else if c == '<' {
			return false, errXMLSyntax
		}
	}
	if i >= len(rest) {
		return false, errXMLSyntax
	}
	attrs := rest[n:i]
	selfClosing := len(attrs) > 0 && attrs[len(attrs)-1] == '/'
	if selfClosing {
		attrs = attrs[:len(attrs)-1]
	}
	x.kind, x.name, x.attrs, x.pendingEnd = xmlStart, localName(name), attrs, selfClosing
	x.pos += 1 + i + 1
	return true, nil
}

// attr returns the value of the attribute whose local name is local ("val" for w:val), or "".
func (x *xmlScanner) attr(local string) string {
	a := x.attrs
	for {
		for len(a) > 0 && isXMLSpace(a[0]) {
			a = a[1:]
		}
		eq := bytes.IndexByte(a, '=')
		if eq < 0 {
			return ""
		}
		name := bytes.TrimRight(a[:eq], " \t\r\n")
		a = bytes.TrimLeft(a[eq+1:], " \t\r\n")
		if len(a) == 0 || a[0] != '"' && a[0] != '\'' {
			return ""
		}
		end := bytes.IndexByte(a[1:], a[0])
		if end < 0 {
			return ""
		}
		value := a[1 : 1+end]
		a = a[end+2:]
		if string(localName(name)) == local {
			v, err := x.unescape(value)
			if err != nil {
				return ""
			}
			return string(v)
		}
	}
}

// skipDirective skips <!DOCTYPE …> and the like, which may nest <…>, quote '>' and hold
// comments, as encoding/xml does (the character after <! is taken as it is).
func (x *xmlScanner) skipDirective() bool {
	depth := 0
	var quote byte
	for i := x.pos + 3; i < len(x.data); i++ {
		c := x.data[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '<' && bytes.HasPrefix(x.data[i:], []byte("<!--")):
			end := bytes.Index(x.data[i+4:], []byte("-->"))
			if end < 0 {
				return false
			}
			i += 4 + end + 2
		case c == '<':
			depth++
		case c == '>':
			if depth == 0 {
				x.pos = i + 1
				return true
			}
			depth--
		}
	}
	return false
}

func (x *xmlScanner) skipPast(end string) bool {
	i := bytes.Index(x.data[x.pos:], []byte(end))
	if i < 0 {
		return false
	}
	x.pos += i + len(end)
	return true
}

// unescape replaces the entities of raw text and normalises its line ends. Text without
// either is returned as it is.
func (x *xmlScanner) unescape(raw []byte) ([]byte, error) {
	if bytes.IndexByte(raw, '&') < 0 {
		return normalizeLineEnds(raw), nil
	}
	out := x.textBuf[:0]
	for len(raw) > 0 {
		amp := bytes.IndexByte(raw, '&')
		if amp < 0 {
			out = append(out, raw...)
			break
		}
		out = append(out, raw[:amp]...)
		semi := bytes.IndexByte(raw[amp:], ';')
		if semi < 0 {
			return nil, errXMLSyntax
		}
		ent := raw[amp+1 : amp+semi]
		raw = raw[amp+semi+1:]
		switch string(ent) {
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "amp":
			out = append(out, '&')
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			if len(ent) < 2 || ent[0] != '#' {
				return nil, errXMLSyntax
			}
			var v uint64
			var err error
			if ent[1] == 'x' {
				v, err = strconv.ParseUint(string(ent[2:]), 16, 32)
			} else {
				v, err = strconv.ParseUint(string(ent[1:]), 10, 32)
			}
			if err != nil || !utf8.ValidRune(rune(v)) {
				return nil, errXMLSyntax
			}
			out = utf8.AppendRune(out, rune(v))
		}
	}
	x.textBuf = out
	return normalizeLineEnds(out), nil
}

// normalizeLineEnds turns "\r\n" and "\r" into "\n", as an XML parser must.
func normalizeLineEnds(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\r' {
			out = append(out, '\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, b[i])
	}
	return out
}

// localName drops a name's namespace prefix: w:p → p (as encoding/xml does, a name with an
// empty prefix or local part is kept whole).
func localName(name []byte) []byte {
	if i := bytes.IndexByte(name, ':'); i > 0 && i < len(name)-1 {
		return name[i+1:]
	}
	return name
}

// validName accepts what can be an element name: not empty, no markup or space in it, at most
// one colon.
func validName(name []byte) bool {
	if len(name) == 0 || bytes.Count(name, []byte(":")) > 1 {
		return false
	}
	for _, c := range name {
		switch c {
		case '<', '>', '"', '\'', '=', '&', '/', ' ', '\t', '\r', '\n':
			return false
		}
	}
	return true
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
