package input

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/fzlint/fzlint/checker/fold"
)

// DecodeDocx reads a Word .docx file: one line per paragraph of the body (tables' cells
// included), in document order, runs joined. A paragraph with automatic numbering gets the
// ordinal the reader sees (一、 （一） 1. …), computed from numbering.xml and styles.xml.
func DecodeDocx(data []byte) (*Text, error) {
	return decodeDocx(data, true, nil)
}

// decodeDocx is DecodeDocx; without anchors, the Text has no Docx (what only the annotator
// needs) and the walk records none.
func decodeDocx(data []byte, anchors bool, store *LineStore) (*Text, error) {
	if bytes.HasPrefix(data, oleMagic) {
		return DecodeDoc(data) // a .doc renamed .docx, or an encrypted .docx: it says which
	}
	bufs := partBuffers.Get().(*docxBuffers)
	defer partBuffers.Put(bufs)
	parts, err := openContainer("docx", data, false, bufs.dir)
	c := &parts
	if err != nil {
		return nil, err
	}
	if c.dir != nil {
		bufs.dir = c.dir[:0]
	}
	doc, err := c.read("word/document.xml", bufs.parts[0])
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, &Unreadable{"不是有效的 .docx 文件：缺少正文 word/document.xml"}
	}
	bufs.parts[0] = reusable(doc)
	// The styles are read as the numberer asks for them, from styles.xml as it was inflated.
	st, stylesXML, err := optionalPart(c, "word/styles.xml", &bufs.parts[1], func(b []byte) (*styles, error) {
		return indexStylesInto(b, bufs.styles, bufs.styleIDs)
	})
	if err != nil {
		return nil, err
	}
	if st != nil && cap(st.index) <= 1<<14 {
		bufs.styles, bufs.styleIDs = st.index[:0], reusable(st.ids)
	}
	// Only the lists that the paragraphs and styles name are read, and numbering.xml not at
	// all when they name none.
	var num *numbering
	if wanted := numIDs(doc, stylesXML); len(wanted) > 0 {
		num, _, err = optionalPart(c, "word/numbering.xml", &bufs.parts[2], func(b []byte) (*numbering, error) {
			return parseNumberingOf(b, wanted)
		})
		if err != nil {
			return nil, err
		}
	}
	lines, anc, folds, err := docxWalkFolds(doc, newNumberer(num, st), anchors, store)
	if err != nil {
		return nil, &Unreadable{"word/document.xml 已损坏：" + err.Error()}
	}
	if st != nil && st.err != nil {
		return nil, &Unreadable{"word/styles.xml 已损坏：" + st.err.Error()}
	}
	if allBlank(lines) {
		return nil, &Unreadable{"文件为空：.docx 中没有文字"}
	}
	eol := ""
	if len(lines) > 1 {
		eol = "\n"
	}
	t := &Text{Lines: lines, Encoding: UTF8, EOL: eol}
	if !folds {
		t.plain = lines
	}
	if anchors {
		anc.Size = len(doc)
		t.Docx = anc
	}
	return t, nil
}

// numIDs returns the ids of the list instances that document.xml and styles.xml may name: the
// w:val of every numId element in them, the first and the last where an element repeats the
// attribute (a few more than the walk and the styles take, such as those in deleted text or in
// styles no paragraph uses, which does no harm). The numberer looks up no other instance,
// directly or through a definition's numStyleLink (a style).
func numIDs(parts ...[]byte) map[string]bool {
	ids := map[string]bool{}
	for _, data := range parts {
		for i := 0; ; {
			k := indexNumID(data[i:])
			if k < 0 {
				break
			}
			k += i
			i = k + len("numId")
			// A numId element's start tag is "<numId" or "<prefix:numId".
			lt := k - 1
			if lt > 0 && data[lt] == ':' {
				lt = bytes.LastIndexByte(data[:lt], '<')
			}
			if lt < 0 || data[lt] != '<' {
				continue
			}
			x := xmlScanner{data: data, pos: lt}
			if ok, err := x.startTag(); !ok || err != nil || string(x.name) != "numId" {
				continue
			}
			if v := x.attrBytes("val"); !ids[string(v)] {
				ids[valString(v)] = true
			}
			if v, ok := x.lastAttrBytes("val"); ok && !ids[string(v)] {
				ids[valString(v)] = true
			}
		}
	}
	return ids
}

