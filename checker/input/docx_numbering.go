package input

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Word's automatic numbering (ECMA-376 §17.9): a paragraph names a numbering instance (w:num)
// and a level; the instance points to an abstract definition whose levels say the format
// (numFmt), the text around the number (lvlText, "%1、", "（%2）"), the start value and when the
// counter restarts. Instances of one abstract definition share their counters, as in Word,
// unless an instance overrides a level's start (lvlOverride/startOverride), which restarts it.

const maxLevels = 9

// What numbering.xml and styles.xml say, as encoding/xml's Unmarshal would fill these structs
// (the struct tags say how; the reference test reads them so). readNumberingXML and
// readStylesXML fill them with the scanner instead: a Word file's two parts are tens of KB each,
// and encoding/xml took most of the time of reading it.

type xVal struct {
	Val string `xml:"val,attr"`
}

type xLvl struct {
	Ilvl    string `xml:"ilvl,attr"`
	Start   *xVal  `xml:"start"`
	NumFmt  *xVal  `xml:"numFmt"`
	LvlText *xVal  `xml:"lvlText"`
	Restart *xVal  `xml:"lvlRestart"`
	IsLgl   *xVal  `xml:"isLgl"`
	PStyle  *xVal  `xml:"pStyle"`
	Suff    *xVal  `xml:"suff"`
	// Word 2010 writes custom formats as mc:AlternateContent with a plain fallback.
	Alt *xAlternate `xml:"AlternateContent"`
}

type xAlternate struct {
	Fallback struct {
		NumFmt *xVal `xml:"numFmt"`
	} `xml:"Fallback"`
}

type xNumbering struct {
	Abstract []xAbstract `xml:"abstractNum"`
	Num      []xNum      `xml:"num"`
}

type xAbstract struct {
	ID        string `xml:"abstractNumId,attr"`
	Lvl       []xLvl `xml:"lvl"`
	StyleLink *xVal  `xml:"numStyleLink"`
}

type xNum struct {
	ID       string      `xml:"numId,attr"`
	Abstract xVal        `xml:"abstractNumId"`
	Override []xOverride `xml:"lvlOverride"`
}

type xOverride struct {
	Ilvl  string `xml:"ilvl,attr"`
	Start *xVal  `xml:"startOverride"`
	Lvl   *xLvl  `xml:"lvl"`
}

type xNumPr struct {
	Ilvl  *xVal `xml:"ilvl"`
	NumID *xVal `xml:"numId"`
}

type xStyles struct {
	Style []xStyle `xml:"style"`
}

type xStyle struct {
	Type    string `xml:"type,attr"`
	ID      string `xml:"styleId,attr"`
	Default string `xml:"default,attr"`
	BasedOn *xVal  `xml:"basedOn"`
	PPr     *xPPr  `xml:"pPr"`
}

type xPPr struct {
	NumPr *xNumPr `xml:"numPr"`
}

// readNumberingXML reads numbering.xml into an xNumbering.
func readNumberingXML(data []byte) (*xNumbering, error) { return readNumberingOf(data, nil) }

