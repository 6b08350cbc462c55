package input

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"sync"
	"unicode"
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
		if len(rest) > 1 && rest[1] != '/' && rest[1] != '?' && rest[1] != '!' {
			return x.startTag() // most tokens: the markup below starts with one of those
		}
		if len(rest) > 1 && rest[1] == '/' {
			return x.endTag(rest) // the next most, before the prefixes of the rarer markup
		}
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			x.pos += len("<?") // "<?>" is no processing instruction: its end is looked for after
			if !x.skipPast("?>") {
				return false, errXMLSyntax
			}
		case bytes.HasPrefix(rest, []byte("<!--")):
			x.pos += len("<!--") // "<!-->" opens a comment, not a whole one
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
		default:
			return x.startTag()
		}
	}
	return false, nil
}

// endTag reads </name> at x.pos, where rest begins.
func (x *xmlScanner) endTag(rest []byte) (bool, error) {
	end := bytes.IndexByte(rest, '>')
	if end < 0 {
		return false, errXMLSyntax
	}
	local, ok := splitName(trimXMLSpaceRight(rest[2:end]))
	if !ok {
		return false, errXMLSyntax
	}
	x.kind, x.name = xmlEnd, local
	x.pos += end + 1
	return true, nil
}

// startTag reads <name attrs> or <name attrs/> at x.pos.
func (x *xmlScanner) startTag() (bool, error) {
	rest := x.data[x.pos+1:]
	n := 0
	for n < len(rest) && tagByte[rest[n]]&endsName == 0 {
		n++
	}
	local, ok := splitName(rest[:n])
	if !ok {
		return false, errXMLSyntax
	}
	i := n + tagEnd(rest[n:])
	if i < n {
		return false, errXMLSyntax
	}
	attrs := rest[n:i]
	selfClosing := len(attrs) > 0 && attrs[len(attrs)-1] == '/'
	if selfClosing {
		attrs = attrs[:len(attrs)-1]
	}
	x.kind, x.name, x.attrs, x.pendingEnd = xmlStart, local, attrs, selfClosing
	x.pos += 1 + i + 1
	return true, nil
}

// tagEnd returns the index in b of the '>' that ends a tag, the first outside a quoted value,
// or -1 when there is none or a '<' comes first.
func tagEnd(b []byte) int {
	// Many tags have no attributes: <w:r>, <w:rPr>, <w:b/>.
	if len(b) > 0 && b[0] == '>' {
		return 0
	}
	if len(b) > 1 && b[0] == '/' && b[1] == '>' {
		return 1
	}
	// Most tags quote with '"' and have no '>' in a value: the first '>', after an even number
	// of '"' and no other quote or '<', ends them. Those bytes are looked for with the
	// vectorised searches, not one at a time.
	if gt := bytes.IndexByte(b, '>'); gt >= 0 {
		head := b[:gt]
		if bytes.Count(head, []byte{'"'})%2 == 0 && bytes.IndexByte(head, '\'') < 0 && bytes.IndexByte(head, '<') < 0 {
			return gt
		}
	}
	var quote byte
	for i, c := range b {
		if tagByte[c]&inTag == 0 {
			continue
		}
		if quote != 0 {
			if c == quote {
				quote = 0
			}
			continue
		}
		switch c {
		case '"', '\'':
			quote = c
		case '>':
			return i
		case '<':
			return -1
		}
	}
	return -1
}

// What a byte is to the scanner of tags, looked up instead of compared in the loops that go
// over names and attributes a byte at a time.
const (
	endsName  = 1 << iota // space, '>' or '/': the end of a start tag's name
	notInName             // markup, quote, '=', '&', '/' or space: not part of a valid name
	inTag                 // quote, '<' or '>': what the search for a tag's end looks at
)

