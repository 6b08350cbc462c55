package docxgen

import (
	"fmt"
	"strings"
)

// WordReport is NumberedReport as Word writes a report: the same paragraphs, numbered the same
// way, with the markup and the parts of a real file from Word 2016 on a Chinese system. The
// body's paragraphs carry revision ids, spacing, indents and fonts, and each run its fonts and
// size; styles.xml holds the 376 latent styles and the few dozen styles of Word's Normal
// template (about 40 KB); numbering.xml holds, besides the report's own list, the list
// templates a report collects from the documents pasted into it, each of nine levels with their
// indents and fonts (about 40 KB); the settings, fonts, theme and document properties are
// there too. Decoding it gives the lines back exactly, as for NumberedReport.
func WordReport(lines []string) []byte {
	paras, levels, nums := numberedReport(lines, false)
	abstract := [][]Level{levels}
	for i := 0; i < 12; i++ {
		abstract = append(abstract, templateLevels(i))
		nums = append(nums, Instance{ID: 100 + i, Abstract: len(abstract)})
	}
	return Zip(map[string]string{
		"word/document.xml":     wordDocument(paras),
		"word/numbering.xml":    wordNumbering(abstract, nums),
		"word/styles.xml":       wordStyles(),
		"word/settings.xml":     wordSettings(),
		"word/fontTable.xml":    wordFonts(),
		"word/webSettings.xml":  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" + `<w:webSettings ` + NS + `><w:optimizeForBrowser/><w:allowPNG/></w:webSettings>`,
		"word/theme/theme1.xml": wordTheme(),
		"word/footer1.xml":      wordFooter,
		"[Content_Types].xml":   wordContentTypes,
		"_rels/.rels":           wordRels,
		// Every part the document names is there: a relationship it names that is missing
		// (the footer's, rId8, until 2 December) and LibreOffice refuses the whole file.
		"word/_rels/document.xml.rels": wordDocumentRels,
		"docProps/core.xml":            `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>user</dc:creator><cp:lastModifiedBy>user</cp:lastModifiedBy><cp:revision>12</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">2026-01-05T01:02:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-20T08:31:00Z</dcterms:modified></cp:coreProperties>`,
		"docProps/app.xml":             `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Template>Normal.dotm</Template><TotalTime>95</TotalTime><Pages>6</Pages><Words>1021</Words><Characters>5820</Characters><Application>Microsoft Office Word</Application><DocSecurity>0</DocSecurity><Lines>48</Lines><Paragraphs>13</Paragraphs><ScaleCrop>false</ScaleCrop><Company></Company><LinksUpToDate>false</LinksUpToDate><CharactersWithSpaces>6828</CharactersWithSpaces><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>`,
	})
}

// The package's index and relationships as Word 2016 writes them: every part has its content
// type, and the document names its numbering, styles, settings, web settings, footer (the page
// number, "- 1 -", centred, as official documents have it), fonts and theme.
const (
	wordContentTypes = xmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/webSettings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`
	wordRels         = xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`
	wordDocumentRels = xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/webSettings" Target="webSettings.xml"/></Relationships>`
	wordFooter       = xmlDecl + `<w:ftr ` + wordNS + `><w:p w:rsidR="006EF362" w:rsidRDefault="006EF362"><w:pPr><w:pStyle w:val="a5"/><w:jc w:val="center"/><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:pPr><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve">— </w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:instrText>PAGE   \* MERGEFORMAT</w:instrText></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体"/><w:noProof/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t>1</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`
)

// wordNS is the root element's namespaces as Word 2016 writes them.
const wordNS = `xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:w10="urn:schemas-microsoft-com:office:word" ` + NS + ` xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex" xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk" xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="w14 w15 w16se wp14"`

const xmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n"

// Fonts of a report's body and headings, as the official format sets them.
const (
	bodyFont = `<w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:cs="仿宋_GB2312" w:hint="eastAsia"/><w:sz w:val="32"/><w:szCs w:val="32"/>`
	headFont = `<w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hAnsi="黑体" w:cs="黑体" w:hint="eastAsia"/><w:sz w:val="32"/><w:szCs w:val="32"/>`
)

