package input

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fzlint/fzlint/internal/docxgen"
)

// refParagraph is the paragraph of docxWalkReference.
type refParagraph struct {
	text   strings.Builder
	style  string
	numID  string
	ilvl   int
	hasNum bool // a w:numPr was given (numId 0 in it removes the style's numbering)
	hasLvl bool
	hidden bool // its open run is hidden (w:vanish)

	// Where its text comes from (DocxAnchors).
	anchor     DocxPara
	depth      int   // len(path) with the w:p on it
	cols       int   // runes of text so far
	run        int   // index in anchor.Runs of the open run, -1 when none
	runDepth   int   // len(path) with that run on it
	childStart int   // start of the open child of the w:p
	pending    []int // runs in that child, waiting for its end
	tab        int   // index in anchor.Segs of an open w:tab, -1 when none
}

// numbering is what the numberer reads of a paragraph.
func (p *refParagraph) numbering() *paragraph {
	return &paragraph{style: p.style, numID: p.numID, ilvl: p.ilvl, hasNum: p.hasNum, hasLvl: p.hasLvl}
}

// docxWalkReference is docxWalk as it was before its text and anchors were gathered into
// shared arrays (and encoding/xml was left for numbering and styles): the reference it is
// fuzzed against, anchors included.
func docxWalkReference(data []byte, nb *numberer) ([]string, *DocxAnchors, error) {
	x := newXMLScanner(data)
	var (
		lines []string
		anc   = &DocxAnchors{}
		stack []*refParagraph // open w:p elements
		path  [][]byte        // local names of the open elements (slices of data)
		skip  int             // depth at which a skipped subtree started, 0 when none
		mark  = -1            // index in anc.Comments of an open comment marker
		tTag  [2]int          // the start tag of the last w:t
	)
	in := func(name string) bool {
		for i := len(path) - 1; i >= 0; i-- {
			if string(path[i]) == name {
				return true
			}
			if string(path[i]) == "p" {
				return false
			}
		}
		return false
	}
	for {
		ok, err := x.next()
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			if len(path) > 0 {
				return nil, nil, fmt.Errorf("XML 不完整：<%s> 没有结束", path[len(path)-1])
			}
			break
		}
		switch x.kind {
		case xmlStart:
			path = append(path, x.name)
			if len(path) > maxDepth {
				return nil, nil, fmt.Errorf("XML 嵌套超过 %d 层", maxDepth)
			}
			var cur *refParagraph
			if len(stack) > 0 {
				cur = stack[len(stack)-1]
			}
			switch string(x.name) {
			case "commentRangeStart", "commentRangeEnd", "commentReference":
				// Recorded even in deleted text: an earlier comment of fzlint may be there.
				c := DocxComment{Name: string(x.name), ID: x.attr("id"), Elem: [2]int{x.start, x.pos}}
				if c.Name == "commentReference" && skip == 0 && cur != nil && cur.run >= 0 && cur.runDepth == len(path)-1 {
					c.Run[0] = cur.anchor.Runs[cur.run].Start // the end is known when the run closes
				}
				mark = len(anc.Comments)
				anc.Comments = append(anc.Comments, c)
			}
			if skip > 0 {
				continue
			}
			if cur != nil && len(path) == cur.depth+1 {
				cur.childStart = x.start
			}
			if skipped(string(x.name)) {
				skip = len(path)
				continue
			}
			switch string(x.name) {
			case "p":
				p := &refParagraph{depth: len(path), run: -1, tab: -1}
				p.anchor.Start, p.anchor.Open, p.anchor.Close = x.start, x.pos, x.pos
				if x.pendingEnd {
					p.anchor.Open, p.anchor.Close = -1, -1
				}
				stack = append(stack, p)
			case "r":
				if cur != nil {
					cur.hidden = false
					cur.run, cur.runDepth = len(cur.anchor.Runs), len(path)
					cur.anchor.Runs = append(cur.anchor.Runs, DocxRun{Start: x.start, TagEnd: x.pos, Outer: [2]int{cur.childStart, -1}})
					cur.pending = append(cur.pending, cur.run)
				}
			case "t":
				tTag = [2]int{x.start, x.pos}
			case "rPr":
				if cur != nil && cur.run >= 0 && cur.runDepth == len(path)-1 {
					cur.anchor.Runs[cur.run].RPr[0] = x.start
				}
			case "vanish", "specVanish":
				if cur != nil && in("rPr") && in("r") && x.attr("val") != "0" && x.attr("val") != "false" {
					cur.hidden = true
				}
			case "pStyle":
				if cur != nil && in("pPr") && !in("rPr") {
					cur.style = x.attr("val")
				}
			case "numId":
				if cur != nil && in("numPr") {
					cur.numID, cur.hasNum = x.attr("val"), true
				}
			case "ilvl":
				if cur != nil && in("numPr") {
					cur.ilvl, cur.hasLvl = atoi(x.attr("val")), true
				}
			case "tab":
				if cur != nil && in("r") && !cur.hidden {
					cur.text.WriteByte('\t')
					cur.tab = len(cur.anchor.Segs)
					cur.anchor.Segs = append(cur.anchor.Segs, DocxSeg{Col: cur.cols, N: 1, Run: cur.run, Kind: SegElem, Raw: [2]int{x.start, x.pos}})
					cur.cols++
				}
			}
		case xmlText:
			if skip > 0 || len(stack) == 0 || len(path) == 0 || string(path[len(path)-1]) != "t" || stack[len(stack)-1].hidden {
				continue
			}
			cur := stack[len(stack)-1]
			n := 0
			for _, r := range string(x.text) {
				if r == '\n' || r == '\r' {
					r = ' '
				}
				cur.text.WriteRune(r)
				n++
			}
			seg := DocxSeg{Col: cur.cols, N: n, Run: cur.run, Kind: SegText, Raw: [2]int{x.start, x.pos}, Tag: tTag}
			if data[x.start] == '<' {
				seg.Kind = SegCDATA
			}
			cur.anchor.Segs = append(cur.anchor.Segs, seg)
			cur.cols += n
		case xmlEnd:
			if len(path) == 0 {
				continue
			}
			name := path[len(path)-1]
			if mark >= 0 {
				switch string(name) {
				case "commentRangeStart", "commentRangeEnd", "commentReference":
					anc.Comments[mark].Elem[1] = x.pos
					mark = -1
				}
			}
			if skip == len(path) {
				skip = 0
			}
			depth := len(path)
			path = path[:len(path)-1]
			if skip > 0 || len(stack) == 0 {
				continue
			}
			cur := stack[len(stack)-1]
			switch {
			case string(name) == "tab" && cur.tab >= 0:
				cur.anchor.Segs[cur.tab].Raw[1] = x.pos
				cur.tab = -1
			case string(name) == "rPr" && cur.run >= 0 && depth == cur.runDepth+1:
				cur.anchor.Runs[cur.run].RPr[1] = x.pos
			case string(name) == "r" && cur.run >= 0 && depth == cur.runDepth:
				cur.anchor.Runs[cur.run].End = x.pos
				for i := len(anc.Comments) - 1; i >= 0 && anc.Comments[i].Elem[0] > cur.anchor.Runs[cur.run].Start; i-- {
					if c := &anc.Comments[i]; c.Run[0] == cur.anchor.Runs[cur.run].Start && c.Run[0] != 0 {
						c.Run[1] = x.pos
					}
				}
				cur.run = -1
			case string(name) == "pPr" && depth == cur.depth+1 && cur.anchor.Open >= 0:
				cur.anchor.Open = x.pos
			}
			if depth == cur.depth+1 {
				for _, k := range cur.pending {
					cur.anchor.Runs[k].Outer[1] = x.pos
				}
				cur.pending = cur.pending[:0]
			}
			if string(name) != "p" || depth != cur.depth {
				continue
			}
			stack = stack[:len(stack)-1]
			p := cur
			label, _ := labelText([]byte(nb.ordinal(p.numbering())))
			ord := string(label)
			p.anchor.End = x.pos
			if p.anchor.Close >= 0 {
				p.anchor.Close = x.start
			}
			p.anchor.Prefix = utf8.RuneCountInString(ord)
			lines = append(lines, ord+p.text.String())
			anc.Paras = append(anc.Paras, p.anchor)
		}
	}
	return lines, anc, nil
}

