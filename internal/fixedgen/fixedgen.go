// Package fixedgen builds the fixed-layout files the tests of several packages read: a PDF
// from its objects, an OFD package (GB/T 33190) from words placed on pages, and the words of
// a real PDF where poppler's pdftotext lays them out, so that an OFD can be made from the
// layout LibreOffice gave a report, by a tool other than fzlint.
package fixedgen

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"
)

// PDF writes a PDF 1.7 file of the given objects (object i+1 is objs[i], each "<< … >>" or a
// stream), with a cross-reference table and a trailer whose root is object root.
func PDF(objs []string, root int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, root, xref)
	return b.Bytes()
}

// Word is a run of characters on a page: the left end of its baseline, its width and font
// size, in points from the top left.
type Word struct {
	X, Y, W, Size float64
	Text          string
}

// PDFWords returns the words of each page of a PDF file where pdftotext -bbox-layout (poppler)
// finds them; the test fails without pdftotext or when it finds no page.
func PDFWords(t testing.TB, pdf string) [][]Word {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils) is needed to lay out the OFD test file: %v", err)
	}
	var doc struct {
		Pages []struct {
			Words []struct {
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
				Text string  `xml:",chardata"`
			} `xml:"flow>block>line>word"`
		} `xml:"body>doc>page"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil || len(doc.Pages) == 0 {
		t.Fatalf("pdftotext: %v, %d pages", err, len(doc.Pages))
	}
	var pages [][]Word
	for _, p := range doc.Pages {
		var ws []Word
		for _, w := range p.Words {
			// The box holds ascent and descent: the baseline is about a fifth of it above
			// the bottom, and the font size about the box over 1.3.
			h := w.YMax - w.YMin
			ws = append(ws, Word{X: w.XMin, Y: w.YMax - 0.22*h, W: w.XMax - w.XMin, Size: h / 1.3, Text: w.Text})
		}
		pages = append(pages, ws)
	}
	return pages
}

// OFDOfPDF is the OFD package of the words PDFWords finds in a PDF file.
func OFDOfPDF(t testing.TB, pdf string) []byte {
	t.Helper()
	return OFD(PDFWords(t, pdf))
}

// OFD writes words as TextObjects, each character advancing an equal share of the word's
// width, a page of the package per page.
func OFD(pages [][]Word) []byte {
	mm := func(pt float64) float64 { return pt * 25.4 / 72 }
	var contents []string
	for _, p := range pages {
		var c strings.Builder
		for k, w := range p {
			n := utf8.RuneCountInString(w.Text)
			var text bytes.Buffer
			xml.EscapeText(&text, []byte(w.Text))
			fmt.Fprintf(&c, `<ofd:TextObject ID="%d" Boundary="%.4f %.4f %.4f %.4f" Font="1" Size="%.4f"><ofd:TextCode X="0" Y="%.4f" DeltaX="g %d %.4f">%s</ofd:TextCode></ofd:TextObject>`,
				1000+k, mm(w.X), mm(w.Y-w.Size), mm(w.W), mm(w.Size*1.3), mm(w.Size), mm(w.Size), max(n-1, 1), mm(w.W/float64(max(n, 1))), text.String())
		}
		contents = append(contents, c.String())
	}
	return OFDPackage(contents)
}

// OFDPackage zips OFD.xml, Document.xml, the public resources (one font, ID 1) and a
// Content.xml per page holding the given objects in a layer, as GB/T 33190-2016 lays them out.
func OFDPackage(pages []string) []byte {
	const ns = `xmlns:ofd="http://www.ofdspec.org/2016"`
	type part struct{ name, data string }
	parts := []part{{"OFD.xml", `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD ` + ns + ` Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`}}
	var list strings.Builder
	for i := range pages {
		fmt.Fprintf(&list, `<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>`, 100+i, i)
	}
	parts = append(parts,
		part{"Doc_0/Document.xml", `<?xml version="1.0" encoding="UTF-8"?><ofd:Document ` + ns + `><ofd:CommonData><ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>` + list.String() + `</ofd:Pages></ofd:Document>`},
		part{"Doc_0/PublicRes.xml", `<?xml version="1.0" encoding="UTF-8"?><ofd:Res ` + ns + ` BaseLoc="Res"><ofd:Fonts><ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>`})
	for i, c := range pages {
		parts = append(parts, part{fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i), `<?xml version="1.0" encoding="UTF-8"?><ofd:Page ` + ns + `><ofd:Area><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer ID="2"><ofd:PageBlock ID="3">` + c + `</ofd:PageBlock></ofd:Layer></ofd:Content></ofd:Page>`})
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			panic(err) // writing to memory does not fail
		}
		w.Write([]byte(p.data))
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}
