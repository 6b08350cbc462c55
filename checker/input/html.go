package input

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// DecodeHTML reads a saved web page: the text a reader sees, one line per block (p, div, h1…,
// li, tr, br), without scripts, styles, navigation, page headers and footers, and elements
// whose class or id marks them as site chrome. The remaining chrome lines (当前位置, 字号, 打印,
// 上一篇…) are left to the rule set's [document].chrome patterns.
//
// The charset comes from a BOM, else from <meta charset> or <meta http-equiv>, else it is
// detected as for text. A page decoded by its declared charset reports Encoding UTF-8: the page
// said what it is, so there is nothing to warn about.
func DecodeHTML(data []byte) (*Text, error) {
	s, enc, err := decodeHTMLBytes(data)
	if err != nil {
		return nil, err
	}
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return nil, &Unreadable{"无法解析网页：" + err.Error()}
	}
	w := &htmlWalker{}
	if body := findBody(root); body != nil {
		w.total = textLen(body)
		w.walk(body, false)
	}
	w.flush()
	if len(w.lines) == 0 {
		return nil, &Unreadable{"网页中没有正文文字"}
	}
	eol := ""
	if len(w.lines) > 1 {
		eol = "\n"
	}
	return &Text{Lines: w.lines, Encoding: enc, EOL: eol}, nil
}

// decodeHTMLBytes returns the page as UTF-8 and the encoding to report.
func decodeHTMLBytes(data []byte) (string, string, error) {
	if len(data) > maxBytes || bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) ||
		bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return decode(data, false)
	}
	label := declaredCharset(data)
	if label == "" {
		return decode(data, false)
	}
	enc, name := charset.Lookup(label)
	switch {
	case enc == nil:
		return decode(data, false)
	case name == "replacement":
		// iso-2022-kr, hz-gb-2312 and the like: the standard decodes them to nothing, as they
		// can smuggle markup past filters.
		return "", "", &Unreadable{"网页声明的字符集“" + label + "”按 HTML 标准不可解码；请另存为 UTF-8 或 GB18030 后再检查"}
	case name == "utf-8":
		if !validUTF8(data) {
			return decode(data, false) // the declaration is wrong; detect instead
		}
		s, _, err := checkText(string(data), UTF8)
		return s, UTF8, err
	case name == "gbk" || name == "gb18030" || name == "gb2312":
		enc = simplifiedchinese.GB18030 // a superset: decodes GB2312 and GBK pages alike
	}
	s, _, err := decodeWith(data, enc, name)
	return s, UTF8, err
}

// declaredCharset is the encoding a page declares, found as the WHATWG encoding sniffing
// algorithm's prescan finds it: in the first 1024 bytes, in a <meta charset> or a <meta
// http-equiv="Content-Type" content="…charset=…"> (tags in comments or scripts do not count), a
// UTF-16 label read as UTF-8 (a page whose bytes can be read as ASCII is not UTF-16) and
// x-user-defined as windows-1252. It returns "" when the page declares nothing.
func declaredCharset(data []byte) string {
	z := html.NewTokenizer(bytes.NewReader(data[:min(len(data), 1024)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			if string(name) != "meta" {
				continue
			}
			var label, content string
			pragma, seen := false, map[string]bool{}
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				key := string(k)
				if seen[key] {
					continue // the first of a repeated attribute counts
				}
				seen[key] = true
				switch key {
				case "http-equiv":
					pragma = strings.EqualFold(string(v), "content-type")
				case "content":
					content = string(v)
				case "charset":
					label = string(v)
				}
			}
			if label == "" && pragma {
				label = charsetFromContent(content)
			}
			label = strings.ToLower(strings.TrimSpace(label))
			if label == "" {
				continue
			}
			if _, canonical := charset.Lookup(label); canonical == "utf-16be" || canonical == "utf-16le" {
				return "utf-8"
			} else if canonical == "x-user-defined" {
				return "windows-1252"
			}
			return label
		}
	}
}

// charsetFromContent extracts the charset of a meta element's content ("text/html;
// charset=gbk"), as WHATWG's algorithm for it does, or "".
func charsetFromContent(s string) string {
	lower := strings.ToLower(s)
	for off := 0; ; {
		i := strings.Index(lower[off:], "charset")
		if i < 0 {
			return ""
		}
		j := off + i + len("charset")
		off = j
		for j < len(s) && strings.IndexByte(" \t\n\f\r", s[j]) >= 0 {
			j++
		}
		if j >= len(s) || s[j] != '=' {
			continue
		}
		j++
		for j < len(s) && strings.IndexByte(" \t\n\f\r", s[j]) >= 0 {
			j++
		}
		if j < len(s) && (s[j] == '"' || s[j] == '\'') {
			if k := strings.IndexByte(s[j+1:], s[j]); k >= 0 {
				return s[j+1 : j+1+k]
			}
			return ""
		}
		k := j
		for k < len(s) && strings.IndexByte(" \t\n\f\r;", s[k]) < 0 {
			k++
		}
		return s[j:k]
	}
}

func findBody(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.Body {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if b := findBody(c); b != nil {
			return b
		}
	}
	return nil
}

// htmlWalker collects the lines of a page.
type htmlWalker struct {
	lines   []string
	cur     strings.Builder
	last    rune // last rune written on the current line
	space   bool // white space seen since the last rune
	newline bool // …and it held a line break
	total   int  // runes of text in the body, to judge chrome by its share
	depth   int
}

