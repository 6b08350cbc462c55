//go:build !fzlintpage

package input

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
	"golang.org/x/text/encoding/charmap"
)

// Word 97–2003 binary documents ([MS-DOC]), which is also what WPS writes as .wps: an OLE2
// compound file whose WordDocument stream starts with the FIB. The FIB locates, in the table
// stream, the piece table (where each run of the text is and whether it is stored as UTF-16 or
// as cp1252 bytes), the property pages of the paragraphs and characters (FKPs), the styles and
// the list tables. The main document is the first ccpText characters; footnotes, headers,
// comments and text boxes follow it and are not read, as the .docx reader reads only the body.

const (
	fibEncrypted  = 0x0100 // FibBase flags
	fibWhichTable = 0x0200
	fibObfuscated = 0x8000

	// Indices of the fc/lcb pairs in FibRgFcLcb97.
	fcStshf       = 1
	fcPlcfSed     = 6
	fcPlcfBteChpx = 12
	fcPlcfBtePapx = 13
	fcClx         = 33
	fcPlfLst      = 73
	fcPlfLfo      = 74

	docMaxPieces = maxEntries // a report saved by Word has a few pieces, fast saves some hundreds
)

const (
	reasonDocEncrypted = "文件已加密（设置了打开密码），无法读取：请在 Word 或 WPS 中打开，取消密码（Word：文件 → 信息 → 保护文档；WPS：文件 → 文档加密）后另存为 .docx 再检查"
	reasonDocNotWord   = "不是 Word 97–2003 格式，也不是 WPS 2003 以后的 .wps（可能是旧版 WPS 或 Microsoft Works 文档）：请用 WPS 或 Word 打开，另存为 .docx 后再检查"
	reasonDocOld       = "这是 Word 6.0/95 或更早版本的 .doc 格式：请用 Word 或 WPS 打开，另存为 .docx 后再检查"
)

// DecodeDoc reads a Word 97–2003 .doc (or a .wps written by WPS 2003 and later): one line per
// paragraph of the main document, in order, table cells included. Automatic numbering is
// turned into the ordinal the reader sees, as in DecodeDocx; deleted revisions, hidden text
// and field codes are not text (a field's result is). A .docx, a web page or an RTF file
// given the .doc name is recognised by its first bytes.
func DecodeDoc(data []byte) (*Text, error) {
	if len(data) > maxBytes {
		return nil, &Unreadable{fmt.Sprintf("文件过大（%d MB），不像是一份报告", len(data)>>20)}
	}
	if !bytes.HasPrefix(data, oleMagic) {
		return decodeNotOLE(data)
	}
	cf, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, docCorrupt("不是有效的 Word 97–2003 复合文档：" + err.Error())
	}
	if err := checkEntries("doc", len(cf.File)); err != nil {
		return nil, err
	}
	streams := map[string]*mscfb.File{}
	var total uint64
	for _, f := range cf.File {
		if f.FileInfo().IsDir() {
			continue
		}
		total += uint64(f.Size)
		if len(f.Path) == 0 {
			streams[f.Name] = f
		}
	}
	if err := checkExpanded("doc", total); err != nil {
		return nil, err
	}
	if streams["EncryptedPackage"] != nil {
		return nil, &Unreadable{reasonDocEncrypted}
	}
	if streams["WordDocument"] == nil {
		return nil, &Unreadable{reasonDocNotWord}
	}
	word, err := readStream(streams["WordDocument"], len(data))
	if err != nil {
		return nil, err
	}
	lines, err := docLines(word, func(name string) ([]byte, error) {
		if streams[name] == nil {
			return nil, docCorrupt("缺少表格流 " + name)
		}
		return readStream(streams[name], len(data))
	})
	if err != nil {
		return nil, err
	}
	if blank(strings.Join(lines, "")) {
		return nil, &Unreadable{"文件为空：文档中没有文字"}
	}
	eol := ""
	if len(lines) > 1 {
		eol = "\n"
	}
	return &Text{Lines: lines, Encoding: UTF8, EOL: eol}, nil
}