func rsid(i int) string { return fmt.Sprintf("00%06X", (i*0x9E3779B1)&0xFFFFFF) }

// wordDocument is Document with Word's markup around the text.
func wordDocument(paras []Paragraph) string {
	var b strings.Builder
	b.WriteString(xmlDecl + "<w:document " + wordNS + "><w:body>")
	for i, p := range paras {
		font := bodyFont
		if p.NumID != 0 || p.Style != "" {
			font = headFont
		}
		fmt.Fprintf(&b, `<w:p w14:paraId="%08X" w14:textId="77777777" w:rsidR="%s" w:rsidRDefault="%s" w:rsidP="%s"><w:pPr>`, 0x1A000000+i*7919, rsid(i%7), rsid(3), rsid(i%5+9))
		if p.Style != "" {
			style := p.Style
			if style == "Heading1" {
				style = "1"
			}
			fmt.Fprintf(&b, `<w:pStyle w:val="%s"/>`, esc(style))
		}
		if p.NumID != 0 {
			fmt.Fprintf(&b, `<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>`, p.Level, p.NumID)
		}
		b.WriteString(`<w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/><w:rPr>` + font + `</w:rPr></w:pPr>`)
		if i == 0 {
			b.WriteString(`<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>`)
		}
		for k, run := range splitRuns(p.Text, 3) {
			if k == 1 && i%4 == 0 {
				b.WriteString(`<w:proofErr w:type="gramStart"/>`)
			}
			space := ""
			if strings.TrimSpace(run) != run {
				space = ` xml:space="preserve"`
			}
			fmt.Fprintf(&b, `<w:r w:rsidRPr="%s"><w:rPr>%s</w:rPr><w:t%s>%s</w:t></w:r>`, rsid(i%11+k), font, space, esc(run))
			if k == 1 && i%4 == 0 {
				b.WriteString(`<w:proofErr w:type="gramEnd"/>`)
			}
		}
		b.WriteString("</w:p>")
	}
	b.WriteString(`<w:sectPr w:rsidR="` + rsid(1) + `" w:rsidSect="` + rsid(2) + `"><w:footerReference w:type="default" r:id="rId8"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1474" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-849"/></w:sectPr></w:body></w:document>`)
	return b.String()
}

// templateLevels are the nine levels of one of the list templates a report collects.
func templateLevels(i int) []Level {
	formats := []string{"decimal", "chineseCounting", "bullet", "decimalEnclosedCircle", "lowerLetter", "japaneseCounting"}
	var levels []Level
	for k := 0; k < 9; k++ {
		f := formats[(i+k)%len(formats)]
		text := fmt.Sprintf("%%%d.", k+1)
		switch f {
		case "bullet":
			text = "\uF06C"
		case "chineseCounting":
			text = fmt.Sprintf("（%%%d）", k+1)
		}
		levels = append(levels, Level{Format: f, Text: text, Start: 1})
	}
	return levels
}

// wordNumbering is Numbering with the markup Word writes in each list and level.
func wordNumbering(abstract [][]Level, nums []Instance) string {
	var b strings.Builder
	b.WriteString(xmlDecl + "<w:numbering " + wordNS + ">")
	for i, levels := range abstract {
		fmt.Fprintf(&b, `<w:abstractNum w:abstractNumId="%d" w15:restartNumberingAfterBreak="0"><w:nsid w:val="%08X"/><w:multiLevelType w:val="hybridMultilevel"/><w:tmpl w:val="%08X"/>`, i+1, 0x0F3A0000+i*977, 0x9A7C0000+i*131)
		for k, l := range levels {
			fmt.Fprintf(&b, `<w:lvl w:ilvl="%d" w:tplc="%08X">`, k, 0x04090019+k)
			if l.Format == "japaneseCounting" {
				// Word 2010 and later write a custom format with a fallback for older readers.
				fmt.Fprintf(&b, `<w:start w:val="%d"/><mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="一, 二, 三, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="%s"/></mc:Fallback></mc:AlternateContent>`, l.Start, l.Format)
			} else {
				fmt.Fprintf(&b, `<w:start w:val="%d"/><w:numFmt w:val="%s"/>`, l.Start, esc(l.Format))
			}
			fmt.Fprintf(&b, `<w:lvlText w:val="%s"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="%d" w:hanging="420"/></w:pPr>`, esc(l.Text), 420*(k+1))
			if l.Format == "bullet" {
				b.WriteString(`<w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings" w:hint="default"/></w:rPr>`)
			} else {
				b.WriteString(`<w:rPr><w:rFonts w:hint="default"/></w:rPr>`)
			}
			b.WriteString("</w:lvl>")
		}
		b.WriteString("</w:abstractNum>")
	}
	for _, n := range nums {
		fmt.Fprintf(&b, `<w:num w:numId="%d" w16cid:durableId="%d" xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid"><w:abstractNumId w:val="%d"/>`, n.ID, 100000000+n.ID*7, n.Abstract)
		for k := 0; k < 9; k++ {
			if v, ok := n.StartOverride[k]; ok {
				fmt.Fprintf(&b, `<w:lvlOverride w:ilvl="%d"><w:startOverride w:val="%d"/></w:lvlOverride>`, k, v)
			}
		}
		b.WriteString("</w:num>")
	}
	b.WriteString("</w:numbering>")
	return b.String()
}

