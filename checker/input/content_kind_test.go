//go:build !fzlintpage

package input

import (
	"os"
	"slices"
	"testing"
)

// A file whose bytes say what it is (a PDF, a .docx, an .ofd, a Word 97–2003 file) is read as
// that under any name: supervisors receive .docx files saved as .txt and PDFs named .ofd.
func TestFileReadAsWhatItIsWhateverItsName(t *testing.T) {
	docx, err := os.ReadFile("../../testdata/docx/003_7f633bab698fbd83.libreoffice.docx")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		right string
		data  []byte
		wrong []string
	}{
		{"r.docx", docx, []string{"r.txt", "r.odt", "r.ofd", "r.pdf", "r.html", "r.doc", "<stdin>"}},
		{"r.pdf", testPDF(reportPages(), false), []string{"r.ofd", "r.txt", "r.docx"}},
		{"r.ofd", testOFD(reportPages()), []string{"r.pdf", "r.docx", "r.odt"}},
	} {
		want, err := Read(c.right, c.data)
		if err != nil {
			t.Fatalf("%s: %v", c.right, err)
		}
		for _, name := range c.wrong {
			got, err := Read(name, c.data)
			if err != nil {
				t.Errorf("%s named %s: %v", c.right, name, err)
			} else if !slices.Equal(got.Lines, want.Lines) {
				t.Errorf("%s named %s: %d lines; want the %d lines read as %s", c.right, name, len(got.Lines), len(want.Lines), c.right)
			}
		}
	}
}

// A text file whose first words only look like a PDF's header is read as the text it is.
func TestTextThatBeginsAsAPDFIsText(t *testing.T) {
	data := []byte("%PDF-1.4 是本文的开头。\n2024年，我县推进法治政府建设。\n")
	txt, err := Read("r.txt", data)
	if err != nil || len(txt.Lines) != 2 || txt.Lines[1] != "2024年，我县推进法治政府建设。" {
		t.Errorf("read as %v, %v; want the two lines of text", txt, err)
	}
}
