package input_test

import (
	"archive/zip"
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/docxgen"
)

// The four levels of a report's headings, as a drafter sets them up in Word.
var reportLevels = []docxgen.Level{
	{Format: "chineseCounting", Text: "%1、", Start: 1},
	{Format: "chineseCounting", Text: "（%2）", Start: 1},
	{Format: "decimal", Text: "%3.", Start: 1},
	{Format: "decimal", Text: "（%4）", Start: 1},
}

func decodeDocx(t *testing.T, parts map[string]string) []string {
	t.Helper()
	txt, err := input.DecodeDocx(docxgen.Zip(parts))
	if err != nil {
		t.Fatalf("DecodeDocx: %v", err)
	}
	return txt.Lines
}

func sameLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines differ\n got: %q\nwant: %q", got, want)
	}
}

func TestDocxNumberingProducesTheOrdinalsTheReaderSees(t *testing.T) {
	P := func(text string, num, lvl int) docxgen.Paragraph {
		return docxgen.Paragraph{Text: text, NumID: num, Level: lvl, Runs: 3}
	}
	paras := []docxgen.Paragraph{
		{Text: "某县人民政府关于2024年度法治政府建设情况的报告"},
		{Text: "主要举措和成效", Style: "Heading1"}, // numbered by its style
		P("深化改革", 1, 1),
		P("健全制度", 1, 2),
		P("细则", 1, 3),
		P("规则", 1, 3),
		P("完善机制", 1, 2),
		P("办法", 1, 3), // restarts: a shallower level advanced
		{Text: "正文段落，不编号。"},
		P("优化服务", 1, 1),
		P("政务公开", 1, 2),
		{Text: "存在的不足", Style: "Heading1"},
		P("问题", 1, 1),
		P("第一项", 1, 2),
		P("第二项", 1, 2),
		P("重新编号", 3, 2), // instance 3 restarts level 3 at 1
		P("接着编号", 3, 2),
		P("从五开始", 2, 0), // its own definition, starting at 5
		P("然后", 2, 1),
		P("下一个", 2, 0),
		P("从八开始", 4, 0), // startOverride 8 on the same definition
		{Text: "不要编号", Style: "Heading1", NumID: 0},
	}
	parts := map[string]string{
		"word/document.xml": docxgen.Document(paras),
		"word/numbering.xml": docxgen.Numbering(
			[][]docxgen.Level{reportLevels, {
				{Format: "decimal", Text: "%1．", Start: 5},
				{Format: "decimal", Text: "%1.%2", Start: 1},
			}},
			[]docxgen.Instance{
				{ID: 1, Abstract: 1},
				{ID: 2, Abstract: 2},
				{ID: 3, Abstract: 1, StartOverride: map[int]int{2: 1}},
				{ID: 4, Abstract: 2, StartOverride: map[int]int{0: 8}},
			}),
		"word/styles.xml": docxgen.Styles(map[string][2]int{"Heading1": {1, 0}}),
	}
	sameLines(t, decodeDocx(t, parts), []string{
		"某县人民政府关于2024年度法治政府建设情况的报告",
		"一、主要举措和成效",
		"（一）深化改革",
		"1.健全制度",
		"（1）细则",
		"（2）规则",
		"2.完善机制",
		"（1）办法",
		"正文段落，不编号。",
		"（二）优化服务",
		"1.政务公开",
		"二、存在的不足",
		"（一）问题",
		"1.第一项",
		"2.第二项",
		"1.重新编号",
		"2.接着编号",
		"5．从五开始",
		"5.1然后",
		"6．下一个",
		"8．从八开始",
		"三、不要编号", // NumID 0 in the generator means "no numPr": the style numbers it
	})
}

func TestDocxNumIDZeroRemovesTheStylesNumbering(t *testing.T) {
	doc := `<w:document ` + docxgen.NS + `><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>有编号</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>无编号</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>第二个</w:t></w:r></w:p>
</w:body></w:document>`
	got := decodeDocx(t, map[string]string{
		"word/document.xml":  doc,
		"word/numbering.xml": docxgen.Numbering([][]docxgen.Level{reportLevels}, []docxgen.Instance{{ID: 1, Abstract: 1}}),
		"word/styles.xml":    docxgen.Styles(map[string][2]int{"Heading1": {1, 0}}),
	})
	sameLines(t, got, []string{"一、有编号", "无编号", "二、第二个"})
}

