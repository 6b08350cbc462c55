package annotate

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/input"
)

// edit replaces doc[start:end] with text (an insertion when start == end).
type edit struct {
	start, end int
	text       string
}

// applyEdits applies edits that do not overlap, in order of position.
func applyEdits(b []byte, edits []edit) ([]byte, error) {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].start != edits[j].start {
			return edits[i].start < edits[j].start
		}
		return edits[i].end < edits[j].end
	})
	var out bytes.Buffer
	out.Grow(len(b) + 256*len(edits))
	last := 0
	for _, e := range edits {
		if e.start < last || e.end < e.start || e.end > len(b) {
			return nil, fmt.Errorf("annotate: overlapping edits at byte %d", e.start)
		}
		out.Write(b[last:e.start])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(b[last:])
	return out.Bytes(), nil
}

// malformedDocument is why a document.xml whose elements do not nest, that formats a run's
// text after it, whose formatting holds text, or whose text holds an element gets no comments:
// where a paragraph ends, what properties a piece of a run has, or which element a piece of
// text is in, is not known, so markers could land outside it or a split piece change its
// formatting or copy or drop text, and the copy would read differently from the file.
const malformedDocument = "word/document.xml 已损坏（XML 标签不配对或位置不对，如文字的格式写在文字之后、格式里夹着文字），fzlint 无法安全地加批注。请在 Word 或 WPS 中打开、修复并另存后再试"

// group is what goes at one place of document.xml.
type group struct {
	place
	before, starts, after []string
}

// spliceDocument puts the comments' markers into document.xml and takes out fzlint's earlier
// ones (old holds their ids).
func spliceDocument(doc []byte, anc *input.DocxAnchors, cs []comment, old map[string]bool, styled bool) ([]byte, error) {
	if !bytes.Contains(doc, []byte(`xmlns:w="`+nsW+`"`)) {
		return nil, &Refused{"word/document.xml 没有使用 Word 的常规命名空间写法，fzlint 无法安全地加批注"}
	}
	if anc.Malformed {
		return nil, &Refused{malformedDocument}
	}
	var edits []edit
	for _, m := range anc.Comments {
		if !old[m.ID] {
			continue
		}
		if m.Name == "commentReference" && m.Run[1] > m.Run[0] && ourReference(doc[m.Run[0]:m.Run[1]], m.ID) {
			edits = append(edits, edit{m.Run[0], m.Run[1], ""})
		} else if m.Elem[1] > m.Elem[0] {
			edits = append(edits, edit{m.Elem[0], m.Elem[1], ""})
		}
	}
	groups := map[int]*group{}
	at := func(p place) *group {
		g := groups[p.at]
		if g == nil {
			g = &group{place: p}
			groups[p.at] = g
		} else if g.run == nil && p.run != nil {
			g.place = p
		}
		return g
	}
	for _, c := range cs {
		id := strconv.Itoa(c.id)
		g := at(c.start)
		g.starts = append(g.starts, `<w:commentRangeStart w:id="`+id+`"/>`)
		end := `<w:commentRangeEnd w:id="` + id + `"/>` + referenceRun(id, styled)
		g = at(c.end)
		if c.start.at == c.end.at {
			g.after = append(g.after, end)
		} else {
			g.before = append(g.before, end)
		}
	}
	tags := map[int]bool{}
	for _, g := range groups {
		var b strings.Builder
		if g.run != nil {
			rName := string(tagName(doc[g.run.Start:]))
			if g.inText {
				b.WriteString("</" + string(tagName(doc[g.tag[0]:])) + ">")
				if !tags[g.tag[0]] && !bytes.Contains(doc[g.tag[0]:g.tag[1]], []byte("xml:space")) {
					tags[g.tag[0]] = true
					gt := g.tag[1] - 1
					if doc[gt-1] == '/' {
						gt--
					}
					edits = append(edits, edit{gt, gt, ` xml:space="preserve"`})
				}
			}
			b.WriteString("</" + rName + ">")
		}
		for _, s := range [][]string{g.before, g.starts, g.after} {
			for _, m := range s {
				b.WriteString(m)
			}
		}
		if g.run != nil {
			b.Write(doc[g.run.Start:g.run.TagEnd])
			if g.run.RPr[1] > g.run.RPr[0] {
				b.Write(doc[g.run.RPr[0]:g.run.RPr[1]])
			}
			if g.inText {
				b.WriteString("<" + string(tagName(doc[g.tag[0]:])) + ` xml:space="preserve">`)
			}
		}
		edits = append(edits, edit{g.at, g.at, b.String()})
	}
	return applyEdits(doc, edits)
}

