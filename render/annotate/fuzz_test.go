package annotate

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/docxgen"
)

// xmlOK says whether encoding/xml reads b to the end.
func xmlOK(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// findings makes findings from fuzz bytes: three bytes each, a paragraph, a column and a width.
func findings(lines []string, spec []byte) []checker.Diagnostic {
	var ds []checker.Diagnostic
	for i := 0; i+2 < len(spec) && len(ds) < 40; i += 3 {
		line := int(spec[i])%(len(lines)+1) + 1
		n := 0
		if line <= len(lines) {
			n = utf8.RuneCountInString(lines[line-1])
		}
		col := int(spec[i+1])%(n+2) + 1
		ds = append(ds, checker.Diagnostic{Rule: "fuzz/rule", Severity: checker.Warning, Line: line, Column: col, EndLine: line,
			EndColumn: col + int(spec[i+2])%9, Message: "问题<&>\"" + string(rune(0x4e00+int(spec[i])))})
	}
	return ds
}

// FuzzAnnotate splices random findings into random documents: the copy always reads back to
// the same text, every comment has one start, one end and one reference, each range holds the
// characters of its finding (more when an edge falls inside an element markers stay out of),
// and annotating the copy again replaces fzlint's comments.
func FuzzAnnotate(f *testing.F) {
	f.Add(string(part(f, wordStyle(f), "word/document.xml")), []byte{3, 2, 4, 9, 0, 0, 12, 5, 3, 200, 7, 1})
	for _, s := range seedTexts(f) {
		f.Add(docxgen.Document([]docxgen.Paragraph{{Text: strings.Split(s, "\n")[0], Runs: 3}, {Text: "一、主要举措", Runs: 2}}), []byte{0, 3, 5, 1, 1, 2})
	}
	ns := docxgen.NS
	for _, s := range []string{
		`<w:document ` + ns + `><w:body><w:p><w:r><w:t>a&amp;b&#x4e00;&#13;` + "\r\n" + `c</w:t><w:tab/><w:t><![CDATA[x<y]]></w:t></w:r></w:p><w:p/></w:body></w:document>`,
		`<w:document ` + ns + `><w:body><w:p><w:pPr/><w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:r><w:rPr><w:vanish/></w:rPr><w:t>藏</w:t></w:r><m:oMath xmlns:m="m"><m:r><m:t>x</m:t></m:r></m:oMath></w:p></w:body></w:document>`,
		`<w:document ` + ns + `><w:body><w:p><w:r><w:t>外</w:t><w:drawing><w:txbxContent><w:p><w:r><w:t>内</w:t></w:r></w:p></w:txbxContent></w:drawing><w:t>面</w:t></w:r></w:p></w:body></w:document>`,
	} {
		f.Add(s, []byte{0, 0, 1, 0, 1, 2, 1, 0, 0, 2, 1, 5})
	}
	f.Fuzz(func(t *testing.T, doc string, spec []byte) {
		data := docxgen.Zip(map[string]string{"word/document.xml": doc})
		txt, err := input.Read("f.docx", data)
		if err != nil {
			return
		}
		ds := findings(txt.Lines, spec)
		out, n, err := Docx(data, txt, ds, Options{})
		var refused *Refused
		if errors.As(err, &refused) && !strings.Contains(doc, `xmlns:w="`+nsW+`"`) {
			return // not Word's namespace: refused, as it should be
		}
		if err != nil {
			t.Fatalf("annotate: %v", err)
		}
		back, err := input.Read("f.docx", out)
		if err != nil {
			t.Fatalf("the copy does not read: %v", err)
		}
		if !reflect.DeepEqual(back.Lines, txt.Lines) {
			t.Fatalf("the copy reads differently:\n%q\n%q", txt.Lines, back.Lines)
		}
		if !xmlOK([]byte(doc)) {
			return // the rest reads the copy with encoding/xml, which this document defeats
		}
		newDoc := part(t, out, "word/document.xml")
		if !xmlOK(newDoc) {
			t.Fatalf("the copy's document.xml is not well-formed:\n%s", newDoc)
		}
		got := anchored(t, newDoc)
		ids := commentIDs(t, part(t, out, "word/comments.xml"))[Author]
		if len(ids) != n {
			t.Fatalf("%d comments written, %d in comments.xml", n, len(ids))
		}
		for _, id := range ids {
			if _, ok := got[id]; !ok {
				t.Fatalf("comment %s is not anchored", id)
			}
		}
		k := 0
		for _, d := range ds {
			if k >= len(ids) {
				break
			}
			w := want(txt.Lines, txt.Docx, d)
			if !strings.Contains(got[ids[k]], w) {
				t.Errorf("finding %d:%d-%d anchored on %q, which does not hold %q", d.Line, d.Column, d.EndColumn, got[ids[k]], w)
			}
			k++
		}
		// Again, with the first half of the findings: fzlint's comments are replaced.
		again, m, err := Docx(out, back, ds[:len(ds)/2], Options{})
		if err != nil {
			t.Fatalf("annotating the copy: %v", err)
		}
		if ids := commentIDs(t, part(t, again, "word/comments.xml"))[Author]; len(ids) != m {
			t.Fatalf("after a second run %d comments by fzlint, want %d", len(ids), m)
		}
		anchored(t, part(t, again, "word/document.xml"))
	})
}