// walkSeeds are document.xml, numbering.xml and styles.xml parts: Word's, LibreOffice's,
// docxgen's and odd ones (text boxes, comments, tabs, hidden and deleted text, CDATA).
// The fuzz target gets the first lines of the report only: a small input mutates faster.
func walkSeeds(t testing.TB, lines []string) [][3]string {
	var seeds [][3]string
	lo, err := os.ReadFile("../../testdata/docx/003_7f633bab698fbd83.libreoffice.docx")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range [][]byte{docxgen.WordReport(lines), docxgen.NumberedReport(lines), lo} {
		seeds = append(seeds, [3]string{unzipText(t, d, "word/document.xml"), unzipText(t, d, "word/numbering.xml"), unzipText(t, d, "word/styles.xml")})
	}
	odd := `<w:document><w:body><w:p><w:pPr><w:pStyle w:val="S"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:rPr><w:pStyle w:val="T"/></w:rPr></w:pPr>` +
		`<w:commentRangeStart w:id="7"/><w:hyperlink><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> a&amp;b&#x4E2D;` + "\r\n" + `c </w:t><w:tab/><w:t><![CDATA[<x>]]></w:t></w:r></w:hyperlink>` +
		`<w:r><w:rPr><w:vanish/></w:rPr><w:t>藏</w:t><w:tab/></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显</w:t></w:r>` +
		`<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p><w:p/></w:txbxContent></w:pict><w:t>后</w:t></w:r>` +
		`<w:del><w:r><w:delText>删</w:delText><w:commentReference w:id="3"/></w:r></w:del><w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r>` +
		`<w:r><w:instrText>PAGE</w:instrText><w:t>` + "\xff" + `</w:t></w:r><w:rPrChange><w:r><w:t>旧</w:t></w:r></w:rPrChange></w:p><w:p/><w:p><w:r/></w:p></w:body></w:document>`
	// Run properties passed over, and not: a text, a hidden run, a comment in them; and a
	// malformed tag the tokens refuse, in them and after them.
	props := `<w:document><w:body><w:p><w:r><w:rPr><w:rFonts w:ascii="仿宋" w:hint="eastAsia"/><w:sz w:val="32"/></w:rPr><w:t>甲</w:t></w:r>` +
		`<w:r><w:rPr><w:b/><x:t>乙</x:t></w:rPr><w:t>丙</w:t></w:r><w:r><w:rPr><w:i/><w:specVanish/></w:rPr><w:t>丁</w:t></w:r>` +
		`<w:r><w:rPr><w:commentReference w:id="1"/></w:rPr><w:t>戊</w:t></w:r><w:r><w:rPr><w:rPrChange><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr><w:t>己</w:t></w:r>` +
		`<w:r><w:rPr></w:rPr><w:rPr/><w:t>庚</w:t></w:r></w:p></w:body></w:document>`
	seeds = append(seeds, [3]string{props, seeds[1][1], ""}, [3]string{strings.Replace(props, "<w:sz ", "<w:sz& ", 1), seeds[1][1], ""},
		[3]string{strings.Replace(props, "<w:t>甲", "<w:t&>甲", 1), seeds[1][1], ""})
	// What encoding/xml refuses in them and the tokens read, FuzzDocxWalk's failures of 2
	// December: an element left open, whose end tag the tokens take for the properties' (the
	// walk ends them at theirs), and a start tag with "</w:rPr>" among its attributes (the walk
	// ends them there).
	seeds = append(seeds, [3]string{strings.Replace(props, `<w:sz w:val="32"/>`, `<w:sz w:val="32">`, 1) + "</x>", seeds[1][1], ""},
		[3]string{`<w:p """"><t><w:rPr><s></w:rPr>></r></y></t>`, "", ""},
		[3]string{strings.Replace(props, `<w:i/>`, `<w:i "</w:rPr><"""/>`, 1), seeds[1][1], ""})
	// Runs that hold only their text, read in one step without anchors (plainRun), and runs
	// like them that are not: an entity, line ends, spaces kept, an empty text, a tab after the
	// text, CDATA, a bad entity, a text box in the properties.
	plain := `<w:document><w:body><w:p><w:r><w:rPr></w:rPr><w:t>甲&amp;乙` + "\r\n" + `</w:t></w:r><w:r><w:t xml:space="preserve"> 丙 </w:t></w:r>` +
		`<w:r><w:rPr><w:b/></w:rPr><w:t></w:t></w:r><w:r><w:t>丁</w:t><w:tab/></w:r><w:r><w:t><![CDATA[戊]]></w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>己</w:t></w:r>` +
		`<w:r><w:rPr><w:p><w:r><w:t>庚</w:t></w:r></w:p></w:rPr><w:t>辛</w:t></w:r><w:r><w:t xml:space="default">壬</w:t></w:r></w:p></w:body></w:document>`
	seeds = append(seeds, [3]string{plain, seeds[1][1], ""}, [3]string{strings.Replace(plain, "&amp;", "&bogus;", 1), seeds[1][1], ""})
	seeds = append(seeds, [3]string{odd, seeds[1][1], `<w:styles><w:style w:styleId="S"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>`})
	return append(seeds, listSeeds()...)
}