func TestDocxTextIsWhatTheReaderSees(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<w:document ` + docxgen.NS + ` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
<w:body>
<w:p><w:r><w:t>法治</w:t></w:r><w:r><w:t xml:space="preserve">政府 </w:t></w:r><w:r><w:tab/><w:t>建设</w:t></w:r></w:p>
<w:p><w:r><w:t>前</w:t></w:r><w:r><w:br/><w:t>后</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>可见</w:t></w:r></w:p>
<w:p><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:ins><w:r><w:t>插入的</w:t></w:r></w:ins></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>受理</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>120件</w:t></w:r></w:p><w:p><w:r><w:t>第二段</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>
<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>末段</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>藏</w:t><w:drawing><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:drawing><w:t>仍藏</w:t><w:tab/></w:r><w:r><w:t>露</w:t></w:r></w:p>
<w:p><w:r><w:t>笑脸&#55357;&#56832;</w:t></w:r></w:p>
</w:body></w:document>`
	// A hidden run stays hidden after a text box inside it, whose own runs are read as they
	// are formatted. A character beyond the BMP written as two surrogates (as some generators
	// do) is read as encoding/xml reads it, two U+FFFD, not refused.
	sameLines(t, decodeDocx(t, map[string]string{"word/document.xml": doc}), []string{
		"法治政府 \t建设", "前后", "可见", "插入的", "3", "受理", "120件", "第二段", "文本框", "正文", "末段", "框内", "露", "笑脸\uFFFD\uFFFD",
	})
}

func TestDocxNumberingFromStyleLevelAndBasedOn(t *testing.T) {
	// Heading2 inherits its numbering from a style it is based on; the level comes from the
	// w:pStyle of the list level, as Word writes outline numbering.
	numbering := `<w:numbering ` + docxgen.NS + `>
<w:abstractNum w:abstractNumId="7">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:pStyle w:val="H1"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/><w:pStyle w:val="H2"/><w:lvlText w:val="%2．"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="%3）"/></w:lvl>
 <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:isLgl/><w:lvlText w:val="%1.%4"/></w:lvl>
</w:abstractNum>
<w:num w:numId="9"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>`
	styles := `<w:styles ` + docxgen.NS + `>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>
<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="9"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="H2base"><w:pPr><w:numPr><w:numId w:val="9"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H2base"/></w:style>
</w:styles>`
	p := func(style, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	doc := `<w:document ` + docxgen.NS + `><w:body>` + p("H1", "甲") + p("H2", "乙") + p("H2", "丙") +
		`<w:p><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="9"/></w:numPr></w:pPr><w:r><w:t>丁</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:numPr><w:ilvl w:val="3"/><w:numId w:val="9"/></w:numPr></w:pPr><w:r><w:t>戊</w:t></w:r></w:p>` +
		p("H1", "己") + p("H2", "庚") + `</w:body></w:document>`
	sameLines(t, decodeDocx(t, map[string]string{"word/document.xml": doc, "word/numbering.xml": numbering, "word/styles.xml": styles}),
		[]string{"一、甲", "甲．乙", "乙．丙", "１）丁", "1.1戊", "二、己", "甲．庚"})
}

func TestFormatOrdinal(t *testing.T) {
	for _, c := range []struct {
		n      int
		format string
		want   string
	}{
		{1, "chineseCounting", "一"}, {10, "chineseCounting", "十"}, {11, "chineseCounting", "十一"},
		{20, "chineseCountingThousand", "二十"}, {35, "chineseCounting", "三十五"},
		{105, "chineseCounting", "一百零五"}, {110, "chineseCounting", "一百一十"}, {1010, "chineseCounting", "一千零一十"},
		{0, "chineseCounting", "〇"}, {3, "chineseLegalSimplified", "叁"}, {12, "ideographDigital", "一二"},
		{1, "ideographTraditional", "甲"}, {11, "ideographTraditional", "甲"}, {2, "ideographZodiac", "丑"},
		{7, "decimal", "7"}, {12, "decimalFullWidth", "１２"}, {3, "decimalZero", "03"},
		{3, "upperLetter", "C"}, {28, "upperLetter", "BB"}, {2, "lowerLetter", "b"},
		{14, "upperRoman", "XIV"}, {4, "lowerRoman", "iv"}, {3, "decimalEnclosedCircle", "③"},
		{2, "decimalEnclosedParen", "⑵"}, {30, "decimalEnclosedCircle", "30"}, {5, "none", ""},
		{4, "somethingNew", "4"},
	} {
		if got := input.FormatOrdinal(c.n, c.format); got != c.want {
			t.Errorf("FormatOrdinal(%d, %s) = %q, want %q", c.n, c.format, got, c.want)
		}
	}
}

func TestDocxRefusesWhatIsNotAReport(t *testing.T) {
	doc := docxgen.Document([]docxgen.Paragraph{{Text: "正文"}})
	numbered := docxgen.Document([]docxgen.Paragraph{{Text: "正文", NumID: 1}})
	manyEntries := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for i := 0; i < 10001; i++ {
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: "x/" + strconv.Itoa(i), Method: zip.Store})
			w.Write(nil)
		}
		zw.Close()
		return buf.Bytes()
	}
	lying := func() []byte {
		// The header claims a small part; the data inflates far beyond it.
		data := bytes.NewBuffer(docxgen.Bomb("word/document.xml", 40))
		zr, _ := zip.NewReader(bytes.NewReader(data.Bytes()), int64(data.Len()))
		raw, _ := zr.File[0].OpenRaw()
		var buf bytes.Buffer
		out := zip.NewWriter(&buf)
		h := zr.File[0].FileHeader
		h.UncompressedSize64 = 100
		rw, _ := out.CreateRaw(&h)
		b := new(bytes.Buffer)
		b.ReadFrom(raw)
		rw.Write(b.Bytes())
		out.Close()
		return buf.Bytes()
	}
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"garbage", []byte("这不是压缩包"), "ZIP 压缩包已损坏"},
		{"a truncated archive", docxgen.Zip(map[string]string{"word/document.xml": doc})[:200], "ZIP 压缩包已损坏"},
		{"no document.xml", docxgen.Zip(map[string]string{"word/other.xml": doc}), "缺少正文 word/document.xml"},
		{"broken XML", docxgen.Zip(map[string]string{"word/document.xml": "<w:document><w:body><w:p>"}), "document.xml 已损坏"},
		{"broken numbering", docxgen.Zip(map[string]string{"word/document.xml": numbered, "word/numbering.xml": "<w:numbering><"}), "numbering.xml 已损坏"},
		{"no text", docxgen.Zip(map[string]string{"word/document.xml": docxgen.Document(nil)}), "没有文字"},
		{"an old .doc", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), "另存为 .docx"},
		{"too many entries", manyEntries(), "文件过多"},
		{"a zip bomb", docxgen.Bomb("word/document.xml", 70), "过大"},
		{"sizes that lie", lying(), "无法解压"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := input.DecodeDocx(c.data)
			if !input.IsUnreadable(err) {
				t.Fatalf("err = %v, want input.Unreadable", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("reason %q does not say %q", err, c.want)
			}
		})
	}
}

// numbering.xml is read only for the lists that the document and its styles name: a broken one
// that nothing names is not read (Word would refuse the file; its text is all there).
func TestDocxReadsNoNumberingWhenNothingIsNumbered(t *testing.T) {
	doc := docxgen.Document([]docxgen.Paragraph{{Text: "一、正文"}, {Text: "（一）小标题", Style: "Heading2"}})
	txt, err := input.DecodeDocx(docxgen.Zip(map[string]string{"word/document.xml": doc, "word/numbering.xml": "<w:numbering><",
		"word/styles.xml": docxgen.Styles(nil)}))
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, txt.Lines, []string{"一、正文", "（一）小标题"})
}

func unzipPart(t testing.TB, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			var b bytes.Buffer
			b.ReadFrom(rc)
			return b.Bytes()
		}
	}
	t.Fatalf("no %s in the archive", name)
	return nil
}

func TestDeeplyNestedPartsAreRefused(t *testing.T) {
	deep := `<w:document ` + docxgen.NS + `><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p>` +
		strings.Repeat("<w:sdt>", 100000) + strings.Repeat("</w:sdt>", 100000) + `</w:body></w:document>`
	_, err := input.DecodeDocx(docxgen.Zip(map[string]string{"word/document.xml": deep}))
	if !input.IsUnreadable(err) || !strings.Contains(err.Error(), "嵌套") {
		t.Errorf("err = %v, want an Unreadable about nesting", err)
	}
	page := "<p>正文</p>" + strings.Repeat(`<div class="nav">`, 400) + "菜单" + strings.Repeat("</div>", 400)
	txt, err := input.DecodeHTML([]byte(page))
	if err != nil || len(txt.Lines) != 1 || txt.Lines[0] != "正文" {
		t.Errorf("deep page: %v, %v", txt, err)
	}
	page = "<p>正文</p>" + strings.Repeat(`<div>`, 20000)
	if _, err := input.DecodeHTML([]byte(page)); !input.IsUnreadable(err) {
		t.Errorf("a page nested 20,000 deep: err = %v, want Unreadable", err)
	}
}

// A small .docx whose list starts at ten million in letters over 20,000 paragraphs used to
// make each ordinal 400,000 letters long (gigabytes in all): what numbering adds is bounded
// (issue 11.10).
func TestDocxOrdinalsAreBounded(t *testing.T) {
	// First, so that an unbounded build fails here before the document takes gigabytes.
	if got := input.FormatOrdinal(10485769, "upperLetter"); len(got) > 16 {
		t.Fatalf("FormatOrdinal(10485769, upperLetter) is %d bytes", len(got))
	}
	paras := make([]docxgen.Paragraph, 20000)
	for i := range paras {
		paras[i] = docxgen.Paragraph{Text: "段", NumID: 1}
	}
	for _, lvlText := range []string{"%1", strings.Repeat("%1", 5000), strings.Repeat("长", 50000)} {
		data := docxgen.Zip(map[string]string{
			"word/document.xml":  docxgen.Document(paras),
			"word/numbering.xml": docxgen.Numbering([][]docxgen.Level{{{Format: "upperLetter", Text: lvlText, Start: 10485769}}}, []docxgen.Instance{{ID: 1, Abstract: 1}}),
		})
		txt, err := input.DecodeDocx(data)
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, l := range txt.Lines {
			total += len(l)
		}
		if len(txt.Lines) != len(paras) || total > len(paras)*(len("段")+140) {
			t.Errorf("lvlText of %d bytes: %d lines, %d bytes of text", len(lvlText), len(txt.Lines), total)
		}
	}
	sameLines(t, []string{input.FormatOrdinal(27, "upperLetter"), input.FormatOrdinal(104, "lowerLetter"), input.FormatOrdinal(105, "upperLetter")}, []string{"AA", "zzzz", "105"})
}
