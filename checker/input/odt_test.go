package input

import (
	"archive/zip"
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/internal/docxgen"
)

// testODT builds an .odt from its content.xml body and the list styles of styles.xml, with the
// manifest LibreOffice needs to open it.
func testODT(body, styles string) []byte {
	content, stylesXML := testODTParts(body, styles)
	return testODTZip(content, stylesXML, zip.Deflate)
}

// testODTParts gives the content.xml and styles.xml of testODT.
func testODTParts(body, styles string) (content, stylesXML string) {
	const ns = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"`
	return `<?xml version="1.0" encoding="UTF-8"?><office:document-content ` + ns + `><office:body><office:text>` + body + `</office:text></office:body></office:document-content>`,
		`<?xml version="1.0" encoding="UTF-8"?><office:document-styles ` + ns + `><office:styles>` + styles + `</office:styles></office:document-styles>`
}

// testODTZip builds an .odt of a content.xml and a styles.xml (none when empty), with the
// manifest LibreOffice needs to open it, its parts compressed by method.
func testODTZip(content, styles string, method uint16) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range []struct{ name, data string }{
		{"mimetype", "application/vnd.oasis.opendocument.text"},
		{"content.xml", content},
		{"styles.xml", styles},
		{"META-INF/manifest.xml", `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">` +
			`<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>` +
			`<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>`},
	} {
		if p.name == "styles.xml" && p.data == "" {
			continue
		}
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method})
		w.Write([]byte(p.data))
	}
	zw.Close()
	return buf.Bytes()
}

// The list style of a report's headings as LibreOffice writes it from Word's numbering, and an
// outline style as Writer's own headings use.
const odtReportStyles = `<text:list-style style:name="L1">` +
	`<text:list-level-style-number text:level="1" loext:num-list-format="%1%、" style:num-suffix="、" style:num-format="一, 二, 三, ..."/>` +
	`<text:list-level-style-number text:level="2" style:num-prefix="（" style:num-suffix="）" style:num-format="一, 二, 三, ..."/>` +
	`<text:list-level-style-number text:level="3" style:num-suffix="." style:num-format="1"/>` +
	`</text:list-style>` +
	`<text:list-style style:name="B"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>` +
	`<text:outline-style style:name="Outline"><text:outline-level-style text:level="1" style:num-format="1" style:num-suffix="." text:start-value="3"/>` +
	`<text:outline-level-style text:level="2" style:num-format="1" text:display-levels="2"/></text:outline-style>`

func TestODTListNumberingProducesTheOrdinalsTheReaderSees(t *testing.T) {
	item := func(level int, text string) string {
		s := `<text:p>` + text + `</text:p>`
		for k := 1; k < level; k++ {
			s = `<text:list><text:list-item>` + s + `</text:list-item></text:list>`
		}
		return `<text:list-item>` + s + `</text:list-item>`
	}
	body := `<text:p>某县人民政府关于2024年度法治政府建设情况的报告</text:p>` +
		`<text:list text:style-name="L1">` + item(1, "主要举措和成效") + item(2, "深化改革") + `</text:list>` +
		`<text:p>正文<text:s text:c="2"/>一段<text:tracked-changes><text:p>删除的字</text:p></text:tracked-changes>。<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>脚注</text:p></text:note-body></text:note></text:p>` +
		`<text:list text:continue-numbering="true" text:style-name="L1">` + item(2, "健全制度") + item(3, "细则") + item(3, "程序") + `</text:list>` +
		`<table:table><table:table-row><table:table-cell><text:p>表格</text:p></table:table-cell></table:table-row></table:table>` +
		`<text:list text:continue-numbering="true" text:style-name="L1">` + item(1, "存在的不足和原因") + `<text:list-item text:start-value="5"><text:p>下一年度安排</text:p></text:list-item></text:list>` +
		`<text:list text:style-name="L1">` + item(1, "新列表从头数") + `</text:list>` +
		`<text:list text:style-name="B">` + item(1, "要点") + `</text:list>` +
		`<text:h text:outline-level="1">大纲标题</text:h><text:h text:outline-level="2">大纲小节</text:h>`
	txt, err := DecodeODT(testODT(body, odtReportStyles))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"某县人民政府关于2024年度法治政府建设情况的报告",
		"一、主要举措和成效", "（一）深化改革",
		"正文  一段。",
		"（二）健全制度", "1.细则", "2.程序",
		"表格",
		"二、存在的不足和原因", "五、下一年度安排",
		"一、新列表从头数",
		"要点",
		"3.大纲标题", "3.1大纲小节",
	}
	if strings.Join(txt.Lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines\n got: %q\nwant: %q", txt.Lines, want)
	}
}

