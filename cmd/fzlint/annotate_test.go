package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/internal/docxgen"
)

// seedDocx writes a seed report as a .docx with numbered headings into dir.
func seedDocx(t *testing.T, dir, name string) string {
	t.Helper()
	text, err := os.ReadFile(seed("000_4c1585aa5a4d5d00.txt"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, docxgen.NumberedReport(strings.Split(string(text), "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// commentCount counts fzlint's comments in an annotated file.
func commentCount(t *testing.T, path string) int {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "word/comments.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return bytes.Count(b, []byte(`w:author="fzlint"`))
		}
	}
	return 0
}

func TestAnnotateCommand(t *testing.T) {
	dir := t.TempDir()
	src := seedDocx(t, dir, "报告.docx")
	before, _ := os.ReadFile(src)
	code, stdout, stderr := runCLI(t, "", "annotate", src)
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	out := filepath.Join(dir, "报告.fzlint.docx")
	n := strings.Count(stdout, "\n")
	if got := commentCount(t, out); got != n || n == 0 {
		t.Errorf("%d comments for %d findings printed", got, n)
	}
	if !strings.Contains(stderr, "已写入批注副本 "+out) {
		t.Errorf("stderr does not name the copy: %s", stderr)
	}
	after, _ := os.ReadFile(src)
	if !bytes.Equal(before, after) {
		t.Error("the original was written")
	}
	// Again: the copy is replaced (fzlint's comments not doubled), the original still untouched.
	if code, _, stderr := runCLI(t, "", "check", "--annotate", src); code != exitFindings {
		t.Fatalf("check --annotate: exit %d: %s", code, stderr)
	}
	if got := commentCount(t, out); got != n {
		t.Errorf("after a second run: %d comments, want %d", got, n)
	}
	// An annotated copy checked again (-o elsewhere) keeps one comment per finding.
	other := filepath.Join(dir, "再审.docx")
	if code, _, stderr := runCLI(t, "", "annotate", out, "-o", other); code != exitFindings {
		t.Fatalf("annotate the copy: exit %d: %s", code, stderr)
	}
	if got := commentCount(t, other); got != n {
		t.Errorf("the copy annotated again: %d comments, want %d", got, n)
	}
	// The copy itself, without -o, would be written over: refused.
	if code, _, stderr := runCLI(t, "", "annotate", out); code != exitTrouble || !strings.Contains(stderr, "批注副本") {
		t.Errorf("annotating a copy onto itself: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "annotate", src, "-o", src); code != exitTrouble || !strings.Contains(stderr, "原稿") {
		t.Errorf("-o the original: exit %d: %s", code, stderr)
	}
	if after, _ := os.ReadFile(src); !bytes.Equal(before, after) {
		t.Error("the original was written")
	}
	// No temporary file is left behind.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestAnnotateRefuses(t *testing.T) {
	dir := t.TempDir()
	doc := docxgen.Document([]docxgen.Paragraph{{Text: "我们加强法制政府建设"}})
	strict := strings.Replace(doc, "http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main", 1)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"签名.docx", docxgen.Zip(map[string]string{"word/document.xml": doc, "_xmlsignatures/sig1.xml": "<Signature/>"}), "数字签名"},
		{"加密.docx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), "加密"},
		{"宏.docx", docxgen.Zip(map[string]string{"word/document.xml": doc, "word/vbaProject.bin": "x"}), "宏"},
		{"宏.docm", docxgen.Zip(map[string]string{"word/document.xml": doc}), "宏"},
		{"严格.docx", docxgen.Zip(map[string]string{"word/document.xml": strict}), "Strict"},
		// Its w:t closed by </w:r>: read, but where the paragraph ends is not known.
		{"损坏.docx", docxgen.Zip(map[string]string{"word/document.xml": strings.Replace(doc, "</w:t>", "</w:r>", 1)}), "标签不配对"},
		// Its run's properties after its text: a piece split off it could not be formatted as it was.
		{"格式在后.docx", docxgen.Zip(map[string]string{"word/document.xml": strings.Replace(doc, "</w:t>", "</w:t><w:rPr><w:vanish/></w:rPr>", 1)}), "格式写在文字之后"},
	}
	for _, c := range cases {
		p := filepath.Join(dir, c.name)
		if err := os.WriteFile(p, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := runCLI(t, "", "annotate", p)
		// An unreadable file's reason is its finding (stdout); a refusal is on stderr.
		if code != exitTrouble || !strings.Contains(stdout+stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q: want exit 2 and %q", c.name, code, stderr, c.want)
		}
		if _, err := os.Stat(filepath.Join(dir, strings.TrimSuffix(c.name, filepath.Ext(c.name))+".fzlint"+filepath.Ext(c.name))); err == nil {
			t.Errorf("%s: a copy was written", c.name)
		}
	}
	// A text file has nothing to anchor comments in.
	txt := filepath.Join(dir, "报告.txt")
	os.WriteFile(txt, []byte("我们加强法制政府建设\n"), 0o644)
	code, _, stderr := runCLI(t, "", "annotate", txt)
	if code != exitTrouble || !strings.Contains(stderr, "--diff") || !strings.Contains(stderr, "--fix") {
		t.Errorf(".txt: exit %d, %s", code, stderr)
	}
	// check --annotate over a mix notes the text file and annotates the .docx.
	seedDocx(t, dir, "正文.docx")
	code, _, stderr = runCLI(t, "", "check", "--annotate", txt, filepath.Join(dir, "正文.docx"))
	if code != exitFindings || !strings.Contains(stderr, "不是 .docx") || commentCount(t, filepath.Join(dir, "正文.fzlint.docx")) == 0 {
		t.Errorf("check --annotate on a mix: exit %d, %s", code, stderr)
	}
	if code, _, _ := runCLI(t, "", "check", "-o", "x.docx", txt); code != exitTrouble {
		t.Errorf("-o without --annotate: exit %d", code)
	}
}

// The annotated copy replaces only a copy of fzlint's: -o naming another submission (a glob,
// fzlint annotate -o *.docx) is refused and the file kept; a copy written before is replaced.
func TestAnnotateNeverReplacesASubmission(t *testing.T) {
	docx, err := os.ReadFile("../../testdata/docx/003_7f633bab698fbd83.libreoffice.docx")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	for _, name := range []string{"a.docx", "b.docx"} {
		if err := os.WriteFile(at(name), docx, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, stderr := runCLI(t, "", "annotate", "-o", at("b.docx"), at("a.docx"))
	if code != exitTrouble || !strings.Contains(stderr, "不会覆盖") {
		t.Errorf("-o a submission: exit %d, stderr %q", code, stderr)
	}
	if got, _ := os.ReadFile(at("b.docx")); !bytes.Equal(got, docx) {
		t.Error("b.docx was replaced")
	}
	for i := range 2 {
		if code, _, stderr := runCLI(t, "", "annotate", "-o", at("批注.docx"), at("a.docx")); code == exitTrouble {
			t.Errorf("run %d: -o a new or earlier copy: exit 2: %s", i+1, stderr)
		}
	}
}
