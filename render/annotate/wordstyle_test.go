package annotate

import (
	"bytes"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/docxgen"
)

// wordStyle builds a .docx the way Word writes one, with what a report drafted in Word holds
// besides its text: headings numbered by numbering.xml, tracked changes (an insertion and a
// deletion), a hyperlink, a smart tag, a content control, a text box (mc:AlternateContent with
// its VML fallback), a field, bookmarks, hidden text, entities and a tab, a header and a
// footer, and a colleague's comment with its commentsExtended and commentsIds entries. Its
// text is a seed report, so that the real rules find real things in it, some of them next to
// or inside these elements.
func wordStyle(t testing.TB) []byte {
	t.Helper()
	seed := seedTexts(t)["000_4c1585aa5a4d5d00.txt"]
	var body strings.Builder
	first := true
	for _, line := range strings.Split(strings.ReplaceAll(seed, "\r\n", "\n"), "\n") {
		text := strings.TrimSpace(line)
		level := -1
		for k, p := range []string{"一二三四五六七八九十", ""} {
			if k == 0 && len([]rune(text)) > 2 && strings.ContainsRune(p, []rune(text)[0]) && []rune(text)[1] == '、' {
				level, text = 0, string([]rune(text)[2:])
			}
		}
		if level == 0 {
			body.WriteString(`<w:p w14:paraId="1A2B3C4D" w14:textId="77777777"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/><w:b/></w:rPr><w:t>` + esc(text) + `</w:t></w:r></w:p>`)
		} else {
			// Two runs of different formatting, so that findings cross run boundaries.
			r := []rune(text)
			h := len(r) / 3
			body.WriteString(`<w:p><w:r w:rsidR="00A1"><w:t xml:space="preserve">` + esc(string(r[:h])) + `</w:t></w:r><w:r w:rsidR="00A2"><w:rPr><w:color w:val="FF0000"/></w:rPr><w:t xml:space="preserve">` + esc(string(r[h:])) + `</w:t></w:r></w:p>`)
		}
		if level == 0 && first {
			first = false
			body.WriteString(special)
		}
	}
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
		`<w:document xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" mc:Ignorable="w14 wp14"><w:body>` +
		body.String() +
		`<w:sectPr><w:headerReference w:type="default" r:id="rId20"/><w:footerReference w:type="default" r:id="rId21"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`
	numbering := docxgen.Numbering([][]docxgen.Level{{{Format: "chineseCounting", Text: "%1、", Start: 1}}}, []docxgen.Instance{{ID: 1, Abstract: 1}})
	return docxgen.Zip(map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/><Override PartName="/word/commentsExtended.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/><Override PartName="/word/commentsIds.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.commentsIds+xml"/></Types>`,
		"word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.gov.cn/" TargetMode="External"/><Relationship Id="rId20" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId21" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/><Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" Target="commentsExtended.xml"/><Relationship Id="rId10" Type="http://schemas.microsoft.com/office/2016/09/relationships/commentsIds" Target="commentsIds.xml"/></Relationships>`,
		"word/document.xml":  doc,
		"word/numbering.xml": numbering,
		"word/styles.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/><w:rPr><w:sz w:val="21"/></w:rPr></w:style><w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style></w:styles>`,
		"word/header1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>页眉：法治政府建设年度报告</w:t></w:r></w:p></w:hdr>`,
		"word/footer1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t xml:space="preserve">第 </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> 页</w:t></w:r></w:p></w:ftr>`,
		"word/comments.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><w:comment w:id="7" w:author="张科长" w:date="2026-11-20T10:00:00Z" w:initials="张"><w:p w14:paraId="0C0FFEE1" w14:textId="77777777"><w:r><w:annotationRef/></w:r><w:r><w:t>这一段再压缩一些。</w:t></w:r></w:p></w:comment></w:comments>`,
		"word/commentsExtended.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w15:commentEx w15:paraId="0C0FFEE1" w15:done="0"/></w15:commentsEx>`,
		"word/commentsIds.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w16cid:commentsIds xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid"><w16cid:commentId w16cid:paraId="0C0FFEE1" w16cid:durableId="1B2C3D4E"/></w16cid:commentsIds>`,
	})
}

// special are the paragraphs with what Word puts around text, placed after the first heading.
const special = `<w:p><w:bookmarkStart w:id="0" w:name="_Toc1"/><w:r><w:t xml:space="preserve">我们持续加强</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>法制</w:t></w:r><w:r><w:t>政府建设，</w:t></w:r><w:ins w:id="11" w:author="李四" w:date="2026-11-01T00:00:00Z"><w:r><w:t>新增一项措施，</w:t></w:r></w:ins><w:del w:id="12" w:author="李四" w:date="2026-11-01T00:00:00Z"><w:r><w:delText>删去的法制政府表述，</w:delText></w:r></w:del><w:r><w:t>并落实到位。</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>` +
	`<w:p><w:r><w:t xml:space="preserve">详见</w:t></w:r><w:hyperlink r:id="rId5" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>中国政府网</w:t></w:r></w:hyperlink><w:r><w:t>。本单位的的法制宣传&amp;教育工作</w:t></w:r><w:r><w:tab/><w:t>稳步推进。</w:t></w:r></w:p>` +
	`<w:p><w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate"><w:smartTagPr><w:attr w:name="Year" w:val="2024"/></w:smartTagPr><w:r><w:t>2024年</w:t></w:r></w:smartTag><w:r><w:t>，由</w:t></w:r><w:sdt><w:sdtPr><w:alias w:val="单位"/><w:tag w:val="unit"/></w:sdtPr><w:sdtContent><w:r><w:t>司法局</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>牵头，</w:t></w:r><w:commentRangeStart w:id="7"/><w:r><w:t>推动法制政府建设</w:t></w:r><w:commentRangeEnd w:id="7"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="7"/></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的备注</w:t></w:r><w:r><w:t>走深走实。</w:t></w:r></w:p>` +
	`<w:p><w:r><w:t xml:space="preserve">当前页码：</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="2743200" cy="457200"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="1" name="文本框 1"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2743200" cy="457200"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框里的法制政府</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape id="文本框 1" type="#_x0000_t202" style="width:216pt;height:36pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框里的法制政府</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>文本框之外的文字。</w:t></w:r></w:p>`

func esc(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestWordStyle(t *testing.T) {
	data := wordStyle(t)
	txt, err := input.Read("word.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	out := roundTrip(t, "word.docx", data)
	// Every part but those that carry comments is byte for byte the original's.
	for _, name := range []string{"word/numbering.xml", "word/styles.xml", "word/header1.xml", "word/footer1.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"} {
		if !bytes.Equal(part(t, data, name), part(t, out, name)) {
			t.Errorf("%s changed", name)
		}
	}
	// The colleague's comment stays, with its markers and its extension entries.
	byAuthor := commentIDs(t, part(t, out, "word/comments.xml"))
	if got := byAuthor["张科长"]; len(got) != 1 || got[0] != "7" {
		t.Errorf("the colleague's comment: %v", got)
	}
	anch := anchored(t, part(t, out, "word/document.xml"), nil)
	if anch["7"] != "推动法制政府建设" {
		t.Errorf("the colleague's comment is now on %q", anch["7"])
	}
	ext, ids := string(part(t, out, "word/commentsExtended.xml")), string(part(t, out, "word/commentsIds.xml"))
	if !strings.Contains(ext, `w15:paraId="0C0FFEE1"`) || !strings.Contains(ids, `w16cid:durableId="1B2C3D4E"`) {
		t.Errorf("the colleague's extension entries are gone")
	}
	mine := byAuthor[Author]
	if len(mine) == 0 || strings.Count(ext, "<w15:commentEx ") != len(mine)+1 || strings.Count(ids, "<w16cid:commentId ") != len(mine)+1 {
		t.Errorf("%d comments, %d commentEx, %d commentId entries", len(mine), strings.Count(ext, "<w15:commentEx "), strings.Count(ids, "<w16cid:commentId "))
	}
	for _, id := range mine {
		if id == "0" || id == "7" || id == "11" || id == "12" {
			t.Errorf("comment id %s clashes with an id in the file", id)
		}
	}
	// The findings the fixture is built for are there, on their characters.
	if boxes := between(string(part(t, out, "word/document.xml")), "<w:txbxContent>", "</w:txbxContent>"); len(boxes) != 2 || !strings.Contains(boxes[0], "commentRangeStart") {
		t.Errorf("no comment in the text box: %v", boxes)
	}
	for _, w := range []string{"法制", "的的"} {
		found := false
		for _, id := range mine {
			found = found || strings.Contains(anch[id], w)
		}
		if !found {
			t.Errorf("no comment anchored on %q: %v", w, anch)
		}
	}
	// Markers stand outside tracked changes, smart tags, content controls and hyperlinks.
	doc := string(part(t, out, "word/document.xml"))
	for _, el := range []string{"w:ins", "w:del", "w:smartTag", "w:sdtContent", "w:hyperlink", "mc:Fallback"} {
		for _, inner := range between(doc, "<"+el+">", "</"+el+">") {
			if strings.Contains(inner, "commentRange") && !strings.Contains(inner, `w:id="7"`) {
				t.Errorf("a marker inside %s: %s", el, inner)
			}
		}
		for _, inner := range between(doc, "<"+el+" ", "</"+el+">") {
			if strings.Contains(inner, "commentRange") {
				t.Errorf("a marker inside %s: %s", el, inner)
			}
		}
	}
	_ = txt
}

// between returns the texts between each open and the next close.
func between(s, open, close string) []string {
	var out []string
	for {
		i := strings.Index(s, open)
		if i < 0 {
			return out
		}
		s = s[i+len(open):]
		j := strings.Index(s, close)
		if j < 0 {
			return out
		}
		out = append(out, s[:j])
		s = s[j:]
	}
}