func referenceRun(id string, styled bool) string {
	if styled {
		return `<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="` + id + `"/></w:r>`
	}
	return `<w:r><w:commentReference w:id="` + id + `"/></w:r>`
}

// ourReference says whether a run is the reference run fzlint writes (nothing else in it).
func ourReference(run []byte, id string) bool {
	s := string(run)
	return s == referenceRun(id, true) || s == referenceRun(id, false)
}

// comments is the comments part as it was: fzlint's earlier comments, and where new ones go.
type comments struct {
	data      []byte
	insertAt  int      // the '<' of the root's end tag; -1 when there is no part to keep
	declW     bool     // the root binds w: to WordprocessingML
	declW14   bool     // and w14:
	cut       [][2]int // fzlint's earlier comments
	fzlintIDs map[string]bool
	paraIDs   map[string]bool // w14:paraId of their paragraphs
}

// parseComments reads comments.xml (nil: the document has none).
func parseComments(data []byte) (*comments, error) {
	c := &comments{data: data, insertAt: -1, fzlintIDs: map[string]bool{}, paraIDs: map[string]bool{}}
	if data == nil {
		return c, nil
	}
	err := children(data, func(root xml.StartElement) {
		for _, a := range root.Attr {
			if a.Name.Space == "xmlns" && a.Name.Local == "w" && a.Value == nsW {
				c.declW = true
			}
			if a.Name.Space == "xmlns" && a.Name.Local == "w14" && a.Value == nsW14 {
				c.declW14 = true
			}
		}
	}, func(el xml.StartElement, span [2]int, inner []xml.StartElement) {
		if el.Name.Local != "comment" || attr(el, "author") != Author {
			return
		}
		c.cut = append(c.cut, span)
		c.fzlintIDs[attr(el, "id")] = true
		for _, e := range inner {
			if e.Name.Local == "p" {
				if v := attr(e, "paraId"); v != "" {
					c.paraIDs[v] = true
				}
			}
		}
	}, &c.insertAt)
	return c, err
}

// children walks the children of an XML part's root: onRoot sees the root, onChild each child
// with its byte span and the start elements inside it; *end gets the offset of the root's end
// tag (-1 for a root written <x/>).
func children(data []byte, onRoot func(xml.StartElement), onChild func(xml.StartElement, [2]int, []xml.StartElement), end *int) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	depth := 0
	var (
		child     xml.StartElement
		start     int64
		inner     []xml.StartElement
		rootStart int64
	)
	for {
		off := d.InputOffset()
		tok, err := d.RawToken()
		if err != nil {
			if err.Error() == "EOF" {
				break
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch depth {
			case 0:
				onRoot(t.Copy())
				rootStart = d.InputOffset()
			case 1:
				child, start, inner = t.Copy(), off, nil
			default:
				inner = append(inner, t.Copy())
			}
			depth++
		case xml.EndElement:
			depth--
			switch depth {
			case 0:
				*end = int(off)
				if off == rootStart { // <x/>: nothing to insert into
					*end = -1
				}
				return nil
			case 1:
				onChild(child, [2]int{int(start), int(d.InputOffset())}, inner)
			}
		}
	}
	return errors.New("XML 不完整")
}