// readNumberingOf reads numbering.xml into an xNumbering; with wanted, only the instances
// (w:num) of those ids and the list definitions (w:abstractNum) they use, as reading them all
// and keeping those would. Word's numbering.xml holds a definition for every list template the
// document ever met, nine levels each, and a report uses one or two: the others are passed over
// (by byte search where skipElement can), the instances read first, and then the definitions
// they use, where they are.
func readNumberingOf(data []byte, wanted map[string]bool) (*xNumbering, error) {
	var n xNumbering
	var lvl *xLvl // the w:lvl being read
	type later struct {
		id    string
		start int // of its start tag in data
	}
	var defs []later // the w:abstractNum passed over, when wanted
	var vals xVals
	read := func(x *xmlScanner, path [][]byte) bool {
		if k := levelPath(path); k > 0 {
			return readLevel(lvl, x, path[k:], &vals)
		}
		// Only the elements below have their children read, so the length of the
		// path and its first name say where an element is.
		name := string(path[len(path)-1])
		switch {
		case len(path) == 1 && name == "abstractNum" && wanted != nil:
			defs = append(defs, later{start: x.start})
			setAttr(&defs[len(defs)-1].id, x, "abstractNumId")
			return false
		case len(path) == 1 && name == "abstractNum":
			n.Abstract = append(n.Abstract, xAbstract{})
			setAttr(&n.Abstract[len(n.Abstract)-1].ID, x, "abstractNumId")
			return true
		case len(path) == 1 && name == "num":
			if id, _ := x.lastAttrBytes("numId"); wanted != nil && !wanted[string(id)] {
				return false // an instance no paragraph or style names
			}
			n.Num = append(n.Num, xNum{})
			setAttr(&n.Num[len(n.Num)-1].ID, x, "numId")
			return true
		case len(path) == 2 && string(path[0]) == "abstractNum":
			a := &n.Abstract[len(n.Abstract)-1]
			switch name {
			case "lvl":
				if a.Lvl == nil {
					a.Lvl = make([]xLvl, 0, maxLevels)
				}
				a.Lvl = append(a.Lvl, xLvl{})
				lvl = &a.Lvl[len(a.Lvl)-1]
				setAttr(&lvl.Ilvl, x, "ilvl")
				return true
			case "numStyleLink":
				setVal(&a.StyleLink, x, &vals)
			}
		case len(path) == 2: // in a w:num
			m := &n.Num[len(n.Num)-1]
			switch name {
			case "abstractNumId":
				setAttr(&m.Abstract.Val, x, "val")
			case "lvlOverride":
				m.Override = append(m.Override, xOverride{})
				setAttr(&m.Override[len(m.Override)-1].Ilvl, x, "ilvl")
				return true
			}
		case len(path) == 3: // in a w:lvlOverride
			m := &n.Num[len(n.Num)-1]
			o := &m.Override[len(m.Override)-1]
			switch name {
			case "startOverride":
				setVal(&o.Start, x, &vals)
			case "lvl":
				if o.Lvl == nil {
					o.Lvl = new(xLvl)
				}
				lvl = o.Lvl
				setAttr(&lvl.Ilvl, x, "ilvl")
				return true
			}
		}
		return false
	}
	if err := readTree(data, read); err != nil {
		return nil, err
	}
	if len(defs) == 0 {
		return &n, nil
	}
	// The definitions the wanted instances use: an instance's id repeated counts as its last
	// (parseNumbering keeps the last).
	uses := map[string]string{}
	for _, m := range n.Num {
		uses[m.ID] = m.Abstract.Val
	}
	used := map[string]bool{}
	for id := range wanted {
		if a, ok := uses[id]; ok {
			used[a] = true
		}
	}
	for _, d := range defs {
		if !used[d.id] {
			continue
		}
		n.Abstract = append(n.Abstract, xAbstract{ID: d.id})
		if err := readTreeUnder(data[d.start:], underAbstractNum, read); err != nil {
			return nil, err
		}
	}
	return &n, nil
}

// The paths of the elements read by readTreeUnder on their own.
var (
	underAbstractNum = [][]byte{[]byte("abstractNum")}
	underStyle       = [][]byte{[]byte("style")}
)

// levelPath returns, for an element inside a w:lvl of numbering.xml, how many names of its path
// lead to that w:lvl; 0 for any other element.
func levelPath(path [][]byte) int {
	switch {
	case len(path) > 2 && string(path[0]) == "abstractNum" && string(path[1]) == "lvl":
		return 2
	case len(path) > 3 && string(path[0]) == "num" && string(path[2]) == "lvl":
		return 3
	}
	return 0
}

// readLevel reads an element inside a w:lvl, at path below it.
func readLevel(l *xLvl, x *xmlScanner, path [][]byte, vals *xVals) bool {
	switch len(path) {
	case 1:
		switch string(path[0]) {
		case "start":
			setVal(&l.Start, x, vals)
		case "numFmt":
			setVal(&l.NumFmt, x, vals)
		case "lvlText":
			setVal(&l.LvlText, x, vals)
		case "lvlRestart":
			setVal(&l.Restart, x, vals)
		case "isLgl":
			setVal(&l.IsLgl, x, vals)
		case "pStyle":
			setVal(&l.PStyle, x, vals)
		case "suff":
			setVal(&l.Suff, x, vals)
		case "AlternateContent":
			if l.Alt == nil {
				l.Alt = new(xAlternate)
			}
			return true
		}
	case 2:
		return string(path[1]) == "Fallback"
	case 3:
		if string(path[2]) == "numFmt" {
			setVal(&l.Alt.Fallback.NumFmt, x, vals)
		}
	}
	return false
}

