package main

import (
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/docxgen"
	"github.com/fzlint/fzlint/internal/fixedgen"
	"github.com/fzlint/fzlint/render"
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
	write("r.ofd", fixedgen.OFDOfPDF(t, filepath.Join(work, "r.pdf")))
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
	// --fix is offered only where it edits the file: the .txt.
	fixHint := render.Message(checker.Diagnostic{Hint: checker.HintFix})
	fixOffered := map[string]bool{}
	for _, f := range res.Files {
		name := filepath.Base(f.Path)
		if f.Error != nil {
			unreadable[name] = *f.Error
			continue
		}
		for _, d := range f.Diagnostics {
			msg, offered := strings.CutSuffix(d.Message, fixHint)
			fixOffered[name] = fixOffered[name] || offered
			findings[name] = append(findings[name], d.Rule+" "+noSpace(lineRef.ReplaceAllString(msg, "第N行")))
		}
		slices.Sort(findings[name])
	}
	want := findings["r.txt"]
	if len(want) == 0 || !fixOffered["r.txt"] {
		t.Fatalf("the .txt has no findings, or none offering --fix: the comparison would prove nothing (%q)", want)
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
		if fixOffered["r."+ext] {
			t.Errorf("r.%s: a finding offers --fix, which does not edit a .%s", ext, ext)
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

	status := map[string]string{}
	for path, st := range summaryStatus(t, xlsx) {
		status[filepath.Base(path)] = st
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

var lineRef = regexp.MustCompile(`第[\d、页第]+(行，第[\d、页第]+)*(等\d+)?行`) // positions differ by format

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
	return fixedgen.PDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >> >>",
		"<< /Length 30 >>\nstream\nq 595 0 0 842 0 0 cm /Im0 Do Q\nendstream",
		"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream",
	}, 1)
}
