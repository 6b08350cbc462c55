package input

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// The .odt reader (OpenDocument text, what LibreOffice writes): one line per paragraph and
// heading of content.xml (table cells included), with the label its list numbering shows
// (text:list nesting gives the level, text:list-style the format, prefix and suffix; headings
// and paragraphs of a heading style may be numbered by the outline style: odtParaStyle), as
// LibreOffice 7.4 shows it and as the .docx reader does for Word's numbering. As for .docx, a
// line is a paragraph, so positions are paragraph and column.

// DecodeODT reads an OpenDocument text file.
func DecodeODT(data []byte) (*Text, error) {
	parts, err := zipParts("odt", data)
	if err != nil {
		return nil, err
	}
	content, err := readPartOf(&parts, "content.xml")
	if err != nil {
		return nil, err
	}
	if content == nil {
		return nil, &Unreadable{"不是有效的 .odt 文件：缺少正文 content.xml"}
	}
	styles, err := readPartOf(&parts, "styles.xml")
	if err != nil {
		return nil, err
	}
	ls := newODTStyles()
	if styles != nil {
		if err := ls.read(styles, false); err != nil {
			return nil, &Unreadable{"styles.xml 已损坏：" + err.Error()}
		}
	}
	lines, err := odtContent(content, ls)
	if err != nil {
		return nil, &Unreadable{"content.xml 已损坏：" + err.Error()}
	}
	if allBlank(lines) {
		return nil, &Unreadable{"文件为空：.odt 中没有文字"}
	}
	eol := ""
	if len(lines) > 1 {
		eol = "\n"
	}
	return &Text{Lines: lines, Encoding: UTF8, EOL: eol}, nil
}

// zipParts opens a zip container (.odt, .ofd) within the limits every container reader keeps;
// a part's name is what follows a leading "/".
func zipParts(format string, data []byte) (container, error) {
	return openContainer(format, data, true, nil)
}

// odtLevel is one level of a list style: how its number is written.
type odtLevel struct {
	format, prefix, suffix string
	template               string // loext:num-list-format, e.g. "%1%、" or "(%2%)"
	start, display         int
}

// odtLevels are the levels 1–10 of a list style (index 0 unused).
type odtLevels [11]odtLevel

// odtStyles are the styles an .odt's numbering depends on: the list styles by name (the
// outline style under ""), and the paragraph styles, the common ones of styles.xml and the
// automatic ones of content.xml.
type odtStyles struct {
	lists map[string]*odtLevels
	paras map[string]odtParaStyle
	// outline is the paragraph style of each outline level 1–10: the first common style of
	// that style:default-outline-level, as LibreOffice assigns a style to a level of its
	// outline numbering (its list style, if it has one, does not count); else Writer's own
	// "Heading 1"… of that level (a name no style:name can be), unless the file defines a
	// style of that display name (which then has no outline level).
	outline  [11]string
	headings [11]bool // the file defines a common style of display name "Heading n"
}

// odtBuiltIn are the paragraph styles of Writer that a file may use without defining them
// (its default paragraph style and the heading styles' parent), as LibreOffice 7.4 shows:
// a heading of one of them is numbered by the outline style.
var odtBuiltIn = map[string]bool{"Standard": true, "Heading": true}

// odtParaStyle is what a paragraph style tells of its paragraphs' numbering. LibreOffice 7.4
// numbers a paragraph in a list by its list and never by its paragraph style's
// style:list-style-name (nor one its parent styles give it); a paragraph outside lists it
// numbers only by the outline style: a paragraph of the common style assigned to an outline
// level, and a heading (text:h) of another existing style at its text:outline-level (default
// 1). A paragraph whose automatic style names a list style is numbered by its list only, and
// outside one not at all.
type odtParaStyle struct {
	parent  string // style:parent-style-name (of an automatic style: the common style it is)
	auto    bool   // an automatic style of content.xml
	list    bool   // it has a style:list-style-name, even ""
	outline int    // style:default-outline-level
}

func newODTStyles() *odtStyles {
	return &odtStyles{lists: map[string]*odtLevels{}, paras: map[string]odtParaStyle{}}
}

