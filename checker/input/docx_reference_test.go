package input

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/internal/docxgen"
)

// docxParagraphsReference is docxParagraphs as it was written with encoding/xml: the
// reference the scanner is fuzzed against.
func docxParagraphsReference(data []byte, nb *numberer) ([]string, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var (
		lines []string
		stack []*refParagraph // open w:p elements
		path  []string        // local names of the open elements
		skip  int             // depth at which a skipped subtree started, 0 when none
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
			var cur *refParagraph
			if len(stack) > 0 {
				cur = stack[len(stack)-1]
			}
			if skipped(name) {
				skip = len(path)
				continue
			}
			switch name {
			case "p":
				stack = append(stack, &refParagraph{})
			case "r":
				if cur != nil {
					cur.hidden = false
				}
			case "vanish", "specVanish":
				if cur != nil && in("rPr") && in("r") && xmlAttr(t, "val") != "0" && xmlAttr(t, "val") != "false" {
					cur.hidden = true
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
				if cur != nil && in("r") && !cur.hidden {
					cur.text.WriteByte('\t')
				}
			}
		case xml.CharData:
			if skip > 0 || len(stack) == 0 || len(path) == 0 || path[len(path)-1] != "t" || stack[len(stack)-1].hidden {
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
			lines = append(lines, nb.ordinal(p.numbering())+p.text.String())
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
// paragraphs, but where it passes over run properties the tokens read otherwise (passesOver);
// on anything else it must not panic (it may accept XML encoding/xml refuses, such as a tag
// closed by another name).
func FuzzDocxParagraphs(f *testing.F) {
	f.Add(docxgen.Document([]docxgen.Paragraph{{Text: "一、主要举措和成效"}, {Text: "全面推行“三项制度”&<>", Style: "Heading1"}, {Text: "（一）子项", NumID: 1, Level: 1}}))
	f.Add(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="x"><!-- c --><w:body><w:p><w:pPr><w:pStyle w:val='a'/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr></w:pPr>` +
		`<w:r><w:rPr><w:vanish/></w:rPr><w:t>藏</w:t></w:r><w:r><w:t xml:space="preserve"> 甲&amp;乙&#20013;&#x6587;\r\n</w:t><w:tab/><w:t><![CDATA[<丙>]]></w:t></w:r>` +
		`<w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r></w:p></w:body></w:document>`)
	f.Add(`<a><p><t>x</t></p>`)
	f.Add(`<p><t>&bogus;</t></p>`)
	// Line ends are normalised as written, before references are read: &#13; stays a CR.
	f.Add("<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>甲&#13;\n\r乙&#13;&#10;丙\r&amp;丁\r\n</w:t></w:r></w:p></w:body></w:document>")
	f.Fuzz(func(t *testing.T, doc string) {
		got, err := docxParagraphs([]byte(doc), newNumberer(nil, nil))
		want, werr := docxParagraphsReference([]byte(doc), newNumberer(nil, nil))
		if werr != nil {
			return
		}
		// RawToken does not match end tags to start tags: inside run properties that do not
		// nest, the scanner, which passes over them to their end tag, and the tokens part.
		if passesOver(doc) {
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

// The readers of numbering.xml and styles.xml as they were written, with encoding/xml: the
// reference the scanner's readers are held to.
func readNumberingReference(data []byte) (*xNumbering, error) {
	var x xNumbering
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(&x); err != nil {
		return nil, err
	}
	return &x, nil
}

func readStylesReference(data []byte) (*xStyles, error) {
	var x xStyles
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(&x); err != nil {
		return nil, err
	}
	return &x, nil
}

// sameAsReference: where encoding/xml reads a part, the scanner's reader reads the same (it may
// accept what encoding/xml refuses, as the document.xml scanner does).
func sameAsReference[T any](t *testing.T, data []byte, read, reference func([]byte) (*T, error)) bool {
	t.Helper()
	want, werr := reference(data)
	if werr != nil {
		return false
	}
	got, err := read(data)
	if err != nil {
		t.Fatalf("%q: the scanner refuses (%v) what encoding/xml reads as %+v", data, err, want)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\nscanner      %+v\nencoding/xml %+v", data, got, want)
	}
	return true
}

// numberingSeeds are numbering.xml parts: Word's, docxgen's and odd ones.
func numberingSeeds(t testing.TB) []string {
	lines := strings.Split(readSeedText(t), "\n")[:12]
	return []string{
		unzipText(t, docxgen.WordReport(lines), "word/numbering.xml"),
		unzipText(t, docxgen.NumberedReport(lines), "word/numbering.xml"),
		`<w:numbering><w:abstractNum w:abstractNumId="1" w:abstractNumId="2"><w:numStyleLink w:val="S"/><w:lvl w:ilvl="0"><w:start w:val="3"/><w:start/><w:numFmt w:val="custom"/>` +
			`<mc:AlternateContent><mc:Choice><w:numFmt w:val="x"/></mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent><w:isLgl/><w:pStyle w:val="H"/><w:suff w:val="space"/><w:lvlRestart w:val="0"/></w:lvl></w:abstractNum>` +
			`<w:num w:numId="1"><w:abstractNumId w:val="1"/><w:abstractNumId/><w:lvlOverride w:ilvl="8"><w:startOverride w:val="5"/><w:lvl w:ilvl="8"><w:start w:val="2"/></w:lvl><w:lvl><w:numFmt w:val="upperRoman"/></w:lvl></w:lvlOverride></w:num>` +
			`<w:num><w:lvl w:ilvl="1"><w:start w:val="9"/></w:lvl><w:abstractNum><w:lvl/></w:abstractNum></w:num><x><w:abstractNum/></x></w:numbering>trailing<`,
		`<?xml version="1.0"?><!-- c --><a><abstractNum abstractNumId='&amp;1'><lvl ilvl=" 2 "><lvlText val="&#x25;1&#12289;"/></lvl></abstractNum></a>`,
		"<a/>", "",
	}
}

func stylesSeeds(t testing.TB) []string {
	lines := strings.Split(readSeedText(t), "\n")
	lo, err := os.ReadFile("../../testdata/docx/003_7f633bab698fbd83.libreoffice.docx")
	if err != nil {
		t.Fatal(err)
	}
	return []string{
		unzipText(t, docxgen.WordReport(lines), "word/styles.xml"),
		unzipText(t, docxgen.NumberedReport(lines), "word/styles.xml"),
		unzipText(t, lo, "word/styles.xml"),
		`<w:styles><w:style w:type="paragraph" w:styleId="A" w:styleId="B" w:default="1"><w:basedOn w:val="C"/><w:basedOn/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr></w:pPr><w:pPr><w:numPr><w:ilvl w:val="3"/></w:numPr><w:rPr><w:numPr/></w:rPr></w:pPr></w:style>` +
			`<w:style><w:name w:val="x"/><w:style w:styleId="nested"/></w:style><w:latentStyles><w:style w:styleId="no"/></w:latentStyles></w:styles>`,
		// What skipElement must leave to the tokens: the name nested, markup other than tags,
		// an end tag with white space, a longer name that begins with the element's.
		`<w:styles><w:latentStyles><w:latentStyles/><w:lsdException w:name="a"/></w:latentStyles><w:docDefaults><!-- </w:docDefaults> --><w:style w:styleId="no"/></w:docDefaults>` +
			`<w:style w:styleId="A"><w:rPr><![CDATA[</w:rPr>]]><w:rPrX/></w:rPr><w:tblPr><?pi </w:tblPr>?></w:tblPr><w:next></w:next ><w:basedOn w:val="B"/></w:style><w:style w:styleId="C"><w:rPr><w:rPrDefault></w:rPrDefault><w:b/></w:rPr><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>`,
		"<a/>", "",
	}
}

func TestPartReadersAgreeWithEncodingXML(t *testing.T) {
	for _, s := range numberingSeeds(t) {
		if !sameAsReference(t, []byte(s), readNumberingXML, readNumberingReference) && len(s) > 10 {
			t.Fatalf("encoding/xml refuses the seed %q", s)
		}
	}
	for _, s := range stylesSeeds(t) {
		if !sameAsReference(t, []byte(s), readStylesXML, readStylesReference) && len(s) > 10 {
			t.Fatalf("encoding/xml refuses the seed %q", s)
		}
	}
}

func FuzzNumberingXML(f *testing.F) {
	for _, s := range numberingSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sameAsReference(t, []byte(s), readNumberingXML, readNumberingReference)
	})
}

func FuzzStylesXML(f *testing.F) {
	for _, s := range stylesSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sameAsReference(t, []byte(s), readStylesXML, readStylesReference)
	})
}

func readSeedText(t testing.TB) string {
	data, err := os.ReadFile("../../testdata/seeds/003_7f633bab698fbd83.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func unzipText(t testing.TB, docx []byte, part string) string {
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(part)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