// latentStyles are the names of the built-in styles Word lists in every styles.xml.
func latentStyles() []string {
	names := []string{"Normal"}
	for _, base := range []string{"heading", "index", "toc"} {
		for k := 1; k <= 9; k++ {
			names = append(names, fmt.Sprintf("%s %d", base, k))
		}
	}
	names = append(names, strings.Split("Normal Indent,footnote text,annotation text,header,footer,index heading,caption,table of figures,envelope address,envelope return,footnote reference,annotation reference,line number,page number,endnote reference,endnote text,table of authorities,macro,toa heading,List,List Bullet,List Number,List 2,List 3,List 4,List 5,List Bullet 2,List Bullet 3,List Bullet 4,List Bullet 5,List Number 2,List Number 3,List Number 4,List Number 5,Title,Closing,Signature,Default Paragraph Font,Body Text,Body Text Indent,List Continue,List Continue 2,List Continue 3,List Continue 4,List Continue 5,Message Header,Subtitle,Salutation,Date,Body Text First Indent,Body Text First Indent 2,Note Heading,Body Text 2,Body Text 3,Body Text Indent 2,Body Text Indent 3,Block Text,Hyperlink,FollowedHyperlink,Strong,Emphasis,Document Map,Plain Text,E-mail Signature,HTML Top of Form,HTML Bottom of Form,Normal (Web),HTML Acronym,HTML Address,HTML Cite,HTML Code,HTML Definition,HTML Keyboard,HTML Preformatted,HTML Sample,HTML Typewriter,HTML Variable,Normal Table,annotation subject,No List,Outline List 1,Outline List 2,Outline List 3,Balloon Text,Table Grid,Placeholder Text,No Spacing,Revision,List Paragraph,Quote,Intense Quote,Subtle Emphasis,Intense Emphasis,Subtle Reference,Intense Reference,Book Title,Bibliography,TOC Heading,Mention,Smart Hyperlink,Hashtag,Unresolved Mention,Smart Link", ",")...)
	for _, kind := range []string{"Table Simple", "Table Classic", "Table Colorful", "Table Columns", "Table Grid", "Table List", "Table 3D effects", "Table Contemporary", "Table Elegant", "Table Professional", "Table Subtle", "Table Web"} {
		for k := 1; k <= 3; k++ {
			names = append(names, fmt.Sprintf("%s %d", kind, k))
		}
	}
	for _, kind := range []string{"Light Shading", "Light List", "Light Grid", "Medium Shading 1", "Medium Shading 2", "Medium List 1", "Medium List 2", "Medium Grid 1", "Medium Grid 2", "Medium Grid 3", "Dark List", "Colorful Shading", "Colorful List", "Colorful Grid"} {
		names = append(names, kind)
		for a := 1; a <= 6; a++ {
			names = append(names, fmt.Sprintf("%s Accent %d", kind, a))
		}
	}
	for _, kind := range []string{"Grid Table", "List Table"} {
		for _, n := range []string{"1 Light", "2", "3", "4", "5 Dark", "6 Colorful", "7 Colorful"} {
			names = append(names, kind+" "+n)
			for a := 1; a <= 6; a++ {
				names = append(names, fmt.Sprintf("%s %s Accent %d", kind, n, a))
			}
		}
	}
	for k := 1; k <= 5; k++ {
		names = append(names, fmt.Sprintf("Plain Table %d", k))
	}
	return names
}