// clone is a copy of st that reading more styles into does not change st.
func (st *odtStyles) clone() *odtStyles {
	return &odtStyles{lists: maps.Clone(st.lists), paras: maps.Clone(st.paras), outline: st.outline, headings: st.headings}
}

// levelStyle is the paragraph style assigned to outline level k (1–10): see outline.
func (st *odtStyles) levelStyle(k int) string {
	if st.outline[k] == "" && !st.headings[k] {
		return "Heading " + strconv.Itoa(k) // Writer's own (no style:name has a space)
	}
	return st.outline[k]
}

// paragraph resolves the style of a paragraph or heading (of outline level level, 1 when the
// heading says none) to the common style it is of (its automatic style's parent, or for a
// heading of none the style of its outline level): whether that style exists, the outline
// level it is assigned to (0 for none), and whether the automatic style names a list style.
func (st *odtStyles) paragraph(name []byte, heading bool, level int) (exists bool, assigned int, autoList bool) {
	if len(name) == 0 {
		if heading && level >= 1 && level <= 10 {
			exists, assigned = st.common(st.levelStyle(level))
		}
		return exists, assigned, false
	}
	s, ok := st.paras[string(name)]
	switch {
	case ok && s.auto:
		autoList = s.list
		exists, assigned = st.common(s.parent)
	case ok:
		exists, assigned = true, st.outlineLevel(string(name), s)
	default:
		exists, assigned = st.common(string(name))
	}
	return exists, assigned, autoList
}

// common is whether the common style of a name exists, and the outline level it is assigned
// to.
func (st *odtStyles) common(name string) (exists bool, assigned int) {
	s, ok := st.paras[name]
	if ok && s.auto || name == "" {
		return false, 0
	}
	l := st.outlineLevel(name, s)
	return ok || odtBuiltIn[name] || l > 0, l
}

// outlineLevel is the outline level the common style name (s, when the file defines it) is
// assigned to, 0 for none.
func (st *odtStyles) outlineLevel(name string, s odtParaStyle) int {
	if l := s.outline; l >= 1 && l <= 10 && st.outline[l] == name {
		return l
	}
	if k, ok := strings.CutPrefix(name, "Heading "); ok && atoi(k) >= 1 && atoi(k) <= 10 && st.levelStyle(atoi(k)) == name {
		return atoi(k) // Writer's own
	}
	return 0
}

// odtContent reads content.xml: its list styles are added to ls, and its paragraphs
// returned with their labels. It reads the list styles in the walk over the paragraphs, one
// pass instead of two, when they all come before the first paragraph, as in the
// office:automatic-styles that LibreOffice writes before the body; otherwise, or on any error,
// it reads as odtContentTwoPasses does (from ls as it was), and gives what that gives.
func odtContent(data []byte, ls *odtStyles) ([]string, error) {
	given := ls.clone() // content's styles replace entries, and change only their own levels
	lines, err := odtWalk(data, ls, &odtStyleReader{ls: ls, content: true})
	if err == nil {
		return lines, nil
	}
	*ls = *given
	return odtContentTwoPasses(data, ls)
}

// odtContentTwoPasses is odtContent reading the styles of all content.xml first.
func odtContentTwoPasses(data []byte, ls *odtStyles) ([]string, error) {
	if err := ls.read(data, true); err != nil {
		return nil, err
	}
	return odtParagraphs(data, ls)
}

// errStyleAfterText: odtWalk met a list or paragraph style after a paragraph that it may have
// numbered without it.
var errStyleAfterText = errors.New("列表样式在段落之后")

// odtStyleReader adds the list styles (and the outline style) of a part to ls, and its
// paragraph styles: the automatic ones of content.xml, the common ones of styles.xml (its
// automatic ones are its headers' and footers', which are not read). A token at a time.
type odtStyleReader struct {
	ls         *odtStyles
	cur        *odtLevels
	content    bool // the part is content.xml
	auto       bool // in office:automatic-styles
	lastParent string
}