func walkBoth(t *testing.T, doc, numbering, styles string) {
	numberer := func() *numberer {
		n, _ := parseNumbering([]byte(numbering))
		s, _ := parseStyles([]byte(styles))
		return newNumberer(n, s)
	}
	lines, anc, err := docxWalk([]byte(doc), numberer(), true)
	want, wantAnc, werr := docxWalkReference([]byte(doc), numberer())
	// Where the tokens refuse a run's properties, or encoding/xml would, the walk may have
	// passed over them (skipUnread), as encoding/xml's errors leave the scanner free
	// (FuzzDocxParagraphs).
	if (err != nil) != (werr != nil) && !passesOver(doc) {
		t.Fatalf("%q: error %v, before %v", doc, err, werr)
	}
	if werr != nil {
		return
	}
	// Whether the document is malformed is the walk's alone (the walk before it did not tell):
	// it says so only where encoding/xml refuses the document, or a run's properties come
	// after another of its elements.
	if err == nil && anc.Malformed && xmlWellFormed(doc) && !docxgen.Misplaced(doc) {
		t.Fatalf("%q: malformed, but encoding/xml reads it and its runs are formatted first", doc)
	}
	if !passesOver(doc) {
		if !reflect.DeepEqual(lines, want) {
			t.Fatalf("%q:\nlines  %q\nbefore %q", doc, lines, want)
		}
		if wantAnc != nil && anc != nil {
			wantAnc.Malformed = anc.Malformed
		}
		if !reflect.DeepEqual(anc, wantAnc) {
			t.Fatalf("%q:\nanchors %+v\nbefore  %+v", doc, anc, wantAnc)
		}
	}
	// Without anchors, the same lines (and errors).
	bare, none, berr := docxWalk([]byte(doc), numberer(), false)
	if (berr != nil) != (err != nil) || !reflect.DeepEqual(bare, lines) || none != nil {
		t.Fatalf("%q: without anchors\nlines %q (%v), anchors %v\nwith  %q (%v)", doc, bare, berr, none, lines, err)
	}
	numberedBoth(t, doc, numbering, styles)
}

