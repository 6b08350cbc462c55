package annotate

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/docxgen"
)

// storedZip is a .docx holding document.xml, not compressed: deflating costs the fuzzer more
// than everything it tests.
func storedZip(doc string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range [][2]string{{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`}, {"word/document.xml", doc}} {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: p[0], Method: zip.Store})
		w.Write([]byte(p[1]))
	}
	zw.Close()
	return buf.Bytes()
}

// randomDocument writes a document.xml out of what Word puts in one: runs with and without
// properties (hidden ones too), text with entities, line ends and CDATA, tabs, empty w:t,
// hyperlinks, tracked insertions and deletions, smart tags, content controls, simple fields,
// bookmarks, comment markers, equations, alternate content, text boxes, tables, empty
// paragraphs. 15,000 of these (a generator like it, run once) all passed FuzzAnnotate.
func randomDocument(r *rand.Rand) string {
	pick := func(s ...string) string { return s[r.IntN(len(s))] }
	text := func() string {
		var b strings.Builder
		for n := r.IntN(5); n > 0; n-- {
			b.WriteString(pick("法制政府", "的的", "XX", "2024年", ",", "一、", "（一）", "A&amp;B", "&lt;x&gt;", "&#x4e00;", "&#13;\r\n", "\r\n", "  ", "第一责任人", "建立建立", "x"))
		}
		return b.String()
	}
	var para func(depth int) string
	run := func(depth int) string {
		var b strings.Builder
		b.WriteString(`<w:r w:rsidR="1">` + pick("", "<w:rPr><w:b/></w:rPr>", "<w:rPr><w:vanish/></w:rPr>", "<w:rPr/>",
			`<w:rPr><w:b/><w:rPrChange w:id="9" w:author="a"><w:rPr/></w:rPrChange></w:rPr>`))
		for n := r.IntN(4); n > 0; n-- {
			b.WriteString(pick(`<w:t><![CDATA[a<b]]></w:t>`, "<w:t/>", "<w:tab/>", "<w:t>"+text()+"</w:t>", `<w:t xml:space="preserve">`+text()+"</w:t>"))
		}
		if depth < 2 && r.IntN(20) == 0 {
			b.WriteString(`<w:drawing><wps:txbx xmlns:wps="x"><w:txbxContent>` + para(depth+1) + `</w:txbxContent></wps:txbx></w:drawing>`)
		}
		b.WriteString("</w:r>")
		return b.String()
	}
	child := func(depth int) string {
		switch r.IntN(14) {
		case 0:
			return `<w:hyperlink r:id="rId1" xmlns:r="r">` + run(depth) + run(depth) + `</w:hyperlink>`
		case 1:
			return `<w:ins w:id="21" w:author="a">` + run(depth) + `</w:ins>`
		case 2:
			return `<w:del w:id="22" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>`
		case 3:
			return `<w:smartTag w:element="x"><w:smartTagPr/>` + run(depth) + `</w:smartTag>`
		case 4:
			return `<w:sdt><w:sdtPr/><w:sdtContent>` + run(depth) + `</w:sdtContent></w:sdt>`
		case 5:
			return `<w:fldSimple w:instr="PAGE">` + run(depth) + `</w:fldSimple>`
		case 6:
			return pick(`<w:bookmarkStart w:id="3" w:name="b"/>`, `<w:commentRangeStart w:id="4"/>`, `<w:commentRangeEnd w:id="4"/>`, `<w:proofErr w:type="spellStart"/>`)
		case 7:
			return `<m:oMath xmlns:m="m"><m:r><m:t>x+y</m:t></m:r></m:oMath>`
		case 8:
			return `<mc:AlternateContent xmlns:mc="mc"><mc:Choice>` + run(depth) + `</mc:Choice><mc:Fallback>` + run(depth) + `</mc:Fallback></mc:AlternateContent>`
		}
		return run(depth)
	}
	para = func(depth int) string {
		if r.IntN(20) == 0 {
			return "<w:p/>"
		}
		var b strings.Builder
		b.WriteString("<w:p>" + pick("", `<w:pPr><w:pStyle w:val="a"/></w:pPr>`, "<w:pPr/>",
			`<w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs><w:jc w:val="both"/><w:rPr><w:b/></w:rPr></w:pPr>`))
		for n := r.IntN(7); n > 0; n-- {
			b.WriteString(child(depth))
		}
		b.WriteString("</w:p>")
		return b.String()
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><w:document ` + docxgen.NS + `><w:body>`)
	for n := 1 + r.IntN(6); n > 0; n-- {
		if r.IntN(10) == 0 {
			b.WriteString("<w:tbl><w:tr><w:tc>" + para(0) + "</w:tc></w:tr></w:tbl>")
		} else {
			b.WriteString(para(0))
		}
	}
	b.WriteString("</w:body></w:document>")
	return b.String()
}

func set(ids []string) map[string]bool {
	m := map[string]bool{}
	for _, id := range ids {
		m[id] = true
	}
	return m
}

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
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200; i++ {
		spec := make([]byte, r.IntN(30))
		for k := range spec {
			spec[k] = byte(r.IntN(256))
		}
		f.Add(randomDocument(r), spec)
	}
	f.Fuzz(func(t *testing.T, doc string, spec []byte) {
		data := storedZip(doc)
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
		if errors.As(err, &refused) && refused.Reason == malformedDocument {
			if xmlOK([]byte(doc)) && !docxgen.Misplaced(doc) {
				t.Fatalf("refused as malformed, but encoding/xml reads it and its runs are formatted first:\n%s", doc)
			}
			return // its elements do not nest: no copy, as it should be
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
		ids := commentIDs(t, part(t, out, "word/comments.xml"))[Author]
		got := anchored(t, newDoc, set(ids))
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
		ids = commentIDs(t, part(t, again, "word/comments.xml"))[Author]
		if len(ids) != m {
			t.Fatalf("after a second run %d comments by fzlint, want %d", len(ids), m)
		}
		anchored(t, part(t, again, "word/document.xml"), set(ids))
	})
}

// TestEquationRunsAreNotMalformed: a run of an equation holds two properties, m:rPr and then
// w:rPr, as Word writes them; that is no run formatted after its text, and the file gets its
// comments, as does one whose properties hold a tracked change of them (w:rPrChange) or the
// paragraph mark's (w:pPr/w:rPr). A w:rPr after a run's text, a w:pPr after a paragraph's,
// properties holding text (a w:tab, a w:p), or a w:t or w:tab holding an element are refused.
func TestEquationRunsAreNotMalformed(t *testing.T) {
	eq := `<m:oMath xmlns:m="m"><m:r><m:rPr><m:sty m:val="p"/></m:rPr><w:rPr><w:rFonts w:ascii="Cambria Math"/></w:rPr><m:t>x</m:t></m:r></m:oMath>`
	for _, c := range []struct {
		para    string
		refused bool
	}{
		{`<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>我们加强法制政府建设</w:t></w:r>` + eq + `</w:p>`, false},
		{`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>我们加强法制政府建设</w:t><w:rPr><w:vanish/></w:rPr></w:r></w:p>`, true},
		{`<w:p><w:r><w:t>我们加强法制政府建设</w:t></w:r><w:pPr><w:jc w:val="both"/></w:pPr></w:p>`, true},
		{`<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:rPr><w:b/><w:rPrChange w:id="1" w:author="a"><w:rPr/></w:rPrChange></w:rPr><w:t>我们加强法制政府建设</w:t></w:r></w:p>`, false},
		{`<w:p><w:r><w:rPr><w:tab/></w:rPr><w:t>我们加强法制政府建设</w:t></w:r></w:p>`, true},
		{`<w:p><w:pPr><w:rPr><w:p/></w:rPr></w:pPr><w:r><w:t>我们加强法制政府建设</w:t></w:r></w:p>`, true},
		{`<w:p><w:r><w:t>我们<w:t>加强</w:t>法制政府建设</w:t></w:r></w:p>`, true},
		{`<w:p><w:r><w:tab><w:t>我们加强</w:t></w:tab><w:t>法制政府建设</w:t></w:r></w:p>`, true},
		{`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>我们加强</w:t><w:tab/><w:t>法制政府建设</w:t></w:r></w:p>`, false},
	} {
		doc := `<w:document xmlns:w="` + nsW + `"><w:body>` + c.para + `</w:body></w:document>`
		data := storedZip(doc)
		txt, err := input.Read("f.docx", data)
		if err != nil {
			t.Fatal(err)
		}
		ds := []checker.Diagnostic{{Rule: "language/term-misuse", Severity: checker.Error, Line: 1, Column: 5, EndLine: 1, EndColumn: 9, Message: "问题"}}
		_, _, err = Docx(data, txt, ds, Options{})
		var refused *Refused
		if got := errors.As(err, &refused) && refused.Reason == malformedDocument; got != c.refused || err != nil && !got {
			t.Errorf("%s: error %v, want refused %v", c.para, err, c.refused)
		}
	}
}