// start reads a start tag, and says whether it defines (part of) a list or paragraph style.
func (r *odtStyleReader) start(x *xmlScanner) bool {
	switch string(x.name) {
	case "list-style":
		r.cur = new(odtLevels)
		r.ls.lists[x.attr("name")] = r.cur
	case "outline-style":
		r.cur = new(odtLevels)
		r.ls.lists[""] = r.cur
	case "list-level-style-number", "outline-level-style", "list-level-style-bullet", "list-level-style-image":
		r.level(x)
	case "automatic-styles":
		r.auto = true
		return false
	case "style":
		if r.auto != r.content || string(x.attrBytes("family")) != "paragraph" {
			return false
		}
		name := x.attr("name")
		_, hasListStyle := x.lastAttrBytes("list-style-name")
		s := odtParaStyle{parent: r.parent(x.attrBytes("parent-style-name")), auto: r.auto, list: hasListStyle,
			outline: atoi(string(x.attrBytes("default-outline-level")))}
		r.ls.paras[name] = s
		if s.auto {
			break
		}
		if l := s.outline; l >= 1 && l <= 10 && r.ls.outline[l] == "" {
			r.ls.outline[l] = name
		}
		display := x.attrBytes("display-name")
		if display == nil {
			display = []byte(name)
		}
		if k, ok := bytes.CutPrefix(display, []byte("Heading ")); ok {
			if n := atoi(string(k)); n >= 1 && n <= 10 && strconv.Itoa(n) == string(k) {
				r.ls.headings[n] = true
			}
		}
	default:
		return false
	}
	return true
}

// parent is a style:parent-style-name as a string, the one before made once: most paragraph
// styles have Standard's.
func (r *odtStyleReader) parent(name []byte) string {
	if string(name) != r.lastParent {
		r.lastParent = string(name)
	}
	return r.lastParent
}

func (r *odtStyleReader) end(name []byte) {
	switch string(name) {
	case "list-style", "outline-style":
		r.cur = nil
	case "automatic-styles":
		r.auto = false
	}
}

// read adds the list styles (and the outline style) and the paragraph styles that data, content.xml
// or styles.xml, defines.
func (ls *odtStyles) read(data []byte, content bool) error {
	x := newXMLScanner(data)
	r := odtStyleReader{ls: ls, content: content}
	depth := 0
	for {
		ok, err := x.next()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		switch x.kind {
		case xmlStart:
			if depth++; depth > maxDepth {
				return fmt.Errorf("XML 嵌套超过 %d 层", maxDepth)
			}
			r.start(x)
		case xmlEnd:
			depth--
			r.end(x.name)
		}
	}
}

// level reads one level of the list style being read.
func (r *odtStyleReader) level(x *xmlScanner) {
	cur := r.cur
	lvl := atoi(x.attr("level"))
	if cur == nil || lvl < 1 || lvl > 10 {
		return
	}
	l := odtLevel{format: x.attr("num-format"), prefix: noLineEnds(x.attr("num-prefix")), suffix: noLineEnds(x.attr("num-suffix")),
		template: noLineEnds(x.attr("num-list-format")), start: 1, display: 1}
	if string(x.name) == "list-level-style-bullet" || string(x.name) == "list-level-style-image" {
		l = odtLevel{format: "bullet"}
	}
	if v := x.attr("start-value"); v != "" {
		l.start = atoi(v)
	}
	if v := x.attr("display-levels"); v != "" {
		l.display = atoi(v)
	}
	cur[lvl] = l
}

// odtFormats maps ODF's num-format values to the Word formats FormatOrdinal writes.
var odtFormats = map[string]string{
	"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman",
	"一, 二, 三, ...": "chineseCounting", "壹, 贰, 叁, ...": "chineseLegalSimplified", "壹, 貳, 參, ...": "ideographLegalTraditional",
	"甲, 乙, 丙, ...": "ideographTraditional", "子, 丑, 寅, ...": "ideographZodiac",
	"①, ②, ③, ...": "decimalEnclosedCircle", "１, ２, ３, ...": "decimalFullWidth", "": "none", "bullet": "bullet",
}

