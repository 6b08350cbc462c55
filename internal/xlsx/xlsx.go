// Package xlsx writes an Excel workbook (SpreadsheetML, .xlsx) row by row, in bounded memory:
// the few features fzlint's summary uses (styles, column widths, a frozen header, an
// autofilter, print setup) and nothing else.
//
// Each sheet's XML is deflated as its rows come into a temporary file (unlinked at once where
// the system allows it); Close assembles the package with archive/zip, copying each sheet's
// compressed stream in unchanged (zip.Writer.CreateRaw), then the small parts. Memory stays a
// few buffers and one compressor per sheet, whatever the number of rows. Nothing is written to
// the output before Close.
//
// Strings are inline (t="inlineStr"), so no shared-string table is kept; numbers are numbers.
// Text is escaped as excelize does it: characters that XML 1.0 cannot hold (control
// characters, invalid UTF-8) become U+FFFD, a literal _xHHHH_ is protected as _x005F_xHHHH_,
// and a cell keeps at most Excel's 32,767 UTF-16 units.
package xlsx

import (
	"archive/zip"
	"bufio"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"

	"github.com/fzlint/fzlint/internal/tempfile"
)

// MaxRows is the number of rows a sheet can hold in Excel.
const MaxRows = 1 << 20

// maxCellUnits is the length limit of a cell's text, in UTF-16 units.
const maxCellUnits = 32767

// Style is a cell format: the font's weight and colour, a solid fill, the alignment.
type Style struct {
	Bold       bool
	Color      string // the font's colour as RRGGBB; "" the default
	Fill       string // a solid background as RRGGBB; "" none
	Horizontal string // "left", "center", "right"; "" the default
	Vertical   string // "top", "center", "bottom"; "" the default (bottom)
	Wrap       bool   // wrap the text within the column's width
}

// Cell is a value with a style (from Workbook.AddStyle; 0 is the default). A row's cells are
// Cells or bare values: a string, an integer, a float64, or nil for no cell.
type Cell struct {
	Style int
	Value any
}

// Print is how a sheet prints: on A4, landscape or not, scaled to fit the page width (as many
// pages down as needed), with its first TitleRows rows repeated on every page.
type Print struct {
	Landscape bool
	FitWidth  bool
	TitleRows int
	Margin    float64 // left, right, top and bottom, in inches
}

// Workbook is a workbook being written. Its methods are not safe for concurrent use.
type Workbook struct {
	w      io.Writer
	styles []Style
	sheets []*Sheet
	err    error // the first failure: every later call returns it
	closed bool
}

// New returns a workbook that Close writes to w.
func New(w io.Writer) *Workbook { return &Workbook{w: w} }

// AddStyle adds a cell format and returns its id for Cell.Style.
func (b *Workbook) AddStyle(s Style) (int, error) {
	for _, c := range []string{s.Color, s.Fill} {
		if c != "" && !isHexColor(c) {
			return 0, fmt.Errorf("xlsx: colour %q is not RRGGBB", c)
		}
	}
	b.styles = append(b.styles, s)
	return len(b.styles), nil
}