// wordStyles is the styles.xml of Word's Normal template for Chinese, with heading 1 numbered
// by the report's list (instance 1, level 1) as NumberedReport's "Heading1" is.
func wordStyles() string {
	var b strings.Builder
	b.WriteString(xmlDecl + "<w:styles " + wordNS + ">")
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/><w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="22"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>`)
	names := latentStyles()
	fmt.Fprintf(&b, `<w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" w:defUnhideWhenUsed="0" w:defQFormat="0" w:count="%d">`, len(names))
	for i, n := range names {
		switch {
		case i == 0 || strings.HasPrefix(n, "heading") || n == "Title" || n == "Strong":
			fmt.Fprintf(&b, `<w:lsdException w:name="%s" w:uiPriority="%d" w:qFormat="1"/>`, n, 9+i%30)
		case i%3 == 0:
			fmt.Fprintf(&b, `<w:lsdException w:name="%s" w:uiPriority="%d"/>`, n, 39+i%30)
		default:
			fmt.Fprintf(&b, `<w:lsdException w:name="%s" w:semiHidden="1" w:uiPriority="%d" w:unhideWhenUsed="1"/>`, n, 39+i%30)
		}
	}
	b.WriteString(`</w:latentStyles>`)
	b.WriteString(`<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>`)
	b.WriteString(`<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:link w:val="10"/><w:uiPriority w:val="9"/><w:qFormat/><w:rsid w:val="` + rsid(5) + `"/><w:pPr><w:keepNext/><w:keepLines/><w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:before="340" w:after="330" w:line="578" w:lineRule="auto"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:kern w:val="44"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>`)
	for k := 2; k <= 4; k++ {
		fmt.Fprintf(&b, `<w:style w:type="paragraph" w:styleId="%d"><w:name w:val="heading %d"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:link w:val="%d0"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="260" w:after="260" w:line="416" w:lineRule="auto"/><w:outlineLvl w:val="%d"/></w:pPr><w:rPr><w:rFonts w:asciiTheme="majorHAnsi" w:eastAsiaTheme="majorEastAsia" w:hAnsiTheme="majorHAnsi" w:cstheme="majorBidi"/><w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>`, k, k, k, k-1)
	}
	b.WriteString(`<w:style w:type="character" w:default="1" w:styleId="a0"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>`)
	b.WriteString(`<w:style w:type="table" w:default="1" w:styleId="a1"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(`<w:style w:type="numbering" w:default="1" w:styleId="a2"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>`)
	for k := 1; k <= 4; k++ {
		fmt.Fprintf(&b, `<w:style w:type="character" w:customStyle="1" w:styleId="%d0"><w:name w:val="标题 %d 字符"/><w:basedOn w:val="a0"/><w:link w:val="%d"/><w:uiPriority w:val="9"/><w:rPr><w:b/><w:bCs/><w:kern w:val="44"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>`, k, k, k)
	}
	others := []struct{ id, name, kind string }{
		{"a3", "header", "paragraph"}, {"a4", "Header Char", "character"}, {"a5", "footer", "paragraph"}, {"a6", "Footer Char", "character"},
		{"a7", "Title", "paragraph"}, {"a8", "Title Char", "character"}, {"a9", "Balloon Text", "paragraph"}, {"aa", "Balloon Text Char", "character"},
		{"ab", "List Paragraph", "paragraph"}, {"ac", "Hyperlink", "character"}, {"ad", "Strong", "character"}, {"ae", "Table Grid", "table"},
		{"af", "annotation reference", "character"}, {"af0", "annotation text", "paragraph"}, {"af1", "Comment Text Char", "character"},
		{"af2", "annotation subject", "paragraph"}, {"af3", "Comment Subject Char", "character"}, {"af4", "Normal (Web)", "paragraph"},
		{"af5", "Date", "paragraph"}, {"af6", "Date Char", "character"}, {"11", "toc 1", "paragraph"}, {"21", "toc 2", "paragraph"},
		{"af7", "TOC Heading", "paragraph"}, {"af8", "Body Text", "paragraph"}, {"af9", "Body Text Char", "character"},
	}
	for _, s := range others {
		fmt.Fprintf(&b, `<w:style w:type="%s" w:styleId="%s"><w:name w:val="%s"/>`, s.kind, s.id, s.name)
		switch s.kind {
		case "paragraph":
			b.WriteString(`<w:basedOn w:val="a"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rsid w:val="` + rsid(len(s.id)) + `"/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4153"/><w:tab w:val="right" w:pos="8306"/></w:tabs><w:snapToGrid w:val="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>`)
		case "character":
			b.WriteString(`<w:basedOn w:val="a0"/><w:uiPriority w:val="99"/><w:rPr><w:color w:val="0563C1" w:themeColor="hyperlink"/><w:sz w:val="18"/><w:szCs w:val="18"/><w:u w:val="single"/></w:rPr>`)
		case "table":
			b.WriteString(`<w:basedOn w:val="a1"/><w:uiPriority w:val="39"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr>`)
		}
		b.WriteString(`</w:style>`)
	}
	b.WriteString("</w:styles>")
	return b.String()
}

func wordSettings() string {
	var b strings.Builder
	b.WriteString(xmlDecl + `<w:settings ` + wordNS + `><w:zoom w:percent="100"/><w:bordersDoNotSurroundHeader/><w:bordersDoNotSurroundFooter/><w:defaultTabStop w:val="420"/><w:drawingGridHorizontalSpacing w:val="160"/><w:drawingGridVerticalSpacing w:val="579"/><w:displayHorizontalDrawingGridEvery w:val="0"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:rsids>`)
	for i := 0; i < 120; i++ {
		fmt.Fprintf(&b, `<w:rsid w:val="%s"/>`, rsid(i))
	}
	b.WriteString(`</w:rsids><m:mathPr><m:mathFont m:val="Cambria Math"/><m:brkBin m:val="before"/></m:mathPr><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/><w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2" w:accent1="accent1" w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" w:accent5="accent5" w:accent6="accent6" w:hyperlink="hyperlink" w:followedHyperlink="followedHyperlink"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>`)
	return b.String()
}

func wordFonts() string {
	var b strings.Builder
	b.WriteString(xmlDecl + `<w:fonts ` + wordNS + `>`)
	for _, f := range []string{"Times New Roman", "宋体", "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "Calibri", "Calibri Light", "等线", "等线 Light", "Wingdings", "Cambria Math"} {
		fmt.Fprintf(&b, `<w:font w:name="%s"><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/><w:sig w:usb0="800002BF" w:usb1="38CF7CFA" w:usb2="00000016" w:usb3="00000000" w:csb0="00040001" w:csb1="00000000"/></w:font>`, f)
	}
	b.WriteString(`</w:fonts>`)
	return b.String()
}

func wordTheme() string {
	var b strings.Builder
	b.WriteString(xmlDecl + `<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office 主题"><a:themeElements><a:clrScheme name="Office">`)
	for _, c := range []string{"dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink"} {
		fmt.Fprintf(&b, `<a:%s><a:srgbClr val="4472C4"/></a:%s>`, c, c)
	}
	b.WriteString(`</a:clrScheme><a:fontScheme name="Office">`)
	for _, kind := range []string{"majorFont", "minorFont"} {
		fmt.Fprintf(&b, `<a:%s><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:cs typeface=""/>`, kind)
		for _, s := range []string{"Jpan", "Hang", "Hans", "Hant", "Arab", "Hebr", "Thai", "Ethi", "Beng", "Gujr", "Khmr", "Knda", "Guru", "Cans", "Cher", "Yiii", "Tibt", "Thaa", "Deva", "Telu", "Taml", "Syrc", "Orya", "Mlym", "Laoo", "Sinh", "Mong", "Viet", "Uigh", "Geor"} {
			fmt.Fprintf(&b, `<a:font script="%s" typeface="Times New Roman"/>`, s)
		}
		fmt.Fprintf(&b, `</a:%s>`, kind)
	}
	b.WriteString(`</a:fontScheme><a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>`)
	return b.String()
}