// label writes the number of a paragraph at level lvl (1-based) of a list style, from the
// counters of every level.
func (lv *odtLevels) label(lvl int, counters *[11]int) string {
	l := lv[lvl]
	if l.format == "bullet" {
		return ""
	}
	num := func(k int) string {
		f, ok := odtFormats[lv[k].format]
		if !ok {
			f = "decimal"
		}
		return FormatOrdinal(counters[k], f)
	}
	if l.template != "" {
		var b strings.Builder
		t := l.template
		for {
			i := strings.IndexByte(t, '%')
			if i < 0 {
				b.WriteString(t)
				break
			}
			j := strings.IndexByte(t[i+1:], '%')
			k, err := strconv.Atoi(t[i+1 : i+1+max(j, 0)])
			if j < 0 || err != nil || k < 1 || k > lvl {
				b.WriteString(t[:i+1])
				t = t[i+1:]
				continue
			}
			b.WriteString(t[:i])
			b.WriteString(num(k))
			t = t[i+2+j:]
		}
		return b.String()
	}
	if l.format == "" && l.prefix == "" && l.suffix == "" {
		return ""
	}
	var parts []string
	for k := max(1, lvl-max(l.display, 1)+1); k <= lvl; k++ {
		// A level without a number adds nothing; a bullet's adds nothing between the dots
		// after a number (LibreOffice shows 1..1. for a bullet between two numbers).
		if s := num(k); s != "" || lv[k].format == "bullet" && len(parts) > 0 {
			parts = append(parts, s)
		}
	}
	return l.prefix + strings.Join(parts, ".") + l.suffix
}

// odtList is an open text:list: its style, level and the list it belongs to (an index of the
// top-level lists odtLists.root is given). A top-level list whose text:style-name is none or
// names no list style is numbered, as LibreOffice imports it (XMLTextListsHelper::MakeNumRule),
// by a list style of its own that it makes a bullet of at each level a list in it opens
// (bullet); the lists in it that name an existing list style are numbered in that style with
// the level made a bullet, in that style itself (defaults).
type odtList struct {
	style    string
	level    int
	list     int
	bullet   bool // numbered by the list style of its own: no number
	defaults bool // in a list of that kind: its level of the list style it is numbered in is a bullet
}

// odtStyleLevel is a level of a list style.
type odtStyleLevel struct {
	style string
	level int
}

// addStyleLevel adds l to levels unless it is there.
func addStyleLevel(levels []odtStyleLevel, l odtStyleLevel) []odtStyleLevel {
	if slices.Contains(levels, l) {
		return levels
	}
	return append(levels, l)
}

// odtBullets numbers nothing at any level: a list style that is none (the outline style of a
// document without one) or a list's own (odtList).
var odtBullets = func() (lv odtLevels) {
	for k := range lv {
		lv[k] = odtLevel{format: "bullet", start: 1, display: 1}
	}
	return lv
}()

// levels is the list style of a name, with the levels in bullets made bullets; odtBullets for
// none.
func (ls *odtStyles) levels(style string, bullets []odtStyleLevel) *odtLevels {
	lv := ls.lists[style]
	if lv == nil {
		return &odtBullets
	}
	copied := false
	for _, b := range bullets {
		if b.style != style {
			continue
		}
		if !copied {
			cp := *lv
			lv, copied = &cp, true
		}
		lv[b.level].format = "bullet"
	}
	return lv
}

// odtItem is an open text:list-item (or text:list-header).
type odtItem struct {
	numbered bool   // its number has been counted (a header has none)
	start    int    // its text:start-value, 0 for none
	style    string // its text:style-override: the list style its paragraph is numbered in
}

// odtLists tells which list a top-level text:list belongs to, as LibreOffice imports it
// (xmloff's XMLTextListBlockContext): a list is numbered on its own, nested lists included,
// whatever list styles its items and nested lists use, unless it continues another.
// text:continue-list names the xml:id of an earlier top-level list (one not met begins a new
// list), and a list that continues one continues what that one continues;
// text:continue-numbering="true" continues the last top-level list met when that had the same
// text:style-name; a top-level list of an xml:id met before is that list again.
type odtLists struct {
	ids       map[uint64]int // the top-level lists by the hash of their xml:id, once there are odtFewLists
	last      int            // the last top-level list met, -1 for none
	lastStyle string         // and its text:style-name
}

