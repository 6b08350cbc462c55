//go:build !fzlintpage

package input

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// checkFixed holds for the fixed-layout readers: an error is an Unreadable with a reason; a
// text has one line per paragraph, none holding a line end, and a map with a position on a
// page for every line.
func checkFixed(t *testing.T, txt *Text, err error) {
	t.Helper()
	if err != nil {
		if !IsUnreadable(err) || err.Error() == "" {
			t.Fatalf("error %T %q is not an Unreadable with a reason", err, err)
		}
		return
	}
	if txt.Map == nil || len(txt.Map.Lines) != len(txt.Lines) {
		t.Fatalf("%d lines, map of %v", len(txt.Lines), txt.Map)
	}
	for i, l := range txt.Lines {
		if strings.ContainsAny(l, "\r\n") || !utf8.ValidString(l) {
			t.Fatalf("line %d: %q", i+1, l)
		}
		n := utf8.RuneCountInString(l)
		if p := txt.Map.Locate(i+1, n); p.Page < 1 || p.Line < 1 {
			t.Fatalf("line %d maps to %+v", i+1, p)
		}
	}
}

func FuzzPDF(f *testing.F) {
	f.Add(testPDF(reportPages(), false))
	f.Add(testPDF([][]pdfLine{nil}, true))
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj trailer << /Root 1 0 R >>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		txt, err := DecodePDF(data)
		checkFixed(t, txt, err)
	})
}

// The content stream interpreter on its own, with the test font: any bytes as a page's
// content.
func FuzzPDFContent(f *testing.F) {
	f.Add([]byte("BT /F1 12 Tf 1 0 0 1 90 700 Tm <00010002> Tj ET"))
	f.Add([]byte("q 1 0 0 1 0 0 cm BT /F1 12 Tf 0 -14 TD [<0001> -250 <0002>] TJ T* (abc) ' 1 2 (x) \" ET Q BI /W 1 /H 1 ID \x00\x01 EI"))
	f.Add([]byte("<< /A [1 2 (x) <41>] >> BDC (unbalanced \\( [ ] } { EMC"))
	f.Fuzz(func(t *testing.T, content []byte) {
		r := &pdfReader{height: 842}
		if err := r.run(content, nil, identity, 0); err != nil && !IsUnreadable(err) {
			t.Fatal(err)
		}
		lines, m := paragraphsOf([]layoutPage{{Glyphs: r.glyphs}})
		if len(m.Lines) != len(lines) {
			t.Fatalf("%d lines, %d mapped", len(lines), len(m.Lines))
		}
	})
}