func TestBrokenODTsAreUnreadable(t *testing.T) {
	for name, data := range map[string][]byte{
		"not a zip":  []byte("hello"),
		"no content": testODTWithout(),
		"bad xml":    testODT(`<text:p>未闭合`, ""),
		"empty":      testODT(`<text:p></text:p>`, ""),
	} {
		if _, err := DecodeODT(data); err == nil || !IsUnreadable(err) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func testODTWithout() []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("mimetype")
	w.Write([]byte("application/vnd.oasis.opendocument.text"))
	zw.Close()
	return buf.Bytes()
}

// FuzzODT: the .odt reader on any content.xml and styles.xml (none when empty), in an archive
// made of them for each input, gives an Unreadable or lines without line ends. The fuzzer
// mutates the parts, not the archive, whose checksums stop nearly every mutation of it: and
// Go's fuzzer minimizes each input that reaches new code byte by byte, for up to a minute
// (-fuzzminimizetime), which over a deflated archive keeps nothing, so that fuzzing the
// archive's kilobyte stalled at 17 inputs. FuzzODTArchive fuzzes the archive.
func FuzzODT(f *testing.F) {
	add := func(body, styles string) {
		content, stylesXML := testODTParts(body, styles)
		f.Add(content, stylesXML)
	}
	add(`<text:list text:style-name="L1"><text:list-item><text:p>主要举措</text:p></text:list-item></text:list>`, odtReportStyles)
	add(`<text:h text:outline-level="2">x</text:h>`, odtReportStyles)
	for _, c := range odtListCases {
		content, styles := c.parts()
		f.Add(content, styles)
	}
	f.Add(`<office:text><text:p>甲`+"\r\n"+`乙</text:p></office:text>`, "")
	f.Fuzz(func(t *testing.T, content, styles string) {
		checkODT(t, testODTZip(content, styles, zip.Store)) // compressing took 40 % of the time
	})
}

// FuzzODTArchive: the .odt reader on any bytes, broken, truncated and odd archives among them.
func FuzzODTArchive(f *testing.F) {
	f.Add(testODTZip(`<office:text><text:p>正文</text:p></office:text>`, "", zip.Deflate))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(checkODT)
}

// checkODT: the .odt reader gives an Unreadable, or lines without line ends.
func checkODT(t *testing.T, data []byte) {
	txt, err := DecodeODT(data)
	if err != nil {
		if !IsUnreadable(err) {
			t.Fatalf("%T %v", err, err)
		}
		return
	}
	for i, l := range txt.Lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("line %d: %q", i+1, l)
		}
	}
}

