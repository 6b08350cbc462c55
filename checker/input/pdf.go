//go:build !fzlintpage

package input

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// The .pdf reader. pdfcpu reads the file's objects (cross-reference tables and streams, object
// streams, filters, the standard security handler) and the page tree; the text layer is read
// here: each page's content stream is run through the text operators (ISO 32000-1 §9), each
// glyph mapped to Unicode by its font's ToUnicode CMap (or the predefined encodings Chinese
// PDFs use), placed on the page, and paragraphsOf rebuilds lines and paragraphs.

// Limits of the PDF reader, beyond the file size and the container limits every reader keeps.
const (
	pdfMaxPages  = 2000             // a report has tens of pages
	pdfMaxGlyphs = 4 << 20          // glyphs in the whole document
	pdfMaxOps    = 16 << 20         // content stream operators in the whole document
	pdfMaxForms  = 8                // nesting of form XObjects
	pdfTimeout   = 20 * time.Second // reading the objects (pdfcpu)
)

func init() {
	// pdfcpu would otherwise write its configuration directory under the user's home on the
	// first read; fzlint writes nothing but its outputs.
	model.ConfigPath = "disable"
}

// DecodePDF reads the text layer of a PDF: one line per rebuilt paragraph, positions mapped to
// page and line. A PDF without text (a scan) is unreadable, with what to do.
func DecodePDF(data []byte) (t *Text, err error) {
	defer func() {
		if r := recover(); r != nil { // pdfcpu panics on some malformed files
			t, err = nil, &Unreadable{fmt.Sprintf("PDF 文件已损坏，无法读取（%v）", r)}
		}
	}()
	if !bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\n\r "), []byte("%PDF-")) && !bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")) {
		return nil, &Unreadable{"不是有效的 PDF 文件（缺少 %PDF 文件头）"}
	}
	ctx, cancel := context.WithTimeout(context.Background(), pdfTimeout)
	defer cancel()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	pc, err := pdfcpu.ReadWithContext(ctx, bytes.NewReader(data), conf)
	if err != nil {
		return nil, pdfError(err)
	}
	if err := checkEntries("pdf", len(pc.XRefTable.Table)); err != nil {
		return nil, err
	}
	if err := pc.EnsurePageCount(); err != nil {
		return nil, pdfError(err)
	}
	if pc.PageCount > pdfMaxPages {
		return nil, &Unreadable{fmt.Sprintf("PDF 页数过多（%d 页），不像是一份报告", pc.PageCount)}
	}
	r := &pdfReader{x: pc.XRefTable, fonts: map[types.IndirectRef]*pdfFont{}}
	pages := make([]layoutPage, 0, pc.PageCount)
	for n := 1; n <= pc.PageCount; n++ {
		d, _, inh, err := pc.PageDict(n, false)
		if err != nil || d == nil {
			return nil, &Unreadable{fmt.Sprintf("PDF 第 %d 页无法读取：%v", n, err)}
		}
		res := r.dict(d["Resources"])
		if res == nil && inh != nil {
			res = inh.Resources
		}
		height := 842.0 // A4
		if inh != nil && inh.MediaBox != nil {
			height = inh.MediaBox.UR.Y
		} else if a := r.array(d["MediaBox"]); len(a) == 4 {
			if v, ok := r.number(a[3]); ok {
				height = v
			}
		}
		content, err := r.contents(nil, d["Contents"])
		if err != nil {
			return nil, err
		}
		r.glyphs = nil
		r.height = height
		if err := r.run(content, res, identity, 0); err != nil {
			return nil, err
		}
		pages = append(pages, layoutPage{Glyphs: r.glyphs})
	}
	if r.total == 0 {
		if r.unmapped > 0 {
			return nil, &Unreadable{"PDF 的字体没有文字编码表（ToUnicode），文字无法提取：请向报送单位索要 .docx 原稿，或用 Word/WPS 重新导出 PDF"}
		}
		return nil, &Unreadable{"扫描件，没有文字层：请向报送单位索要由 Word/WPS 导出的 PDF 或 .docx 原稿；也可先用 OCR 识别出文字再检查"}
	}
	lines, m := paragraphsOf(pages)
	if len(lines) == 0 {
		return nil, &Unreadable{"扫描件，没有文字层：请向报送单位索要由 Word/WPS 导出的 PDF 或 .docx 原稿；也可先用 OCR 识别出文字再检查"}
	}
	return &Text{Lines: lines, Encoding: UTF8, EOL: "\n", Map: m}, nil
}

