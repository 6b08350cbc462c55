package input_test

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/docxgen"
	"github.com/fzlint/fzlint/internal/linttest"
)

// A .docx with what the .doc reader must leave out or keep: a tracked deletion beside a
// tracked insertion, hidden text, a field (its code is not text, its result is), a table.
var docFeatures = map[string]string{
	"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ` + docxgen.NS + `><w:body>
<w:p><w:r><w:t>一、依法决策</w:t></w:r></w:p>
<w:p><w:r><w:t>全年审查文件</w:t></w:r><w:del w:id="1" w:author="甲" w:date="2025-01-02T00:00:00Z"><w:r><w:delText>十九大精神</w:delText></w:r></w:del><w:ins w:id="2" w:author="甲" w:date="2025-01-02T00:00:00Z"><w:r><w:t>15件</w:t></w:r></w:ins><w:r><w:t>。</w:t></w:r></w:p>
<w:p><w:r><w:t>详见</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "http://example.gov.cn/fzzf" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>政府网站</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>。</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的批注</w:t></w:r></w:p>
<w:tbl><w:tblPr><w:tblW w:w="4000" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>
<w:tr><w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>收到</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>办结</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>12件</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>10件</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl>
<w:p><w:r><w:t>特此报告。</w:t></w:r></w:p>
</w:body></w:document>`,
}

var docFeatureLines = []string{"一、依法决策", "全年审查文件15件。", "详见政府网站。", "收到", "办结", "12件", "10件", "特此报告。"}

// libreOfficeDocs holds the .doc files LibreOffice writes from the test's .docx files: the
// five seeds with their headings numbered by Word's automatic numbering, and docFeatures.
// They are converted once, in one run of soffice, for every test that needs them.
var libreOfficeDocs struct {
	once  sync.Once
	seeds []string            // the seeds' paths
	docs  map[string][]byte   // by base name: seed name, or "features"
	lines map[string][]string // the seeds' lines as the .txt reader reads them
	err   error
}

func convertedDocs(t *testing.T) (map[string][]byte, []string, map[string][]string) {
	t.Helper()
	d := &libreOfficeDocs
	d.once.Do(func() {
		dir, err := os.MkdirTemp("", "fzlint-doc")
		if err != nil {
			d.err = err
			return
		}
		defer os.RemoveAll(dir)
		d.seeds, _ = filepath.Glob("../../testdata/seeds/*.txt")
		d.lines = map[string][]string{}
		names := []string{"features"}
		write := func(name string, data []byte) {
			if err := os.WriteFile(filepath.Join(dir, name+".docx"), data, 0o644); err != nil {
				d.err = err
			}
		}
		write("features", docxgen.Zip(docFeatures))
		for _, s := range d.seeds {
			_, lines := readSeed(t, s)
			name := strings.TrimSuffix(filepath.Base(s), ".txt")
			d.lines[name] = lines
			names = append(names, name)
			write(name, docxgen.NumberedReport(lines))
		}
		args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--convert-to", "doc", "--outdir", dir}
		for _, n := range names {
			args = append(args, filepath.Join(dir, n+".docx"))
		}
		out, err := exec.Command("soffice", args...).CombinedOutput()
		if err != nil {
			d.err = err
			d.err = &convertError{err, out}
			return
		}
		d.docs = map[string][]byte{}
		for _, n := range names {
			b, err := os.ReadFile(filepath.Join(dir, n+".doc"))
			if err != nil {
				d.err = &convertError{err, out}
				return
			}
			d.docs[n] = b
		}
	})
	if d.err != nil {
		t.Fatalf("LibreOffice (soffice) could not convert the test files to .doc: %v", d.err)
	}
	return d.docs, d.seeds, d.lines
}

type convertError struct {
	err error
	out []byte
}

func (e *convertError) Error() string { return e.err.Error() + ": " + string(e.out) }

func decodeDoc(t *testing.T, data []byte) []string {
	t.Helper()
	txt, err := input.DecodeDoc(data)
	if err != nil {
		t.Fatalf("DecodeDoc: %v", err)
	}
	return txt.Lines
}

// The seeds, numbered by Word's automatic numbering in a .docx and saved as .doc by
// LibreOffice: the .doc reader gives back the lines of the text, numbers included, and the
// findings are those of the .txt (every part found, none falsely missing).
func TestLibreOfficeDocHasTheFindingsOfTheText(t *testing.T) {
	docs, seeds, lines := convertedDocs(t)
	l := linttest.DefaultLinter(t)
	for _, s := range seeds {
		name := strings.TrimSuffix(filepath.Base(s), ".txt")
		t.Run(name, func(t *testing.T) {
			doc := docs[name]
			// At least one top-level heading's ordinal is not in the file: it comes from the
			// list tables (a heading that breaks the sequence may stay typed).
			headings, typed := 0, 0
			for _, line := range lines[name] {
				if topHeading.MatchString(line) {
					headings++
					if bytes.Contains(doc, utf16le(line)) {
						typed++
					}
				}
			}
			if typed == headings {
				t.Fatalf("all %d top-level headings are typed in the .doc; the test would not exercise its list tables", headings)
			}
			sameLines(t, decodeDoc(t, doc), lines[name])
			text, _ := readSeed(t, s)
			sameFindings(t, findings(t, l, "r.doc", doc), findings(t, l, "r.txt", []byte(text)))
		})
	}
}

// WPS 2003 and later write .wps files in the Word 97–2003 format: a .doc renamed .wps reads
// the same.
func TestDocRenamedWpsReadsTheSame(t *testing.T) {
	docs, seeds, _ := convertedDocs(t)
	name := strings.TrimSuffix(filepath.Base(seeds[0]), ".txt")
	asDoc, err := input.Read("报告.doc", docs[name])
	if err != nil {
		t.Fatal(err)
	}
	asWps, err := input.Read("报告.wps", docs[name])
	if err != nil {
		t.Fatal(err)
	}
	if len(asDoc.Lines) < 10 {
		t.Fatalf("only %d lines read", len(asDoc.Lines))
	}
	sameLines(t, asWps.Lines, asDoc.Lines)
}

// Deleted revisions, hidden text and field codes are not text; inserted revisions, a field's
// result and table cells are, one paragraph per cell, as the .docx reader reads the .docx the
// .doc was made from.
func TestDocLeavesOutDeletionsHiddenTextAndFieldCodes(t *testing.T) {
	docs, _, _ := convertedDocs(t)
	doc := docs["features"]
	for _, s := range []string{"十九大精神", "HYPERLINK"} {
		if !bytes.Contains(doc, utf16le(s)) && !bytes.Contains(doc, []byte(s)) {
			t.Fatalf("LibreOffice did not keep %q in the .doc; the test would prove nothing", s)
		}
	}
	got := decodeDoc(t, doc)
	sameLines(t, got, docFeatureLines)
	sameLines(t, decodeDocx(t, docFeatures), docFeatureLines)
}

// A .doc whose FIB says it is encrypted is unreadable, with what to do about it.
func TestEncryptedDocIsUnreadableWithTheReason(t *testing.T) {
	docs, _, _ := convertedDocs(t)
	enc := setFibFlag(t, docs["features"], 0x0100) // fEncrypted
	for _, name := range []string{"报告.doc", "报告.wps", "报告.docx"} {
		_, err := input.Read(name, enc)
		if err == nil || !input.IsUnreadable(err) || !strings.Contains(err.Error(), "加密") || !strings.Contains(err.Error(), "取消密码") {
			t.Errorf("%s: got %v, want unreadable because encrypted", name, err)
		}
	}
}

// setFibFlag returns a copy of a .doc with a flag set in the FIB, which starts the
// WordDocument stream: a sector (after the 512-byte header; 64 bytes in the mini stream of a
// small file) that begins with wIdent 0xA5EC
// and an nFib of Word 97 or later.
func setFibFlag(t *testing.T, doc []byte, flag uint16) []byte {
	t.Helper()
	out := append([]byte(nil), doc...)
	for off := 512; off+12 <= len(out); off += 64 {
		if binary.LittleEndian.Uint16(out[off:]) == 0xA5EC && binary.LittleEndian.Uint16(out[off+2:]) >= 0x00C0 {
			binary.LittleEndian.PutUint16(out[off+10:], binary.LittleEndian.Uint16(out[off+10:])|flag)
			return out
		}
	}
	t.Fatal("no FIB found in the .doc")
	return nil
}

// What is named .doc or .wps without being a Word 97–2003 file: a .docx is read as one, a web
// page as one, and the rest is unreadable with what it is and what to do.
func TestDocThatIsSomethingElse(t *testing.T) {
	docx := docxgen.Zip(docFeatures)
	txt, err := input.Read("报告.doc", docx)
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, txt.Lines, docFeatureLines)
	txt, err = input.Read("报告.doc", []byte("<html><body><p>一、依法决策</p><p>特此报告。</p></body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, txt.Lines, []string{"一、依法决策", "特此报告。"})
	for _, c := range []struct{ name, data, want string }{
		{"报告.doc", `{\rtf1\ansi 一、}`, "RTF"},
		{"报告.doc", "MIME-Version: 1.0\r\nContent-Type: multipart/related", "MHT"},
		{"报告.wps", "\x00\x00WPS 2000 文档", "旧版 WPS"},
		{"报告.doc", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 truncated", "已损坏"},
		{"报告.doc", "", "文件为空"}, // not an unknown kind of Word file
	} {
		_, err := input.Read(c.name, []byte(c.data))
		if err == nil || !input.IsUnreadable(err) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), ".docx") && c.want != "已损坏" && c.want != "文件为空" {
			t.Errorf("%s %q: got %v, want unreadable mentioning %q", c.name, c.data, err, c.want)
		}
	}
}

var topHeading = regexp.MustCompile(`^[一二三四五六七八九十]+、`)

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = binary.LittleEndian.AppendUint16(b, uint16(r))
	}
	return b
}