// indexNumID is bytes.Index(b, []byte("numId")), looking for its 'I' rather than its first
// byte: in WordprocessingML an 'n' comes every few bytes (w:name, w:rsidRDefault…), and
// bytes.Index then stops at each.
func indexNumID(b []byte) int {
	if len(b) < len("numId") {
		return -1
	}
	for i := len("num"); ; {
		k := bytes.IndexByte(b[i:], 'I')
		if k < 0 {
			return -1
		}
		i += k
		if i+len("d") < len(b) && string(b[i-len("num"):i+len("Id")]) == "numId" {
			return i - len("num")
		}
		i++
	}
}

// partBuffers are the buffers a .docx is decompressed into, kept for the next file: the
// document, styles.xml and numbering.xml, and room for the archive's directory. What the
// reader keeps of them is copied out (the text, the strings of numbering and styles), and
// anchors are offsets, not slices.
var partBuffers = sync.Pool{New: func() any { return new(docxBuffers) }}

type docxBuffers struct {
	parts    [3][]byte
	dir      []zipEntry
	styles   []styleStart // the index of styles.xml (indexStylesInto)
	styleIDs []byte
}

// reusable returns a buffer to keep for the next file: b, unless it is larger than a report's
// part usually is (a big file's buffer is not held on to).
func reusable(b []byte) []byte {
	if cap(b) > 1<<20 {
		return nil
	}
	return b
}

// optionalPart reads and parses a part the document can do without; nil when it is absent.
// It reads into *buf's array and leaves there the buffer it read into, which it also returns.
func optionalPart[T any](c *container, name string, buf *[]byte, parse func([]byte) (*T, error)) (*T, []byte, error) {
	b, err := c.read(name, *buf)
	if err != nil || b == nil {
		return nil, nil, err
	}
	*buf = reusable(b)
	v, err := parse(b)
	if err != nil {
		return nil, nil, &Unreadable{name + " 已损坏：" + err.Error()}
	}
	return v, b, nil
}

// paragraph collects one w:p while the document is read. The walk reuses it for the next
// paragraph at the same depth, with its buffers.
type paragraph struct {
	// The paragraph's text is written where its line will be, from start in the text of
	// all the lines, while direct; in text when a paragraph nested in it (a text box) has
	// come first, as its line comes out first.
	direct bool
	start  int
	text   []byte
	style  string
	numID  string
	ilvl   int
	hasNum bool // a w:numPr was given (numId 0 in it removes the style's numbering)
	hasLvl bool
	// Its open run is hidden (w:vanish): kept with the paragraph, so that the runs of a text
	// box inside the run do not change it.
	hidden bool

	// Where its text comes from (DocxAnchors).
	anchor     DocxPara
	depth      int   // len(path) with the w:p on it
	cols       int   // runes of text so far
	run        int   // index in anchor.Runs of the open run, -1 when none
	runDepth   int   // len(path) with that run on it
	runKids    int   // elements other than properties the open run has held so far
	kids       int   // elements other than properties the paragraph has held so far
	childStart int   // start of the open child of the w:p
	pending    []int // runs in that child, waiting for its end
	tab        int   // index in anchor.Segs of an open w:tab, -1 when none
}

// appendText appends the character data of a w:t to the paragraph's text, which is at the end
// of text while the paragraph is direct, and returns text (see appendLineText).
func (p *paragraph) appendText(text, data []byte, count bool) ([]byte, int, bool) {
	if p.direct {
		return appendLineText(text, data, count)
	}
	var n int
	var folds bool
	p.text, n, folds = appendLineText(p.text, data, count)
	return text, n, folds
}

// docxParagraphs walks word/document.xml and returns the text of its paragraphs in order.
// Paragraphs nested in a paragraph (text boxes) come out before the one holding them.
func docxParagraphs(data []byte, nb *numberer) ([]string, error) {
	lines, _, err := docxWalk(data, nb, false)
	return lines, err
}

