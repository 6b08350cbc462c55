package input

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/fzlint/fzlint/internal/fixedgen"
)

// testPDF writes a PDF whose pages hold the given lines, each at (x, y from the top) in a
// CID font (Identity-H) with a ToUnicode map, as Word and LibreOffice write Chinese: the codes
// in the content are glyph numbers, and only the map says which character each one is.
type pdfLine struct {
	X, Y float64
	Text string
}

func testPDF(pages [][]pdfLine, image bool) []byte {
	codes := map[rune]int{}
	var runes []rune
	for _, p := range pages {
		for _, l := range p {
			for _, r := range l.Text {
				if _, ok := codes[r]; !ok {
					codes[r] = len(runes) + 1
					runes = append(runes, r)
				}
			}
		}
	}
	var objs []string
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	var cmap strings.Builder
	cmap.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	fmt.Fprintf(&cmap, "%d beginbfchar\n", len(runes))
	for i, r := range runes {
		u := utf16.Encode([]rune{r})
		fmt.Fprintf(&cmap, "<%04X> <", i+1)
		for _, c := range u {
			fmt.Fprintf(&cmap, "%04X", c)
		}
		cmap.WriteString(">\n")
	}
	cmap.WriteString("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n")
	toUni := add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", cmap.Len()+1, cmap.String()))
	cid := add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>")
	font := add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", cid, toUni))
	img := 0
	if image {
		img = add("<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream")
	}
	pagesID := len(objs) + 1 + 2*len(pages) // the page tree comes after the pages and contents
	var kids []string
	for _, p := range pages {
		var c strings.Builder
		if image {
			c.WriteString("q 595 0 0 842 0 0 cm /Im0 Do Q\n")
		}
		for _, l := range p {
			fmt.Fprintf(&c, "BT /F1 12 Tf 1 0 0 1 %.1f %.1f Tm <", l.X, 842-l.Y)
			for _, r := range l.Text {
				fmt.Fprintf(&c, "%04X", codes[r])
			}
			c.WriteString("> Tj ET\n")
		}
		content := add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", c.Len(), c.String()))
		xobj := ""
		if image {
			xobj = fmt.Sprintf(" /XObject << /Im0 %d 0 R >>", img)
		}
		page := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >>%s >> >>", pagesID, content, font, xobj))
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	add(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids)))
	catalog := add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesID))
	return fixedgen.PDF(objs, catalog)
}

// A page of a report: a running header, a centred title, paragraphs indented two characters
// and wrapped at the right margin (33 characters of 12 points), and a page number in the
// footer.
func reportPages() [][]pdfLine {
	const left, size, width = 90.0, 12.0, 33
	// para lays out text from y on, its first line indented, and returns the next y.
	para := func(lines *[]pdfLine, y float64, text string) float64 {
		rs := []rune(text)
		indent := 2
		for len(rs) > 0 {
			n := min(width-indent, len(rs))
			*lines = append(*lines, pdfLine{left + float64(indent)*size, y, string(rs[:n])})
			rs, indent, y = rs[n:], 0, y+20
		}
		return y
	}
	var p1, p2 []pdfLine
	p1 = append(p1, pdfLine{left + 100, 40, "某县人民政府办公室"}, pdfLine{left + 60, 100, "某县人民政府关于2024年度法治政府建设情况的报告"})
	y := para(&p1, 140, "一、推进法治政府建设的主要举措和成效")
	y = para(&p1, y, "2024年，我县坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，深入学习贯彻习近平法治思想，法治政府建设取得新成效。")
	para(&p1, y, "（一）深化行政审批制度改革。持续推进“放管服”改革，全年办理审批事项一万余件，办结率100%。")
	p1 = append(p1, pdfLine{290, 800, "— 1 —"})
	p2 = append(p2, pdfLine{left + 100, 40, "某县人民政府办公室"})
	y = para(&p2, 60, "二、存在的不足和原因")
	para(&p2, y, "一是法治宣传教育的针对性还不够强。究其原因，主要是基层力量薄弱。")
	p2 = append(p2, pdfLine{290, 800, "— 2 —"})
	return [][]pdfLine{p1, p2}
}

func TestPDFParagraphsAreRebuiltAndRunningHeadersDropped(t *testing.T) {
	txt, err := DecodePDF(testPDF(reportPages(), false))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"某县人民政府关于2024年度法治政府建设情况的报告",
		"一、推进法治政府建设的主要举措和成效",
		"2024年，我县坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，深入学习贯彻习近平法治思想，法治政府建设取得新成效。",
		"（一）深化行政审批制度改革。持续推进“放管服”改革，全年办理审批事项一万余件，办结率100%。",
		"二、存在的不足和原因",
		"一是法治宣传教育的针对性还不够强。究其原因，主要是基层力量薄弱。",
	}
	if strings.Join(txt.Lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines\n got: %q\nwant: %q", txt.Lines, want)
	}
	// Positions are page and line: the header is line 1 of each page.
	for _, c := range []struct{ line, col, page, pline, pcol int }{
		{1, 1, 1, 2, 1},
		{3, 1, 1, 4, 1},
		{3, 32, 1, 5, 1}, // the first character of the paragraph's second line
		{3, 34, 1, 5, 3},
		{6, 1, 2, 3, 1},
		{6, 32, 2, 4, 1},
	} {
		p := txt.Map.Locate(c.line, c.col)
		if p != (Pos{Page: c.page, Line: c.pline, Col: c.pcol}) {
			t.Errorf("Locate(%d, %d) = %+v, want page %d line %d col %d", c.line, c.col, p, c.page, c.pline, c.pcol)
		}
	}
}

func TestAScannedPDFIsUnreadableWithWhatToDo(t *testing.T) {
	_, err := DecodePDF(testPDF([][]pdfLine{nil, nil}, true))
	if err == nil || !IsUnreadable(err) || !strings.Contains(err.Error(), "扫描件，没有文字层") || !strings.Contains(err.Error(), "OCR") {
		t.Errorf("scanned PDF: %v", err)
	}
}

func TestBrokenPDFsAreUnreadable(t *testing.T) {
	good := testPDF(reportPages(), false)
	for name, data := range map[string][]byte{
		"no header":  []byte("hello"),
		"truncated":  good[:len(good)/2],
		"empty":      nil,
		"only magic": []byte("%PDF-1.7\n"),
	} {
		if _, err := DecodePDF(data); err == nil || !IsUnreadable(err) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// A copy protected only by an owner password (printing or copying restricted, as sealed
// copies often are) opens without one and is read; a copy that needs a password to open is
// unreadable, saying so.
func TestEncryptedPDFs(t *testing.T) {
	plain := testPDF(reportPages(), false)
	encrypt := func(user, owner string) []byte {
		var out bytes.Buffer
		if err := api.Encrypt(bytes.NewReader(plain), &out, model.NewAESConfiguration(user, owner, 256)); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	// (pdfcpu, writing the encrypted copy, drops the first page's font from its resources,
	// so only the second page's text is checked.)
	txt, err := DecodePDF(encrypt("", "owner"))
	if err != nil || txt.Lines[len(txt.Lines)-1] != "一是法治宣传教育的针对性还不够强。究其原因，主要是基层力量薄弱。" {
		t.Errorf("owner password only: %v, %v", err, txt)
	}
	if _, err := DecodePDF(encrypt("user", "owner")); err == nil || !strings.Contains(err.Error(), "加密") {
		t.Errorf("user password: %v", err)
	}
}
