package input

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"testing"

	"github.com/fzlint/fzlint/internal/docxgen"
)

// docxParagraphsReference is docxParagraphs as it was written with encoding/xml: the
// reference the scanner is fuzzed against.
func docxParagraphsReference(data []byte, nb *numberer) ([]string, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var (
		lines []string
		stack []*paragraph // open w:p elements
		path  []string     // local names of the open elements
		skip  int          // depth at which a skipped subtree started, 0 when none
		run   struct{ hidden bool }
	)
	in := func(name string) bool {
		for i := len(path) - 1; i >= 0; i-- {
			if path[i] == name {
				return true
			}
			if path[i] == "p" {
				return false
			}
		}
		return false
	}
	for {
		// RawToken: names are matched by their local part, so namespaces need not be
		// resolved, and that was half the time of reading a .docx. It does not check that
		// elements close in order; the document must still close every one it opens.
		tok, err := dec.RawToken()
		if err == io.EOF {
			if len(path) > 0 {
				return nil, fmt.Errorf("XML 不完整：<%s> 没有结束", path[len(path)-1])
			}
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			path = append(path, name)
			if len(path) > maxDepth {
				return nil, fmt.Errorf("XML 嵌套超过 %d 层", maxDepth)
			}
			if skip > 0 {
				continue
			}
			var cur *paragraph
			if len(stack) > 0 {
				cur = stack[len(stack)-1]
			}
			if skipped(name) {
				skip = len(path)
				continue
			}
			switch name {
			case "p":
				stack = append(stack, &paragraph{})
			case "r":
				run.hidden = false
			case "vanish", "specVanish":
				if in("rPr") && in("r") && xmlAttr(t, "val") != "0" && xmlAttr(t, "val") != "false" {
					run.hidden = true
				}
			case "pStyle":
				if cur != nil && in("pPr") && !in("rPr") {
					cur.style = xmlAttr(t, "val")
				}
			case "numId":
				if cur != nil && in("numPr") {
					cur.numID, cur.hasNum = xmlAttr(t, "val"), true
				}
			case "ilvl":
				if cur != nil && in("numPr") {
					cur.ilvl, cur.hasLvl = atoi(xmlAttr(t, "val")), true
				}
			case "tab":
				if cur != nil && in("r") && !run.hidden {
					cur.text.WriteByte('\t')
				}
			}
		case xml.CharData:
			if skip > 0 || len(stack) == 0 || len(path) == 0 || path[len(path)-1] != "t" || run.hidden {
				continue
			}
			cur := stack[len(stack)-1]
			for _, r := range string(t) {
				if r == '\n' || r == '\r' {
					r = ' '
				}
				cur.text.WriteRune(r)
			}
		case xml.EndElement:
			if len(path) == 0 {
				continue
			}
			if skip == len(path) {
				skip = 0
			}
			name := path[len(path)-1]
			path = path[:len(path)-1]
			if skip > 0 || name != "p" || len(stack) == 0 {
				continue
			}
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			lines = append(lines, nb.ordinal(p)+p.text.String())
		}
	}
	return lines, nil
}

func xmlAttr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// FuzzDocxParagraphs: on any document.xml that encoding/xml reads, the scanner gives the same
// paragraphs; on anything else it must not panic (it may accept XML encoding/xml refuses, such
// as a tag closed by another name).
func FuzzDocxParagraphs(f *testing.F) {
	f.Add(docxgen.Document([]docxgen.Paragraph{{Text: "一、主要举措和成效"}, {Text: "全面推行“三项制度”&<>", Style: "Heading1"}, {Text: "（一）子项", NumID: 1, Level: 1}}))
	f.Add(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="x"><!-- c --><w:body><w:p><w:pPr><w:pStyle w:val='a'/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr></w:pPr>` +
		`<w:r><w:rPr><w:vanish/></w:rPr><w:t>藏</w:t></w:r><w:r><w:t xml:space="preserve"> 甲&amp;乙&#20013;&#x6587;\r\n</w:t><w:tab/><w:t><![CDATA[<丙>]]></w:t></w:r>` +
		`<w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r></w:p></w:body></w:document>`)
	f.Add(`<a><p><t>x</t></p>`)
	f.Add(`<p><t>&bogus;</t></p>`)
	f.Fuzz(func(t *testing.T, doc string) {
		got, err := docxParagraphs([]byte(doc), newNumberer(nil, nil))
		want, werr := docxParagraphsReference([]byte(doc), newNumberer(nil, nil))
		if werr != nil {
			return
		}
		if err != nil {
			t.Fatalf("%q: the scanner refuses (%v) what encoding/xml reads as %q", doc, err, want)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%q:\nscanner  %q\nencoding/xml %q", doc, got, want)
		}
	})
}
