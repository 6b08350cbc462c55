package main

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/docxgen"
)

// A supervisor's folder: seed 003 in each format reports come in (the .docx with Word's
// automatic numbering, the rest made from it by LibreOffice; the .wps is the .doc, as WPS
// writes it; the .ofd holds the words of the PDF where poppler places them), a scanned PDF, an
// encrypted .doc, a photo, an archive and a Word lock file. Every file is accounted for in the
// JSON and the --report table, the readable ones give the findings of the .txt, and the
// unreadable ones make the exit 2.
func TestEveryFormatInOneFolder(t *testing.T) {
	seed, err := os.ReadFile("../../testdata/seeds/003_7f633bab698fbd83.txt")
	if err != nil {
		t.Fatal(err)
	}
	txt, err := input.DecodeText(seed)
	if err != nil {
		t.Fatal(err)
	}
	dir, work := t.TempDir(), t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docx := docxgen.NumberedReport(txt.Lines)
	write("r.txt", seed)
	write("r.docx", docx)
	src := filepath.Join(work, "r.docx")
	if err := os.WriteFile(src, docx, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Fatalf("LibreOffice (soffice) is needed to make the test files: %v", err)
	}
	conv := map[string][]byte{}
	for _, ext := range []string{"doc", "pdf", "odt"} {
		out, err := exec.Command("soffice", "-env:UserInstallation=file://"+filepath.Join(work, "profile"), "--headless", "--convert-to", ext, "--outdir", work, src).CombinedOutput()
		if err != nil {
			t.Fatalf("soffice --convert-to %s: %v: %s", ext, err, out)
		}
		if conv[ext], err = os.ReadFile(filepath.Join(work, "r."+ext)); err != nil {
			t.Fatalf("LibreOffice wrote no .%s: %v (%s)", ext, err, out)
		}
		write("r."+ext, conv[ext])
	}
	write("r.wps", conv["doc"])
	write("r.ofd", ofdOfPDF(t, filepath.Join(work, "r.pdf")))
	write("扫描件.pdf", scannedPDF())
	write("加密.doc", encrypted(t, conv["doc"]))
	write("照片.jpg", []byte("\xff\xd8\xff\xe0"))
	write("材料.zip", []byte("PK\x05\x06"+strings.Repeat("\x00", 18)))
	write("~$r.docx", []byte("lock"))

	xlsx := filepath.Join(work, "汇总.xlsx")
	res, code, stderr := runJSON(t, "--report", xlsx, dir)
	if code != exitTrouble {
		t.Errorf("exit %d, want %d (two unreadable files); stderr: %s", code, exitTrouble, stderr)
	}
	countEveryFile(t, dir, res)
	entries, _ := os.ReadDir(dir)
	if len(entries) != 12 || len(res.Files) != 9 || len(res.Skipped) != 3 {
		t.Errorf("%d files on disk; %d in files and %d skipped, want 12: 9 and 3", len(entries), len(res.Files), len(res.Skipped))
	}

	findings := map[string][]string{}
	unreadable := map[string]string{}
	for _, f := range res.Files {
		name := filepath.Base(f.Path)
		if f.Error != nil {
			unreadable[name] = *f.Error
			continue
		}
		for _, d := range f.Diagnostics {
			findings[name] = append(findings[name], d.Rule+" "+noSpace(lineRef.ReplaceAllString(d.Message, "第N行")))
		}
		slices.Sort(findings[name])
	}
	want := findings["r.txt"]
	if len(want) == 0 {
		t.Fatal("the .txt has no findings: the comparison would prove nothing")
	}
	for _, ext := range []string{"docx", "doc", "wps", "pdf", "ofd", "odt"} {
		got, ok := findings["r."+ext]
		if !ok {
			t.Errorf("r.%s was not read (%s)", ext, unreadable["r."+ext])
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("r.%s: findings differ from the .txt's\n got: %q\nwant: %q", ext, got, want)
		}
	}
	for name, why := range map[string]string{"扫描件.pdf": "扫描件，没有文字层", "加密.doc": "加密"} {
		if !strings.Contains(unreadable[name], why) {
			t.Errorf("%s: error %q, want one saying %q", name, unreadable[name], why)
		}
	}
	if len(unreadable) != 2 {
		t.Errorf("unreadable: %q, want the scanned PDF and the encrypted .doc", unreadable)
	}
	skipped := map[string]bool{}
	for _, k := range res.Skipped {
		skipped[filepath.Base(k.Path)] = true
	}
	for _, name := range []string{"照片.jpg", "材料.zip", "~$r.docx"} {
		if !skipped[name] {
			t.Errorf("%s is not listed as skipped: %+v", name, res.Skipped)
		}
	}

	book, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, err := book.GetRows("汇总")
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, row := range rows[1:] {
		if len(row) > 0 && !strings.HasPrefix(row[0], "合计") {
			status[filepath.Base(row[0])] = row[len(row)-1]
		}
	}
	if len(status) != len(entries) {
		t.Errorf("the table has %d rows, the folder %d files", len(status), len(entries))
	}
	for _, e := range entries {
		st, ok := status[e.Name()]
		switch {
		case !ok:
			t.Errorf("%s has no row in the table", e.Name())
		case skipped[e.Name()] && !strings.HasPrefix(st, "跳过"):
			t.Errorf("%s: table says %q, want 跳过", e.Name(), st)
		case unreadable[e.Name()] != "" && st == "":
			t.Errorf("%s: the table does not say why it is unreadable", e.Name())
		}
	}
}