var tagByte = func() (t [256]uint8) {
	for _, c := range []byte(" \t\r\n>/") {
		t[c] |= endsName
	}
	for _, c := range []byte("<>\"'=&/ \t\r\n") {
		t[c] |= notInName
	}
	for _, c := range []byte("\"'<>") {
		t[c] |= inTag
	}
	return t
}()

// attr returns the value of the first attribute whose local name is local ("val" for w:val),
// or "".
func (x *xmlScanner) attr(local string) string { return string(x.attrBytes(local)) }

// attrBytes is attr without making a string: the value is valid until the next call of the
// scanner.
func (x *xmlScanner) attrBytes(local string) []byte {
	a := x.attrs
	for {
		name, value, rest, ok := nextAttr(a)
		if !ok {
			return nil
		}
		a = rest
		if string(localName(name)) == local {
			v, err := x.unescape(value)
			if err != nil {
				return nil
			}
			return v
		}
	}
}

// lastAttr returns the value of the last attribute whose local name is local, and whether
// there is one: where an attribute is repeated, encoding/xml's Unmarshal keeps the last.
func (x *xmlScanner) lastAttr(local string) (string, bool) {
	v, ok := x.lastAttrBytes(local)
	return string(v), ok
}

// lastAttrBytes is lastAttr without making a string: the value is valid until the next call
// of the scanner.
func (x *xmlScanner) lastAttrBytes(local string) ([]byte, bool) {
	var found []byte
	ok := false
	for a := x.attrs; ; {
		name, value, rest, more := nextAttr(a)
		if !more {
			break
		}
		a = rest
		if string(localName(name)) == local {
			found, ok = value, true
		}
	}
	if !ok {
		return nil, false
	}
	v, err := x.unescape(found)
	if err != nil {
		return nil, false
	}
	return v, true
}

// nextAttr splits the first attribute off the raw attributes a: its name and raw value; ok is
// false when none is left or the rest is malformed.
func nextAttr(a []byte) (name, value, rest []byte, ok bool) {
	a = trimXMLSpace(a)
	eq := bytes.IndexByte(a, '=')
	if eq < 0 {
		return nil, nil, nil, false
	}
	name = trimXMLSpace(a[:eq])
	a = trimXMLSpace(a[eq+1:])
	if len(a) == 0 || a[0] != '"' && a[0] != '\'' {
		return nil, nil, nil, false
	}
	end := bytes.IndexByte(a[1:], a[0])
	if end < 0 {
		return nil, nil, nil, false
	}
	return name, a[1 : 1+end], a[end+2:], true
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
// either is returned as it is. The line ends are those written, as an XML parser normalises
// them before it reads references: a carriage return written as &#13; is kept.
func (x *xmlScanner) unescape(raw []byte) ([]byte, error) {
	if bytes.IndexByte(raw, '&') < 0 {
		return normalizeLineEnds(raw), nil
	}
	out := x.textBuf[:0]
	for len(raw) > 0 {
		amp := bytes.IndexByte(raw, '&')
		if amp < 0 {
			out = appendNormalized(out, raw)
			break
		}
		out = appendNormalized(out, raw[:amp])
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
			if err != nil || v > unicode.MaxRune {
				return nil, errXMLSyntax
			}
			// A surrogate (&#55357;, as some generators write half of a character beyond
			// the BMP) is U+FFFD, as encoding/xml reads it.
			out = utf8.AppendRune(out, rune(v))
		}
	}
	x.textBuf = out
	return out, nil
}

// normalizeLineEnds turns "\r\n" and "\r" into "\n", as an XML parser must.
func normalizeLineEnds(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	return appendNormalized(make([]byte, 0, len(b)), b)
}

// appendNormalized appends b to out with its line ends normalised (normalizeLineEnds).
func appendNormalized(out, b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return append(out, b...)
	}
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

