package input

import (
	"archive/zip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Lists of content.xml numbered as LibreOffice numbers them: the paragraphs are P01, P02, …
// and want holds the label LibreOffice 7.4 shows before each, read from its PDF of the file
// (TestLibreOfficeNumbersTheODTListCasesSo holds them to it).

// Four list styles: L1 and L2 differ only in their third level (1. and 1)); S starts its levels
// at 3 and b; N writes every level above its own (1.1.).
const odtListCaseStyles = `<text:list-style style:name="L1">` +
	`<text:list-level-style-number text:level="1" style:num-suffix="、" style:num-format="一, 二, 三, ..."/>` +
	`<text:list-level-style-number text:level="2" style:num-prefix="（" style:num-suffix="）" style:num-format="一, 二, 三, ..."/>` +
	`<text:list-level-style-number text:level="3" style:num-suffix="." style:num-format="1"/></text:list-style>` +
	`<text:list-style style:name="L2">` +
	`<text:list-level-style-number text:level="1" style:num-suffix="、" style:num-format="一, 二, 三, ..."/>` +
	`<text:list-level-style-number text:level="2" style:num-prefix="（" style:num-suffix="）" style:num-format="一, 二, 三, ..."/>` +
	`<text:list-level-style-number text:level="3" style:num-suffix=")" style:num-format="1"/></text:list-style>` +
	`<text:list-style style:name="S">` +
	`<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1" text:start-value="3"/>` +
	`<text:list-level-style-number text:level="2" style:num-suffix=")" style:num-format="a" text:start-value="2"/></text:list-style>` +
	`<text:list-style style:name="N">` +
	`<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/>` +
	`<text:list-level-style-number text:level="2" style:num-suffix="." style:num-format="1" text:display-levels="2"/>` +
	`<text:list-level-style-number text:level="3" style:num-suffix="." style:num-format="1" text:display-levels="3"/></text:list-style>`

// Paragraph styles for the cases of paragraph styles and headings: PL has a list style, PC and
// PCC inherit it, PX names one that does not exist; H1, H2 and HL are of an outline level (H1
// and H2 the first of theirs, so assigned to the outline), HL has a list style too, HC is
// its child; Standard is LibreOffice's default paragraph style.
const odtCaseParaStyles = `<style:style style:name="Standard" style:family="paragraph"/>` +
	`<style:style style:name="PL" style:family="paragraph" style:list-style-name="L1"/>` +
	`<style:style style:name="PL2" style:family="paragraph" style:list-style-name="L2"/>` +
	`<style:style style:name="PC" style:family="paragraph" style:parent-style-name="PL"/>` +
	`<style:style style:name="PCC" style:family="paragraph" style:parent-style-name="PC"/>` +
	`<style:style style:name="PX" style:family="paragraph" style:list-style-name="Nope"/>` +
	`<style:style style:name="H1" style:family="paragraph" style:default-outline-level="1"/>` +
	`<style:style style:name="H2" style:family="paragraph" style:default-outline-level="2"/>` +
	`<style:style style:name="HL" style:family="paragraph" style:default-outline-level="1" style:list-style-name="L1"/>` +
	`<style:style style:name="HC" style:family="paragraph" style:parent-style-name="HL"/>`

// An outline style whose levels differ from every list style's: I. i) a] A}.
const odtCaseOutline = `<text:outline-style style:name="Outline"><text:outline-level-style text:level="1" style:num-format="I" style:num-suffix="."/>` +
	`<text:outline-level-style text:level="2" style:num-format="i" style:num-suffix=")" text:display-levels="2"/>` +
	`<text:outline-level-style text:level="3" style:num-format="a" style:num-suffix="]"/><text:outline-level-style text:level="4" style:num-format="A" style:num-suffix="}"/></text:outline-style>`

// lp is paragraph n, pp paragraph n of a paragraph style, hh heading n with attributes; li a
// list item and ll a list with attributes and children.
func lp(n int) string { return fmt.Sprintf("<text:p>P%02d</text:p>", n) }

func pp(style string, n int) string {
	return fmt.Sprintf(`<text:p text:style-name="%s">P%02d</text:p>`, style, n)
}

func hh(attrs string, n int) string { return fmt.Sprintf("<text:h %s>P%02d</text:h>", attrs, n) }

func li(attrs string, kids ...string) string {
	return "<text:list-item " + attrs + ">" + strings.Join(kids, "") + "</text:list-item>"
}

func ll(attrs string, kids ...string) string {
	return "<text:list " + attrs + ">" + strings.Join(kids, "") + "</text:list>"
}

// odtListCase is content.xml's body, styles.xml's styles beside odtListCaseStyles, and
// content.xml's automatic styles.
type odtListCase struct {
	name, body string
	want       []string
	styles     string
	auto       string
}

// odtCase is a case of odtListCaseStyles only.
func odtCase(name, body string, want []string) odtListCase {
	return odtListCase{name: name, body: body, want: want}
}

// odtStyled is a case with styles of its own.
func odtStyled(name, body string, want []string, styles, auto string) odtListCase {
	return odtListCase{name: name, body: body, want: want, styles: styles, auto: auto}
}

// odt is the case as an .odt.
func (c odtListCase) odt() []byte {
	content, styles := c.parts()
	return testODTZip(content, styles, zip.Deflate)
}

// parts are its content.xml and styles.xml.
func (c odtListCase) parts() (content, styles string) {
	content, styles = testODTParts(c.body, odtListCaseStyles+c.styles)
	if c.auto != "" {
		content = strings.Replace(content, "<office:body>", "<office:automatic-styles>"+c.auto+"</office:automatic-styles><office:body>", 1)
	}
	return content, styles
}

var odtListCases = []odtListCase{
	odtCase(
		// As LibreOffice writes a report whose Word numbering restarted (docxgen's: a third
		// level at 4, then a numbering instance of its own): items of the list in another
		// list style (style-override), lists in them in that style, and a list that
		// continues one no list has as its xml:id.
		"override", ll(`text:style-name="L1"`,
			li(``, lp(1), ll(``,
				li(``, lp(2), ll(``, li(``, lp(3)), li(``, lp(4)))),
				li(``, lp(5), ll(``, li(``, lp(6)), li(``, lp(7)), li(`text:start-value="4" text:style-override="L2"`, lp(8)))),
				li(`text:style-override="L2"`, lp(9), ll(`text:style-name="L2"`, li(``, lp(10)), li(``, lp(11)), li(``, lp(12)))),
				li(`text:style-override="L2"`, lp(13), ll(`text:style-name="L2"`, li(``, lp(14)), li(``, lp(15)), li(``, lp(16)))))),
			li(`text:style-override="L2"`, lp(17)))+
			"<text:p>正文</text:p>"+
			ll(`xml:id="listB" text:continue-list="list2916832328" text:style-name="L2"`, li(``, lp(18), ll(``, li(``, lp(19)), li(``, lp(20))))),
		[]string{"一、", "（一）", "1.", "2.", "（二）", "1.", "2.", "4)", "（三）", "1)", "2)", "3)", "（四）", "1)", "2)", "3)", "二、", "一、", "（一）", "（二）"},
	),
	odtCase(
		// A nested list in another list style is numbered in the list it is in.
		"nested style", ll(`text:style-name="L1"`,
			li(``, lp(1), ll(`text:style-name="L2"`, li(``, lp(2)), li(``, lp(3)))),
			li(``, lp(4), ll(`text:style-name="L2"`, li(``, lp(5)))),
			li(``, lp(6), ll(`text:style-name="N"`, li(``, lp(7))))),
		[]string{"一、", "（一）", "（二）", "二、", "（一）", "三、", "3.1."},
	),
	odtCase(
		"start-value", ll(`text:style-name="N"`,
			li(``, lp(1), ll(``, li(``, lp(2)), li(`text:start-value="7"`, lp(3)), li(``, lp(4)))),
			li(``, lp(5), ll(``, li(``, lp(6)))),
			li(`text:start-value="5"`, lp(7)), li(``, lp(8))),
		[]string{"1.", "1.1.", "1.7.", "1.8.", "2.", "2.1.", "5.", "6."},
	),
	odtCase(
		// continue-list continues the list of that xml:id over another of the same style,
		// and what that one continues; continue-numbering continues the last list met.
		"continue-list", ll(`xml:id="la" text:style-name="N"`, li(``, lp(1)), li(``, lp(2)))+
			ll(`xml:id="lb" text:style-name="N"`, li(``, lp(3)))+
			ll(`xml:id="lc" text:continue-list="la" text:style-name="N"`, li(``, lp(4)))+
			ll(`text:continue-numbering="true" text:style-name="N"`, li(``, lp(5)))+
			ll(`text:continue-list="lb" text:style-name="L1"`, li(``, lp(6))),
		[]string{"1.", "2.", "1.", "3.", "4.", "二、"},
	),
	odtCase(
		// continue-numbering does not reach over a list of another style; "false" restarts.
		"continue-numbering", ll(`text:style-name="N"`, li(``, lp(1)), li(``, lp(2)))+
			ll(`text:style-name="L1"`, li(``, lp(3)))+
			ll(`text:continue-numbering="true" text:style-name="N"`, li(``, lp(4)))+
			ll(`text:continue-numbering="true" text:style-name="N"`, li(``, lp(5)))+
			ll(`text:continue-numbering="false" text:style-name="N"`, li(``, lp(6))),
		[]string{"1.", "2.", "一、", "1.", "2.", "1."},
	),
	odtCase(
		// Two lists of one style, each continued in turn; an item with no paragraph of its
		// own is not counted.
		"interleaved", ll(`xml:id="a1" text:style-name="N"`, li(``, lp(1), ll(``, li(``, lp(2)))))+
			ll(`xml:id="b1" text:style-name="N"`, li(``, lp(3), ll(``, li(``, lp(4)), li(``, lp(5)))))+
			ll(`text:continue-list="a1" text:style-name="N"`, li(``, lp(6), ll(``, li(``, lp(7)))))+
			ll(`text:continue-list="b1" text:style-name="N"`, li(``, ll(``, li(``, lp(8))))),
		[]string{"1.", "1.1.", "1.", "1.1.", "1.2.", "2.", "2.1.", "1.3."},
	),
	odtCase(
		// A list continued with continue-numbering="false" restarts; a repeated xml:id is
		// the same list.
		"restart", ll(`xml:id="r1" text:style-name="N"`, li(``, lp(1)), li(``, lp(2)))+
			ll(`text:continue-list="r1" text:continue-numbering="false" text:style-name="N"`, li(``, lp(3)))+
			ll(`text:continue-list="r1" text:style-name="N"`, li(``, lp(4)))+
			ll(`xml:id="r1" text:style-name="N"`, li(``, lp(5)))+
			ll(`text:continue-numbering="false" text:style-name="N"`, li(``, lp(6))),
		[]string{"1.", "2.", "1.", "2.", "3.", "1."},
	),
	odtCase(
		// The levels' own start values, at the start and after each restart.
		"level start", ll(`text:style-name="S"`, li(``, lp(1), ll(``, li(``, lp(2)), li(``, lp(3)))), li(``, lp(4), ll(``, li(``, lp(5))))),
		[]string{"3.", "b)", "c)", "4.", "b)"},
	),
	odtCase(
		// An item that opens with a list: the level above counts as its start value. A
		// paragraph after a nested list in an item, and a list header, are not numbered.
		"shapes", ll(`text:style-name="N"`, li(``, ll(``, li(``, lp(1)), li(``, lp(2)))), li(``, lp(3)), li(``, lp(4), ll(``, li(``, lp(5))), lp(6)),
			"<text:list-header>"+lp(7)+"</text:list-header>", li(``, lp(8))),
		[]string{"1.1.", "1.2.", "2.", "3.", "3.1.", "", "", "4."},
	),
	manyLists(),

	// A list that names no list style, or one that does not exist, is numbered by a list style
	// of LibreOffice's own, a bullet at each level its lists open: no number (not the outline
	// style's, nor decimals); its items are counted all the same (a style-override of an
	// existing style numbers its item; one of none leaves it to its list). Nor does a paragraph style's
	// list style number a paragraph in it (nor one its parent gives it, nor an automatic
	// style's), though ODF 1.2 §4.3.1 (1.1)/§5.3.1 says that it should.
	odtStyled(
		"no style", ll(``, li(``, lp(1)), li(``, lp(2), ll(``, li(``, lp(3)))), li(``, lp(4)))+lp(5),
		[]string{"", "", "", "", ""}, odtCaseOutline, "",
	),
	odtStyled(
		"missing style", ll(`text:style-name="Nope"`, li(``, lp(1)), li(``, lp(2), ll(``, li(``, lp(3)))), li(``, lp(4))),
		[]string{"", "", "", ""}, odtCaseOutline, "",
	),
	odtStyled(
		"no style, paragraph styles", ll(``, li(``, pp("PL", 1)), li(``, pp("PL", 2), ll(``, li(``, pp("PL", 3)))), li(``, pp("PC", 4)), li(``, pp("P1", 5)), li(``, pp("P2", 6)))+
			ll(`text:style-name="Nope"`, li(``, pp("PL", 7)), li(``, pp("PX", 8)), li(``, pp("PCC", 9))),
		[]string{"", "", "", "", "", "", "", "", ""}, odtCaseParaStyles,
		`<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard" style:list-style-name="L1"/><style:style style:name="P2" style:family="paragraph" style:parent-style-name="PL"/>`,
	),
	odtStyled(
		"no style, override", ll(``, li(`text:style-override="N"`, lp(1)), li(``, lp(2)), li(`text:style-override="Nope"`, lp(3)), li(`text:style-override="N"`, lp(4)))+
			ll(`text:style-name="L1"`, li(``, lp(5)), li(`text:style-override="Nope"`, lp(6))),
		[]string{"1.", "", "", "4.", "一、", "二、"}, "", "",
	),
	odtStyled(
		// A list that continues one of a style without naming one is not numbered; one that
		// names it again continues the count; continue-numbering without a style continues
		// nothing numbered.
		"no style, continued", ll(`xml:id="a" text:style-name="N"`, li(``, lp(1)), li(``, lp(2)))+ll(`text:continue-list="a"`, li(``, lp(3)))+ll(`text:continue-list="a" text:style-name="N"`, li(``, lp(4)))+
			ll(`text:continue-numbering="true"`, li(``, lp(5))),
		[]string{"1.", "2.", "", "4.", ""}, "", "",
	),
	odtStyled(
		// A list naming an existing style in a list of none: LibreOffice makes that level of
		// the style itself a bullet, in every list of the style, those before it too (and
		// a bullet between two numbers shows as 1..1.).
		"no style, nested style", ll(`text:style-name="N"`, li(``, lp(1), ll(``, li(``, lp(2)))))+ll(``, li(``, lp(3), ll(`text:style-name="N"`, li(``, lp(4)))))+
			ll(`text:style-name="N"`, li(``, lp(5), ll(``, li(``, lp(6), ll(``, li(``, lp(7))))))),
		[]string{"1.", "", "", "", "1.", "", "1..1."}, "", "",
	),
	odtStyled(
		// A nested list naming a style that does not exist is numbered in its list's.
		"nested missing style", ll(`text:style-name="L1"`, li(``, lp(1), ll(`text:style-name="Nope"`, li(``, lp(2)), li(``, lp(3)))), li(``, lp(4))),
		[]string{"一、", "（一）", "（二）", "二、"}, "", "",
	),
	odtStyled(
		// In a list of a style its style numbers every paragraph, whatever list style their
		// paragraph styles (common or automatic) name; outside lists a paragraph is not
		// numbered by its paragraph style's list style, nor by the one its parent gives it.
		"paragraph styles", ll(`text:style-name="N"`, li(``, pp("PL", 1)), li(``, pp("P1", 2)), li(``, pp("PL2", 3)))+
			pp("PL", 4)+pp("P1", 5)+pp("PC", 6)+pp("PCC", 7)+lp(8),
		[]string{"1.", "2.", "3.", "", "", "", "", ""}, odtCaseParaStyles,
		`<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard" style:list-style-name="L2"/>`,
	),
	odtStyled(
		// Outside lists a heading is numbered by the outline style: at its text:outline-level
		// (1 when it has none), but at the level of its style when that style is the one
		// assigned to a level (the first of its style:default-outline-level: H1, H2), and
		// whatever list style its common style has (HL, HC, PL). A heading of no style takes
		// the style assigned to its level; one of a style that does not exist is not numbered.
		"headings", hh(`text:outline-level="1"`, 1)+hh(`text:style-name="H1" text:outline-level="1"`, 2)+hh(`text:style-name="H2" text:outline-level="2"`, 3)+
			hh(`text:style-name="HL" text:outline-level="1"`, 4)+hh(`text:style-name="HC" text:outline-level="1"`, 5)+hh(`text:style-name="PL" text:outline-level="2"`, 6)+
			hh(`text:style-name="H1"`, 7)+hh(``, 8)+hh(`text:style-name="Nope" text:outline-level="1"`, 9)+hh(`text:style-name="H1" text:outline-level="2"`, 10)+
			hh(`text:style-name="H2" text:outline-level="1"`, 11)+hh(`text:outline-level="2"`, 12)+hh(`text:style-name="Standard"`, 13),
		[]string{"I.", "II.", "II.i)", "III.", "IV.", "IV.i)", "V.", "VI.", "", "VII.", "VII.i)", "VII.ii)", "VIII."}, odtCaseParaStyles+odtCaseOutline, "",
	),
	odtStyled(
		// A heading or paragraph of an automatic style: numbered as the common style it is of,
		// unless the automatic style names a list style (then not at all) or its parent does
		// not exist. A paragraph of the style assigned to an outline level is numbered at it
		// (a paragraph of its child style is not).
		"automatic styles", hh(`text:style-name="P1" text:outline-level="1"`, 1)+hh(`text:style-name="P2" text:outline-level="1"`, 2)+hh(`text:style-name="P3" text:outline-level="1"`, 3)+
			hh(`text:style-name="P4" text:outline-level="1"`, 4)+hh(`text:style-name="P1" text:outline-level="1"`, 5)+
			pp("H1", 6)+pp("P1", 7)+pp("H2", 8)+pp("C1", 9)+pp("P2", 10),
		[]string{"I.", "", "", "", "II.", "III.", "IV.", "IV.i)", "", ""}, odtCaseParaStyles+odtCaseOutline+`<style:style style:name="C1" style:family="paragraph" style:parent-style-name="H1"/>`,
		`<style:style style:name="P1" style:family="paragraph" style:parent-style-name="H1"/><style:style style:name="P2" style:family="paragraph" style:parent-style-name="H1" style:list-style-name="L1"/>`+
			`<style:style style:name="P3" style:family="paragraph" style:parent-style-name="Nope"/><style:style style:name="P4" style:family="paragraph"/>`,
	),
	odtStyled(
		// text:is-list-header: no number, not counted; text:restart-numbering starts again at
		// text:start-value.
		"heading header and restart", hh(`text:style-name="H1" text:outline-level="1"`, 1)+hh(`text:style-name="H1" text:outline-level="1" text:is-list-header="true"`, 2)+
			hh(`text:style-name="H1" text:outline-level="1"`, 3)+hh(`text:style-name="H1" text:outline-level="1" text:restart-numbering="true" text:start-value="5"`, 4)+
			hh(`text:style-name="H1" text:outline-level="1"`, 5),
		[]string{"I.", "", "II.", "V.", "VI."}, odtCaseParaStyles+odtCaseOutline, "",
	),
	odtStyled(
		// In a list a heading is numbered by the list, when its style is assigned to the
		// outline (H1, H2, or none: the level's) or names a list style as an automatic style
		// (P1), or does not exist; a heading of another style (HL, PL, Standard) by the outline
		// style at its outline level, with the list's counters; a list's own bullets
		// (no style) are no number. The outline's own count goes on outside the lists.
		"headings in lists", ll(`text:style-name="N"`, li(``, hh(`text:style-name="H1" text:outline-level="1"`, 1)), li(``, hh(`text:style-name="H1" text:outline-level="2"`, 2)),
			li(``, hh(`text:style-name="HL" text:outline-level="1"`, 3)), li(``, hh(`text:style-name="H2" text:outline-level="1"`, 4)), li(``, hh(`text:style-name="Standard" text:outline-level="2"`, 5)),
			li(``, hh(`text:style-name="P1" text:outline-level="2"`, 6)), li(``, hh(`text:style-name="Nope" text:outline-level="2"`, 7)), li(``, hh(`text:outline-level="1"`, 8)))+
			hh(`text:style-name="H1" text:outline-level="1"`, 9)+
			ll(``, li(``, hh(`text:style-name="H1" text:outline-level="1"`, 10)), li(``, hh(`text:style-name="HL" text:outline-level="1"`, 11)), li(``, hh(`text:style-name="PL" text:outline-level="1"`, 12)), li(``, hh(`text:outline-level="1"`, 13)))+
			hh(`text:style-name="H1" text:outline-level="1"`, 14),
		[]string{"1.", "2.", "III.", "4.", "IV.i)", "5.", "6.", "7.", "I.", "", "II.", "III.", "", "II."}, odtCaseParaStyles+odtCaseOutline,
		`<style:style style:name="P1" style:family="paragraph" style:parent-style-name="H1" style:list-style-name="L2"/>`,
	),
	odtStyled(
		// Headings in a list: a list header's and one of text:is-list-header are not numbered;
		// text:restart-numbering restarts the list's count there.
		"heading headers in a list", ll(`text:style-name="N"`, li(``, lp(1)), "<text:list-header>"+hh(`text:style-name="Standard" text:outline-level="1"`, 2)+"</text:list-header>",
			li(``, hh(`text:style-name="Standard" text:outline-level="1" text:is-list-header="true"`, 3)), li(``, hh(`text:style-name="Standard" text:outline-level="1" text:restart-numbering="true" text:start-value="7"`, 4)), li(``, lp(5))),
		[]string{"1.", "", "", "VII.", "8."}, odtCaseParaStyles+odtCaseOutline, "",
	),
	odtStyled(
		// Without a style of an outline level in the file, LibreOffice's own "Heading 1"… is
		// assigned to it: a heading of no style is numbered at its level (by the list, in
		// one); its default paragraph style Standard exists without being defined (a heading
		// of it is numbered at its level by the outline style), other names do not.
		"no styles", hh(`text:outline-level="1"`, 1)+hh(`text:outline-level="2"`, 2)+hh(``, 3)+hh(`text:style-name="Standard" text:outline-level="2"`, 4)+
			hh(`text:style-name="Heading_20_1" text:outline-level="1"`, 5)+pp("Standard", 6)+pp("Heading_20_1", 7)+
			ll(`text:style-name="N"`, li(``, hh(`text:outline-level="1"`, 8)), li(``, hh(`text:style-name="Standard" text:outline-level="1"`, 9)), li(``, hh(`text:style-name="Heading_20_1" text:outline-level="1"`, 10))),
		[]string{"I.", "I.i)", "II.", "II.i)", "", "", "", "1.", "II.", "3."}, odtCaseOutline, "",
	),
	odtStyled(
		// A level with a style of its outline level keeps it (H1), the others keep Writer's
		// own; a style named "Heading 2" without an outline level takes level 2 from it. The
		// first style of a level is assigned to it, list style or not (HX before H3).
		"assigned styles", hh(`text:outline-level="1"`, 1)+hh(`text:outline-level="2"`, 2)+hh(`text:outline-level="3"`, 3)+hh(`text:style-name="Heading_20_2" text:outline-level="1"`, 4)+
			pp("HX", 5)+pp("H3", 6),
		[]string{"I.", "", "a]", "II.", "a]", ""}, odtCaseOutline+`<style:style style:name="H1" style:family="paragraph" style:default-outline-level="1"/>`+
			`<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"/>`+
			`<style:style style:name="HX" style:family="paragraph" style:default-outline-level="3" style:list-style-name="L1"/><style:style style:name="H3" style:family="paragraph" style:default-outline-level="3"/>`, "",
	),
}

// manyLists is forty lists of xml:ids (more than odtFewLists), a list that continues the
// third, one of the fortieth's xml:id, and one that continues the numbering of the list before.
func manyLists() odtListCase {
	var b strings.Builder
	var want []string
	for i := 1; i <= 40; i++ {
		b.WriteString(ll(fmt.Sprintf(`xml:id="m%d" text:style-name="N"`, i), li(``, lp(i))))
		want = append(want, "1.")
	}
	b.WriteString(ll(`text:continue-list="m3" text:style-name="N"`, li(``, lp(41))))
	b.WriteString(ll(`xml:id="m40" text:style-name="N"`, li(``, lp(42))))
	b.WriteString(ll(`text:continue-numbering="true" text:style-name="N"`, li(``, lp(43))))
	return odtCase("many lists", b.String(), append(want, "2.", "2.", "3."))
}

var odtCaseParagraph = regexp.MustCompile(`^(.*?)P(\d\d)$`)

// odtCaseLabels returns the label before each paragraph P01, P02… of lines, in order;
// the lines that are not one are left out.
func odtCaseLabels(lines []string) []string {
	var labels []string
	for _, l := range lines {
		if m := odtCaseParagraph.FindStringSubmatch(strings.Join(strings.Fields(l), "")); m != nil {
			labels = append(labels, m[1])
		}
	}
	return labels
}

func TestODTListsAreNumberedAsLibreOfficeNumbersThem(t *testing.T) {
	for _, c := range odtListCases {
		txt, err := DecodeODT(c.odt())
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := odtCaseLabels(txt.Lines); strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// The labels of odtListCases are LibreOffice's: its PDF of each case, as pdftotext reads it.
func TestLibreOfficeNumbersTheODTListCasesSo(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i, c := range odtListCases {
		f := filepath.Join(dir, fmt.Sprintf("case%02d.odt", i))
		if err := os.WriteFile(f, c.odt(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	pdfText := libreOfficePDFs(t, dir, files)
	for i, c := range odtListCases {
		text := pdfText(strings.TrimSuffix(files[i], ".odt") + ".pdf")
		// A bullet is no number: the reader writes none. LibreOffice's own bullet of a list
		// without a list style is StarSymbol's U+F095.
		text = strings.NewReplacer("\uf095", "", "•", "").Replace(text)
		if got := odtCaseLabels(strings.Split(text, "\n")); strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%s: LibreOffice shows\n %q\nthe test wants\n %q", c.name, got, c.want)
		}
	}
}

// libreOfficePDFs converts files to PDF in dir with LibreOffice, in one run, and returns a
// function giving the text of one of the PDFs as pdftotext -layout lays it out. The test
// fails without soffice or pdftotext.
func libreOfficePDFs(t *testing.T, dir string, files []string) func(pdf string) string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatalf("LibreOffice (soffice) is needed for this test: %v", err)
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatalf("pdftotext (Debian poppler-utils) is needed for this test: %v", err)
	}
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--convert-to", "pdf", "--outdir", dir}, files...)
	if out, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	return func(pdf string) string {
		t.Helper()
		out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", pdf, err)
		}
		return string(out)
	}
}