// odtFewLists top-level lists are looked up by xml:id one by one: a report has a few.
const odtFewLists = 32

// odtIDSeed hashes the xml:ids of lists (no string is made of each); two ids of one 64-bit
// hash would be one list.
var odtIDSeed = maphash.MakeSeed()

// odtRoot is a top-level list: the counters of its levels, the list it continues (an index of
// the top-level lists, -1 for none), and the hash of its xml:id if it has one.
type odtRoot struct {
	counters  [11]int
	continues int
	id        uint64
	hasID     bool
}

// find returns the top-level list of an xml:id's hash, -1 for none.
func (l *odtLists) find(roots []odtRoot, id uint64) int {
	if l.ids != nil {
		if i, ok := l.ids[id]; ok {
			return i
		}
		return -1
	}
	for i := range roots {
		if roots[i].hasID && roots[i].id == id {
			return i
		}
	}
	return -1
}

// root returns the top-level lists met (roots) with this one if it is a new one, the list (an
// index of them) whose counters it numbers its paragraphs with, and whether its numbering
// restarts. Those met are the caller's (a slice on its stack).
func (l *odtLists) root(x *xmlScanner, style string, roots []odtRoot) (_ []odtRoot, list int, restart bool) {
	numbering := x.attrBytes("continue-numbering")
	restart, continues := len(numbering) > 0 && string(numbering) != "true", string(numbering) == "true"
	cont := -1
	if v := x.attrBytes("continue-list"); len(v) > 0 {
		cont, continues = l.find(roots, maphash.Bytes(odtIDSeed, v)), false
	}
	self := -1 // the list of the same xml:id met before
	id := x.attrBytes("id")
	hasID := len(id) > 0 // xml:id
	hash := maphash.Bytes(odtIDSeed, id)
	if hasID {
		self = l.find(roots, hash)
	}
	if continues && l.last >= 0 && l.lastStyle == style && l.last != self {
		cont = l.last
	}
	if cont >= 0 && roots[cont].continues >= 0 {
		cont = roots[cont].continues
	}
	if self < 0 {
		self = len(roots)
		roots = append(roots, odtRoot{continues: cont, id: hash, hasID: hasID})
		if l.ids == nil && len(roots) == odtFewLists {
			l.ids = make(map[uint64]int, 2*odtFewLists)
			for i := range roots { // an xml:id is in roots once
				if roots[i].hasID {
					l.ids[roots[i].id] = i
				}
			}
		} else if l.ids != nil && hasID {
			l.ids[hash] = self
		}
		l.last, l.lastStyle = self, style
	}
	if cont >= 0 {
		return roots, cont, restart
	}
	return roots, self, restart
}

// odtParagraphs walks content.xml and returns the text of its paragraphs and headings in
// order, each with its list label.
func odtParagraphs(data []byte, ls *odtStyles) ([]string, error) {
	return odtWalk(data, ls, nil)
}

// odtWalk is odtParagraphs that, with styles, also reads the styles of data as it goes (into
// styles.ls, which should be ls); it gives up with errStyleAfterText on a list or paragraph
// style after the first paragraph of the body. Where a list in a list without a list style
// makes a level of a list style a bullet (odtList), LibreOffice shows that level as a bullet
// in every paragraph of the style, those before too: the walk is made again knowing them.
func odtWalk(data []byte, ls *odtStyles, styles *odtStyleReader) ([]string, error) {
	lines, bullets, err := odtWalkWith(data, ls, styles, nil)
	if err != nil || len(bullets) == 0 {
		return lines, err
	}
	lines, _, err = odtWalkWith(data, ls, nil, bullets)
	return lines, err
}