// passesOver says whether the tokens refuse doc inside a w:rPr that the walk passes over by
// byte search (skipUnread), or encoding/xml would (the tokens do not compare an end tag with
// its start tag, nor look inside a start tag's attributes as encoding/xml does): where the walk
// may read what they refuse, and end the properties where the tokens do not.
func passesOver(doc string) bool {
	x := xmlScanner{data: []byte(doc)}
	depth, skip := 0, 0 // as the walk's path and skipped subtree
	for {
		from := x.pos
		ok, err := x.next()
		if !ok || err != nil {
			return false
		}
		if x.kind == xmlEnd {
			if depth == skip {
				skip = 0
			}
			depth--
			continue
		}
		if x.kind != xmlStart {
			continue // text: no element opens
		}
		depth++
		if skip > 0 {
			continue
		}
		if skipped(string(x.name)) {
			skip = depth
			continue
		}
		if string(x.name) != "rPr" || x.pendingEnd {
			continue
		}
		passed := x
		if passed.skipUnread(walkReads); !passed.pendingEnd {
			continue
		}
		// The tokens over the content passed over, to its end tag.
		for inner := depth; inner >= depth; {
			ok, err := x.next()
			if !ok || err != nil || inner >= maxDepth && x.kind == xmlStart {
				return true
			}
			switch x.kind {
			case xmlStart:
				inner++
			case xmlEnd:
				inner--
			}
		}
		// The element as encoding/xml reads it, from its start tag (after any text).
		d := xml.NewDecoder(strings.NewReader(doc[from+strings.IndexByte(doc[from:], '<') : x.pos]))
		for err == nil {
			_, err = d.Token()
		}
		if err != io.EOF {
			return true
		}
		x = passed
	}
}

