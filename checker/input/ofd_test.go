//go:build !fzlintpage

package input

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fzlint/fzlint/internal/fixedgen"
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
	return fixedgen.OFDPackage(contents)
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

// ofdNumbersReference is ofdNumbers as it was, over strings.Fields.
func ofdNumbersReference(s string, g bool) []float64 {
	f := strings.Fields(s)
	var out []float64
	for i := 0; i < len(f); i++ {
		if g && f[i] == "g" && i+2 < len(f) {
			n, err1 := strconv.Atoi(f[i+1])
			v, err2 := strconv.ParseFloat(f[i+2], 64)
			if err1 == nil && err2 == nil && n > 0 {
				for k := 0; k < n && len(out) < 1<<16; k++ {
					out = append(out, v)
				}
			}
			i += 2
			continue
		}
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			v = 0
		}
		out = append(out, v)
	}
	return out
}

// FuzzOFDNumbers: ofdNumbers reads the numbers it read over strings.Fields.
func FuzzOFDNumbers(f *testing.F) {
	for _, s := range []string{"1 g 3 2.5 4", "0 0 210 297", " 1\u00a02\u3000g 2 x g", "g 1", "1 2 3 4 5 6 7 8 9 10", "NaN -Inf 1e400 g 70000 1"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, g bool) {
		got, want := ofdNumbers(s, g), ofdNumbersReference(s, g)
		same := slices.EqualFunc(got, want, func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) })
		if !same { // nil or empty alike: the callers take the length, or append
			t.Fatalf("%q %v: %v, before %v", s, g, got, want)
		}
	})
}