// docxWalk is docxParagraphs that also records, in the same walk, where each piece of the
// text is in data, when anchors is set (nil anchors otherwise: the walk then keeps the
// places of a paragraph's pieces only while it reads the paragraph, and no comment markers).
func docxWalk(data []byte, nb *numberer, anchors bool) ([]string, *DocxAnchors, error) {
	lines, anc, _, err := docxWalkFolds(data, nb, anchors, nil)
	return lines, anc, err
}

// docxWalkFolds is docxWalk that also says whether a line may hold a character that
// fold.String changes: false only when none does (checked in the pass that validates the
// text's UTF-8, fold.Valid). With store set, the lines' text and the slice of them are the
// store's (ReadOptions.Lines) rather than memory of their own.
func docxWalkFolds(data []byte, nb *numberer, anchors bool, store *LineStore) (_ []string, _ *DocxAnchors, folds bool, _ error) {
	w := walkScratches.Get().(*walkScratch)
	x := &w.x
	*x = xmlScanner{data: data, textBuf: x.textBuf[:0]}
	// Room for what Word's w: elements say the document holds, so that the arrays are not
	// grown a step at a time. Without anchors, only the lines' ends are kept, grown as they
	// come (counting them would cost more than growing).
	nParas, nRuns, nSegs := 0, 0, 0
	if anchors {
		nParas, nRuns, nSegs = countEnds(data)
	}
	var (
		anc   DocxAnchors
		stack = w.stack[:0] // open w:p elements
		spare = w.spare     // spare[i] is reused for the w:p at stack[i]
		// The text of the paragraphs, one after the other, and where each ends: the lines
		// are cut from one string, made once the walk is done. The runs and pieces of every
		// paragraph are kept in runs and segs the same way, once the paragraph is read.
		text = w.text[:0]
		ends = w.ends[:0]
		runs []DocxRun
		segs []DocxSeg
		path = w.path[:0] // local names of the open elements (slices of data)
		skip int          // depth at which a skipped subtree started, 0 when none
		mark = -1         // index in anc.Comments of an open comment marker
		tTag [2]int       // the start tag of the last w:t
		rPr  []byte       // the run properties last passed over, end tag included (skipUnreadAgain)
	)
	if anchors {
		anc.Paras = make([]DocxPara, 0, nParas)
		runs, segs = make([]DocxRun, 0, nRuns), make([]DocxSeg, 0, nSegs)
	}
	defer func() { w.keep(text, ends, path, stack, spare) }()
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
			return nil, nil, false, err
		}
		if !ok {
			if len(path) > 0 {
				return nil, nil, false, fmt.Errorf("XML 不完整：<%s> 没有结束", path[len(path)-1])
			}
			break
		}
		switch x.kind {
		case xmlStart:
			path = append(path, x.name)
			if len(path) > maxDepth {
				return nil, nil, false, fmt.Errorf("XML 嵌套超过 %d 层", maxDepth)
			}
			var cur *paragraph
			if len(stack) > 0 {
				cur = stack[len(stack)-1]
			}
			switch string(x.name) {
			case "commentRangeStart", "commentRangeEnd", "commentReference":
				if !anchors {
					break
				}
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
				// A paragraph's properties come before its content: after a w:pPr that
				// follows its text, where the paragraph's text begins (DocxPara.Open) is not
				// known.
				if string(x.name) != "pPr" {
					cur.kids++
				} else if anchors && cur.kids > 0 {
					anc.Malformed = true
				}
			}
			if anchors && cur != nil && cur.run >= 0 && len(path) == cur.runDepth+1 {
				// A run's properties come before its content (an equation's run has two, m:rPr
				// and w:rPr); a w:rPr after its text would have the text before and after it
				// formatted differently, and no copy of the run's properties could split it
				// (DocxRun.RPr).
				if string(x.name) != "rPr" {
					cur.runKids++
				} else if cur.runKids > 0 {
					anc.Malformed = true
				}
			}
			if anchors && outOfPlace(path) {
				// Properties hold no text: a w:p, w:r, w:t or w:tab in them is read where it
				// stands, and a copy of the run's properties (DocxRun.RPr) would copy it too.
				// A w:t holds only text, and a w:tab nothing: the text after an element in a
				// w:t would be taken for that element's, and a piece split at a w:tab's
				// content would not nest.
				anc.Malformed = true
			}
			if skipped(string(x.name)) {
				skip = len(path)
				continue
			}
			// Every name this switch and the one for comments above name is in walkReads.
			switch string(x.name) {
			case "p":
				if len(spare) == len(stack) {
					spare = append(spare, new(paragraph))
				}
				if cur != nil && cur.direct {
					// The line of this paragraph comes before the one it is in.
					cur.text = append(cur.text[:0], text[cur.start:]...)
					text, cur.direct = text[:cur.start], false
				}
				p := spare[len(stack)]
				*p = paragraph{direct: true, start: len(text), text: p.text[:0], pending: p.pending[:0],
					anchor: DocxPara{Runs: p.anchor.Runs[:0], Segs: p.anchor.Segs[:0]}, depth: len(path), run: -1, tab: -1}
				p.anchor.Start, p.anchor.Open, p.anchor.Close = x.start, x.pos, x.pos
				if x.pendingEnd {
					p.anchor.Open, p.anchor.Close = -1, -1
				}
				stack = append(stack, p)
			case "r":
				if cur != nil {
					cur.hidden = false
					cur.run, cur.runDepth, cur.runKids = len(cur.anchor.Runs), len(path), 0
					cur.anchor.Runs = append(cur.anchor.Runs, DocxRun{Start: x.start, TagEnd: x.pos, Outer: [2]int{cur.childStart, -1}})
					cur.pending = append(cur.pending, cur.run)
				}
				// Without anchors, a run that holds only its text, after properties the walk
				// would pass over, is read in one step, up to its end tag.
				if !anchors && cur != nil && len(path) < maxDepth {
					if t, ok := x.plainRun(walkReads, &rPr); ok {
						var f bool
						text, _, f = cur.appendText(text, t, false)
						folds = folds || f
					}
				}
			case "t":
				tTag = [2]int{x.start, x.pos}
			case "rPr":
				if cur != nil && cur.run >= 0 && cur.runDepth == len(path)-1 {
					cur.anchor.Runs[cur.run].RPr[0] = x.start
				}
				x.skipUnreadAgain(walkReads, &rPr)
			case "vanish", "specVanish":
				if v := string(x.attrBytes("val")); cur != nil && in("rPr") && in("r") && v != "0" && v != "false" {
					cur.hidden = true
				}
			case "pStyle":
				if cur != nil && in("pPr") && !in("rPr") {
					cur.style = w.str(x.attrBytes("val"))
				}
			case "numId":
				if cur != nil && in("numPr") {
					cur.numID, cur.hasNum = w.str(x.attrBytes("val")), true
				}
			case "ilvl":
				if cur != nil && in("numPr") {
					cur.ilvl, cur.hasLvl = atoi(string(x.attrBytes("val"))), true
				}
			case "tab":
				if cur != nil && in("r") && !cur.hidden {
					if cur.direct {
						text = append(text, '\t')
					} else {
						cur.text = append(cur.text, '\t')
					}
					if anchors {
						cur.tab = len(cur.anchor.Segs)
						cur.anchor.Segs = append(cur.anchor.Segs, DocxSeg{Col: cur.cols, N: 1, Run: cur.run, Kind: SegElem, Raw: [2]int{x.start, x.pos}})
						cur.cols++
					}
				}
			}
		case xmlText:
			if skip > 0 || len(stack) == 0 || len(path) == 0 || string(path[len(path)-1]) != "t" || stack[len(stack)-1].hidden {
				continue
			}
			cur := stack[len(stack)-1]
			var n int
			var f bool
			text, n, f = cur.appendText(text, x.text, anchors)
			folds = folds || f
			if !anchors {
				continue
			}
			seg := DocxSeg{Col: cur.cols, N: n, Run: cur.run, Kind: SegText, Raw: [2]int{x.start, x.pos}, Tag: tTag}
			if data[x.start] == '<' {
				seg.Kind = SegCDATA
			}
			cur.anchor.Segs = append(cur.anchor.Segs, seg)
			cur.cols += n
		case xmlEnd:
			if len(path) == 0 {
				anc.Malformed = anchors // an end tag with nothing open
				continue
			}
			name := path[len(path)-1]
			if anchors && !bytes.Equal(name, x.name) {
				anc.Malformed = true
			}
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
			ord := nb.appendOrdinal(w.ord[:0], p)
			w.ord = ord
			if len(ord) > 0 {
				var f bool
				ord, f = labelText(ord)
				folds = folds || f
			}
			p.anchor.End = x.pos
			if p.anchor.Close >= 0 {
				p.anchor.Close = x.start
			}
			p.anchor.Prefix = utf8.RuneCount(ord)
			if p.direct {
				text = slices.Insert(text, p.start, ord...)
			} else {
				text = append(append(text, ord...), p.text...)
			}
			ends = append(ends, len(text))
			if !anchors {
				continue
			}
			para := p.anchor
			para.Runs, para.Segs = keep(&runs, para.Runs), keep(&segs, para.Segs)
			anc.Paras = append(anc.Paras, para)
		}
	}
	if len(ends) == 0 {
		if !anchors {
			return nil, nil, folds, nil
		}
		anc.Paras = nil
		return nil, new(anc), folds, nil
	}
	var (
		all   string
		lines []string
	)
	if store != nil {
		store.text = append(store.text[:0], text...)
		all = unsafe.String(unsafe.SliceData(store.text), len(store.text))
		store.lines = slices.Grow(store.lines[:0], len(ends))[:len(ends)]
		lines = store.lines
	} else {
		all = string(text)
		lines = make([]string, len(ends))
	}
	start := 0
	for i, end := range ends {
		lines[i], start = all[start:end], end
	}
	if !anchors {
		return lines, nil, folds, nil
	}
	return lines, new(anc), folds, nil
}