// decodeNotOLE reads what is given a .doc or .wps name without being a compound file: a .docx
// (WPS and users rename them), a web page (what many OA systems export as “Word”), or refuses
// it with what it is.
func decodeNotOLE(data []byte) (*Text, error) {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	lower := bytes.ToLower(head)
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return DecodeDocx(data)
	case bytes.HasPrefix(head, []byte(`{\rtf`)):
		return nil, &Unreadable{"这是 RTF 格式的文件（只是扩展名为 .doc）：请用 Word 或 WPS 打开，另存为 .docx 后再检查"}
	case bytes.HasPrefix(lower, []byte("mime-version:")):
		return nil, &Unreadable{"这是 MHT 网页存档（只是扩展名为 .doc）：请用 Word 或 WPS 打开，另存为 .docx 后再检查"}
	case bytes.HasPrefix(lower, []byte("<")) && (bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<!doctype html"))):
		return DecodeHTML(data)
	}
	return nil, &Unreadable{reasonDocNotWord}
}

// readStream reads one stream of the compound file, within the limits of a container part. A
// stream larger than the file holds sectors more than once: the file is corrupt or built to
// hurt.
func readStream(f *mscfb.File, fileSize int) ([]byte, error) {
	if err := checkPart("doc", f.Name, uint64(f.Size)); err != nil {
		return nil, err
	}
	if f.Size > int64(fileSize) {
		return nil, docCorrupt(f.Name + " 流的长度超过了文件本身")
	}
	b := make([]byte, f.Size)
	if _, err := io.ReadFull(f, b); err != nil {
		return nil, docCorrupt(f.Name + " 流无法读取：" + err.Error())
	}
	return b, nil
}

// docLines reads the paragraphs of the main document from the WordDocument stream and the
// table stream the FIB names (0Table or 1Table), which table returns.
func docLines(word []byte, table func(name string) ([]byte, error)) ([]string, error) {
	fib, err := parseFib(word)
	if err != nil {
		return nil, err
	}
	name := "0Table"
	if fib.flags&fibWhichTable != 0 {
		name = "1Table"
	}
	tbl, err := table(name)
	if err != nil {
		return nil, err
	}
	d := &docReader{word: word, table: tbl, fib: fib}
	return d.read()
}

// docCorrupt says what is wrong with a damaged file and what to do.
func docCorrupt(what string) error {
	return &Unreadable{"文件已损坏（" + what + "）：请用 Word 或 WPS 打开，另存为 .docx 后再检查；打不开时请报送单位重新提供"}
}

// fib is what the reader needs of the File Information Block.
type fib struct {
	flags   uint16
	ccpText int
	fcLcb   []byte // FibRgFcLcb: pairs of little-endian uint32
}

func parseFib(word []byte) (*fib, error) {
	if len(word) < 34 || le16(word, 0) != 0xA5EC {
		return nil, &Unreadable{reasonDocNotWord}
	}
	f := &fib{flags: le16(word, 10)}
	if nFib := le16(word, 2); nFib < 0xC0 {
		return nil, &Unreadable{reasonDocOld}
	}
	if f.flags&(fibEncrypted|fibObfuscated) != 0 {
		return nil, &Unreadable{reasonDocEncrypted}
	}
	pos := 32
	csw := int(le16(word, pos))
	pos += 2 + 2*csw
	cslw := int(le16(word, pos))
	lw := pos + 2
	pos = lw + 4*cslw
	cb := int(le16(word, pos))
	pos += 2
	if cslw < 4 || pos+8*cb > len(word) || cb <= fcPlfLfo {
		return nil, docCorrupt("Word 文件头（FIB）不完整")
	}
	ccp := int32(le32(word, lw+12))
	if ccp < 0 {
		return nil, docCorrupt("正文长度无效")
	}
	f.ccpText = int(ccp)
	f.fcLcb = word[pos : pos+8*cb]
	return f, nil
}