func TestDocxWalkAsBefore(t *testing.T) {
	for _, s := range walkSeeds(t, strings.Split(readSeedText(t), "\n")) {
		walkBoth(t, s[0], s[1], s[2])
	}
}

// FuzzDocxWalk: the walk gives the lines and anchors it gave before its fast paths, on any
// document.xml, numbering.xml and styles.xml (where that refuses it, the walk may read it when
// it passes over run properties by byte search), and the same lines when it records no anchors;
// and with only the lists they name read, the lines and anchors it gives with all read
// (numberedBoth).
func FuzzDocxWalk(f *testing.F) {
	for _, s := range walkSeeds(f, strings.Split(readSeedText(f), "\n")[:12]) {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(walkBoth)
}

// FuzzCountRunes: countRunes counts what utf8.RuneCount counts, on valid UTF-8.
func FuzzCountRunes(f *testing.F) {
	f.Add("一、主要举措 and 成效（一）ａ😀")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if got, want := countRunes([]byte(s)), utf8.RuneCountInString(s); got != want {
			t.Fatalf("%q: %d characters, utf8.RuneCount %d", s, got, want)
		}
	})
}

// tagEndPlain is tagEnd a byte at a time, as the scanner first found the end of a tag.
func tagEndPlain(b []byte) int {
	var quote byte
	for i, c := range b {
		if quote != 0 {
			if c == quote {
				quote = 0
			}
			continue
		}
		if c == '"' || c == '\'' {
			quote = c
		} else if c == '>' {
			return i
		} else if c == '<' {
			return -1
		}
	}
	return -1
}