func isHexColor(s string) bool {
	if len(s) != 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isHex(s[i]) {
			return false
		}
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// AddSheet adds a sheet after the others; the first is the one shown when the file opens.
// Its layout (the exported fields) is read at its first row.
func (b *Workbook) AddSheet(name string) (*Sheet, error) {
	if err := checkSheetName(name); err != nil {
		return nil, err
	}
	for _, s := range b.sheets {
		if strings.EqualFold(s.name, name) {
			return nil, fmt.Errorf("xlsx: two sheets named %q", name)
		}
	}
	s := &Sheet{wb: b, name: name, index: len(b.sheets)}
	b.sheets = append(b.sheets, s)
	return s, nil
}

// checkSheetName applies Excel's rules: 1 to 31 characters (UTF-16 units), none of : \ / ? * [ ],
// not starting or ending with an apostrophe, not "History" (reserved).
func checkSheetName(name string) error {
	n := 0
	for _, r := range name {
		n += utf16Len(r)
		if strings.ContainsRune(`:\/?*[]`, r) || !isXMLChar(r) {
			return fmt.Errorf("xlsx: sheet name %q holds %q", name, r)
		}
	}
	switch {
	case n == 0 || n > 31:
		return fmt.Errorf("xlsx: sheet name %q is not 1 to 31 characters", name)
	case !utf8.ValidString(name):
		return fmt.Errorf("xlsx: sheet name %q is not UTF-8", name)
	case name[0] == '\'' || name[len(name)-1] == '\'':
		return fmt.Errorf("xlsx: sheet name %q starts or ends with an apostrophe", name)
	case strings.EqualFold(name, "History"):
		return fmt.Errorf("xlsx: sheet name %q is reserved", name)
	}
	return nil
}

// Sheet is a sheet being written. Set its layout before its first row.
type Sheet struct {
	Widths     []float64 // the columns' widths from the first, in Excel's units (a Latin character)
	FreezeRows int       // rows kept in view at the top while scrolling
	Filter     bool      // an autofilter over the rows written, the first being the header
	Print      *Print    // nil: the application's defaults

	wb    *Workbook
	name  string
	index int

	started bool
	rows    int // rows written
	cols    int // the widest row's number of columns
	buf     []byte
	out     *deflated
}

// Rows returns the number of rows written.
func (s *Sheet) Rows() int { return s.rows }

// WriteRow writes the next row; height is its height in points (0: the default).
func (s *Sheet) WriteRow(cells []any, height float64) error {
	b := s.wb
	if b.err != nil {
		return b.err
	}
	if b.closed {
		return errors.New("xlsx: row written after Close")
	}
	if s.rows == MaxRows {
		return fmt.Errorf("xlsx: sheet %q is full (%d rows)", s.name, MaxRows)
	}
	if !s.started {
		if b.err = s.start(); b.err != nil {
			return b.err
		}
	}
	s.rows++
	buf, err := appendRow(s.buf[:0], s.rows, cells, height)
	if err != nil {
		b.err = err // a value no cell can hold: a mistake of the caller's, and the end of the book
		return err
	}
	s.buf = buf
	s.cols = max(s.cols, len(cells))
	if _, b.err = s.out.Write(buf); b.err != nil {
		return b.err
	}
	if cap(s.buf) > 1<<20 {
		s.buf = nil // one long row does not keep its buffer
	}
	return nil
}

// start opens the sheet's temporary stream and writes the elements before its rows.
func (s *Sheet) start() error {
	out, err := newDeflated()
	if err != nil {
		return err
	}
	s.out, s.started = out, true
	_, err = out.Write(s.head())
	return err
}

// head is the sheet's XML up to its first row.
func (s *Sheet) head() []byte {
	b := []byte(xmlHeader + `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">`)
	if s.Print != nil && s.Print.FitWidth {
		b = append(b, `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`...)
	}
	b = append(b, `<sheetViews><sheetView workbookViewId="0"`...)
	if s.index == 0 {
		b = append(b, ` tabSelected="1"`...)
	}
	b = append(b, '>')
	if n := s.FreezeRows; n > 0 {
		top := "A" + strconv.Itoa(n+1)
		b = fmt.Appendf(b, `<pane ySplit="%d" topLeftCell="%s" activePane="bottomLeft" state="frozen"/>`+
			`<selection pane="bottomLeft" activeCell="%s" sqref="%s"/>`, n, top, top, top)
	}
	b = append(b, `</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`...)
	if len(s.Widths) > 0 {
		b = append(b, "<cols>"...)
		for i, w := range s.Widths {
			b = fmt.Appendf(b, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, i+1, i+1, formatFloat(w))
		}
		b = append(b, "</cols>"...)
	}
	return append(b, "<sheetData>"...)
}

// tail is the sheet's XML after its last row.
func (s *Sheet) tail() []byte {
	b := []byte("</sheetData>")
	if s.Filter {
		b = fmt.Appendf(b, `<autoFilter ref="%s"/>`, s.filterRange(false))
	}
	if p := s.Print; p != nil {
		m := formatFloat(p.Margin)
		b = fmt.Appendf(b, `<pageMargins left="%s" right="%s" top="%s" bottom="%s" header="0" footer="0"/>`, m, m, m, m)
		b = append(b, `<pageSetup paperSize="9"`...)
		if p.Landscape {
			b = append(b, ` orientation="landscape"`...)
		}
		if p.FitWidth {
			b = append(b, ` fitToWidth="1" fitToHeight="0"`...)
		}
		b = append(b, "/>"...)
	}
	return append(b, "</worksheet>"...)
}

// filterRange is the autofilter's range, A1 to the last column and row written (the header
// alone when no row follows it), absolute when a defined name refers to it.
func (s *Sheet) filterRange(absolute bool) string {
	last := ColumnName(max(s.cols, 1))
	rows := strconv.Itoa(max(s.rows, 1))
	if absolute {
		return "$A$1:$" + last + "$" + rows
	}
	return "A1:" + last + rows
}

// quotedName is the sheet's name as a formula refers to it.
func (s *Sheet) quotedName() string {
	return "'" + strings.ReplaceAll(s.name, "'", "''") + "'"
}

// Close ends every sheet and writes the workbook to the writer given to New. The temporary
// files are removed whatever happens.
func (b *Workbook) Close() error {
	if b.closed {
		return b.err
	}
	b.closed = true
	defer func() {
		for _, s := range b.sheets {
			if s.out != nil {
				s.out.discard()
			}
		}
	}()
	if b.err != nil {
		return b.err
	}
	b.err = b.write()
	return b.err
}

func (b *Workbook) write() error {
	zw := zip.NewWriter(b.w)
	small := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", b.contentTypes()},
		{"_rels/.rels", []byte(rootRels)},
		{"xl/workbook.xml", b.workbook()},
		{"xl/_rels/workbook.xml.rels", b.workbookRels()},
		{"xl/styles.xml", b.stylesXML()},
	}
	for _, p := range small {
		w, err := zw.Create(p.name)
		if err != nil {
			return err
		}
		if _, err := w.Write(p.data); err != nil {
			return err
		}
	}
	for _, s := range b.sheets {
		if !s.started {
			if err := s.start(); err != nil {
				return err
			}
		}
		if _, err := s.out.Write(s.tail()); err != nil {
			return err
		}
		if err := s.out.copyTo(zw, s.partName()); err != nil {
			return err
		}
	}
	return zw.Close()
}