// in returns the bytes of the table stream that pair i of the FIB points to; nil when the
// pair is empty or points outside the stream.
func (f *fib) in(table []byte, i int) []byte {
	fc, lcb := le32(f.fcLcb, 8*i), le32(f.fcLcb, 8*i+4)
	if lcb == 0 || uint64(fc)+uint64(lcb) > uint64(len(table)) {
		return nil
	}
	return table[fc : fc+lcb]
}

// piece is a run of the text stored together: characters [cp, cpEnd) are at byte offset fc of
// the WordDocument stream, one byte each (cp1252) when compressed, else UTF-16LE.
type piece struct {
	cp, cpEnd  int
	fc         int
	compressed bool
}

func parsePieces(clx []byte) ([]piece, error) {
	bad := docCorrupt("文本片段表（piece table）无效")
	for i := 0; i < len(clx); {
		switch clx[i] {
		case 1: // Prc: formatting of fast-saved pieces
			if i+3 > len(clx) {
				return nil, bad
			}
			i += 3 + int(int16(le16(clx, i+1)))
			if i < 0 {
				return nil, bad
			}
		case 2: // Pcdt
			if i+5 > len(clx) {
				return nil, bad
			}
			lcb := int(le32(clx, i+1))
			plc := clx[i+5:]
			if lcb > len(plc) || lcb < 16 || (lcb-4)%12 != 0 {
				return nil, bad
			}
			n := (lcb - 4) / 12
			if n > docMaxPieces {
				return nil, &Unreadable{fmt.Sprintf(".doc 中的文本片段过多（%d 个），不像是一份报告", n)}
			}
			ps := make([]piece, n)
			for k := range ps {
				raw := le32(plc, 4*(n+1)+8*k+2)
				ps[k] = piece{
					cp:         int(le32(plc, 4*k)),
					cpEnd:      int(le32(plc, 4*k+4)),
					fc:         int(raw & 0x3FFFFFFF),
					compressed: raw&0x40000000 != 0,
				}
				if ps[k].compressed {
					ps[k].fc /= 2
				}
				if ps[k].cpEnd < ps[k].cp || (k > 0 && ps[k].cp != ps[k-1].cpEnd) {
					return nil, bad
				}
			}
			return ps, nil
		default:
			return nil, bad
		}
	}
	return nil, bad
}

// docReader walks the main document once, paragraph by paragraph.
type docReader struct {
	word, table []byte
	fib         *fib
	chp, pap    *binTable
	styles      map[int]*docStyle
	nb          *numberer
}

