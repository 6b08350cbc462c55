package input

import (
	"bytes"
	"path/filepath"
	"strings"
)

// Kind is how a file is read, decided by its extension.
type Kind int

// Kinds of input.
const (
	KindText        Kind = iota // .txt, .md and stdin
	KindUnsupported             // anything else: reported as unreadable with what to do
	KindDocx                    // .docx
	KindHTML                    // .html, .htm
	KindDoc                     // .doc, .wps: Word 97–2003 binary in an OLE2 compound file
	KindPDF                     // .pdf: the text layer
	KindOFD                     // .ofd: GB/T 33190 fixed-layout document
	KindODT                     // .odt: ODF text
)

// Fixable reports whether fixes can edit a file's own lines: a .txt or .md file decoded as
// text (DecodeText), its lines the file's (no reader rebuilt them).
func Fixable(name string, t *Text) bool {
	return KindOf(name) == KindText && t.Ends != nil && t.Source == nil
}

// KindOf returns how a file name is read.
func KindOf(name string) Kind {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".md", ".markdown", ".text", "":
		return KindText
	case ".docx":
		return KindDocx
	case ".html", ".htm":
		return KindHTML
	case ".doc", ".wps":
		return KindDoc
	case ".pdf":
		return KindPDF
	case ".ofd":
		return KindOFD
	case ".odt":
		return KindODT
	}
	return KindUnsupported
}

// SkipReason says why a file found while walking a directory is not checked, or "" when it
// is: a Word lock file, a kind that cannot hold a report (images, archives, spreadsheets,
// media, programs), or a kind fzlint does not know. A document format that may hold a report
// but that fzlint cannot read (.rtf, .wpt, .ceb…) is not skipped: reading it reports it as
// unreadable (exit 2), so a report in an unexpected format is never lost.
func SkipReason(name string) string {
	base := filepath.Base(name)
	if strings.HasPrefix(base, "~$") {
		return "Word/WPS 打开文档时留下的锁文件（~$），不是报告"
	}
	switch strings.ToLower(base) {
	case "thumbs.db", "desktop.ini":
		return "Windows 系统文件，不是报告"
	}
	ext := strings.ToLower(filepath.Ext(name))
	if r, ok := notReports[ext]; ok {
		return r
	}
	if KindOf(name) == KindUnsupported && !otherDocuments[ext] {
		return "不是报告的文件类型（" + ext + "）"
	}
	return ""
}

// otherDocuments are formats that may hold a report but that fzlint does not read.
var otherDocuments = map[string]bool{
	".rtf": true, ".wpt": true, ".dot": true, ".dotx": true, ".docm": true, ".dotm": true,
	".wri": true, ".uof": true, ".uot": true, ".ott": true, ".fodt": true, ".mht": true,
	".mhtml": true, ".xps": true, ".oxps": true, ".ceb": true, ".caj": true, ".pages": true, ".epub": true,
}

// Checkable reports whether a file found while walking a directory should be checked.
func Checkable(name string) bool { return SkipReason(name) == "" }

// notReports maps the extensions of kinds that cannot hold a report to the reason given.
var notReports = map[string]string{}

func init() {
	kinds := []struct {
		reason string
		exts   string
	}{
		{"图片，不能检查文字：请向报送单位索要报告的 .docx、.pdf 或 .txt", ".jpg .jpeg .png .gif .bmp .tif .tiff .webp .heic .svg .ico"},
		{"压缩包：请解压后再检查其中的报告", ".zip .rar .7z .gz .tgz .tar .bz2 .xz"},
		{"电子表格，不是报告", ".xls .xlsx .xlsm .et .ods .csv"},
		{"演示文稿，不是报告", ".ppt .pptx .dps .odp"},
		{"音频或视频，不是报告", ".mp3 .wav .wma .m4a .mp4 .avi .mov .wmv .mkv .flv"},
		{"程序或快捷方式，不是报告", ".exe .msi .bat .cmd .lnk .url .dll"},
	}
	for _, k := range kinds {
		for _, e := range strings.Fields(k.exts) {
			notReports[e] = k.reason
		}
	}
}

// contentKind is the kind of file data's first bytes (and, for a ZIP, its members' names) say
// it is: a PDF, a Word 97–2003 or WPS compound file, a .docx, an .odt or an .ofd; KindUnsupported
// when they say none of these. Supervisors receive files under the wrong name (a .docx saved
// as .txt, a PDF as .ofd): they are read as what they are.
func contentKind(named Kind, data []byte) Kind {
	head := data[:min(len(data), 1024)]
	switch {
	case bytes.HasPrefix(bytes.TrimLeft(head, "\x00\t\n\r "), []byte("%PDF-")):
		return KindPDF
	case bytes.HasPrefix(data, oleMagic):
		return KindDoc
	case !bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return KindUnsupported
	case bytes.Contains(head, []byte("mimetypeapplication/vnd.oasis.opendocument.text")):
		return KindODT // its first member, stored
	// A ZIP that begins as its name says is not searched whole (Word, WPS and LibreOffice
	// write [Content_Types].xml first, an OFD writer OFD.xml).
	case named == KindDocx && (bytes.Contains(head, []byte("[Content_Types].xml")) || bytes.Contains(head, []byte("word/"))):
		return KindDocx
	case named == KindOFD && bytes.Contains(head, []byte("OFD.xml")):
		return KindOFD
	case bytes.Contains(data, []byte("word/document.xml")):
		return KindDocx
	case bytes.Contains(head, []byte("mimetypeapplication/vnd.oasis.opendocument.text")):
		return KindODT
	case bytes.Contains(data, []byte("OFD.xml")):
		return KindOFD
	}
	return KindUnsupported
}