// skippedElements hold no text of the report.
var skippedElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Head: true,
	atom.Nav: true, atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true,
	atom.Canvas: true, atom.Select: true, atom.Button: true, atom.Textarea: true, atom.Input: true,
	atom.Map: true, atom.Audio: true, atom.Video: true,
}

// blockElements start and end a line.
var blockElements = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Center: true,
	atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Li: true, atom.Main: true, atom.Ol: true,
	atom.P: true, atom.Pre: true, atom.Section: true, atom.Table: true, atom.Tbody: true,
	atom.Thead: true, atom.Tfoot: true, atom.Tr: true, atom.Ul: true, atom.Caption: true,
	atom.Summary: true, atom.Body: true,
}

// chromeWords in a class or id mark navigation, sharing and printing widgets.
var chromeWords = map[string]bool{
	"nav": true, "navbar": true, "navigation": true, "menu": true, "breadcrumb": true,
	"breadcrumbs": true, "crumb": true, "crumbs": true, "share": true, "print": true,
	"toolbar": true, "pager": true, "pagination": true, "sidebar": true, "topbar": true,
	"location": true, "position": true, "dqwz": true, "fenxiang": true, "dayin": true, "gotop": true,
	"backtop": true, "skip": true,
}

// chromeParts mark chrome even inside a longer word (bdsharebuttonbox, main-navbar-wrap).
var chromeParts = []string{"breadcrumb", "share", "toolbar", "pagination", "navbar"}

func isChromeAttr(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(a.Val), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
		}) {
			if chromeWords[w] {
				return true
			}
			for _, p := range chromeParts {
				if strings.Contains(w, p) {
					return true
				}
			}
		}
	}
	return false
}

// isRunningDiv reports a document's running header or footer as LibreOffice exports it to
// HTML (<div title="header">, <div title="footer">): the unit's name and the page number, which
// the .docx, .odt and PDF readers leave out too.
func isRunningDiv(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "title" && (a.Val == "header" || a.Val == "footer") {
			return true
		}
	}
	return false
}

func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// textLen counts the runes of text under n.
func textLen(n *html.Node) int {
	if n.Type == html.TextNode {
		return utf8.RuneCountInString(n.Data)
	}
	t := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t += textLen(c)
	}
	return t
}

// maxHTMLDepth bounds the walk: pages nest a few tens of elements, and chrome is judged by the
// text under an element, which would cost the square of the depth on a page built to hurt.
const maxHTMLDepth = 256

func (w *htmlWalker) walk(n *html.Node, inArticle bool) {
	w.depth++
	defer func() { w.depth-- }()
	if w.depth > maxHTMLDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	a := n.DataAtom
	if skippedElements[a] || isHidden(n) {
		return
	}
	if (a == atom.Header || a == atom.Footer) && !inArticle || a == atom.Div && isRunningDiv(n) {
		return
	}
	// An element marked as chrome is dropped unless it holds much of the page: a class name
	// is a guess, and losing the report would be worse than keeping a menu.
	if isChromeAttr(n) && textLen(n)*3 < w.total {
		return
	}
	switch a {
	case atom.Br:
		w.flush()
		return
	case atom.Pre:
		w.flush()
		w.pre(n)
		w.flush()
		return
	case atom.Td, atom.Th:
		if w.cur.Len() > 0 {
			w.space = true
		}
	case atom.Img:
		return
	}
	if a == atom.Article || a == atom.Main {
		inArticle = true
	}
	block := blockElements[a]
	if block {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, inArticle)
	}
	if block {
		w.flush()
	}
}

// text adds a text node, collapsing white space as a browser does. A line break between two
// wide (CJK) characters disappears, as CSS Text 3 has it, instead of becoming a space.
func (w *htmlWalker) text(s string) {
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f':
			w.space = true
			if r == '\n' || r == '\r' {
				w.newline = true
			}
			continue
		}
		if w.space && w.cur.Len() > 0 && !(w.newline && isWide(w.last) && isWide(r)) {
			w.cur.WriteByte(' ')
		}
		w.space, w.newline = false, false
		w.cur.WriteRune(r)
		w.last = r
	}
}

// pre adds preformatted text, keeping its spaces and its lines.
func (w *htmlWalker) pre(n *html.Node) {
	if n.Type == html.TextNode {
		for i, part := range strings.Split(strings.ReplaceAll(n.Data, "\r\n", "\n"), "\n") {
			if i > 0 {
				w.flush()
			}
			w.cur.WriteString(strings.ReplaceAll(part, "\r", ""))
		}
		return
	}
	if n.Type == html.ElementNode && (skippedElements[n.DataAtom] || isHidden(n)) {
		return
	}
	if n.DataAtom == atom.Br {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.pre(c)
	}
}

func (w *htmlWalker) flush() {
	if line := w.cur.String(); !blank(line) {
		w.lines = append(w.lines, line)
	}
	w.cur.Reset()
	w.space, w.newline, w.last = false, false, 0
}

func isWide(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFE30 && r <= 0xFE4F ||
		r >= 0xFF00 && r <= 0xFF60 || r >= 0x20000 && r <= 0x3FFFF
}