func (s *Sheet) partName() string {
	return "xl/worksheets/sheet" + strconv.Itoa(s.index+1) + ".xml"
}

const (
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg  = "http://schemas.openxmlformats.org/package/2006/relationships"
	ctSML  = "application/vnd.openxmlformats-officedocument.spreadsheetml."
)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const rootRels = xmlHeader +
	`<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId1" Type="` + nsRel +
	`/officeDocument" Target="xl/workbook.xml"/></Relationships>`

func (b *Workbook) contentTypes() []byte {
	out := []byte(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="` + ctSML + `sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="` + ctSML + `styles+xml"/>`)
	for _, s := range b.sheets {
		out = append(out, `<Override PartName="/`+s.partName()+`" ContentType="`+ctSML+`worksheet+xml"/>`...)
	}
	return append(out, "</Types>"...)
}

// workbook lists the sheets and their defined names: the autofilters' ranges and the rows
// repeated on printed pages.
func (b *Workbook) workbook() []byte {
	out := []byte(xmlHeader + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">` +
		`<bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
	for _, s := range b.sheets {
		out = append(out, `<sheet name="`...)
		out = appendText(out, s.name, true)
		out = fmt.Appendf(out, `" sheetId="%d" r:id="rId%d"/>`, s.index+1, s.index+1)
	}
	out = append(out, "</sheets>"...)
	var names []byte
	for _, s := range b.sheets {
		if p := s.Print; p != nil && p.TitleRows > 0 {
			names = fmt.Appendf(names, `<definedName name="_xlnm.Print_Titles" localSheetId="%d">`, s.index)
			// Whole rows, as Excel writes them: LibreOffice ignores a range of cells ($A$1:$U$1)
			// as the rows to repeat.
			names = appendText(names, fmt.Sprintf("%s!$1:$%d", s.quotedName(), p.TitleRows), true)
			names = append(names, "</definedName>"...)
		}
		if s.Filter {
			names = fmt.Appendf(names, `<definedName name="_xlnm._FilterDatabase" localSheetId="%d" hidden="1">`, s.index)
			names = appendText(names, s.quotedName()+"!"+s.filterRange(true), true)
			names = append(names, "</definedName>"...)
		}
	}
	if len(names) > 0 {
		out = append(append(append(out, "<definedNames>"...), names...), "</definedNames>"...)
	}
	return append(out, "</workbook>"...)
}

func (b *Workbook) workbookRels() []byte {
	out := []byte(xmlHeader + `<Relationships xmlns="` + nsPkg + `">`)
	for _, s := range b.sheets {
		out = fmt.Appendf(out, `<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>`, s.index+1, nsRel, s.index+1)
	}
	out = fmt.Appendf(out, `<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/>`, len(b.sheets)+1, nsRel)
	return append(out, "</Relationships>"...)
}

// stylesXML gives every style its own font, fill (when it has one) and cell format, after
// the defaults: Calibri 11, no fill, and the gray125 fill Excel reserves.
func (b *Workbook) stylesXML() []byte {
	const font = `<sz val="11"/><name val="Calibri"/><family val="2"/>`
	fonts := []byte(`<font>` + font + `</font>`)
	fills := []byte(`<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>`)
	xfs := []byte(`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`)
	nFonts, nFills := 1, 2
	for _, s := range b.styles {
		fontID := 0
		if s.Bold || s.Color != "" {
			fonts = append(fonts, "<font>"...)
			if s.Bold {
				fonts = append(fonts, "<b/>"...)
			}
			if s.Color != "" {
				fonts = append(fonts, `<color rgb="FF`+strings.ToUpper(s.Color)+`"/>`...)
			}
			fonts = append(fonts, font+"</font>"...)
			fontID, nFonts = nFonts, nFonts+1
		}
		fill := 0
		if s.Fill != "" {
			fills = append(fills, `<fill><patternFill patternType="solid"><fgColor rgb="FF`+strings.ToUpper(s.Fill)+
				`"/><bgColor indexed="64"/></patternFill></fill>`...)
			fill, nFills = nFills, nFills+1
		}
		xfs = fmt.Appendf(xfs, `<xf numFmtId="0" fontId="%d" fillId="%d" borderId="0" xfId="0"`, fontID, fill)
		if fontID > 0 {
			xfs = append(xfs, ` applyFont="1"`...)
		}
		if fill > 0 {
			xfs = append(xfs, ` applyFill="1"`...)
		}
		if s.Horizontal == "" && s.Vertical == "" && !s.Wrap {
			xfs = append(xfs, "/>"...)
			continue
		}
		xfs = append(xfs, ` applyAlignment="1"><alignment`...)
		if s.Horizontal != "" {
			xfs = append(xfs, ` horizontal="`+s.Horizontal+`"`...)
		}
		if s.Vertical != "" {
			xfs = append(xfs, ` vertical="`+s.Vertical+`"`...)
		}
		if s.Wrap {
			xfs = append(xfs, ` wrapText="1"`...)
		}
		xfs = append(xfs, "/></xf>"...)
	}
	out := []byte(xmlHeader + `<styleSheet xmlns="` + nsMain + `">`)
	out = fmt.Appendf(out, `<fonts count="%d">%s</fonts><fills count="%d">%s</fills>`, nFonts, fonts, nFills, fills)
	out = append(out, `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>`+
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`...)
	out = fmt.Appendf(out, `<cellXfs count="%d">%s</cellXfs>`, len(b.styles)+1, xfs)
	return append(out, `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`...)
}

// appendRow appends a row's XML: its cells with their references, the empty ones left out.
func appendRow(b []byte, row int, cells []any, height float64) ([]byte, error) {
	b = append(b, `<row r="`...)
	b = strconv.AppendInt(b, int64(row), 10)
	b = append(b, '"')
	if height > 0 {
		b = append(b, ` ht="`...)
		b = append(b, formatFloat(height)...)
		b = append(b, `" customHeight="1"`...)
	}
	b = append(b, '>')
	for i, v := range cells {
		style := 0
		if c, ok := v.(Cell); ok {
			style, v = c.Style, c.Value
		}
		if v == nil && style == 0 {
			continue
		}
		var err error
		if b, err = appendCell(b, i+1, row, style, v); err != nil {
			return b, err
		}
	}
	return append(b, "</row>"...), nil
}

func appendCell(b []byte, col, row, style int, v any) ([]byte, error) {
	b = append(b, `<c r="`...)
	b = appendColumnName(b, col)
	b = strconv.AppendInt(b, int64(row), 10)
	b = append(b, '"')
	if style > 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, '"')
	}
	var n int64
	switch v := v.(type) {
	case nil:
		return append(b, "/>"...), nil
	case string:
		if v == "" {
			return append(b, "/>"...), nil
		}
		b = append(b, ` t="inlineStr"><is><t`...)
		if c := v[0]; isSpace(c) || isSpace(v[len(v)-1]) {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(b, '>')
		b = appendText(b, v, false)
		return append(b, "</t></is></c>"...), nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return b, fmt.Errorf("xlsx: %v is not a number a cell can hold", v)
		}
		b = append(b, "><v>"...)
		b = strconv.AppendFloat(b, v, 'f', -1, 64)
		return append(b, "</v></c>"...), nil
	case int:
		n = int64(v)
	case int64:
		n = v
	case int32:
		n = int64(v)
	default:
		return b, fmt.Errorf("xlsx: a cell cannot hold a %T", v)
	}
	b = append(b, "><v>"...)
	b = strconv.AppendInt(b, n, 10)
	return append(b, "</v></c>"...), nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// appendText appends s escaped for XML text (or, with attr, an attribute value): & < > (and
// " in an attribute) as entities, \r (and \t \n in an attribute) as character references,
// what XML cannot hold as U+FFFD, a literal _xHHHH_ protected from being read as an escape;
// at most maxCellUnits UTF-16 units of s.
func appendText(b []byte, s string, attr bool) []byte {
	units := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			units++
			if units > maxCellUnits {
				break
			}
			i++
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '"' && attr:
				b = append(b, "&quot;"...)
			case c == '\r':
				b = append(b, "&#xD;"...)
			case (c == '\n' || c == '\t') && attr:
				b = append(b, "&#x"...)
				b = strconv.AppendInt(b, int64(c), 16)
				b = append(b, ';')
			case c == '_' && !attr && isEscapeLike(s[i-1:]):
				b = append(b, "_x005F_"...)
			case c < 0x20 && c != '\n' && c != '\t':
				b = append(b, "\uFFFD"...)
			default:
				b = append(b, c)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		units += utf16Len(r)
		if units > maxCellUnits {
			break
		}
		if (r == utf8.RuneError && size == 1) || !isXMLChar(r) {
			b = append(b, "\uFFFD"...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

// isEscapeLike says whether s starts with _xHHHH_, which a reader of the file would take for
// the escape of the character HHHH.
func isEscapeLike(s string) bool {
	return len(s) >= 7 && s[1] == 'x' && isHex(s[2]) && isHex(s[3]) && isHex(s[4]) && isHex(s[5]) && s[6] == '_'
}

func utf16Len(r rune) int {
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 2
	}
	return 1
}

// isXMLChar says whether XML 1.0 can hold r.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// ColumnName returns the letters of the n-th column, counted from 1: A … Z, AA ….
func ColumnName(n int) string { return string(appendColumnName(nil, n)) }

func appendColumnName(b []byte, n int) []byte {
	var tmp [8]byte
	i := len(tmp)
	for n > 0 {
		n--
		i--
		tmp[i] = byte('A' + n%26)
		n /= 26
	}
	return append(b, tmp[i:]...)
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// compression is the sheets' deflate level. Deflating is most of the writer's CPU: on the
// summary of 2,000 files (render's BenchmarkSummary batch), with compress/flate, level 2 took
// 53–65 ms of CPU and 504 KB, the default (6) 99–114 ms and 417 KB, BestSpeed (1) 61–67 ms and
// 609 KB. klauspost/compress's deflater (already in the binary: the .docx reader inflates with
// it) at level 2 takes 41–46 ms against compress/flate's 53–57, and its output is a little smaller
// (gencorpus 10k: 3.48 MB against 3.52 MB).
const compression = 2

// deflated is a part's XML, deflated as it comes into a temporary file, with its CRC-32 and
// size for the zip's header.
type deflated struct {
	tmp     *os.File
	removed bool // unlinked already
	file    *bufio.Writer
	fw      *flate.Writer
	crc     uint32
	size    int64
}

func newDeflated() (*deflated, error) {
	tmp, err := tempfile.Create("", "fzlint-xlsx-*")
	if err != nil {
		return nil, err
	}
	d := &deflated{tmp: tmp, file: bufio.NewWriterSize(tmp, 64<<10)}
	// Unlinked at once where the system allows an open file to be (not Windows): nothing is
	// left behind whatever ends the run.
	d.removed = tempfile.RemoveOpen(tmp.Name())
	d.fw, _ = flate.NewWriter(d.file, compression)
	return d, nil
}

func (d *deflated) Write(p []byte) (int, error) {
	d.crc = crc32.Update(d.crc, crc32.IEEETable, p)
	d.size += int64(len(p))
	return d.fw.Write(p)
}

// copyTo ends the stream and copies it into the zip as the part called name.
func (d *deflated) copyTo(zw *zip.Writer, name string) error {
	if err := d.fw.Close(); err != nil {
		return err
	}
	if err := d.file.Flush(); err != nil {
		return err
	}
	n, err := d.tmp.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	if _, err := d.tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: d.crc,
		CompressedSize64: uint64(n), UncompressedSize64: uint64(d.size)})
	if err != nil {
		return err
	}
	_, err = io.CopyN(w, d.tmp, n)
	return err
}

// discard closes and removes the temporary file.
func (d *deflated) discard() {
	d.tmp.Close()
	if !d.removed {
		tempfile.Remove(d.tmp.Name())
	}
}