func attr(el xml.StartElement, local string) string {
	for _, a := range el.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// rewrite returns the comments part with fzlint's earlier comments replaced by cs.
func (c *comments) rewrite(cs []comment, opt Options, styled, ext bool) []byte {
	var b strings.Builder
	for _, cm := range cs {
		writeComment(&b, cm, opt, styled, ext, c.insertAt >= 0 && c.declW, c.insertAt >= 0 && c.declW14)
	}
	if c.insertAt < 0 {
		return []byte(xml.Header + `<w:comments xmlns:w="` + nsW + `" xmlns:w14="` + nsW14 + `">` + b.String() + `</w:comments>`)
	}
	edits := []edit{{c.insertAt, c.insertAt, b.String()}}
	for _, s := range c.cut {
		edits = append(edits, edit{s[0], s[1], ""})
	}
	out, err := applyEdits(c.data, edits)
	if err != nil { // cannot happen: the spans come from one walk, in order
		panic(err)
	}
	return out
}

// writeComment writes one w:comment: severity and message, suggestion, template, rule.
func writeComment(b *strings.Builder, c comment, opt Options, styled, ext, declW, declW14 bool) {
	b.WriteString(`<w:comment`)
	if !declW {
		b.WriteString(` xmlns:w="` + nsW + `"`)
	}
	b.WriteString(` w:id="` + strconv.Itoa(c.id) + `" w:author="` + Author + `" w:initials="fz"`)
	if !opt.Date.IsZero() {
		b.WriteString(` w:date="` + opt.Date.UTC().Format("2006-01-02T15:04:05Z") + `"`)
	}
	b.WriteString(">")
	paras := []string{"【" + severityName(c.d.Severity) + "】" + c.d.Message}
	if c.d.Suggestion != "" {
		paras = append(paras, "建议："+c.d.Suggestion)
	}
	if c.d.Template != "" {
		paras = append(paras, "模板："+c.d.Template)
	}
	paras = append(paras, "规则："+c.d.Rule)
	for i, text := range paras {
		b.WriteString("<w:p")
		if ext && i == len(paras)-1 {
			if !declW14 {
				b.WriteString(` xmlns:w14="` + nsW14 + `"`)
			}
			b.WriteString(` w14:paraId="` + c.paraID + `" w14:textId="77777777"`)
		}
		b.WriteString(">")
		if i == 0 {
			if styled {
				b.WriteString(`<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>`)
			} else {
				b.WriteString(`<w:r><w:annotationRef/></w:r>`)
			}
		}
		b.WriteString(`<w:r><w:t xml:space="preserve">`)
		xml.EscapeText(b2w{b}, []byte(strings.ReplaceAll(text, "\n", " ")))
		b.WriteString(`</w:t></w:r></w:p>`)
	}
	b.WriteString(`</w:comment>`)
}

type b2w struct{ b *strings.Builder }

func (w b2w) Write(p []byte) (int, error) { return w.b.Write(p) }

func severityName(s checker.Severity) string {
	switch s {
	case checker.Error:
		return "错误"
	case checker.Warning:
		return "警告"
	}
	return "提示"
}

// extensions adds the new comments' entries to the parts that extend comments, when the file
// already has them, and drops those of fzlint's earlier comments.
func (a *archive) extensions(cs []comment, old *comments, opt Options) error {
	durables := map[string]bool{}
	type part struct {
		name, child, key string
		entry            func(prefix string, c comment) string
	}
	parts := []part{
		{"word/commentsExtended.xml", "commentEx", "paraId", func(p string, c comment) string {
			return "<" + p + `commentEx ` + p + `paraId="` + c.paraID + `" ` + p + `done="0"/>`
		}},
		{"word/commentsIds.xml", "commentId", "paraId", func(p string, c comment) string {
			return "<" + p + `commentId ` + p + `paraId="` + c.paraID + `" ` + p + `durableId="` + c.durableID + `"/>`
		}},
		{"word/commentsExtensible.xml", "commentExtensible", "durableId", func(p string, c comment) string {
			s := "<" + p + `commentExtensible ` + p + `durableId="` + c.durableID + `"`
			if !opt.Date.IsZero() {
				s += " " + p + `dateUtc="` + opt.Date.UTC().Format("2006-01-02T15:04:05Z") + `"`
			}
			return s + "/>"
		}},
	}
	for _, pt := range parts {
		data, err := a.read(pt.name)
		if err != nil || data == nil {
			continue
		}
		remove := old.paraIDs
		if pt.key == "durableId" {
			remove = durables
		}
		prefix := ""
		insertAt := -1
		var cut [][2]int
		err = children(data, func(root xml.StartElement) {
			if root.Name.Space != "" {
				prefix = root.Name.Space + ":"
			}
		}, func(el xml.StartElement, span [2]int, _ []xml.StartElement) {
			if el.Name.Local == pt.child && remove[attr(el, pt.key)] {
				cut = append(cut, span)
				if d := attr(el, "durableId"); d != "" {
					durables[d] = true
				}
			}
		}, &insertAt)
		if err != nil || insertAt < 0 {
			return &Refused{"已有的批注（" + pt.name + "）无法读取"}
		}
		var b strings.Builder
		for _, c := range cs {
			b.WriteString(pt.entry(prefix, c))
		}
		edits := []edit{{insertAt, insertAt, b.String()}}
		for _, s := range cut {
			edits = append(edits, edit{s[0], s[1], ""})
		}
		if a.changed[pt.name], err = applyEdits(data, edits); err != nil {
			return err
		}
	}
	return nil
}

// relTarget returns the target of the first relationship of a type, or "".
func relTarget(rels []byte, typ string) string {
	d := xml.NewDecoder(bytes.NewReader(rels))
	for {
		tok, err := d.RawToken()
		if err != nil {
			return ""
		}
		if el, ok := tok.(xml.StartElement); ok && el.Name.Local == "Relationship" && attr(el, "Type") == typ && attr(el, "TargetMode") != "External" {
			return attr(el, "Target")
		}
	}
}

// The regexps of the annotated copy are compiled on first use: a run that only checks never
// uses them.
var relIDs = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\bId="([^"]*)"`) })