// The content.xml walk on its own, with the report's list styles: any bytes. Reading
// content.xml's list styles in the walk (odtContent) gives the lines, the list styles and the
// error of reading them first (odtContentTwoPasses).
func FuzzODTContent(f *testing.F) {
	f.Add([]byte(`<office:text><text:list text:style-name="L1"><text:list-item><text:list><text:list-item><text:p>深化改革</text:p></text:list-item></text:list></text:list-item></text:list><text:h text:outline-level="1">x</text:h></office:text>`))
	f.Add([]byte(`<office:document-content><office:automatic-styles><text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="I"/></text:list-style></office:automatic-styles>` +
		`<office:body><office:text><text:list text:style-name="L1"><text:list-item><text:p>甲` + "\n" + `乙</text:p></text:list-item></text:list></office:text></office:body></office:document-content>`))
	f.Add([]byte(`<office:text><text:list text:style-name="L1"><text:list-item><text:p>甲</text:p></text:list-item></text:list>` +
		`<text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-format="a"/></text:list-style><text:outline-style/></office:text>`))
	f.Add([]byte(`<office:text><text:list-style style:name="L2"><text:p>x</text:p><text:list-level-style-bullet text:level="1"/></text:list-style></office:text>`))
	f.Add([]byte(`<office:text><text:list xml:id="a" text:style-name="L1"><text:list-item><text:p>甲</text:p><text:list><text:list-item text:style-override="B" text:start-value="3"><text:p>乙</text:p></text:list-item></text:list></text:list-item></text:list>` +
		`<text:list text:continue-list="a" text:continue-numbering="false"><text:list-item><text:list text:style-name="L1"><text:list-item><text:p>丙</text:p></text:list-item></text:list></text:list-item></text:list>` +
		`<text:list xml:id="a" text:continue-numbering="true" text:style-name="L1"><text:list-header><text:p>丁</text:p></text:list-header><text:list-item><text:p>戊</text:p></text:list-item></text:list></office:text>`))
	// Paragraph styles (an automatic one naming a list style, one after the text), headings of
	// them and of none, in a list of no list style with one of a style nested in it.
	f.Add([]byte(`<office:automatic-styles><style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard" style:list-style-name="L1"/>` +
		`<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="2"/></office:automatic-styles>` +
		`<office:text><text:h text:style-name="P1" text:outline-level="2">甲</text:h><text:h>乙</text:h><text:list><text:list-item><text:h text:style-name="P2" text:is-list-header="true">丙</text:h>` +
		`<text:list text:style-name="L1"><text:list-item><text:p text:style-name="P1">丁</text:p></text:list-item></text:list></text:list-item></text:list>` +
		`<text:h text:style-name="Standard" text:outline-level="1" text:restart-numbering="true" text:start-value="3">戊</text:h></office:text>` +
		`<office:automatic-styles><style:style style:name="P3" style:family="paragraph" style:list-style-name=""/></office:automatic-styles>`))
	ls := newODTStyles()
	if err := ls.read([]byte(odtReportStyles), false); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, err := odtParagraphs(data, ls)
		for _, l := range lines {
			if strings.ContainsAny(l, "\r\n") && err == nil {
				t.Fatalf("line %q", l)
			}
		}
		one, two := ls.clone(), ls.clone()
		got, err := odtContent(data, one)
		want, werr := odtContentTwoPasses(data, two)
		if fmt.Sprint(err) != fmt.Sprint(werr) || !slices.Equal(got, want) || !reflect.DeepEqual(one, two) {
			t.Fatalf("%q:\none pass  %q %v %v\ntwo passes %q %v %v", data, got, err, one, want, werr, two)
		}
	})
}

// The zip containers keep the .docx reader's limits, through the same helpers.
func TestODTAndOFDBombsAreRefused(t *testing.T) {
	for _, c := range []struct {
		name string
		read func([]byte) (*Text, error)
		data []byte
	}{
		{"odt content", DecodeODT, docxgen.Bomb("content.xml", 100)},
		{"ofd root", DecodeOFD, docxgen.Bomb("OFD.xml", 100)},
		{"odt spaces", DecodeODT, testODT(`<text:p>`+strings.Repeat(`<text:s text:c="99999"/>`, 400000)+`</text:p>`, "")},
	} {
		_, err := c.read(c.data)
		if err == nil || !IsUnreadable(err) || !strings.Contains(err.Error(), "过") {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
