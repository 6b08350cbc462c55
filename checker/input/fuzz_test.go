package input_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker/fold"
	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/docxgen"
)

// checkDecoded holds for every decoder: an error is an Unreadable with a reason, and a text has
// lines without line ends in them.
func checkDecoded(t *testing.T, txt *input.Text, err error) {
	if err != nil {
		if !input.IsUnreadable(err) || err.Error() == "" {
			t.Fatalf("error %T %q is not an Unreadable with a reason", err, err)
		}
		return
	}
	if txt == nil || txt.Encoding == "" {
		t.Fatalf("text %+v without encoding", txt)
	}
	for i, l := range txt.Lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("line %d holds a line end: %q", i+1, l)
		}
	}
}

// checkNothingToFold: a text said to have nothing to fold has no line fold.String changes; a
// UTF-8 text is said to have nothing to fold whenever it has none; and a copy of the text
// with other lines is not said to.
func checkNothingToFold(t *testing.T, txt *input.Text) {
	if txt == nil {
		return
	}
	_, folds := fold.Lines(txt.Lines)
	utf8 := txt.Encoding == input.UTF8 || txt.Encoding == input.UTF8BOM
	if got := txt.NothingToFold(); got && folds || utf8 && len(txt.Lines) > 0 && got == folds {
		t.Fatalf("NothingToFold() = %v for %s lines %q", got, txt.Encoding, txt.Lines)
	}
	other := *txt
	other.Lines = append([]string(nil), txt.Lines...)
	if other.NothingToFold() {
		t.Fatalf("a copy with other lines has nothing to fold")
	}
}

func addSeeds(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/seeds/*.txt")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
}

func FuzzDecodeText(f *testing.F) {
	addSeeds(f)
	for _, s := range []string{"", "\xef\xbb\xbf一、\r\n（一）\r", "\xff\xfe\x00N\x01N", "\xfe\xff", "\xd2\xbb\xa1\xa2", "a\x00b", "\u3000\u3000", "\xef\xbb\xbf深入實施\n", "深入實施"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		txt, err := input.DecodeText(data)
		checkDecoded(t, txt, err)
		checkNothingToFold(t, txt)
		// The reading of a batch, which hands its bytes over, reads alike.
		copied, err := input.Read("r.txt", data)
		owned, oerr := input.ReadWith("r.txt", bytes.Clone(data), input.ReadOptions{Owned: true})
		if !reflect.DeepEqual(owned, copied) || fmt.Sprint(oerr) != fmt.Sprint(err) {
			t.Fatalf("ReadWith(Owned) = %+v, %v; Read = %+v, %v", owned, oerr, copied, err)
		}
	})
}

func FuzzHTML(f *testing.F) {
	pages, _ := filepath.Glob("../../testdata/html/*.html")
	for _, p := range pages {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{"", "<p>一、甲<br>乙</p>", "<meta charset=gbk><pre>\r\n\r</pre>", "<table><tr><td>a<td>b</table>",
		`<div class="nav share"><header><footer>x</footer></header></div>`, "<meta charset=utf-16><p>\xff\xfe"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		txt, err := input.DecodeHTML(data)
		checkDecoded(t, txt, err)
	})
}

// FuzzDocx fuzzes the XML parts of a .docx (a mutated archive rarely gets past its checksums).
func FuzzDocx(f *testing.F) {
	data, err := os.ReadFile(seed003)
	if err != nil {
		f.Fatal(err)
	}
	report := docxgen.NumberedReport(strings.Split(string(data), "\n"))
	f.Add(unzipPart(f, report, "word/document.xml"), unzipPart(f, report, "word/numbering.xml"), unzipPart(f, report, "word/styles.xml"))
	f.Add([]byte(`<w:document><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="8"/><w:numId w:val="1"/></w:numPr></w:pPr></w:p></w:body></w:document>`),
		[]byte(`<w:numbering><w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="S"/></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="8"><w:startOverride w:val="99999999999"/></w:lvlOverride></w:num></w:numbering>`),
		[]byte(`<w:styles><w:style w:styleId="S"><w:basedOn w:val="S"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>`))
	f.Add([]byte("<w:p><w:r><w:t>a</w:t><w:tab/></w:r></w:p>"), []byte("<x/>"), []byte(""))
	// Characters to fold: in the text, in the ordinal's text, in invalid UTF-8 and line ends.
	f.Add([]byte("<w:p><w:r><w:t>這是</w:t></w:r></w:p>"), []byte(""), []byte(""))
	f.Add([]byte(`<w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>a</w:t></w:r></w:p>`),
		[]byte(`<w:numbering><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:lvlText w:val="第%1條"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>`), []byte(""))
	f.Add([]byte("<w:p><w:r><w:t>\xff\n這</w:t></w:r></w:p>"), []byte(""), []byte(""))
	f.Fuzz(func(t *testing.T, document, numbering, styles []byte) {
		parts := map[string]string{"word/document.xml": string(document)}
		if len(numbering) > 0 {
			parts["word/numbering.xml"] = string(numbering)
		}
		if len(styles) > 0 {
			parts["word/styles.xml"] = string(styles)
		}
		txt, err := input.DecodeDocx(docxgen.Zip(parts))
		checkDecoded(t, txt, err)
		checkNothingToFold(t, txt)
	})
}

// FuzzDocxArchive fuzzes the archive itself: broken, truncated and odd zip files.
func FuzzDocxArchive(f *testing.F) {
	f.Add(docxgen.Zip(map[string]string{"word/document.xml": docxgen.Document([]docxgen.Paragraph{{Text: "正文"}})}))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("\xd0\xcf\x11\xe0"))
	f.Fuzz(func(t *testing.T, data []byte) {
		txt, err := input.DecodeDocx(data)
		checkDecoded(t, txt, err)
	})
}