// addRelationship adds the relationship to comments.xml (the whole part when there is none).
func addRelationship(rels []byte) ([]byte, error) {
	rel := func(id string) string {
		return `<Relationship Id="` + id + `" Type="` + relComment + `" Target="comments.xml"/>`
	}
	if rels == nil {
		return []byte(xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rel("rId1") + `</Relationships>`), nil
	}
	used := map[string]bool{}
	for _, m := range relIDs().FindAllSubmatch(rels, -1) {
		used[string(m[1])] = true
	}
	id := ""
	for n := len(used) + 1; ; n++ {
		if id = "rId" + strconv.Itoa(n); !used[id] {
			break
		}
	}
	i := bytes.LastIndex(rels, []byte("</Relationships>"))
	if i < 0 {
		return nil, &Refused{"word/_rels/document.xml.rels 已损坏"}
	}
	return splice(rels, i, rel(id)), nil
}

// ids hands out comment ids above every w:id of the file, and paraId/durableId values that
// no part uses.
type ids struct {
	max          int
	used         map[string]bool
	nextP, nextD uint32
}

var (
	idAttr   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\bid\s*=\s*["'](\d{1,9})["']`) })
	hexAttrs = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:paraId|durableId|textId)\s*=\s*["']([0-9A-Fa-f]{1,8})["']`)
	})
)

func newIDs(a *archive) *ids {
	x := &ids{used: map[string]bool{}, nextP: 0x1F2E0000, nextD: 0x2A3B0000}
	for _, f := range a.order {
		if !strings.HasPrefix(f.Name, "word/") || !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		b, err := a.read(f.Name)
		if err != nil {
			continue
		}
		for _, m := range idAttr().FindAllSubmatch(b, -1) {
			if n, err := strconv.Atoi(string(m[1])); err == nil && n > x.max {
				x.max = n
			}
		}
		for _, m := range hexAttrs().FindAllSubmatch(b, -1) {
			x.used[strings.ToUpper(string(m[1]))] = true
		}
	}
	return x
}

func (x *ids) next() int {
	x.max++
	return x.max
}

func (x *ids) hex(n *uint32) string {
	for {
		*n++
		s := fmt.Sprintf("%08X", *n&0x7FFFFFFE)
		if !x.used[s] {
			x.used[s] = true
			return s
		}
	}
}

func (x *ids) para() string    { return x.hex(&x.nextP) }
func (x *ids) durable() string { return x.hex(&x.nextD) }
