// Package docxgen writes small .docx files the way Word does, with automatic numbering for the
// four heading levels of a report (一、 （一） 1. （1）). Tests and the corpus generator use it to
// turn the text of a report into a .docx whose headings are numbered by Word, not typed.
package docxgen

import (
	"archive/zip"
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Paragraph is one w:p: its text, and a numbering instance and level (NumID 0: not numbered).
// Style, if set, is a w:pStyle; Runs > 1 splits the text over that many w:r elements.
type Paragraph struct {
	Text  string
	NumID int
	Level int
	Style string
	Runs  int
}

// Zip builds a .docx archive from its parts, adding [Content_Types].xml and the package
// relationships when they are missing.
func Zip(parts map[string]string) []byte {
	all := map[string]string{
		"[Content_Types].xml":          contentTypes,
		"_rels/.rels":                  rels,
		"word/_rels/document.xml.rels": documentRels,
	}
	for k, v := range parts {
		all[k] = v
	}
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			panic(err) // writing to memory does not fail
		}
		w.Write([]byte(all[n]))
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// Bomb returns a small archive whose one part inflates to mib MiB of zeros: a zip bomb.
func Bomb(part string, mib int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create(part)
	zero := make([]byte, 1<<20)
	for i := 0; i < mib; i++ {
		w.Write(zero)
	}
	zw.Close()
	return buf.Bytes()
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`

const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

// documentRels points the document at its numbering and styles, as Word writes it: without it
// Word and LibreOffice show the paragraphs without their numbers (fzlint's reader finds the
// parts by name either way).
const documentRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`

// NS is the namespace declaration of WordprocessingML parts.
const NS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// Document returns word/document.xml holding the paragraphs.
func Document(paras []Paragraph) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<w:document " + NS + "><w:body>")
	for _, p := range paras {
		b.WriteString("<w:p>")
		if p.NumID != 0 || p.Style != "" {
			b.WriteString("<w:pPr>")
			if p.Style != "" {
				fmt.Fprintf(&b, `<w:pStyle w:val="%s"/>`, esc(p.Style))
			}
			if p.NumID != 0 {
				fmt.Fprintf(&b, `<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>`, p.Level, p.NumID)
			}
			b.WriteString("</w:pPr>")
		}
		for _, run := range splitRuns(p.Text, p.Runs) {
			fmt.Fprintf(&b, `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>`, esc(run))
		}
		b.WriteString("</w:p>")
	}
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`)
	return b.String()
}

func splitRuns(s string, n int) []string {
	r := []rune(s)
	if n <= 1 || len(r) < n {
		return []string{s}
	}
	var out []string
	size := (len(r) + n - 1) / n
	for i := 0; i < len(r); i += size {
		out = append(out, string(r[i:min(i+size, len(r))]))
	}
	return out
}

func esc(s string) string {
	var b bytes.Buffer
	// xml.EscapeText would also escape "\t" and "\n"; the text here is one paragraph.
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Level is one level of a list definition in numbering.xml.
type Level struct {
	Format string // numFmt: chineseCounting, decimal…
	Text   string // lvlText: "%1、"
	Start  int
}

// Instance is a w:num: the abstract definition it uses and the levels whose start it overrides.
type Instance struct {
	ID, Abstract  int
	StartOverride map[int]int
}

// Numbering returns word/numbering.xml with abstract definitions (ids 1, 2, … in order) and
// numbering instances.
func Numbering(abstract [][]Level, nums []Instance) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<w:numbering " + NS + ">")
	for i, levels := range abstract {
		fmt.Fprintf(&b, `<w:abstractNum w:abstractNumId="%d"><w:multiLevelType w:val="multilevel"/>`, i+1)
		for k, l := range levels {
			fmt.Fprintf(&b, `<w:lvl w:ilvl="%d"><w:start w:val="%d"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl>`,
				k, l.Start, esc(l.Format), esc(l.Text))
		}
		b.WriteString("</w:abstractNum>")
	}
	for _, n := range nums {
		fmt.Fprintf(&b, `<w:num w:numId="%d"><w:abstractNumId w:val="%d"/>`, n.ID, n.Abstract)
		levels := make([]int, 0, len(n.StartOverride))
		for k := range n.StartOverride {
			levels = append(levels, k)
		}
		sort.Ints(levels)
		for _, k := range levels {
			fmt.Fprintf(&b, `<w:lvlOverride w:ilvl="%d"><w:startOverride w:val="%d"/></w:lvlOverride>`, k, n.StartOverride[k])
		}
		b.WriteString("</w:num>")
	}
	b.WriteString("</w:numbering>")
	return b.String()
}

// Styles returns word/styles.xml with a default paragraph style and one style per extra entry,
// each numbered by the given instance and level.
func Styles(numbered map[string][2]int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<w:styles " + NS + ">")
	b.WriteString(`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>`)
	ids := make([]string, 0, len(numbered))
	for id := range numbered {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		n := numbered[id]
		fmt.Fprintf(&b, `<w:style w:type="paragraph" w:styleId="%s"><w:name w:val="%s"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr></w:pPr></w:style>`,
			esc(id), esc(id), n[1], n[0])
	}
	b.WriteString("</w:styles>")
	return b.String()
}

// A heading ordinal as typed in a report, by level: 一、 （一） 1. （1）.
var ordinalRE = [4]*regexp.Regexp{
	regexp.MustCompile(`^([一二三四五六七八九十]{1,3})(、)`),
	regexp.MustCompile(`^([（(])([一二三四五六七八九十]{1,3})([）)])`),
	regexp.MustCompile(`^(\d{1,2})([.．、])`),
	regexp.MustCompile(`^([（(])(\d{1,2})([）)])`),
}

var levelFormat = [4]string{"chineseCounting", "chineseCounting", "decimal", "decimal"}

// NumberedReport turns the lines of a report into a .docx in which every heading ordinal that
// follows the previous one is produced by automatic numbering, as a drafter using Word's lists
// would have it: the first-level heading style "Heading1" numbers 一、, the other levels use
// numbering directly. A heading whose number breaks the sequence gets a numbering instance of
// its own that restarts at its value; the headings after it go on from it in the list's first
// instance (instances of one definition share their counters), so that no start override
// numbers a level that restarts later, which Word and LibreOffice may number differently
// (MovedReport writes such a file). A marker written another way than the level's first (（一）
// after (一)) stays typed text. Decoding the result gives back the lines exactly.
func NumberedReport(lines []string) []byte { return numberedZip(numberedReport(lines, false)) }

// MovedReport is NumberedReport with the headings after a restart numbered by the instance that
// restarts, as a tool that moves the rest of a list to the new instance writes them: the level
// restarted then has the override of its start in the instance of every heading after it.
// fzlint's .docx reader starts the level at the override each time it restarts; LibreOffice at
// the instance's first paragraph only.
func MovedReport(lines []string) []byte { return numberedZip(numberedReport(lines, true)) }

func numberedZip(paras []Paragraph, levels []Level, nums []Instance) []byte {
	return Zip(map[string]string{
		"word/document.xml":  Document(paras),
		"word/numbering.xml": Numbering([][]Level{levels}, nums),
		"word/styles.xml":    Styles(map[string][2]int{"Heading1": {1, 0}}),
	})
}

// numberedReport is NumberedReport's paragraphs and list (MovedReport's when moved): the
// levels of abstract definition 1 and its instances.
func numberedReport(lines []string, moved bool) ([]Paragraph, []Level, []Instance) {
	var (
		texts   [4]string // lvlText of each level, from its first occurrence
		counter [4]int
		paras   []Paragraph
		nums    = []Instance{{ID: 1, Abstract: 1}}
		current = 1 // the instance of the headings that do not restart
	)
	for _, line := range lines {
		lvl, value, rest, text := -1, 0, line, ""
		for k, re := range ordinalRE {
			m := re.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			switch k {
			case 0:
				value, text = chineseValue(m[1]), "%1"+m[2]
			case 1:
				value, text = chineseValue(m[2]), m[1]+"%2"+m[3]
			case 2:
				value, _ = strconv.Atoi(m[1])
				text = "%3" + m[2]
				if len(line) > len(m[0]) && line[len(m[0])] >= '0' && line[len(m[0])] <= '9' {
					value = 0 // 1.5万: a number, not an ordinal
				}
			case 3:
				value, _ = strconv.Atoi(m[2])
				text = m[1] + "%4" + m[3]
			}
			if value > 0 {
				lvl, rest = k, line[len(m[0]):]
			}
			break
		}
		if lvl < 0 || (texts[lvl] != "" && texts[lvl] != text) {
			paras = append(paras, Paragraph{Text: line, Runs: 2})
			continue
		}
		texts[lvl] = text
		want, num := counter[lvl]+1, current
		if value != want {
			num = len(nums) + 1
			nums = append(nums, Instance{ID: num, Abstract: 1, StartOverride: map[int]int{lvl: value}})
			if moved {
				current = num
			}
		}
		counter[lvl] = value
		for k := lvl + 1; k < 4; k++ {
			counter[k] = 0
		}
		p := Paragraph{Text: rest, NumID: num, Level: lvl, Runs: 2}
		if lvl == 0 && num == 1 {
			p = Paragraph{Text: rest, Style: "Heading1", Runs: 2}
		}
		paras = append(paras, p)
	}
	levels := make([]Level, 4)
	defaults := [4]string{"%1、", "（%2）", "%3.", "（%4）"}
	for k := range levels {
		t := texts[k]
		if t == "" {
			t = defaults[k]
		}
		levels[k] = Level{Format: levelFormat[k], Text: t, Start: 1}
	}
	return paras, levels, nums
}

func chineseValue(s string) int {
	digits := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	r := []rune(s)
	switch {
	case len(r) == 1 && r[0] == '十':
		return 10
	case len(r) == 1:
		return digits[r[0]]
	case len(r) == 2 && r[0] == '十':
		return 10 + digits[r[1]]
	case len(r) == 2 && r[1] == '十':
		return digits[r[0]] * 10
	case len(r) == 3 && r[1] == '十':
		return digits[r[0]]*10 + digits[r[2]]
	}
	return 0
}