// outOfPlace reports whether the element just opened, the last on path, stands in a w:t or a
// w:tab (which hold no element), or is one the walk reads as text or as a paragraph of it
// (w:p, w:r, w:t, w:tab) and stands in the properties (w:pPr, w:rPr) of the paragraph it is
// in; a w:tab in a w:pPr is a tab stop (w:tabs), where it belongs.
func outOfPlace(path [][]byte) bool {
	n := len(path)
	if n >= 2 {
		switch string(path[n-2]) {
		case "t", "tab":
			return true
		}
	}
	name := string(path[n-1])
	switch name {
	case "p", "r", "t", "tab":
	default:
		return false
	}
	for i := n - 2; i >= 0; i-- {
		switch string(path[i]) {
		case "rPr":
			return true
		case "pPr":
			return name != "tab"
		case "p":
			return false
		}
	}
	return false
}

// walkReads says whether the walk does something with an element of this local name when it
// starts: every name its cases for start tags name (the other elements it only keeps on its
// path, and their text it passes over). A run's properties (w:rPr: fonts, sizes, colour, a
// dozen elements in Word's markup around each run) are passed over by byte search when they
// hold no element of these names (xmlScanner.skipUnread).
func walkReads(name []byte) bool {
	switch string(name) {
	case "p", "r", "t", "rPr", "tab", "vanish", "specVanish", "pStyle", "numId", "ilvl",
		"commentRangeStart", "commentRangeEnd", "commentReference":
		return true
	}
	return false
}