var lineRef = regexp.MustCompile(`第[\d、页第]+(等\d+)?行`) // positions differ by format

func noSpace(s string) string { return strings.Join(strings.Fields(s), "") }

// encrypted is a copy of a .doc with fEncrypted set in its FIB (the WordDocument stream
// starts with wIdent 0xA5EC at a sector or mini-sector boundary after the 512-byte header).
func encrypted(t *testing.T, doc []byte) []byte {
	t.Helper()
	out := slices.Clone(doc)
	for off := 512; off+12 <= len(out); off += 64 {
		if binary.LittleEndian.Uint16(out[off:]) == 0xA5EC && binary.LittleEndian.Uint16(out[off+2:]) >= 0x00C0 {
			binary.LittleEndian.PutUint16(out[off+10:], binary.LittleEndian.Uint16(out[off+10:])|0x0100)
			return out
		}
	}
	t.Fatal("no FIB found in the .doc")
	return nil
}

// scannedPDF is a one-page PDF holding only an image: no text layer.
func scannedPDF() []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >> >>",
		"<< /Length 30 >>\nstream\nq 595 0 0 842 0 0 cm /Im0 Do Q\nendstream",
		"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream",
	}
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
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// ofdOfPDF writes an OFD package (GB/T 33190: OFD.xml, Document.xml, a Content.xml per page)
// holding the words of a PDF where poppler's pdftotext -bbox-layout places them, each character
// advancing an equal share of its word's width.
func ofdOfPDF(t *testing.T, pdf string) []byte {
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
	const ns = `xmlns:ofd="http://www.ofdspec.org/2016"`
	mm := func(pt float64) float64 { return pt * 25.4 / 72 }
	files := map[string]string{"OFD.xml": `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD ` + ns + ` Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
		"Doc_0/PublicRes.xml": `<?xml version="1.0" encoding="UTF-8"?><ofd:Res ` + ns + ` BaseLoc="Res"><ofd:Fonts><ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>`}
	var list strings.Builder
	for i, p := range doc.Pages {
		fmt.Fprintf(&list, `<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>`, 100+i, i)
		var c strings.Builder
		for k, w := range p.Words {
			h := w.YMax - w.YMin
			x, y, wd, size := w.XMin, w.YMax-0.22*h, w.XMax-w.XMin, h/1.3
			n := utf8.RuneCountInString(w.Text)
			var text bytes.Buffer
			xml.EscapeText(&text, []byte(w.Text))
			fmt.Fprintf(&c, `<ofd:TextObject ID="%d" Boundary="%.4f %.4f %.4f %.4f" Font="1" Size="%.4f"><ofd:TextCode X="0" Y="%.4f" DeltaX="g %d %.4f">%s</ofd:TextCode></ofd:TextObject>`,
				1000+k, mm(x), mm(y-size), mm(wd), mm(size*1.3), mm(size), mm(size), max(n-1, 1), mm(wd/float64(n)), text.String())
		}
		files[fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i)] = `<?xml version="1.0" encoding="UTF-8"?><ofd:Page ` + ns + `><ofd:Area><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer ID="2"><ofd:PageBlock ID="3">` + c.String() + `</ofd:PageBlock></ofd:Layer></ofd:Content></ofd:Page>`
	}
	files["Doc_0/Document.xml"] = `<?xml version="1.0" encoding="UTF-8"?><ofd:Document ` + ns + `><ofd:CommonData><ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>` + list.String() + `</ofd:Pages></ofd:Document>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml"} {
		w, _ := zw.Create(name)
		w.Write([]byte(files[name]))
		delete(files, name)
	}
	for i := range doc.Pages {
		name := fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i)
		w, _ := zw.Create(name)
		w.Write([]byte(files[name]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