// odtWalkWith is odtWalk with the levels of list styles known to be bullets; it returns the
// ones it met, when any is not among them.
func odtWalkWith(data []byte, ls *odtStyles, styles *odtStyleReader, bullets []odtStyleLevel) ([]string, []odtStyleLevel, error) {
	x := newXMLScanner(data)
	known := len(bullets)
	texts := false // a paragraph of the body has been met
	var (
		lines   []string
		paras   []*strings.Builder      // open text:p / text:h (a frame's paragraphs nest)
		lists   = make([]odtList, 0, 8) // a report nests two or three
		items   = make([]odtItem, 0, 8) // the open list-items
		seen    = odtLists{last: -1}
		roots   = make([]odtRoot, 0, 8) // the top-level lists seen knows
		outline [11]int                 // the counters of the headings the outline style numbers
		restart bool                    // the open top-level list restarts its numbering at its first number
		depth   int
		skip    int // depth at which a skipped subtree began
		body    bool
		total   int // bytes of text so far
	)
	for {
		ok, err := x.next()
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			if depth > 0 {
				return nil, nil, errors.New("XML 不完整")
			}
			if len(bullets) == known {
				bullets = nil
			}
			return lines, bullets, nil
		}
		switch x.kind {
		case xmlStart:
			if depth++; depth > maxDepth {
				return nil, nil, fmt.Errorf("XML 嵌套超过 %d 层", maxDepth)
			}
			if styles != nil && styles.start(x) && texts {
				return nil, nil, errStyleAfterText
			}
			name := string(x.name)
			if skip > 0 {
				continue
			}
			switch name {
			case "text":
				body = true // office:text
			case "tracked-changes", "note-citation", "note-body", "annotation", "sequence-decls", "variable-decls", "user-field-decls", "table-of-content-source", "index-body-source":
				skip = depth
			case "list":
				style := x.attr("style-name")
				if len(lists) > 0 {
					// A nested list is part of the list it is in, in its own list style if
					// it names one that exists.
					parent := lists[len(lists)-1]
					l := odtList{style: style, level: len(lists) + 1, list: parent.list, defaults: parent.defaults}
					if style == "" || ls.lists[style] == nil {
						l.style, l.bullet = parent.style, parent.bullet
					}
					if l.defaults && !l.bullet {
						bullets = addStyleLevel(bullets, odtStyleLevel{l.style, min(l.level, 10)})
					}
					lists = append(lists, l)
					break
				}
				var list int
				roots, list, restart = seen.root(x, style, roots)
				none := style == "" || ls.lists[style] == nil
				lists = append(lists, odtList{style: style, level: 1, list: list, bullet: none, defaults: none})
			case "list-item", "list-header":
				it := odtItem{numbered: name == "list-header", start: atoi(x.attr("start-value"))}
				if v := x.attrBytes("style-override"); len(v) > 0 && ls.lists[string(v)] != nil {
					it.style = string(v)
				}
				items = append(items, it)
			case "p", "h":
				if !body {
					skip = depth
					continue
				}
				texts = true
				b := &strings.Builder{}
				paras = append(paras, b)
				heading := name == "h"
				hlvl := 0 // a heading's outline level
				if heading {
					hlvl = 1
					if v := x.attrBytes("outline-level"); len(v) > 0 {
						hlvl = atoi(string(v))
					}
				}
				exists, assigned, autoList := ls.paragraph(x.attrBytes("style-name"), heading, hlvl)
				header := heading && string(x.attrBytes("is-list-header")) == "true"
				var (
					style  string
					lvl    int
					bullet bool // numbered by a list's own list style: no number
					c      = &outline
				)
				if len(lists) > 0 && len(items) > 0 && !items[len(items)-1].numbered {
					it, list := &items[len(items)-1], lists[len(lists)-1]
					it.numbered = true
					style, lvl, c = list.style, min(list.level, 10), &roots[list.list].counters
					bullet = list.bullet
					if it.style != "" {
						style, bullet = it.style, false // the item's list style, in the list it is in
					}
					if heading && exists && !autoList && assigned == 0 {
						// A heading of a style not assigned to the outline is numbered by the
						// outline style at its outline level, with the list's counters.
						style, lvl, bullet = "", hlvl, false
					}
					if restart {
						restart = false
						c[lvl] = 0
					}
					if it.start > 0 {
						c[lvl] = it.start - 1
					}
				} else if len(lists) == 0 && !autoList {
					if assigned > 0 {
						lvl = assigned
					} else if heading && exists {
						lvl = hlvl
					}
				}
				if lvl < 1 || lvl > 10 || header {
					lvl = 0
				}
				if lvl > 0 && heading && string(x.attrBytes("restart-numbering")) == "true" {
					c[lvl] = atoi(x.attr("start-value")) - 1
				}
				if lvl > 0 {
					lv := &odtBullets
					if !bullet {
						lv = ls.levels(style, bullets)
					}
					if c[lvl] == 0 && lv[lvl].start > 1 {
						c[lvl] = lv[lvl].start - 1
					}
					c[lvl]++
					for k := lvl + 1; k < len(c); k++ {
						c[k] = 0
					}
					for k := 1; k < lvl; k++ {
						if c[k] == 0 {
							c[k] = max(lv[k].start, 1)
						}
					}
					b.WriteString(lv.label(lvl, c))
				}
			case "s":
				if len(paras) > 0 {
					n := atoi(x.attr("c")) // a run of spaces; a report has a few at a time
					paras[len(paras)-1].WriteString(strings.Repeat(" ", min(max(n, 1), 100)))
				}
			case "tab":
				if len(paras) > 0 {
					paras[len(paras)-1].WriteByte('\t')
				}
			}
		case xmlEnd:
			if styles != nil {
				styles.end(x.name)
			}
			name := string(x.name)
			if skip > 0 {
				if depth == skip {
					skip = 0
				}
				depth--
				continue
			}
			depth--
			switch name {
			case "list":
				if len(lists) > 0 {
					lists = lists[:len(lists)-1]
				}
			case "list-item", "list-header":
				if len(items) > 0 {
					items = items[:len(items)-1]
				}
			case "p", "h":
				if len(paras) > 0 {
					lines = append(lines, paras[len(paras)-1].String())
					paras = paras[:len(paras)-1]
					if total += len(lines[len(lines)-1]); total > maxPart {
						return nil, nil, errors.New("文字过多，不像是一份报告")
					}
				}
			case "text":
				body = false
			}
		case xmlText:
			if skip == 0 && len(paras) > 0 {
				writeWithoutNewlines(paras[len(paras)-1], x.text)
			}
		}
	}
}