// walkScratch is what docxWalk works in, kept for the next document (by the same worker, most
// often): the scanner, the text of the lines before it is made a string, and the stacks of
// the walk. What the walk returns is made anew (the lines' string and the anchors), and
// nothing it returns refers to these.
type walkScratch struct {
	x     xmlScanner
	ord   []byte    // the ordinal of the last paragraph
	strs  [8]string // the last style ids and list ids met in the document (str)
	text  []byte
	ends  []int
	path  [][]byte
	stack []*paragraph
	spare []*paragraph
}

var walkScratches = sync.Pool{New: func() any { return new(walkScratch) }}

// str returns b as a string: one of the last few that str made in this document when b is
// the same (paragraphs name the same few styles and lists over and over), else a new one.
func (w *walkScratch) str(b []byte) string {
	for _, s := range w.strs {
		if s == string(b) {
			return s
		}
	}
	s := valString(b)
	copy(w.strs[1:], w.strs[:len(w.strs)-1])
	w.strs[0] = s
	return s
}

// keep puts the buffers of a walk back into w and w back into the pool: those of a larger
// document than a report usually is are dropped, and nothing of the document is held on to
// (the names in path are slices of it).
func (w *walkScratch) keep(text []byte, ends []int, path [][]byte, stack, spare []*paragraph) {
	clear(path[:cap(path)])
	clear(stack[:cap(stack)])
	w.x = xmlScanner{textBuf: reusable(w.x.textBuf)[:0]}
	w.strs = [len(w.strs)]string{}
	w.text, w.ends, w.path, w.stack = reusable(text), ends[:0], path[:0], stack[:0]
	if cap(ends) > 1<<17 {
		w.ends = nil
	}
	for _, p := range spare {
		if cap(p.text) > 1<<20 || cap(p.anchor.Runs) > 1<<14 || cap(p.anchor.Segs) > 1<<14 || cap(p.pending) > 1<<14 {
			*p = paragraph{}
		}
	}
	w.spare = spare
	walkScratches.Put(w)
}

