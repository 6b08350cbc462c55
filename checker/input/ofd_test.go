package input

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// testOFD builds an OFD package as GB/T 33190-2016 lays it out: OFD.xml → Doc_0/Document.xml →
// Doc_0/Pages/Page_N/Content.xml, each line of the pages a TextObject (Boundary in mm) with one
// TextCode whose DeltaX repeats the advance ("g N v"). Lines are given in points, as for the
// PDF builder; every other line is written through a CTM that halves the object's space (its
// Size, X, Y and DeltaX doubled), as some producers do.
func testOFD(pages [][]pdfLine) []byte {
	mm := func(pt float64) float64 { return pt / mmToPt }
	size := mm(12)
	var contents []string
	for _, p := range pages {
		var c strings.Builder
		for k, l := range p {
			n := utf8.RuneCountInString(l.Text)
			x, y := mm(l.X), mm(l.Y)-size // the box's top left; the baseline is Size below it
			attrs, s, cx, cy := "", size, 0.0, size
			if k%2 == 1 {
				attrs, s, cx, cy = ` CTM="0.5 0 0 0.5 0 0"`, 2*size, 0, 2*size
			}
			fmt.Fprintf(&c, `<ofd:TextObject ID="%d" Boundary="%.4f %.4f %.4f %.4f" Font="1" Size="%.4f"%s><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="%.4f" Y="%.4f" DeltaX="g %d %.4f">%s</ofd:TextCode></ofd:TextObject>`,
				1000+k, x, y, float64(n)*size, size*1.2, s, attrs, cx, cy, n-1, s, l.Text)
		}
		contents = append(contents, c.String())
	}
	return ofdPackage(contents)
}

// ofdWord is a run of characters for ofdFromWords: the left end of its baseline, its width and
// font size, in points.
type ofdWord struct {
	X, Y, W, Size float64
	Text          string
}

// ofdFromWords writes words as TextObjects, each character advancing an equal share of the
// word's width.
func ofdFromWords(pages [][]ofdWord) []byte {
	mm := func(pt float64) float64 { return pt / mmToPt }
	var contents []string
	for _, p := range pages {
		var c strings.Builder
		for k, w := range p {
			n := utf8.RuneCountInString(w.Text)
			var text bytes.Buffer
			xml.EscapeText(&text, []byte(w.Text))
			fmt.Fprintf(&c, `<ofd:TextObject ID="%d" Boundary="%.4f %.4f %.4f %.4f" Font="1" Size="%.4f"><ofd:TextCode X="0" Y="%.4f" DeltaX="g %d %.4f">%s</ofd:TextCode></ofd:TextObject>`,
				1000+k, mm(w.X), mm(w.Y-w.Size), mm(w.W), mm(w.Size*1.3), mm(w.Size), mm(w.Size), max(n-1, 1), mm(w.W/float64(n)), text.String())
		}
		contents = append(contents, c.String())
	}
	return ofdPackage(contents)
}

// ofdPackage zips OFD.xml, Document.xml, the public resources and a Content.xml per page
// holding the given objects in a layer.
func ofdPackage(pages []string) []byte {
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
		w, _ := zw.Create(p.name)
		w.Write([]byte(p.data))
	}
	zw.Close()
	return buf.Bytes()
}

func TestOFDParagraphsAreRebuiltAsForPDF(t *testing.T) {
	fromOFD, err := DecodeOFD(testOFD(reportPages()))
	if err != nil {
		t.Fatal(err)
	}
	fromPDF, err := DecodePDF(testPDF(reportPages(), false))
	if err != nil {
		t.Fatal(err)
	}
	if len(fromPDF.Lines) != 6 || strings.Join(fromOFD.Lines, "\n") != strings.Join(fromPDF.Lines, "\n") {
		t.Errorf("OFD lines\n %q\nPDF lines\n %q", fromOFD.Lines, fromPDF.Lines)
	}
	for line := 1; line <= len(fromPDF.Lines); line++ {
		for _, col := range []int{1, 20, 40} {
			if o, p := fromOFD.Map.Locate(line, col), fromPDF.Map.Locate(line, col); o != p {
				t.Errorf("Locate(%d, %d): OFD %+v, PDF %+v", line, col, o, p)
			}
		}
	}
}

func TestBrokenOFDsAreUnreadable(t *testing.T) {
	good := testOFD(reportPages())
	for name, data := range map[string][]byte{
		"not a zip":  []byte("hello"),
		"truncated":  good[:len(good)/2],
		"no text":    testOFD([][]pdfLine{nil}),
		"no OFD.xml": testODTWithout(),
	} {
		if _, err := DecodeOFD(data); err == nil || !IsUnreadable(err) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestOFDNumbersRepeat(t *testing.T) {
	if got := fmt.Sprint(ofdNumbers("1 g 3 2.5 4", true)); got != "[1 2.5 2.5 2.5 4]" {
		t.Errorf("DeltaX = %s", got)
	}
	for _, c := range [][3]string{{"Doc_0", "Pages/Page_0/Content.xml", "Doc_0/Pages/Page_0/Content.xml"}, {"Doc_0", "/Doc_0/P.xml", "Doc_0/P.xml"}, {"Doc_0", "../../x.xml", "x.xml"}} {
		if got := ofdPath(c[0], c[1]); got != c[2] {
			t.Errorf("ofdPath(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

func FuzzOFD(f *testing.F) {
	f.Add(testOFD(reportPages()))
	f.Fuzz(func(t *testing.T, data []byte) {
		txt, err := DecodeOFD(data)
		checkFixed(t, txt, err)
	})
}

// A page's Content.xml on its own: any bytes.
func FuzzOFDPage(f *testing.F) {
	f.Add([]byte(`<ofd:Page><ofd:Content><ofd:Layer><ofd:TextObject Boundary="10 10 100 5" Size="4" CTM="0.5 0 0 0.5 0 0"><ofd:TextCode X="0" Y="4" DeltaX="g 3 4 2">文字内容</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		gs, err := ofdGlyphs(data, 1<<16)
		if err != nil && !IsUnreadable(err) {
			t.Fatal(err)
		}
		lines, m := paragraphsOf([]layoutPage{{Glyphs: gs}})
		if len(m.Lines) != len(lines) {
			t.Fatalf("%d lines, %d mapped", len(lines), len(m.Lines))
		}
	})
}