// splitName checks that name can be an element name (not empty, no markup or space in it, at
// most one colon) and returns its local name.
func splitName(name []byte) ([]byte, bool) {
	colon := -1
	for i, c := range name {
		if tagByte[c]&notInName != 0 || c == ':' && colon >= 0 {
			return nil, false
		}
		if c == ':' {
			colon = i
		}
	}
	if len(name) == 0 {
		return nil, false
	}
	if colon > 0 && colon < len(name)-1 {
		return name[colon+1:], true
	}
	return name, true
}

// trimXMLSpace drops the XML white space around b (bytes.TrimSpace would drop Unicode spaces
// too, and bytes.Trim with a cutset builds the set at every call).
func trimXMLSpace(b []byte) []byte {
	for len(b) > 0 && isXMLSpace(b[0]) {
		b = b[1:]
	}
	return trimXMLSpaceRight(b)
}

func trimXMLSpaceRight(b []byte) []byte {
	for len(b) > 0 && isXMLSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// readTree reads an XML document the way encoding/xml's Decode reads one into a struct: start
// is called for each element inside the first (root) element, in document order, with path
// holding the local names from the root's child down to that element; when it returns false,
// the element's children are passed over. Reading stops at the end of the root element, and
// data without one, or where it is left open, is refused.
func readTree(data []byte, start func(x *xmlScanner, path [][]byte) bool) error {
	return readTreeUnder(data, nil, start)
}

// readTreeUnder is readTree with the names of under before those of each path: it reads an
// element of a larger document, which data begins with, as readTree reads it there.
func readTreeUnder(data []byte, under [][]byte, start func(x *xmlScanner, path [][]byte) bool) error {
	r := treeReaders.Get().(*treeReader)
	x := &r.x
	*x = xmlScanner{data: data, textBuf: x.textBuf[:0]}
	path := append(r.path[:0], under...)
	defer func() { r.keep(path) }()
	depth := 0
	skip := 0 // depth of the element whose children are passed over, 0 when none
	for {
		ok, err := x.next()
		if err != nil {
			return err
		}
		if !ok {
			if depth == 0 {
				return errors.New("没有 XML 元素")
			}
			return errors.New("XML 不完整：元素没有结束")
		}
		switch x.kind {
		case xmlStart:
			depth++
			if depth > 1 && skip == 0 {
				path = append(path, x.name)
				if !start(x, path) {
					if x.skipElement() {
						depth--
						path = path[:len(path)-1]
						continue
					}
					skip = depth
				}
			}
		case xmlEnd:
			if depth == 0 {
				return errXMLSyntax
			}
			if skip == depth {
				skip = 0
			}
			if depth > 1 && skip == 0 {
				path = path[:len(path)-1]
			}
			if depth--; depth == 0 {
				return nil
			}
		}
	}
}

// treeReader is the scanner and the path of readTreeUnder, kept for the next part read.
type treeReader struct {
	x    xmlScanner
	path [][]byte
}

var treeReaders = sync.Pool{New: func() any { return new(treeReader) }}

// keep puts r back into the pool, holding on to nothing of the part it read.
func (r *treeReader) keep(path [][]byte) {
	clear(path[:cap(path)])
	r.x = xmlScanner{textBuf: reusable(r.x.textBuf)[:0]}
	r.path = path[:0]
	treeReaders.Put(r)
}

// skipElement passes over the content of the element whose start tag was just read, and its
// end tag, with byte searches instead of tokens, where that ends where the tokens would on XML
// that encoding/xml reads: there a '<' in content starts a tag, a comment, a CDATA section or
// a processing instruction (it is not allowed in text or attribute values), so the first
// end tag of the element's name ends it unless an element of the same name is nested in it or
// markup other than tags comes first. It gives up (false, nothing read) on a nested element
// of the name, on "<!" or "<?" (or "</!", "</?") before the end tag, or on an end tag of the
// name written with white space; the tokens then read the content as before. Word's
// styles.xml passes over w:latentStyles (a third of the file) so, and numbering.xml the
// indents and fonts of each list level, and the list definitions no paragraph uses.
//
// It looks for the name itself rather than at every '<' (a list definition has a hundred
// tags): the first place it follows "<" or "</" and is a tag's whole name decides, if no "!"
// or "?" follows a "<" or "</" before it. FuzzSkipElement holds it to the '<'-by-'<' reading
// it replaces.
func (x *xmlScanner) skipElement() bool {
	name := x.openName()
	if len(name) == 0 {
		return false
	}
	data, from := x.data, x.pos
	// The name is found by its rarest byte (bytes.Index of w:abstractNum stops at every 'w').
	p := pivot(name)
	for i := from + p; ; {
		if i >= len(data) {
			return false
		}
		j := bytes.IndexByte(data[i:], name[p])
		if j < 0 {
			return false
		}
		k := i + j - p // the name, if it is there, in a tag when "<" or "</" is before it
		i += j + 1
		if k+len(name) > len(data) {
			return false
		}
		if string(data[k:k+len(name)]) != string(name) {
			continue
		}
		lt, end := k-1, false
		if data[lt] == '/' {
			lt, end = k-2, true
		}
		if lt < from || data[lt] != '<' {
			continue
		}
		after := k + len(name)
		if after == len(data) {
			return false
		}
		c := data[after]
		found := end && c == '>'
		if !found && tagByte[c]&endsName == 0 {
			continue // a longer name
		}
		if markupBefore(data[from:lt]) || !found {
			return false
		}
		x.pos = after + 1
		return true
	}
}

// skipUnread passes over the content of the element whose start tag was just read when no
// element in it has a local name that reads says its reader reads; its end tag is then the
// next token, as after <x/>. Otherwise it reads nothing. It looks at each '<' in turn, as
// skipElement did before it looked for the name (the content it is for has a few tags), and
// ends where skipElement ends: on the first end tag of the element's name, giving up on the
// name nested, on markup other than tags and on an end tag written with white space. Where the
// tokens would refuse the content (a malformed tag or entity, nesting too deep), it may pass
// over it: as skipElement, it ends where the tokens would end on XML that encoding/xml reads.
func (x *xmlScanner) skipUnread(reads func(name []byte) bool) {
	name := x.openName()
	if len(name) == 0 {
		return
	}
	data := x.data
	for i := x.pos; ; {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			return
		}
		i += j + 1
		end := i < len(data) && data[i] == '/'
		if end {
			i++
		}
		n := i
		for n < len(data) && tagByte[data[n]]&endsName == 0 {
			n++
		}
		switch tag := data[i:n]; {
		case len(tag) == 0 || tag[0] == '!' || tag[0] == '?':
			return // markup other than a tag
		case string(tag) == string(name):
			if end && n < len(data) && data[n] == '>' {
				x.pos, x.pendingEnd = n+1, true
			}
			return // its end tag; or the name nested, or its end tag with white space
		case !end && reads(localName(tag)):
			return
		}
	}
}