// readStylesXML reads styles.xml into an xStyles.
func readStylesXML(data []byte) (*xStyles, error) {
	var s xStyles
	var vals xVals
	err := readTree(data, func(x *xmlScanner, path [][]byte) bool {
		if len(path) == 1 {
			if string(path[0]) != "style" {
				return false
			}
			s.Style = append(s.Style, xStyle{})
			st := &s.Style[len(s.Style)-1]
			setAttr(&st.Type, x, "type")
			setAttr(&st.ID, x, "styleId")
			setAttr(&st.Default, x, "default")
			return true
		}
		return readStyleChild(&s.Style[len(s.Style)-1], x, path, &vals)
	})
	if err != nil {
		return nil, err
	}
	return &s, nil
}

// readStyleChild reads an element inside a w:style (path[0]) into st, and says whether its
// children are to be read.
func readStyleChild(st *xStyle, x *xmlScanner, path [][]byte, vals *xVals) bool {
	name := string(path[len(path)-1])
	switch {
	case len(path) == 2 && name == "basedOn":
		setVal(&st.BasedOn, x, vals)
	case len(path) == 2 && name == "pPr":
		if st.PPr == nil {
			st.PPr = new(xPPr)
		}
		return true
	case len(path) == 3 && name == "numPr":
		if st.PPr.NumPr == nil {
			st.PPr.NumPr = new(xNumPr)
		}
		return true
	case len(path) == 4 && name == "ilvl":
		setVal(&st.PPr.NumPr.Ilvl, x, vals)
	case len(path) == 4 && name == "numId":
		setVal(&st.PPr.NumPr.NumID, x, vals)
	}
	return false
}

// setAttr sets *dst to the element's attribute named local, if it has one.
func setAttr(dst *string, x *xmlScanner, local string) {
	if v, ok := x.lastAttr(local); ok {
		*dst = v
	}
}

// setVal reads an element holding its value in w:val: *dst is made if it is not there yet
// (Unmarshal fills the same struct when the element is repeated).
func setVal(dst **xVal, x *xmlScanner, vals *xVals) {
	if *dst == nil {
		*dst = vals.new()
	}
	if v, ok := x.lastAttrBytes("val"); ok {
		(*dst).Val = valString(v)
	}
}

// xVals hands out the xVals of one reading of a part from arrays of sixteen rather than one
// at a time: a list definition has nine levels of four to eight values each.
type xVals struct{ free []xVal }

func (a *xVals) new() *xVal {
	if len(a.free) == 0 {
		a.free = make([]xVal, 16)
	}
	v := &a.free[0]
	a.free = a.free[1:]
	return v
}

// valString returns a value as a string: one of commonVals when it is one (no string is
// made for it), else a new string.
func valString(v []byte) string {
	if s, ok := commonVals[string(v)]; ok {
		return s
	}
	return string(v)
}

// commonVals are the values that most w:val attributes of numbering.xml and styles.xml hold:
// small numbers (start, ilvl, numId), the list formats and suffixes.
var commonVals = func() map[string]string {
	m := map[string]string{}
	for i := range 32 {
		s := strconv.Itoa(i)
		m[s] = s
	}
	for _, s := range strings.Fields(`decimal chineseCounting chineseCountingThousand chineseLegalSimplified
		ideographDigital ideographTraditional decimalEnclosedCircle decimalEnclosedCircleChinese
		decimalFullWidth decimalZero upperLetter lowerLetter upperRoman lowerRoman bullet none
		custom japaneseCounting taiwaneseCounting space tab nothing true false`) {
		m[s] = s
	}
	return m
}()

// level is one level of a list definition.
type level struct {
	start   int
	format  string // numFmt
	text    string // lvlText
	restart int    // -1: after any shallower level; 0: never; n: after levels 1..n
	legal   bool   // isLgl: every number in decimal
	pStyle  string
	suffix  string
}

type abstractNum struct {
	id        string
	levels    [maxLevels]*level
	styleLink string
}

type numInstance struct {
	abstract  string
	starts    [maxLevels]int // startOverride by level, where hasStart
	hasStart  [maxLevels]bool
	overrides [maxLevels]*level // a whole level replaced
	used      bool
}

// setStart overrides the start of a level.
func (n *numInstance) setStart(k, v int) { n.starts[k], n.hasStart[k] = v, true }