func (d *docReader) read() ([]string, error) {
	clx := d.fib.in(d.table, fcClx)
	if clx == nil {
		return nil, docCorrupt("缺少文本片段表（piece table）")
	}
	pieces, err := parsePieces(clx)
	if err != nil {
		return nil, err
	}
	d.chp = newBinTable(d.word, d.fib.in(d.table, fcPlcfBteChpx), false)
	d.pap = newBinTable(d.word, d.fib.in(d.table, fcPlcfBtePapx), true)
	d.styles = parseStyleSheet(d.fib.in(d.table, fcStshf))
	num := parseLists(d.table, d.fib)
	d.nb = newNumberer(num, nil)
	// A section mark (0x0C at the end of a section) ends a paragraph; elsewhere 0x0C is a page
	// break inside one, which is not text (as w:br is not in a .docx).
	sectionEnds := map[int]bool{}
	if sed := d.fib.in(d.table, fcPlcfSed); len(sed) >= 16 && (len(sed)-4)%16 == 0 {
		for k := 1; k <= (len(sed)-4)/16; k++ {
			sectionEnds[int(le32(sed, 4*k))-1] = true
		}
	}

	var (
		lines  []string
		cur    strings.Builder
		fields []bool // open fields, innermost last: true once past the separator (0x14)
		inCode int    // open fields still in their code: what they hold is not text
		size   int
	)
	var pending rune // a high surrogate waiting for its pair
	for _, p := range pieces {
		if p.cp >= d.fib.ccpText {
			break
		}
		end := p.cpEnd
		if end > d.fib.ccpText {
			end = d.fib.ccpText
		}
		width := 2
		if p.compressed {
			width = 1
		}
		if p.fc+(end-p.cp)*width > len(d.word) {
			return nil, docCorrupt("正文超出了 WordDocument 流")
		}
		for i := 0; i < end-p.cp; i++ {
			fc := p.fc + i*width
			var c rune
			if p.compressed {
				c = charmap.Windows1252.DecodeByte(d.word[fc])
			} else {
				c = rune(le16(d.word, fc))
			}
			chp := d.chp.at(fc)
			switch c {
			case 0x13:
				if len(fields) >= maxDepth {
					return nil, docCorrupt(fmt.Sprintf("域嵌套超过 %d 层", maxDepth))
				}
				fields = append(fields, false)
				inCode++
				continue
			case 0x14:
				if k := len(fields) - 1; k >= 0 && !fields[k] {
					fields[k] = true
					inCode--
				}
				continue
			case 0x15:
				if k := len(fields) - 1; k >= 0 {
					if !fields[k] {
						inCode--
					}
					fields = fields[:k]
				}
				continue
			case 0x0D, 0x07, 0x0C:
				if c == 0x0C && !sectionEnds[p.cp+i] {
					continue
				}
				if chp.deleted { // a deleted paragraph mark joins the paragraph to the next
					continue
				}
				pp := d.pap.at(fc)
				if pp.rowEnd && (c == 0x07 || cur.Len() == 0) {
					cur.Reset() // the mark that ends a table row is not a paragraph
					continue
				}
				line := d.ordinal(pp) + cur.String()
				size += len(line)
				if size > maxExpanded {
					return nil, &Unreadable{".doc 的正文过长，不像是一份报告"}
				}
				lines = append(lines, line)
				cur.Reset()
				continue
			}
			if chp.deleted || chp.hidden || inCode > 0 {
				continue
			}
			switch {
			case c == '\t':
			case c == 0x1E: // non-breaking hyphen
				c = '-'
			case c < 0x20: // objects, note references, optional hyphens, breaks
				continue
			case utf16.IsSurrogate(c):
				if c < 0xDC00 {
					pending = c
					continue
				}
				if pending == 0 {
					continue
				}
				c = utf16.DecodeRune(pending, c)
			}
			pending = 0
			cur.WriteRune(c)
		}
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines, nil
}

// ordinal returns the number the paragraph shows, from its own properties over its style's.
func (d *docReader) ordinal(pp *docProps) string {
	ilfo, ilvl := pp.ilfo, pp.ilvl
	if !pp.hasIlfo || !pp.hasIlvl {
		sIlfo, sIlvl := d.styleNumbering(pp.istd)
		if !pp.hasIlfo {
			ilfo = sIlfo
		}
		if !pp.hasIlvl {
			ilvl = sIlvl
		}
	}
	if ilfo <= 0 {
		return ""
	}
	return d.nb.ordinal(&paragraph{numID: strconv.Itoa(ilfo), ilvl: ilvl, hasNum: true, hasLvl: true})
}

// styleNumbering follows a style and those it is based on to the list and level it sets.
func (d *docReader) styleNumbering(istd int) (ilfo, ilvl int) {
	gotIlfo, gotIlvl := false, false
	for i := 0; i < 32; i++ {
		s := d.styles[istd]
		if s == nil {
			break
		}
		if s.hasIlfo && !gotIlfo {
			ilfo, gotIlfo = s.ilfo, true
		}
		if s.hasIlvl && !gotIlvl {
			ilvl, gotIlvl = s.ilvl, true
		}
		if gotIlfo && gotIlvl {
			break
		}
		istd = s.base
	}
	return ilfo, ilvl
}

// binTable is a PlcBte: which 512-byte page (FKP) of the WordDocument stream holds the
// properties of each range of stream offsets. Pages are decoded when first needed.
type binTable struct {
	word  []byte
	fcs   []uint32 // n+1 bounds
	pns   []uint32 // n page numbers
	para  bool     // paragraph (PAPX) pages, else character (CHPX) pages
	pages map[uint32]*fkp
	last  *fkp
}

// fkp is one decoded page: runs [fcs[i], fcs[i+1]) with their properties.
type fkp struct {
	fcs   []uint32
	props []docProps
}

// docProps are the properties the reader needs of a run of characters or of a paragraph.
type docProps struct {
	deleted, hidden bool // characters: sprmCFRMarkDel, sprmCFVanish
	istd            int  // paragraph style
	ilfo, ilvl      int  // sprmPIlfo, sprmPIlvl
	hasIlfo         bool
	hasIlvl         bool
	rowEnd          bool // sprmPFTtp, sprmPFInnerTtp: the mark ends a table row
}

var noProps docProps

func newBinTable(word, plc []byte, para bool) *binTable {
	t := &binTable{word: word, para: para, pages: map[uint32]*fkp{}}
	if len(plc) < 12 || (len(plc)-4)%8 != 0 {
		return t
	}
	n := (len(plc) - 4) / 8
	t.fcs = make([]uint32, n+1)
	t.pns = make([]uint32, n)
	for i := range t.fcs {
		t.fcs[i] = le32(plc, 4*i)
	}
	for i := range t.pns {
		t.pns[i] = le32(plc, 4*(n+1)+4*i) & 0x3FFFFF
	}
	return t
}

// at returns the properties of the character at stream offset fc.
func (t *binTable) at(fc int) *docProps {
	if p := t.last.find(fc); p != nil {
		return p
	}
	k := sort.Search(len(t.pns), func(k int) bool { return int64(t.fcs[k+1]) > int64(fc) })
	if k == len(t.pns) || int64(t.fcs[k]) > int64(fc) {
		return &noProps
	}
	pg := t.pages[t.pns[k]]
	if pg == nil {
		pg = t.decode(t.pns[k])
		t.pages[t.pns[k]] = pg
	}
	t.last = pg
	if p := pg.find(fc); p != nil {
		return p
	}
	return &noProps
}

func (pg *fkp) find(fc int) *docProps {
	if pg == nil || len(pg.props) == 0 || int64(fc) < int64(pg.fcs[0]) || int64(fc) >= int64(pg.fcs[len(pg.props)]) {
		return nil
	}
	k := sort.Search(len(pg.props), func(k int) bool { return int64(pg.fcs[k+1]) > int64(fc) })
	return &pg.props[k]
}

// decode reads one FKP page; a page that does not fit its own layout is empty.
func (t *binTable) decode(pn uint32) *fkp {
	off := int64(pn) * 512
	if off+512 > int64(len(t.word)) {
		return &fkp{}
	}
	page := t.word[off : off+512]
	crun := int(page[511])
	entry := 1 // CHPX: one offset byte per run; PAPX: a BxPap of 13 bytes
	if t.para {
		entry = 13
	}
	if 4*(crun+1)+entry*crun > 511 {
		return &fkp{}
	}
	pg := &fkp{fcs: make([]uint32, crun+1), props: make([]docProps, crun)}
	for i := range pg.fcs {
		pg.fcs[i] = le32(page, 4*i)
	}
	for i := range pg.props {
		at := 2 * int(page[4*(crun+1)+entry*i])
		if at == 0 || at >= 511 {
			continue
		}
		p := &pg.props[i]
		if !t.para {
			n := int(page[at])
			if at+1+n > 511 {
				continue
			}
			eachSprm(page[at+1:at+1+n], p.apply)
			continue
		}
		n, start := 2*int(page[at])-1, at+1
		if page[at] == 0 {
			if at+1 >= 511 {
				continue
			}
			n, start = 2*int(page[at+1]), at+2
		}
		if n < 2 || start+n > 511 {
			continue
		}
		p.istd = int(le16(page, start))
		eachSprm(page[start+2:start+n], p.apply)
	}
	return pg
}

// Sprms the reader understands ([MS-DOC] 2.6).
const (
	sprmCFRMarkDel = 0x0800
	sprmCFVanish   = 0x083C
	sprmPIlvl      = 0x260A
	sprmPIlfo      = 0x460B
	sprmPFTtp      = 0x2417
	sprmPFInnerTtp = 0x244C
	sprmPChgTabs   = 0xC615
	sprmTDefTable  = 0xD608
)

func (p *docProps) apply(op uint16, arg []byte) {
	switch op {
	case sprmCFRMarkDel:
		p.deleted = toggle(arg[0])
	case sprmCFVanish:
		p.hidden = toggle(arg[0])
	case sprmPIlvl:
		p.ilvl, p.hasIlvl = int(arg[0]), true
		if p.ilvl >= maxLevels {
			p.ilvl = 0
		}
	case sprmPIlfo:
		p.ilfo, p.hasIlfo = int(int16(le16(arg, 0))), true
	case sprmPFTtp, sprmPFInnerTtp:
		p.rowEnd = arg[0] != 0
	}
}

// toggle reads a ToggleOperand: 1 on, 0 off, 0x81 the opposite of the style (whose text is
// shown: on), 0x80 as the style (off).
func toggle(b byte) bool { return b == 1 || b == 0x81 }

// eachSprm calls fn with each sprm of a grpprl and its operand; it stops at the first that
// does not fit.
func eachSprm(g []byte, fn func(op uint16, arg []byte)) {
	for i := 0; i+2 < len(g); {
		op := le16(g, i)
		i += 2
		n := sprmLen(op, g[i:])
		if n <= 0 || i+n > len(g) {
			return
		}
		fn(op, g[i:i+n])
		i += n
	}
}

// sprmLen is the size of a sprm's operand, from its spra bits, or for variable ones from the
// operand's own length.
func sprmLen(op uint16, rest []byte) int {
	switch op >> 13 {
	case 0, 1:
		return 1
	case 2, 4, 5:
		return 2
	case 3:
		return 4
	case 7:
		return 3
	}
	if len(rest) == 0 {
		return -1
	}
	switch op {
	case sprmTDefTable: // a two-byte length that counts itself less one
		if len(rest) < 2 {
			return -1
		}
		return 2 + int(le16(rest, 0)) - 1
	case sprmPChgTabs: // 255: the length follows from the counts of tab stops
		if rest[0] == 255 {
			if len(rest) < 2 {
				return -1
			}
			del := int(rest[1])
			if len(rest) < 3+4*del {
				return -1
			}
			return 3 + 4*del + 3*int(rest[2+4*del])
		}
	}
	return 1 + int(rest[0])
}

// docStyle is what the reader needs of a paragraph style: the style it is based on and the
// list and level it sets.
type docStyle struct {
	base             int
	ilfo, ilvl       int
	hasIlfo, hasIlvl bool
}

// parseStyleSheet reads the STSH: for each paragraph style, its base style and the list
// properties of its paragraph UPX. What does not fit is left out.
func parseStyleSheet(b []byte) map[int]*docStyle {
	styles := map[int]*docStyle{}
	if len(b) < 2 {
		return styles
	}
	cbStshi := int(le16(b, 0))
	if 2+cbStshi > len(b) || cbStshi < 4 {
		return styles
	}
	cstd := int(le16(b, 2))
	cbBase := int(le16(b, 4)) // size of the Stdf in each STD: 10, or 18 from Word 2000
	pos := 2 + cbStshi
	for istd := 0; istd < cstd && pos+2 <= len(b); istd++ {
		cb := int(le16(b, pos))
		pos += 2
		if cb == 0 {
			continue
		}
		if pos+cb > len(b) {
			break
		}
		std := b[pos : pos+cb]
		pos += cb
		if cbBase < 10 || len(std) < cbBase+2 {
			continue
		}
		stk, base := le16(std, 2)&0xF, int(le16(std, 2)>>4)
		if stk != 1 { // paragraph styles only
			continue
		}
		s := &docStyle{base: base}
		if base == 0xFFF {
			s.base = -1
		}
		// The name (Xstz: a count, the UTF-16 characters and a terminating zero), then the
		// paragraph UPX: its size, the style's istd and the grpprl.
		at := cbBase + 2 + 2*int(le16(std, cbBase)) + 2
		if at+2 <= len(std) {
			n := int(le16(std, at))
			if at+2+n <= len(std) && n >= 2 {
				var p docProps
				eachSprm(std[at+4:at+2+n], p.apply)
				s.ilfo, s.hasIlfo, s.ilvl, s.hasIlvl = p.ilfo, p.hasIlfo, p.ilvl, p.hasIlvl
			}
		}
		styles[istd] = s
	}
	return styles
}

// parseLists turns the list tables (PlfLst with its LVLs, PlfLfo) into the numbering model of
// the .docx reader: a list (LSTF) is an abstract definition, a list format override (LFO) an
// instance whose number is the ilfo paragraphs give. Lists that do not fit are left out.
func parseLists(table []byte, f *fib) *numbering {
	n := &numbering{abstract: map[string]*abstractNum{}, nums: map[string]*numInstance{}}
	lst := f.in(table, fcPlfLst)
	if len(lst) < 2 {
		return n
	}
	cLst := int(int16(le16(lst, 0)))
	if cLst < 0 || 2+28*cLst > len(lst) {
		return n
	}
	// The LVLs follow the PlfLst in the table stream, nine per list (one for a simple list).
	at := int(le32(f.fcLcb, 8*fcPlfLst)) + len(lst)
	for i := 0; i < cLst; i++ {
		lstf := lst[2+28*i:]
		an := &abstractNum{id: strconv.FormatUint(uint64(le32(lstf, 0)), 10)}
		levels := maxLevels
		if lstf[26]&1 != 0 { // fSimpleList
			levels = 1
		}
		for k := 0; k < levels; k++ {
			l, next := parseLvl(table, at)
			if l == nil {
				return n
			}
			an.levels[k], at = l, next
		}
		n.abstract[an.id] = an
	}
	lfo := f.in(table, fcPlfLfo)
	if len(lfo) < 4 {
		return n
	}
	count := int(le32(lfo, 0))
	if count < 0 || count > maxEntries || 4+16*count > len(lfo) {
		return n
	}
	data := 4 + 16*count // rgLfoData, one per LFO: a cp, then clfolvl LFOLVLs
	for i := 0; i < count; i++ {
		rec := lfo[4+16*i:]
		inst := &numInstance{abstract: strconv.FormatUint(uint64(le32(rec, 0)), 10)}
		n.nums[strconv.Itoa(i+1)] = inst
		clfolvl := int(rec[12])
		data += 4
		for k := 0; k < clfolvl; k++ {
			if data+8 > len(lfo) {
				return n
			}
			start, flags := int(int32(le32(lfo, data))), le32(lfo, data+4)
			ilvl := int(flags & 0xF)
			data += 8
			if flags&0x20 != 0 { // fFormatting: a whole LVL follows
				l, next := parseLvl(lfo, data)
				if l == nil {
					return n
				}
				data = next
				if ilvl < maxLevels {
					inst.overrides[ilvl] = l
				}
			}
			if flags&0x10 != 0 && ilvl < maxLevels { // fStartAt
				inst.setStart(ilvl, start)
			}
		}
	}
	return n
}

// parseLvl reads the LVL at offset at: the LVLF (start, format, flags, where the level
// numbers are in the number text), two grpprls, and the number text. It returns the level in
// the .docx reader's terms and the offset after it; nil when it does not fit.
func parseLvl(b []byte, at int) (*level, int) {
	if at < 0 || at+28 > len(b) {
		return nil, 0
	}
	lvlf := b[at : at+28]
	l := &level{start: int(int32(le32(lvlf, 0))), format: nfcFormat(lvlf[4]), restart: -1}
	info := lvlf[5]
	l.legal = info&0x04 != 0
	switch {
	case info&0x08 != 0: // fNoRestart
		l.restart = 0
	case lvlf[26] > 0: // ilvlRestartLim
		l.restart = int(lvlf[26])
	}
	if lvlf[15] == 1 { // ixchFollow: a space after the number (0 is a tab, 2 nothing)
		l.suffix = " "
	}
	pos := at + 28 + int(lvlf[25]) + int(lvlf[24]) // grpprlPapx, grpprlChpx
	if pos+2 > len(b) {
		return nil, 0
	}
	cch := int(le16(b, pos))
	pos += 2
	if cch > 255 || pos+2*cch > len(b) {
		return nil, 0
	}
	places := map[int]bool{} // rgbxchNums: 1-based positions of the level numbers in the text
	for _, x := range lvlf[6:15] {
		if x == 0 {
			break
		}
		places[int(x)] = true
	}
	var t strings.Builder
	for j := 0; j < cch; j++ {
		c := rune(le16(b, pos+2*j))
		switch {
		case places[j+1] && c < maxLevels:
			t.WriteByte('%')
			t.WriteByte(byte('1' + c))
		case c >= 0x20 && !utf16.IsSurrogate(c):
			t.WriteRune(c)
		}
	}
	l.text = t.String()
	return l, pos + 2*cch
}

// nfcFormat names an MSONFC number format as numFmt does in a .docx, for FormatOrdinal.
func nfcFormat(nfc byte) string {
	switch nfc {
	case 0x00:
		return "decimal"
	case 0x01:
		return "upperRoman"
	case 0x02:
		return "lowerRoman"
	case 0x03:
		return "upperLetter"
	case 0x04:
		return "lowerLetter"
	case 0x0A:
		return "ideographDigital"
	case 0x0B:
		return "japaneseCounting"
	case 0x0E:
		return "decimalFullWidth"
	case 0x11:
		return "japaneseDigitalTenThousand"
	case 0x12:
		return "decimalEnclosedCircle"
	case 0x13:
		return "decimalFullWidth2"
	case 0x16:
		return "decimalZero"
	case 0x17:
		return "bullet"
	case 0x1A:
		return "decimalEnclosedFullstop"
	case 0x1B:
		return "decimalEnclosedParen"
	case 0x1C:
		return "decimalEnclosedCircleChinese"
	case 0x1D:
		return "ideographEnclosedCircle"
	case 0x1E:
		return "ideographTraditional"
	case 0x1F:
		return "ideographZodiac"
	case 0x21:
		return "taiwaneseCounting"
	case 0x22:
		return "ideographLegalTraditional"
	case 0x23:
		return "taiwaneseCountingThousand"
	case 0x24:
		return "taiwaneseDigital"
	case 0x25:
		return "chineseCounting"
	case 0x26:
		return "chineseLegalSimplified"
	case 0x27:
		return "chineseCountingThousand"
	case 0xFF:
		return "none"
	}
	return "decimal"
}

func le16(b []byte, at int) uint16 {
	if at < 0 || at+2 > len(b) {
		return 0
	}
	return binary.LittleEndian.Uint16(b[at:])
}

func le32(b []byte, at int) uint32 {
	if at < 0 || at+4 > len(b) {
		return 0
	}
	return binary.LittleEndian.Uint32(b[at:])
}