// oleMagic opens an OLE2 compound file: a .doc/.wps, or an encrypted .docx.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// Read turns the bytes of a named file into text, by the file's kind.
func Read(name string, data []byte) (*Text, error) { return ReadWith(name, data, ReadOptions{}) }

// ReadOptions says how ReadWith reads a file.
type ReadOptions struct {
	// Owned: data is handed over to the text: a text file's lines are data's bytes, not a
	// copy, and nothing may change data afterwards.
	Owned bool
	// NoAnchors: the file is checked and not annotated: the Text of a .docx has no Docx
	// anchors, which only the annotator uses, and the reader records none.
	NoAnchors bool
	// Lines, when set, lends a text file's Text its Lines and Ends, and a .docx's its Lines and
	// the text they are cut from (see LineStore).
	Lines *LineStore
}

// LineStore holds the slices of a text's Lines and Ends, and a .docx's text, for the next text:
// a worker that reads file after file keeps them rather than allocating them for each file.
// Whoever lends it must be done with the Text (and with any slice of its Lines or Ends) before
// Release.
type LineStore struct {
	lines, ends []string
	text        []byte // a .docx's text, which its lines are cut from
}

// Release takes the slices back, their strings overwritten with "": a line kept past this
// point reads empty. The slices of a text of more than maxStoreLines lines go with it.
func (s *LineStore) Release() {
	clear(s.lines)
	clear(s.ends)
	clear(s.text)
	s.lines, s.ends, s.text = s.lines[:0], s.ends[:0], s.text[:0]
	if cap(s.lines) > maxStoreLines || cap(s.ends) > maxStoreLines || cap(s.text) > maxStoreText {
		*s = LineStore{}
	}
}

// maxStoreLines bounds the slices a LineStore keeps: a report has a few hundred lines.
const maxStoreLines = 1 << 16

// maxStoreText bounds the text a LineStore keeps: a report is a few tens of kilobytes.
const maxStoreText = 1 << 20

// ReadWith is Read with options.
func ReadWith(name string, data []byte, o ReadOptions) (*Text, error) {
	t, err := read(name, data, o)
	if err == nil && len(t.Lines) > maxLines {
		return nil, tooManyLines(len(t.Lines))
	}
	return t, err
}

func read(name string, data []byte, o ReadOptions) (*Text, error) {
	kind := KindOf(name)
	if len(data) == 0 && kind != KindText && kind != KindUnsupported {
		// Said so whatever the format: a zero-byte .docx is not a damaged ZIP, nor a .doc an
		// unknown kind of Word file.
		return nil, &Unreadable{"文件为空（0 字节）"}
	}
	if k := contentKind(kind, data); k != KindUnsupported && k != kind {
		// A file whose bytes say what it is, whatever its name says; a text file that only
		// begins as one (a .txt whose first words are %PDF-) is still read as text.
		t, err := readKind(name, k, data, o)
		if err != nil && kind == KindText {
			if tt, terr := decodeText(data, o.Owned, o.Lines); terr == nil {
				return tt, nil
			}
		}
		return t, err
	}
	return readKind(name, kind, data, o)
}

// readKind reads data as a file of a kind (name says why an unsupported one is not read).
func readKind(name string, kind Kind, data []byte, o ReadOptions) (*Text, error) {
	switch kind {
	case KindText:
		return decodeText(data, o.Owned, o.Lines)
	case KindDocx:
		return decodeDocx(data, !o.NoAnchors, o.Lines)
	case KindHTML:
		return DecodeHTML(data)
	case KindPDF:
		return DecodePDF(data)
	case KindODT:
		return DecodeODT(data)
	case KindOFD:
		return DecodeOFD(data)
	case KindDoc:
		return DecodeDoc(data)
	}
	return nil, &Unreadable{unsupportedReason(name)}
}

func unsupportedReason(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".docm":
		return "这是启用宏的 Word 文档（.docm）：fzlint 不读取含宏的文件，请另存为 .docx（不含宏）后再检查"
	}
	if r := SkipReason(name); r != "" {
		return r
	}
	return "不支持的文件类型“" + ext + "”：fzlint 检查 .txt、.md、.docx、.doc、.wps、.pdf、.ofd、.odt、.html 文件；请另存为其中一种后再检查"
}