type numbering struct {
	abstract map[string]*abstractNum
	nums     map[string]*numInstance
}

type style struct {
	basedOn string
	numID   string
	ilvl    int
	hasNum  bool
	hasLvl  bool
}

// styles are the styles of styles.xml by id. parseStyles reads them all; indexStyles only
// notes where each begins and reads one when the numberer first asks for it (style).
type styles struct {
	byID         map[string]*style
	defaultParID string

	// With indexStyles: styles.xml, where each style begins in it with its id (the ids one
	// after the other in ids), in document order, and the first error met reading one.
	indexed bool
	data    []byte
	index   []styleStart
	ids     []byte
	err     error
}

// styleStart is where a style begins in styles.xml, and where its id is in styles.ids.
type styleStart struct {
	id [2]int
	at int
}

func parseNumbering(data []byte) (*numbering, error) { return parseNumberingOf(data, nil) }

// parseNumberingOf is parseNumbering that reads only what the instances of the wanted ids use
// (all with nil): what numberer reaches from the numIds of document.xml and styles.xml
// (numIDs) is the same as with every definition read.
func parseNumberingOf(data []byte, wanted map[string]bool) (*numbering, error) {
	x, err := readNumberingOf(data, wanted)
	if err != nil {
		return nil, err
	}
	n := &numbering{abstract: map[string]*abstractNum{}, nums: map[string]*numInstance{}}
	for _, a := range x.Abstract {
		an := &abstractNum{id: a.ID}
		if a.StyleLink != nil {
			an.styleLink = a.StyleLink.Val
		}
		levels := make([]level, len(a.Lvl)) // one array for the levels of a definition
		for i := range a.Lvl {
			if k := atoi(a.Lvl[i].Ilvl); k < maxLevels {
				an.levels[k] = levels[i].read(&a.Lvl[i])
			}
		}
		n.abstract[a.ID] = an
	}
	for _, m := range x.Num {
		ni := &numInstance{abstract: m.Abstract.Val}
		for _, o := range m.Override {
			k := atoi(o.Ilvl)
			if k >= maxLevels {
				continue
			}
			if o.Lvl != nil {
				ni.overrides[k] = newLevel(o.Lvl)
			}
			if o.Start != nil {
				ni.setStart(k, atoi(o.Start.Val))
			}
		}
		n.nums[m.ID] = ni
	}
	return n, nil
}

func newLevel(x *xLvl) *level { return new(level).read(x) }

// read sets l to the level x defines, and returns l.
func (l *level) read(x *xLvl) *level {
	*l = level{format: "decimal", restart: -1}
	if x.Start != nil {
		l.start = atoi(x.Start.Val)
	}
	switch {
	case x.NumFmt != nil && x.NumFmt.Val != "custom":
		l.format = x.NumFmt.Val
	case x.Alt != nil && x.Alt.Fallback.NumFmt != nil:
		l.format = x.Alt.Fallback.NumFmt.Val
	}
	if x.LvlText != nil {
		l.text = x.LvlText.Val
	}
	if x.Restart != nil {
		l.restart = atoi(x.Restart.Val)
	}
	l.legal = x.IsLgl != nil && x.IsLgl.Val != "0" && x.IsLgl.Val != "false"
	if x.PStyle != nil {
		l.pStyle = x.PStyle.Val
	}
	if x.Suff != nil && x.Suff.Val == "space" {
		l.suffix = " " // the default, a tab, only aligns the text: nothing to read
	}
	return l
}

func parseStyles(data []byte) (*styles, error) {
	x, err := readStylesXML(data)
	if err != nil {
		return nil, err
	}
	s := &styles{byID: map[string]*style{}}
	for i := range x.Style {
		xs := &x.Style[i]
		if isDefaultParagraph(xs.Type, xs.Default) && s.defaultParID == "" {
			s.defaultParID = xs.ID
		}
		s.byID[xs.ID] = newStyle(xs)
	}
	return s, nil
}

// indexStyles reads no more of styles.xml than the start tag of each style (the rest is
// passed over by byte search where skipElement can): the id of each, where it begins, and the
// default paragraph style. A style is read when the numberer asks for it, as parseStyles
// would have read it: a report uses a handful of the styles of Word's styles.xml, which holds
// every style the template ever had. data must stay as it is while the styles are used.
func indexStyles(data []byte) (*styles, error) { return indexStylesInto(data, nil, nil) }