// pdfError says in Chinese why pdfcpu could not read a file.
func pdfError(err error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return &Unreadable{"PDF 读取超时，文件可能已损坏或结构异常"}
	case strings.Contains(msg, "password") || strings.Contains(msg, "encrypt"):
		return &Unreadable{"PDF 已加密，需要密码才能打开：请向报送单位索要未加密的版本"}
	}
	return &Unreadable{"PDF 文件已损坏，无法读取：" + msg}
}

// pdfMatrix is [a b c d e f] (ISO 32000-1 §8.3.3).
type pdfMatrix [6]float64

var identity = pdfMatrix{1, 0, 0, 1, 0, 0}

// mul returns m×n.
func (m pdfMatrix) mul(n pdfMatrix) pdfMatrix {
	return pdfMatrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func translate(x, y float64) pdfMatrix { return pdfMatrix{1, 0, 0, 1, x, y} }

type pdfState struct {
	ctm                      pdfMatrix
	font                     *pdfFont
	size, tc, tw, tz, tl, ts float64
}

type pdfReader struct {
	x        *model.XRefTable
	fonts    map[types.IndirectRef]*pdfFont
	glyphs   []glyph
	height   float64
	total    int // glyphs with text, whole document
	unmapped int // glyphs no encoding could map
	ops      int
	expanded uint64
}

func (r *pdfReader) number(o types.Object) (float64, bool) {
	o, _ = r.x.Dereference(o)
	switch v := o.(type) {
	case types.Integer:
		return float64(v), true
	case types.Float:
		return float64(v), true
	}
	return 0, false
}

func (r *pdfReader) dict(o types.Object) types.Dict {
	o, _ = r.x.Dereference(o)
	switch v := o.(type) {
	case types.Dict:
		return v
	case types.StreamDict:
		return v.Dict
	}
	return nil
}

// stream decodes a stream object, within the limits.
func (r *pdfReader) stream(o types.Object) ([]byte, types.Dict, error) {
	o, _ = r.x.Dereference(o)
	sd, ok := o.(types.StreamDict)
	if !ok {
		return nil, nil, nil
	}
	b, err := sd.DecodeLengthWithLimit(-1, maxPart)
	if err != nil {
		return nil, sd.Dict, nil // a stream that does not decode shows nothing
	}
	r.expanded += uint64(len(b))
	if err := checkExpanded("pdf", r.expanded); err != nil {
		return nil, nil, err
	}
	return b, sd.Dict, nil
}

// contents returns a page's content: one stream or an array of them, concatenated.
func (r *pdfReader) contents(arr types.Array, o types.Object) ([]byte, error) {
	if o == nil {
		return nil, nil
	}
	if arr == nil {
		if a, ok := func() (types.Array, bool) { d, _ := r.x.Dereference(o); a, ok := d.(types.Array); return a, ok }(); ok {
			arr = a
		}
	}
	if arr == nil {
		b, _, err := r.stream(o)
		return b, err
	}
	var all []byte
	for _, s := range arr {
		b, _, err := r.stream(s)
		if err != nil {
			return nil, err
		}
		all = append(all, b...)
		all = append(all, '\n')
	}
	return all, nil
}

// run interprets a content stream with its resources, drawing glyphs into r.glyphs.
func (r *pdfReader) run(content []byte, res types.Dict, ctm pdfMatrix, depth int) error {
	lx := pdfLexer{b: content}
	st := pdfState{ctm: ctm, tz: 1}
	var stack []pdfState
	var tm, tlm pdfMatrix
	var args []pdfTok
	var arr []pdfTok // the elements of an array operand (TJ)
	inArr, dictDepth := 0, 0
	fontRes := r.dict(res["Font"])
	xobjRes := r.dict(res["XObject"])
	for {
		t := lx.next()
		switch t.kind {
		case tokEOF:
			return nil
		case tokArrOpen:
			inArr++
			arr = arr[:0]
			continue
		case tokArrClose:
			inArr--
			args = append(args, pdfTok{kind: tokArrOpen})
			continue
		case tokDictOpen:
			dictDepth++
			continue
		case tokDictClose:
			dictDepth--
			continue
		}
		if dictDepth > 0 {
			continue
		}
		if t.kind != tokOp {
			if inArr > 0 {
				arr = append(arr, t)
			} else {
				args = append(args, t)
			}
			continue
		}
		if inArr > 0 {
			continue // an operator inside an array: malformed, ignored
		}
		r.ops++
		if r.ops > pdfMaxOps {
			return &Unreadable{"PDF 的页面内容过多，不像是一份报告"}
		}
		num := func(i int) float64 {
			if i < len(args) && args[i].kind == tokNum {
				return args[i].num
			}
			return 0
		}
		switch t.s {
		case "q":
			if len(stack) < maxDepth {
				stack = append(stack, st)
			}
		case "Q":
			if len(stack) > 0 {
				st, stack = stack[len(stack)-1], stack[:len(stack)-1]
			}
		case "cm":
			if len(args) == 6 {
				st.ctm = pdfMatrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(st.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(args) == 2 && args[0].kind == tokName {
				st.font = r.font(fontRes[args[0].s])
				st.size = num(1)
			}
		case "Tc":
			st.tc = num(0)
		case "Tw":
			st.tw = num(0)
		case "Tz":
			st.tz = num(0) / 100
		case "TL":
			st.tl = num(0)
		case "Ts":
			st.ts = num(0)
		case "Td":
			tlm = translate(num(0), num(1)).mul(tlm)
			tm = tlm
		case "TD":
			st.tl = -num(1)
			tlm = translate(num(0), num(1)).mul(tlm)
			tm = tlm
		case "Tm":
			if len(args) == 6 {
				tlm = pdfMatrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			tlm = translate(0, -st.tl).mul(tlm)
			tm = tlm
		case "Tj":
			if len(args) > 0 && args[len(args)-1].kind == tokStr {
				if err := r.show(&st, &tm, args[len(args)-1].s); err != nil {
					return err
				}
			}
		case "'", "\"":
			if t.s == "\"" && len(args) == 3 {
				st.tw, st.tc = num(0), num(1)
			}
			tlm = translate(0, -st.tl).mul(tlm)
			tm = tlm
			if len(args) > 0 && args[len(args)-1].kind == tokStr {
				if err := r.show(&st, &tm, args[len(args)-1].s); err != nil {
					return err
				}
			}
		case "TJ":
			for _, e := range arr {
				switch e.kind {
				case tokStr:
					if err := r.show(&st, &tm, e.s); err != nil {
						return err
					}
				case tokNum:
					tm = translate(-e.num/1000*st.size*st.tz, 0).mul(tm)
				}
			}
		case "Do":
			if len(args) == 1 && args[0].kind == tokName {
				if err := r.xobject(xobjRes[args[0].s], res, st.ctm, depth); err != nil {
					return err
				}
			}
		case "BI":
			// inline image: its dictionary runs to ID, then binary data to EI
			for {
				u := lx.next()
				if u.kind == tokEOF || u.kind == tokOp && u.s == "ID" {
					break
				}
			}
			lx.skipInlineImage()
		}
		args = args[:0]
		arr = arr[:0]
	}
}

// xobject draws a form XObject (its own content and resources, under its matrix) or counts an
// image.
func (r *pdfReader) xobject(o types.Object, parentRes types.Dict, ctm pdfMatrix, depth int) error {
	if o == nil {
		return nil
	}
	d := r.dict(o)
	if d == nil {
		return nil
	}
	switch sub := d.NameEntry("Subtype"); {
	case sub != nil && *sub == "Image":
		return nil
	case sub == nil || *sub != "Form" || depth >= pdfMaxForms:
		return nil
	}
	content, d, err := r.stream(o)
	if err != nil || content == nil {
		return err
	}
	m := identity
	if a := d.ArrayEntry("Matrix"); len(a) == 6 {
		for i := range a {
			m[i], _ = r.number(a[i])
		}
	}
	res := r.dict(d["Resources"])
	if res == nil {
		res = parentRes
	}
	return r.run(content, res, m.mul(ctm), depth+1)
}

// show draws a string with the current font, advancing the text matrix.
func (r *pdfReader) show(st *pdfState, tm *pdfMatrix, s string) error {
	f := st.font
	if f == nil {
		f = fallbackFont
	}
	for len(s) > 0 {
		code, n := f.code(s)
		text := f.text(s[:n], code)
		s = s[n:]
		w0 := f.width(code)
		trm := pdfMatrix{st.size * st.tz, 0, 0, st.size, 0, st.ts}.mul(tm.mul(st.ctm))
		tx := w0 * st.size
		tx += st.tc
		if n == 1 && code == 32 {
			tx += st.tw
		}
		tx *= st.tz
		*tm = translate(tx, 0).mul(*tm)
		end := pdfMatrix{st.size * st.tz, 0, 0, st.size, 0, st.ts}.mul(tm.mul(st.ctm))
		size := math.Hypot(trm[2], trm[3])
		if text == "" {
			if !f.mapped {
				r.unmapped++
			}
			continue
		}
		r.total++
		if r.total > pdfMaxGlyphs {
			return &Unreadable{"PDF 的文字过多，不像是一份报告"}
		}
		r.glyphs = append(r.glyphs, glyph{X: trm[4], Y: r.height - trm[5], W: end[4] - trm[4], Size: size, Text: text})
	}
	return nil
}

// pdfFont is what the reader needs of a font: how to cut a string into codes, what each code
// means in Unicode, and how wide it is (in text space units per unit of font size).
type pdfFont struct {
	twoByte bool
	spaces  []codeSpace       // from the encoding CMap, when it has them
	toUni   map[uint64]string // ToUnicode: key n<<32|code
	decode  func([]byte) string
	mapped  bool // some map from codes to text exists
	widths  map[uint32]float64
	dw      float64
}

type codeSpace struct {
	n      int
	lo, hi uint32
}

var fallbackFont = &pdfFont{dw: 0.5, decode: func(b []byte) string { return latin1(b) }, mapped: true}

func latin1(b []byte) string {
	s, _ := charmap.Windows1252.NewDecoder().Bytes(b)
	return string(s)
}

func (f *pdfFont) code(s string) (uint32, int) {
	for _, cs := range f.spaces {
		if cs.n <= len(s) {
			c := codeOf(s[:cs.n])
			if c >= cs.lo && c <= cs.hi {
				return c, cs.n
			}
		}
	}
	n := 1
	if f.twoByte && len(s) >= 2 {
		n = 2
	}
	return codeOf(s[:n]), n
}

func codeOf(s string) uint32 {
	var c uint32
	for i := 0; i < len(s); i++ {
		c = c<<8 | uint32(s[i])
	}
	return c
}

func (f *pdfFont) text(raw string, code uint32) string {
	if f.toUni != nil {
		if t, ok := f.toUni[uint64(len(raw))<<32|uint64(code)]; ok {
			return t
		}
	}
	if f.decode != nil {
		return f.decode([]byte(raw))
	}
	return ""
}

func (f *pdfFont) width(code uint32) float64 {
	if w, ok := f.widths[code]; ok {
		return w
	}
	return f.dw
}

// font reads a font dictionary once.
func (r *pdfReader) font(o types.Object) *pdfFont {
	ref, isRef := o.(types.IndirectRef)
	if isRef {
		if f, ok := r.fonts[ref]; ok {
			return f
		}
	}
	f := r.readFont(r.dict(o))
	if isRef {
		r.fonts[ref] = f
	}
	return f
}

func (r *pdfReader) readFont(d types.Dict) *pdfFont {
	if d == nil {
		return fallbackFont
	}
	f := &pdfFont{widths: map[uint32]float64{}}
	sub := d.NameEntry("Subtype")
	scale := 0.001
	if sub != nil && *sub == "Type3" {
		if a := d.ArrayEntry("FontMatrix"); len(a) == 6 {
			scale, _ = r.number(a[0])
		}
	}
	if sub != nil && *sub == "Type0" {
		f.twoByte = true
		f.dw = 1
		enc, _ := r.x.Dereference(d["Encoding"])
		switch e := enc.(type) {
		case types.Name:
			name := string(e)
			switch {
			case strings.Contains(name, "UCS2") || strings.Contains(name, "UTF16"):
				f.decode, f.mapped = utf16BE, true
			case strings.HasPrefix(name, "GB") && strings.Contains(name, "EUC"):
				f.twoByte = false
				f.spaces = []codeSpace{{1, 0, 0x80}, {2, 0x8140, 0xfefe}}
				f.decode, f.mapped = gbk, true
			}
		case types.StreamDict:
			if b, _, err := r.stream(enc); err == nil && b != nil {
				f.spaces, _ = parseCMap(b)
			}
		}
		if kids := r.array(d["DescendantFonts"]); len(kids) > 0 {
			if cid := r.dict(kids[0]); cid != nil {
				if v, ok := r.number(cid["DW"]); ok {
					f.dw = v * scale
				}
				r.cidWidths(f, cid["W"], scale)
			}
		}
	} else {
		f.dw = 0.5
		first := 0.0
		if v, ok := r.number(d["FirstChar"]); ok {
			first = v
		}
		if a := r.array(d["Widths"]); a != nil {
			for i, w := range a {
				if v, ok := r.number(w); ok {
					f.widths[uint32(first)+uint32(i)] = v * scale
				}
			}
		}
		f.decode, f.mapped = simpleDecoder(r, d)
	}
	if b, _, err := r.stream(d["ToUnicode"]); err == nil && b != nil {
		spaces, uni := parseCMap(b)
		if len(uni) > 0 {
			f.toUni, f.mapped = uni, true
			if len(f.spaces) == 0 {
				f.spaces = spaces
			}
		}
	}
	return f
}

// cidWidths reads the W array of a CIDFont: c [w1 w2 …] or c1 c2 w.
func (r *pdfReader) cidWidths(f *pdfFont, o types.Object, scale float64) {
	a := r.array(o)
	for i := 0; i < len(a); {
		c, ok := r.number(a[i])
		if !ok || i+1 >= len(a) {
			return
		}
		if list := r.array(a[i+1]); list != nil {
			for k, w := range list {
				if v, ok := r.number(w); ok && k < 65536 {
					f.widths[uint32(c)+uint32(k)] = v * scale
				}
			}
			i += 2
			continue
		}
		if i+2 >= len(a) {
			return
		}
		hi, _ := r.number(a[i+1])
		w, _ := r.number(a[i+2])
		for k := c; k <= hi && k-c < 65536; k++ {
			f.widths[uint32(k)] = w * scale
		}
		i += 3
	}
}

// simpleDecoder maps the one-byte codes of a simple font: WinAnsi (Windows-1252) with the
// Differences whose glyph names say their character (uniXXXX, or one letter).
func simpleDecoder(r *pdfReader, d types.Dict) (func([]byte) string, bool) {
	diff := map[byte]string{}
	if ed := r.dict(d["Encoding"]); ed != nil {
		code := 0
		for _, o := range r.array(ed["Differences"]) {
			o, _ = r.x.Dereference(o)
			switch v := o.(type) {
			case types.Integer:
				code = int(v)
			case types.Name:
				if s := glyphName(string(v)); s != "" && code >= 0 && code < 256 {
					diff[byte(code)] = s
				}
				code++
			}
		}
	}
	return func(b []byte) string {
		if s, ok := diff[b[0]]; ok {
			return s
		}
		return latin1(b)
	}, true
}

// glyphName returns the text of a glyph name that says it: uni4E00, u4E00, or a single
// character.
func glyphName(n string) string {
	for _, p := range []string{"uni", "u"} {
		if strings.HasPrefix(n, p) && len(n) >= len(p)+4 {
			var v uint32
			if _, err := fmt.Sscanf(n[len(p):len(p)+4], "%04X", &v); err == nil {
				return string(rune(v))
			}
		}
	}
	if utf8.RuneCountInString(n) == 1 {
		return n
	}
	return ""
}

func utf16BE(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}

func gbk(b []byte) string {
	s, err := simplifiedchinese.GBK.NewDecoder().Bytes(b)
	if err != nil {
		return ""
	}
	return string(s)
}

// parseCMap reads the code space ranges and the bfchar/bfrange mappings of a CMap.
func parseCMap(b []byte) ([]codeSpace, map[uint64]string) {
	lx := pdfLexer{b: b}
	var spaces []codeSpace
	uni := map[uint64]string{}
	var strs []pdfTok
	const maxMappings = 1 << 17
	for {
		t := lx.next()
		switch t.kind {
		case tokEOF:
			return spaces, uni
		case tokStr, tokArrOpen, tokArrClose:
			strs = append(strs, t)
			continue
		case tokOp:
		default:
			continue
		}
		switch t.s {
		case "endcodespacerange":
			for i := 0; i+1 < len(strs); i += 2 {
				lo, hi := strs[i].s, strs[i+1].s
				if len(lo) > 0 && len(lo) <= 4 && len(lo) == len(hi) {
					spaces = append(spaces, codeSpace{len(lo), codeOf(lo), codeOf(hi)})
				}
			}
		case "endbfchar":
			for i := 0; i+1 < len(strs); i += 2 {
				if k := strs[i].s; len(k) > 0 && len(k) <= 4 && len(uni) < maxMappings {
					uni[uint64(len(k))<<32|uint64(codeOf(k))] = utf16BE([]byte(strs[i+1].s))
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(strs); {
				lo, hi := strs[i].s, strs[i+1].s
				if len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) {
					break
				}
				l, h := codeOf(lo), codeOf(hi)
				if strs[i+2].kind == tokArrOpen { // [<d1> <d2> …]
					j := i + 3
					for c := l; j < len(strs) && strs[j].kind == tokStr; c++ {
						if len(uni) < maxMappings && c <= h {
							uni[uint64(len(lo))<<32|uint64(c)] = utf16BE([]byte(strs[j].s))
						}
						j++
					}
					i = j + 1 // past ]
					continue
				}
				dst := []byte(strs[i+2].s)
				for c := l; c <= h && len(uni) < maxMappings && len(dst) >= 2; c++ {
					d := append([]byte(nil), dst...)
					last := uint32(d[len(d)-2])<<8 | uint32(d[len(d)-1])
					last += c - l
					d[len(d)-2], d[len(d)-1] = byte(last>>8), byte(last)
					uni[uint64(len(lo))<<32|uint64(c)] = utf16BE(d)
					if c == math.MaxUint32 {
						break
					}
				}
				i += 3
			}
		}
		strs = strs[:0]
	}
}

func (r *pdfReader) array(o types.Object) types.Array {
	o, _ = r.x.Dereference(o)
	a, _ := o.(types.Array)
	return a
}