// skipUnreadAgain is skipUnread that remembers in *last what it passed over (the content and
// its end tag), and passes over the same bytes after a start tag of the same name by comparing
// them: Word writes the same run properties (fonts, sizes) around run after run, and what
// skipUnread does depends on the name and on those bytes alone. *last must only ever have been
// set by this method with the same reads, on the same data.
func (x *xmlScanner) skipUnreadAgain(reads func(name []byte) bool, last *[]byte) {
	if l := *last; len(l) > 0 && len(x.data)-x.pos >= len(l) && string(x.data[x.pos:x.pos+len(l)]) == string(l) {
		// l ends with the end tag of the name it was passed over for: "</" name ">".
		if name := x.openName(); len(name) > 0 && len(l) >= len(name)+3 && string(l[len(l)-1-len(name):len(l)-1]) == string(name) &&
			string(l[len(l)-3-len(name):len(l)-1-len(name)]) == "</" {
			x.pos, x.pendingEnd = x.pos+len(l), true
			return
		}
	}
	from := x.pos
	if x.skipUnread(reads); x.pos != from {
		*last = x.data[from:x.pos]
	}
}

// plainRun reads the content of the w:r whose start tag was just read when it is a text and
// nothing else, after run properties or none, with the prefix w: (Word and LibreOffice write
// most runs so): <w:rPr>…</w:rPr><w:t>text</w:t></w:r>, the w:t perhaps with
// xml:space="preserve", and the properties ones that skipUnread passes over with reads. It
// returns the text, as the text token of the w:t would give it, and leaves the scanner at the
// run's end tag; false, having read nothing, for any other content, or where the text token
// would be refused. What the tokens it passes over tell the .docx walk without anchors is the
// text alone. It passes over the properties with skipUnreadAgain and last.
func (x *xmlScanner) plainRun(reads func(name []byte) bool, last *[]byte) ([]byte, bool) {
	if x.pendingEnd {
		return nil, false
	}
	at := x.pos
	if bytes.HasPrefix(x.data[at:], []byte("<w:rPr>")) {
		p := xmlScanner{data: x.data, pos: at, start: at}
		if ok, err := p.startTag(); !ok || err != nil {
			return nil, false
		}
		if p.skipUnreadAgain(reads, last); !p.pendingEnd {
			return nil, false
		}
		at = p.pos
	}
	switch rest := x.data[at:]; {
	case bytes.HasPrefix(rest, []byte("<w:t>")):
		at += len("<w:t>")
	case bytes.HasPrefix(rest, []byte(`<w:t xml:space="preserve">`)):
		at += len(`<w:t xml:space="preserve">`)
	default:
		return nil, false
	}
	n := bytes.IndexByte(x.data[at:], '<')
	if n < 0 || !bytes.HasPrefix(x.data[at+n:], []byte("</w:t></w:r>")) {
		return nil, false
	}
	text, err := x.unescape(x.data[at : at+n])
	if err != nil {
		return nil, false
	}
	x.pos = at + n + len("</w:t>")
	return text, true
}

