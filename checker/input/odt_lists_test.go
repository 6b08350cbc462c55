package input

import (
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

// lp is paragraph n; li a list item and ll a list with attributes and children.
func lp(n int) string { return fmt.Sprintf("<text:p>P%02d</text:p>", n) }

func li(attrs string, kids ...string) string {
	return "<text:list-item " + attrs + ">" + strings.Join(kids, "") + "</text:list-item>"
}

func ll(attrs string, kids ...string) string {
	return "<text:list " + attrs + ">" + strings.Join(kids, "") + "</text:list>"
}

type odtListCase struct {
	name, body string
	want       []string
}

var odtListCases = []odtListCase{
	{
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
			li(`text:style-override="L2"`, lp(17))) +
			"<text:p>正文</text:p>" +
			ll(`xml:id="listB" text:continue-list="list2916832328" text:style-name="L2"`, li(``, lp(18), ll(``, li(``, lp(19)), li(``, lp(20))))),
		[]string{"一、", "（一）", "1.", "2.", "（二）", "1.", "2.", "4)", "（三）", "1)", "2)", "3)", "（四）", "1)", "2)", "3)", "二、", "一、", "（一）", "（二）"},
	},
	{
		// A nested list in another list style is numbered in the list it is in.
		"nested style", ll(`text:style-name="L1"`,
			li(``, lp(1), ll(`text:style-name="L2"`, li(``, lp(2)), li(``, lp(3)))),
			li(``, lp(4), ll(`text:style-name="L2"`, li(``, lp(5)))),
			li(``, lp(6), ll(`text:style-name="N"`, li(``, lp(7))))),
		[]string{"一、", "（一）", "（二）", "二、", "（一）", "三、", "3.1."},
	},
	{
		"start-value", ll(`text:style-name="N"`,
			li(``, lp(1), ll(``, li(``, lp(2)), li(`text:start-value="7"`, lp(3)), li(``, lp(4)))),
			li(``, lp(5), ll(``, li(``, lp(6)))),
			li(`text:start-value="5"`, lp(7)), li(``, lp(8))),
		[]string{"1.", "1.1.", "1.7.", "1.8.", "2.", "2.1.", "5.", "6."},
	},
	{
		// continue-list continues the list of that xml:id over another of the same style,
		// and what that one continues; continue-numbering continues the last list met.
		"continue-list", ll(`xml:id="la" text:style-name="N"`, li(``, lp(1)), li(``, lp(2))) +
			ll(`xml:id="lb" text:style-name="N"`, li(``, lp(3))) +
			ll(`xml:id="lc" text:continue-list="la" text:style-name="N"`, li(``, lp(4))) +
			ll(`text:continue-numbering="true" text:style-name="N"`, li(``, lp(5))) +
			ll(`text:continue-list="lb" text:style-name="L1"`, li(``, lp(6))),
		[]string{"1.", "2.", "1.", "3.", "4.", "二、"},
	},
	{
		// continue-numbering does not reach over a list of another style; "false" restarts.
		"continue-numbering", ll(`text:style-name="N"`, li(``, lp(1)), li(``, lp(2))) +
			ll(`text:style-name="L1"`, li(``, lp(3))) +
			ll(`text:continue-numbering="true" text:style-name="N"`, li(``, lp(4))) +
			ll(`text:continue-numbering="true" text:style-name="N"`, li(``, lp(5))) +
			ll(`text:continue-numbering="false" text:style-name="N"`, li(``, lp(6))),
		[]string{"1.", "2.", "一、", "1.", "2.", "1."},
	},
	{
		// Two lists of one style, each continued in turn; an item with no paragraph of its
		// own is not counted.
		"interleaved", ll(`xml:id="a1" text:style-name="N"`, li(``, lp(1), ll(``, li(``, lp(2))))) +
			ll(`xml:id="b1" text:style-name="N"`, li(``, lp(3), ll(``, li(``, lp(4)), li(``, lp(5))))) +
			ll(`text:continue-list="a1" text:style-name="N"`, li(``, lp(6), ll(``, li(``, lp(7))))) +
			ll(`text:continue-list="b1" text:style-name="N"`, li(``, ll(``, li(``, lp(8))))),
		[]string{"1.", "1.1.", "1.", "1.1.", "1.2.", "2.", "2.1.", "1.3."},
	},
	{
		// A list continued with continue-numbering="false" restarts; a repeated xml:id is
		// the same list.
		"restart", ll(`xml:id="r1" text:style-name="N"`, li(``, lp(1)), li(``, lp(2))) +
			ll(`text:continue-list="r1" text:continue-numbering="false" text:style-name="N"`, li(``, lp(3))) +
			ll(`text:continue-list="r1" text:style-name="N"`, li(``, lp(4))) +
			ll(`xml:id="r1" text:style-name="N"`, li(``, lp(5))) +
			ll(`text:continue-numbering="false" text:style-name="N"`, li(``, lp(6))),
		[]string{"1.", "2.", "1.", "2.", "3.", "1."},
	},
	{
		// The levels' own start values, at the start and after each restart.
		"level start", ll(`text:style-name="S"`, li(``, lp(1), ll(``, li(``, lp(2)), li(``, lp(3)))), li(``, lp(4), ll(``, li(``, lp(5))))),
		[]string{"3.", "b)", "c)", "4.", "b)"},
	},
	{
		// An item that opens with a list: the level above counts as its start value. A
		// paragraph after a nested list in an item, and a list header, are not numbered.
		"shapes", ll(`text:style-name="N"`, li(``, ll(``, li(``, lp(1)), li(``, lp(2)))), li(``, lp(3)), li(``, lp(4), ll(``, li(``, lp(5))), lp(6)),
			"<text:list-header>"+lp(7)+"</text:list-header>", li(``, lp(8))),
		[]string{"1.1.", "1.2.", "2.", "3.", "3.1.", "", "", "4."},
	},
	manyLists(),
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
	return odtListCase{"many lists", b.String(), append(want, "2.", "2.", "3.")}
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
		txt, err := DecodeODT(testODT(c.body, odtListCaseStyles))
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
		if err := os.WriteFile(f, testODT(c.body, odtListCaseStyles), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	pdfText := libreOfficePDFs(t, dir, files)
	for i, c := range odtListCases {
		text := pdfText(strings.TrimSuffix(files[i], ".odt") + ".pdf")
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