// writeWithoutNewlines writes text to b with its line ends dropped (character data in ODF
// holds no line of its own: a line end in it is white space the layout collapses), without
// copying text that has none.
func writeWithoutNewlines(b *strings.Builder, text []byte) {
	for {
		i := bytes.IndexByte(text, '\n')
		if i < 0 {
			b.Write(text)
			return
		}
		b.Write(text[:i])
		text = text[i+1:]
	}
}

// noLineEnds drops the line ends of the text a label is made of (a prefix or suffix may hold
// one, written &#10;): the label opens a paragraph, which is one line, as writeWithoutNewlines
// keeps the character data.
func noLineEnds(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, s)
}

// readPartOf decompresses one part of a zip container, at most maxPart bytes of it; a missing
// part is nil without error.
func readPartOf(parts *container, name string) ([]byte, error) {
	return parts.read(name, nil)
}

// readPartInto decompresses the part of a name among archive/zip's files into buf's array when
// it is large enough, at most maxPart bytes of it; a missing part is nil without error.
func readPartInto(format string, parts map[string]*zip.File, name string, buf []byte) ([]byte, error) {
	f := parts[name]
	if f == nil {
		return nil, nil
	}
	if err := checkPart(format, name, f.UncompressedSize64); err != nil {
		return nil, err
	}
	if b, ok := inflatePart(f, buf); ok {
		return b, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &Unreadable{fmt.Sprintf(".%s 中的 %s 无法解压：%v", format, name, err)}
	}
	defer rc.Close()
	b := bytes.NewBuffer(buf[:0])
	b.Grow(int(f.UncompressedSize64) + bytes.MinRead)
	if _, err := b.ReadFrom(io.LimitReader(rc, maxPart+1)); err != nil {
		return nil, &Unreadable{fmt.Sprintf(".%s 中的 %s 无法解压：%v", format, name, err)}
	}
	if b.Len() > maxPart {
		return nil, &Unreadable{fmt.Sprintf(".%s 中的 %s 解压后过大，不像是一份报告", format, name)}
	}
	return b.Bytes(), nil
}