// FuzzTagEnd: tagEnd's search with the vectorised functions finds what the plain loop finds.
func FuzzTagEnd(f *testing.F) {
	for _, s := range []string{` w:val="a>b" x='"'/>`, ` a="1" b="2">`, ` a="<">`, ` a=<>`, ` a="1`, `>`, ``, ` a='x>'>"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := tagEnd([]byte(s)), tagEndPlain([]byte(s)); got != want {
			t.Fatalf("%q: tagEnd %d, plain %d", s, got, want)
		}
	})
}

// numberedBoth: the numberer DecodeDocx makes, from only the list definitions that the
// numIds of document.xml and styles.xml lead to (none, and numbering.xml not read, when they
// name none), and with the styles read as it asks for them (indexStyles), numbers every
// paragraph as the one made from every definition and every style, wherever encoding/xml reads
// numbering.xml and styles.xml (on what it refuses, the readers may differ anyway).
func numberedBoth(t *testing.T, docXML, numXML, stylesXML string) {
	if _, err := readNumberingReference([]byte(numXML)); err != nil {
		return
	}
	var st, indexed *styles
	if stylesXML != "" {
		if _, err := readStylesReference([]byte(stylesXML)); err != nil {
			return
		}
		var err error
		if st, err = parseStyles([]byte(stylesXML)); err != nil {
			t.Fatalf("%q: %v", stylesXML, err)
		}
		if indexed, err = indexStyles([]byte(stylesXML)); err != nil {
			t.Fatalf("%q: indexing the styles: %v", stylesXML, err)
		}
	}
	all, err := parseNumbering([]byte(numXML))
	if err != nil {
		t.Fatalf("%q: %v", numXML, err)
	}
	var some *numbering
	if wanted := numIDs([]byte(docXML), []byte(stylesXML)); len(wanted) > 0 {
		if some, err = parseNumberingOf([]byte(numXML), wanted); err != nil {
			t.Fatalf("%q: reading the lists %v: %v", numXML, wanted, err)
		}
	}
	want, wantAnc, werr := docxWalk([]byte(docXML), newNumberer(all, st), true)
	got, anc, err := docxWalk([]byte(docXML), newNumberer(some, indexed), true)
	if (err != nil) != (werr != nil) {
		t.Fatalf("%q: error %v, with every list read %v", docXML, err, werr)
	}
	if indexed != nil && indexed.err != nil {
		t.Fatalf("%q: reading a style: %v", stylesXML, indexed.err)
	}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(anc, wantAnc) {
		t.Fatalf("%q:\nlines %q\nwith every list and style read %q", docXML, got, want)
	}
}

// listSeeds are parts with lists reached through a style (numStyleLink), instances repeated,
// a definition used by no instance, and a document with no numbering.
func listSeeds() [][3]string {
	doc := `<w:document><w:body><w:p><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>a</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="H"/></w:pPr><w:r><w:t>b</w:t></w:r></w:p><w:p><w:pPr><x:numId x:val="5"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>c</w:t></w:r></w:p></w:body></w:document>`
	lvl := func(f, text string) string {
		return `<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="` + f + `"/><w:lvlText w:val="` + text + `"/><w:pPr><w:ind w:left="0"/></w:pPr></w:lvl>`
	}
	numbering := `<w:numbering><w:abstractNum w:abstractNumId="1">` + lvl("chineseCounting", "%1、") + `</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="L"/></w:abstractNum><w:abstractNum w:abstractNumId="3">` + lvl("upperRoman", "%1.") + `</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="4">` + lvl("decimal", "(%1)") + `<!-- </w:abstractNum> --></w:abstractNum><w:abstractNum w:abstractNumId="1">` + lvl("lowerLetter", "%1)") + `</w:abstractNum >` +
		`<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num><w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>` +
		`<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num><w:num w:numId="5"><w:abstractNumId w:val="4"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num></w:numbering>`
	styles := `<w:styles><w:latentStyles><w:lsdException w:name="a"/></w:latentStyles><w:style w:styleId="L"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>` +
		`<w:style w:styleId="H"><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style></w:styles>`
	// Styles read as the numberer asks for them: the default paragraph style (the first with
	// an id), a style based on one further down, an id given twice, a list style based on the
	// one that numbers.
	lazyDoc := `<w:document><w:body><w:p><w:r><w:t>a</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="B"/></w:pPr></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="D"/></w:pPr></w:p><w:p><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:p></w:body></w:document>`
	numPr := func(id string) string { return `<w:pPr><w:numPr><w:numId w:val="` + id + `"/></w:numPr></w:pPr>` }
	lazyStyles := `<w:styles><w:style w:type="paragraph" w:default="1">` + numPr("4") + `</w:style><w:style w:default="true" w:styleId="P">` + numPr("3") + `</w:style>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Q"/><w:style w:styleId="B"><w:basedOn w:val="N"/></w:style><w:style w:styleId="D"/>` +
		`<w:style w:styleId="N">` + numPr("4") + `</w:style><w:style w:styleId="D"><w:pPr><w:numPr><w:numId w:val="3" x:val="5"/></w:numPr></w:pPr></w:style>` +
		`<w:style w:styleId="L"><w:basedOn w:val="M"/></w:style><w:style w:styleId="M">` + numPr("3") + `</w:style></w:styles>`
	return [][3]string{{doc, numbering, styles}, {`<w:p><w:r><w:t>x</w:t></w:r></w:p>`, numbering, ""}, {lazyDoc, numbering, lazyStyles}}
}

// FuzzCountEnds: countEnds counts what bytes.Count counts.
func FuzzCountEnds(f *testing.F) {
	f.Add("<w:p><w:r><w:t>a</w:t></w:r></w:p></w:p</w:r></w:t></w:t")
	f.Add("</w:p></w:p></w:tbl></w:rPr></w:t>")
	f.Fuzz(func(t *testing.T, s string) {
		p, r, x := countEnds([]byte(s))
		if p != strings.Count(s, "</w:p>") || r != strings.Count(s, "</w:r>") || x != strings.Count(s, "</w:t>") {
			t.Fatalf("%q: countEnds %d %d %d", s, p, r, x)
		}
	})
}

// FuzzIndexNumID: indexNumID finds what bytes.Index finds.
func FuzzIndexNumID(f *testing.F) {
	for _, s := range []string{"<w:numId w:val=\"1\"/>", "numI", "numId", "xnumIdnumId", "IdnumIId", "w:abstractNumId", "I"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := indexNumID([]byte(s)), strings.Index(s, "numId"); got != want {
			t.Fatalf("%q: indexNumID %d, bytes.Index %d", s, got, want)
		}
	})
}

// xmlWellFormed reports whether encoding/xml reads doc to its end: its elements nest.
func xmlWellFormed(doc string) bool {
	d := xml.NewDecoder(strings.NewReader(doc))
	for {
		if _, err := d.Token(); err != nil {
			return err == io.EOF
		}
	}
}