// indexStylesInto is indexStyles keeping the index in the arrays of index and ids.
func indexStylesInto(data []byte, index []styleStart, ids []byte) (*styles, error) {
	s := &styles{byID: map[string]*style{}, indexed: true, data: data, index: index[:0], ids: ids[:0]}
	err := readTree(data, func(x *xmlScanner, path [][]byte) bool {
		if len(path) != 1 || string(path[0]) != "style" {
			return false
		}
		id, _ := x.lastAttrBytes("styleId")
		st := styleStart{id: [2]int{len(s.ids), len(s.ids) + len(id)}, at: x.start}
		s.ids = append(s.ids, id...)
		s.index = append(s.index, st)
		if s.defaultParID == "" {
			typ, _ := x.lastAttrBytes("type")
			paragraph := len(typ) == 0 || string(typ) == "paragraph"
			def, _ := x.lastAttrBytes("default")
			if paragraph && (string(def) == "1" || string(def) == "true") {
				s.defaultParID = string(s.ids[st.id[0]:st.id[1]])
			}
		}
		return false
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// style returns the style of an id, nil for none; with indexStyles, it reads the style the
// first time (nil, and s.err set, when it cannot).
func (s *styles) style(id string) *style {
	st, ok := s.byID[id]
	if ok || !s.indexed {
		return st
	}
	if at := s.start(id); at >= 0 {
		var xs xStyle
		var vals xVals
		err := readTreeUnder(s.data[at:], underStyle, func(x *xmlScanner, path [][]byte) bool {
			return readStyleChild(&xs, x, path, &vals)
		})
		if err != nil && s.err == nil {
			s.err = err
		}
		if err == nil {
			st = newStyle(&xs)
		}
	}
	s.byID[id] = st
	return st
}

// start returns where the last style of an id begins in styles.xml, -1 for none.
func (s *styles) start(id string) int {
	for i := len(s.index) - 1; i >= 0; i-- {
		if e := s.index[i]; string(s.ids[e.id[0]:e.id[1]]) == id {
			return e.at
		}
	}
	return -1
}

func isDefaultParagraph(typ, def string) bool {
	return (typ == "" || typ == "paragraph") && (def == "1" || def == "true")
}

func newStyle(xs *xStyle) *style {
	st := &style{}
	if xs.BasedOn != nil {
		st.basedOn = xs.BasedOn.Val
	}
	if xs.PPr != nil && xs.PPr.NumPr != nil {
		np := xs.PPr.NumPr
		if np.NumID != nil {
			st.numID, st.hasNum = np.NumID.Val, true
		}
		if np.Ilvl != nil {
			st.ilvl, st.hasLvl = atoi(np.Ilvl.Val), true
		}
	}
	return st
}

// numberer computes the ordinals of numbered paragraphs in document order.
type numberer struct {
	num      *numbering
	st       *styles
	counters map[string]*counters // by abstract definition
}

type counters struct {
	value [maxLevels]int
	used  [maxLevels]bool
}

func newNumberer(n *numbering, s *styles) *numberer {
	return &numberer{num: n, st: s, counters: map[string]*counters{}}
}

// styleNumbering follows a style and the styles it is based on to the first that numbers.
func (nb *numberer) styleNumbering(id string) (st *style, found string) {
	if nb.st == nil {
		return nil, ""
	}
	for i := 0; i < 32 && id != ""; i++ {
		s := nb.st.style(id)
		if s == nil {
			return nil, ""
		}
		if s.hasNum {
			return s, id
		}
		id = s.basedOn
	}
	return nil, ""
}

// ordinal returns the text Word shows before a paragraph's own text ("" when not numbered),
// and advances the counters.
func (nb *numberer) ordinal(p *paragraph) string { return string(nb.appendOrdinal(nil, p)) }

// appendOrdinal is ordinal appending the text to dst.
func (nb *numberer) appendOrdinal(dst []byte, p *paragraph) []byte {
	if nb.num == nil {
		return dst
	}
	styleID := p.style
	if styleID == "" && nb.st != nil {
		styleID = nb.st.defaultParID
	}
	numID, ilvl, lvlKnown := p.numID, p.ilvl, p.hasLvl
	if !p.hasNum {
		s, _ := nb.styleNumbering(styleID)
		if s == nil {
			return dst
		}
		numID = s.numID
		if !lvlKnown && s.hasLvl {
			ilvl, lvlKnown = s.ilvl, true
		}
	}
	if numID == "" || numID == "0" || ilvl < 0 || ilvl >= maxLevels {
		return dst
	}
	inst, abs := nb.resolve(numID)
	if inst == nil || abs == nil {
		return dst
	}
	if !lvlKnown {
		// A level bound to the paragraph's style by its w:pStyle.
		for k, l := range abs.levels {
			if l != nil && l.pStyle != "" && l.pStyle == styleID {
				ilvl = k
				break
			}
		}
	}
	lv := func(k int) *level {
		if l := inst.overrides[k]; l != nil {
			return l
		}
		return abs.levels[k]
	}
	cur := lv(ilvl)
	if cur == nil {
		return dst
	}
	c := nb.counters[abs.id]
	if c == nil {
		c = &counters{}
		nb.counters[abs.id] = c
	}
	startOf := func(k int) int {
		if inst.hasStart[k] {
			return inst.starts[k]
		}
		if l := lv(k); l != nil {
			return l.start
		}
		return 1
	}
	if !inst.used {
		inst.used = true
		for k, ok := range inst.hasStart {
			if ok {
				c.used[k] = false
			}
		}
	}
	if c.used[ilvl] {
		c.value[ilvl]++
	} else {
		c.value[ilvl], c.used[ilvl] = startOf(ilvl), true
	}
	for k := ilvl + 1; k < maxLevels; k++ {
		l := lv(k)
		restart := -1
		if l != nil {
			restart = l.restart
		}
		if restart < 0 || ilvl < restart {
			c.used[k] = false
		}
	}
	if cur.format == "bullet" {
		return dst // a bullet is a glyph, not text
	}
	b := len(dst) // the ordinal is dst[b:]
	text := cur.text
	for i := 0; i < len(text) && len(dst)-b <= maxOrdinal; i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			k := int(text[i+1] - '1')
			i++
			v := startOf(k)
			if c.used[k] {
				v = c.value[k]
			}
			format := "decimal"
			if l := lv(k); l != nil && !cur.legal {
				format = l.format
			}
			dst = appendOrdinal(dst, v, format)
			continue
		}
		dst = append(dst, text[i])
	}
	if len(dst) == b || len(dst)-b > maxOrdinal {
		return dst[:b] // no list numbers a paragraph with more: it is not an ordinal a reader sees
	}
	return append(dst, cur.suffix...)
}

// resolve finds a numbering instance and its abstract definition, following numStyleLink.
func (nb *numberer) resolve(numID string) (*numInstance, *abstractNum) {
	inst := nb.num.nums[numID]
	if inst == nil {
		return nil, nil
	}
	abs := nb.num.abstract[inst.abstract]
	for i := 0; i < 8 && abs != nil && abs.styleLink != "" && abs.empty(); i++ {
		s, _ := nb.styleNumbering(abs.styleLink)
		if s == nil || nb.num.nums[s.numID] == nil {
			return inst, nil
		}
		abs = nb.num.abstract[nb.num.nums[s.numID].abstract]
	}
	return inst, abs
}

func (a *abstractNum) empty() bool {
	for _, l := range a.levels {
		if l != nil {
			return false
		}
	}
	return true
}

var (
	cjkDigits    = []rune("〇一二三四五六七八九")
	legalDigits  = []rune("零壹贰叁肆伍陆柒捌玖")
	cjkUnits     = []rune("十百千")
	legalUnits   = []rune("拾佰仟")
	heavenly     = []rune("甲乙丙丁戊己庚辛壬癸")
	earthly      = []rune("子丑寅卯辰巳午未申酉戌亥")
	circled      = []rune("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
	parenthesize = []rune("⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇")
	fullStop     = []rune("⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛")
)

// Bounds on what numbering adds to a paragraph, whatever numbering.xml says: a real ordinal
// is a few characters ("（十二）", "1.2.3."), so each paragraph's text grows by at most maxOrdinal
// bytes and a crafted list cannot multiply a small file into gigabytes.
const (
	maxLetters = 4   // upperLetter/lowerLetter: up to DDDD (104)
	maxOrdinal = 128 // bytes of one paragraph's ordinal, lvlText included
)

// FormatOrdinal writes a number in one of Word's numFmt formats; formats it does not know
// come out in decimal.
func FormatOrdinal(n int, format string) string { return string(appendOrdinal(nil, n, format)) }

// appendOrdinal is FormatOrdinal appending to dst.
func appendOrdinal(dst []byte, n int, format string) []byte {
	if n < 0 {
		n = 0
	}
	switch format {
	case "none", "bullet":
		return dst
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
		"taiwaneseCountingThousand", "ideographLegalTraditional":
		return appendChineseCount(dst, n, cjkDigits, cjkUnits)
	case "chineseLegalSimplified":
		return appendChineseCount(dst, n, legalDigits, legalUnits)
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		for _, c := range strconv.AppendInt(make([]byte, 0, 20), int64(n), 10) {
			dst = utf8.AppendRune(dst, cjkDigits[c-'0'])
		}
		return dst
	case "ideographTraditional":
		return appendCyclic(dst, n, heavenly)
	case "ideographZodiac":
		return appendCyclic(dst, n, earthly)
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle":
		return appendEnclosed(dst, n, circled)
	case "decimalEnclosedParen":
		return appendEnclosed(dst, n, parenthesize)
	case "decimalEnclosedFullstop":
		return appendEnclosed(dst, n, fullStop)
	case "decimalFullWidth", "decimalFullWidth2":
		for _, c := range strconv.AppendInt(make([]byte, 0, 20), int64(n), 10) {
			dst = utf8.AppendRune(dst, rune(c-'0')+'０')
		}
		return dst
	case "decimalZero":
		if n < 10 {
			return strconv.AppendInt(append(dst, '0'), int64(n), 10)
		}
	case "upperLetter", "lowerLetter":
		if n < 1 {
			break
		}
		base := byte('A')
		if format == "lowerLetter" {
			base = 'a'
		}
		// Word repeats the letter: A…Z, AA…ZZ, AAA…; beyond maxLetters letters no list goes,
		// and the number is written in digits (a start of ten million would take 400,000).
		if (n-1)/26+1 > maxLetters {
			break
		}
		for range (n-1)/26 + 1 {
			dst = append(dst, base+byte((n-1)%26))
		}
		return dst
	case "upperRoman", "lowerRoman":
		if n < 1 || n >= 4000 {
			break
		}
		return appendRoman(dst, n, format == "lowerRoman")
	}
	return strconv.AppendInt(dst, int64(n), 10)
}

// appendChineseCount writes n < 10000 the way it is read: 十, 十一, 二十, 一百零五, 一千二百.
func appendChineseCount(dst []byte, n int, digits, units []rune) []byte {
	if n >= 10000 {
		return strconv.AppendInt(dst, int64(n), 10)
	}
	if n < 10 {
		return utf8.AppendRune(dst, digits[n])
	}
	pow := [...]int{1000, 100, 10}
	zero := false
	started := false
	for i, p := range pow {
		d := n / p % 10
		if d == 0 {
			zero = started
			continue
		}
		if zero {
			dst = utf8.AppendRune(dst, '零')
			zero = false
		}
		if !(p == 10 && d == 1 && !started) {
			dst = utf8.AppendRune(dst, digits[d])
		}
		dst = utf8.AppendRune(dst, units[2-i])
		started = true
	}
	if d := n % 10; d > 0 {
		if zero {
			dst = utf8.AppendRune(dst, '零')
		}
		dst = utf8.AppendRune(dst, digits[d])
	}
	return dst
}

func appendCyclic(dst []byte, n int, set []rune) []byte {
	if n < 1 {
		return strconv.AppendInt(dst, int64(n), 10)
	}
	return utf8.AppendRune(dst, set[(n-1)%len(set)])
}

func appendEnclosed(dst []byte, n int, set []rune) []byte {
	if n < 1 || n > len(set) {
		return strconv.AppendInt(dst, int64(n), 10)
	}
	return utf8.AppendRune(dst, set[n-1])
}

// appendRoman writes 0 < n < 4000 in Roman numerals, in capitals or in lower case.
func appendRoman(dst []byte, n int, lower bool) []byte {
	vals := [...]int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := [...]string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	for i, v := range vals {
		for n >= v {
			for _, c := range []byte(syms[i]) {
				if lower {
					c += 'a' - 'A'
				}
				dst = append(dst, c)
			}
			n -= v
		}
	}
	return dst
}