// openName returns the name, prefix included, of the start tag just read; nil after <x/> or
// another token.
func (x *xmlScanner) openName() []byte {
	if x.pendingEnd || x.kind != xmlStart {
		return nil
	}
	tag := x.data[x.start+1 : x.pos]
	n := 0
	for n < len(tag) && tagByte[tag[n]]&endsName == 0 {
		n++
	}
	return tag[:n]
}

// pivot returns the index of the byte of name least likely to be met in WordprocessingML, as
// guessed by its kind (pivotRank): the first of the lowest rank.
func pivot(name []byte) int {
	p := 0
	for i, c := range name {
		if pivotRank[c] < pivotRank[name[p]] {
			p = i
		}
	}
	return p
}

// pivotRank ranks the bytes of a name for pivot: a capital letter, a digit, a rare letter,
// another letter, and last the 'w' and ':' of every prefix. A table, as skipElement finds the
// pivot of every element it passes over (a rank worked out byte by byte was 40 % of its time).
var pivotRank = func() (r [256]uint8) {
	for c := range r {
		switch {
		case c >= 'A' && c <= 'Z':
			r[c] = 0
		case c >= '0' && c <= '9':
			r[c] = 1
		case strings.IndexByte("jkqvxyz", byte(c)) >= 0:
			r[c] = 2
		case c == 'w' || c == ':':
			r[c] = 4
		default:
			r[c] = 3
		}
	}
	return r
}()

// markupBefore says whether b holds "<!", "<?", "</!" or "</?": markup other than tags.
func markupBefore(b []byte) bool {
	for _, m := range [...]byte{'!', '?'} {
		for i := 0; ; {
			j := bytes.IndexByte(b[i:], m)
			if j < 0 {
				break
			}
			i += j
			if i >= 1 && b[i-1] == '<' || i >= 2 && b[i-1] == '/' && b[i-2] == '<' {
				return true
			}
			i++
		}
	}
	return false
}