// countEnds counts the end tags </w:p>, </w:r> and </w:t> in data, in one pass over its end
// tags (bytes.Count of each went three times over the '<' of Word's markup).
func countEnds(data []byte) (p, r, t int) {
	for i := 0; ; {
		k := bytes.Index(data[i:], []byte("</w:"))
		if k < 0 {
			return p, r, t
		}
		i += k + len("</w:")
		if i+1 >= len(data) || data[i+1] != '>' {
			continue
		}
		switch data[i] {
		case 'p':
			p++
		case 'r':
			r++
		case 't':
			t++
		}
	}
}

// labelText returns a paragraph's number label, made of numbering.xml's lvlText, as the text
// of a w:t is taken (appendLineText: line ends become spaces, invalid UTF-8 U+FFFD), and
// whether it holds a character fold.String changes, which counts with the paragraphs' (a 繁體
// "第%1條"). A label that needs neither is returned as it is.
func labelText(ord []byte) ([]byte, bool) {
	valid, folds := fold.Valid(ord)
	if !valid || bytes.ContainsAny(ord, "\r\n") {
		ord, _, folds = appendLineText(nil, ord, false)
	}
	return ord, folds
}

// appendLineText appends the character data of a w:t to a paragraph's text, line ends turned
// into spaces and invalid UTF-8 into U+FFFD, and says how many characters it added (when
// count is set; 0 otherwise) and whether one of them is a character fold.String changes.
func appendLineText(text, data []byte, count bool) (_ []byte, n int, folds bool) {
	if bytes.IndexByte(data, '\n') < 0 && bytes.IndexByte(data, '\r') < 0 {
		if valid, folds := fold.Valid(data); valid {
			if count {
				n = countRunes(data)
			}
			return append(text, data...), n, folds
		}
	}
	start := len(text)
	for _, r := range string(data) {
		if r == '\n' || r == '\r' {
			r = ' '
		}
		text = utf8.AppendRune(text, r)
		n++
	}
	_, folds = fold.Valid(text[start:])
	return text, n, folds
}

// countRunes counts the characters of valid UTF-8: the bytes that do not continue one
// (10xxxxxx), eight at a time.
func countRunes(b []byte) int {
	n := len(b)
	for ; len(b) >= 8; b = b[8:] {
		w := binary.LittleEndian.Uint64(b)
		n -= bits.OnesCount64(w &^ (w << 1) & 0x8080808080808080)
	}
	for _, c := range b {
		if c&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// keep copies s to the end of arena and returns the copy, nil for none: the paragraphs of a
// document share a few arrays instead of each growing its own.
func keep[T any](arena *[]T, s []T) []T {
	if len(s) == 0 {
		return nil
	}
	*arena = append(*arena, s...)
	a := *arena
	return a[len(a)-len(s) : len(a) : len(a)]
}

// skipped says which subtrees hold nothing the reader sees: mc:Fallback repeats the Choice of
// mc:AlternateContent, moved-away and deleted text is gone, and the *Change elements of tracked
// formatting hold the old properties.
func skipped(name string) bool {
	switch name {
	case "Fallback", "moveFrom", "del", "instrText", "delText":
		return true
	}
	return strings.HasSuffix(name, "Change")
}

// atoi reads a small non-negative decimal; anything else is 0.
func atoi(s string) int {
	n := 0
	for _, c := range strings.TrimSpace(s) {
		if c < '0' || c > '9' || n > 1<<20 {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}
