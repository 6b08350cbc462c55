// Package annotate writes a copy of a .docx with fzlint's findings as review comments (批注),
// each anchored on the characters it is about.
//
// It splices bytes into the original word/document.xml at the positions the reader recorded
// while reading the text (input.DocxAnchors), and copies every other part of the archive as it
// is, so that formatting, numbering, tracked changes, fields and everything fzlint does not
// understand survive. It touches no file and runs no program: bytes in, bytes out, so that the
// browser page runs the same code.
package annotate

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/input"
)

// Author is the author of fzlint's comments; comments by this author are fzlint's own, and a
// new run replaces them.
const Author = "fzlint"

// Options configure the comments.
type Options struct {
	// Date is the comments' date (w:date); the zero time leaves it out.
	Date time.Time
}

// Refused is the error for a file that must not be annotated (signed, encrypted,
// macro-enabled, Strict OOXML); Reason says why, in Chinese.
type Refused struct{ Reason string }

func (e *Refused) Error() string { return e.Reason }

const (
	nsW        = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsW14      = "http://schemas.microsoft.com/office/word/2010/wordml"
	relComment = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
	ctComment  = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
	docPart    = "word/document.xml"
	relsPart   = "word/_rels/document.xml.rels"
	typesPart  = "[Content_Types].xml"
)

// Docx returns a copy of data, a .docx that t was read from, with every diagnostic as a
// review comment by fzlint, and the number of comments written. fzlint's comments from an
// earlier run are removed first; everyone else's stay.
func Docx(data []byte, t *input.Text, diags []checker.Diagnostic, opt Options) ([]byte, int, error) {
	if err := Refuse(data); err != nil {
		return nil, 0, err
	}
	if t == nil || t.Docx == nil {
		return nil, 0, errors.New("annotate: the text was not read from a .docx")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, 0, fmt.Errorf("annotate: %w", err)
	}
	a := &archive{files: map[string]*zip.File{}, changed: map[string][]byte{}}
	for _, f := range zr.File {
		a.order = append(a.order, f)
		a.files[f.Name] = f
	}
	doc, err := a.read(docPart)
	if err != nil {
		return nil, 0, err
	}
	if len(doc) != t.Docx.Size {
		return nil, 0, errors.New("annotate: word/document.xml is not the one the text was read from")
	}

	// The comments part, wherever the document's relationships say it is.
	rels, err := a.read(relsPart)
	if err != nil {
		return nil, 0, err
	}
	commentsPart := "word/comments.xml"
	if target := relTarget(rels, relComment); target != "" {
		commentsPart = partName("word/", target)
	}
	comments, err := a.read(commentsPart)
	if err != nil {
		return nil, 0, err
	}
	old, err := parseComments(comments)
	if err != nil {
		return nil, 0, &Refused{"已有的批注（" + commentsPart + "）无法读取：" + err.Error()}
	}

	ids := newIDs(a)
	var cs []comment
	var edges edgeCache
	for _, d := range diags {
		c, ok := place1(doc, t.Docx, d, &edges)
		if !ok {
			continue
		}
		c.id = ids.next()
		c.d = d
		cs = append(cs, c)
	}
	ext := a.files["word/commentsExtended.xml"] != nil || a.files["word/commentsIds.xml"] != nil
	if ext {
		for i := range cs {
			cs[i].paraID, cs[i].durableID = ids.para(), ids.durable()
		}
	}

	styled := bytes.Contains(a.mustRead("word/styles.xml"), []byte(`"CommentReference"`))
	newDoc, err := spliceDocument(doc, t.Docx, cs, old.fzlintIDs, styled)
	if err != nil {
		return nil, 0, err
	}
	a.changed[docPart] = newDoc
	a.changed[commentsPart] = old.rewrite(cs, opt, styled, ext)
	if err := a.extensions(cs, old, opt); err != nil {
		return nil, 0, err
	}
	if relTarget(rels, relComment) == "" {
		r, err := addRelationship(rels)
		if err != nil {
			return nil, 0, err
		}
		a.changed[relsPart] = r
	}
	types, err := a.read(typesPart)
	if err != nil {
		return nil, 0, err
	}
	if !bytes.Contains(types, []byte(`PartName="/`+commentsPart+`"`)) {
		i := bytes.LastIndex(types, []byte("</Types>"))
		if i < 0 {
			return nil, 0, &Refused{"[Content_Types].xml 已损坏"}
		}
		a.changed[typesPart] = splice(types, i, `<Override PartName="/`+commentsPart+`" ContentType="`+ctComment+`"/>`)
	}
	out, err := a.write()
	if err != nil {
		return nil, 0, err
	}
	return out, len(cs), nil
}

// Refuse says why a file must not be annotated, or returns nil. A signed document would lose
// its signature, an encrypted one cannot be read, a macro-enabled one would keep macros in a
// file named .docx, and Strict OOXML names its parts differently.
func Refuse(data []byte) error {
	if bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		return &Refused{"文件设置了打开密码（加密），或是旧版 .doc 格式：无法加批注。请在 Word 或 WPS 中取消密码、另存为 .docx 后再试"}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return &Refused{"不是有效的 .docx 文件（ZIP 压缩包已损坏），无法加批注"}
	}
	var types []byte
	for _, f := range zr.File {
		name := strings.ToLower(f.Name)
		switch {
		case strings.HasPrefix(name, "_xmlsignatures/"):
			return &Refused{"文件带有数字签名：加批注会使签名失效，fzlint 不修改签名的文件。请对未签名的原稿运行"}
		case strings.HasSuffix(name, "vbaproject.bin"):
			return &Refused{"文件含有宏（启用宏的文档）：fzlint 不为含宏的文件生成副本。请另存为不含宏的 .docx 后再试"}
		case f.Name == typesPart:
			types, _ = readAll(f, 1<<20)
		}
	}
	if bytes.Contains(bytes.ToLower(types), []byte("macroenabled")) {
		return &Refused{"文件是启用宏的文档（.docm）：fzlint 不为含宏的文件生成副本。请另存为不含宏的 .docx 后再试"}
	}
	for _, f := range zr.File {
		if f.Name == docPart {
			head, _ := readAll(f, 4096)
			if bytes.Contains(head, []byte("http://purl.oclc.org/ooxml/wordprocessingml/main")) {
				return &Refused{"文件是“严格 Open XML”（Strict OOXML）格式：fzlint 不为这种格式加批注。请在 Word 中另存为普通的“Word 文档（.docx）”后再试"}
			}
		}
	}
	return nil
}

// comment is one finding on its way into the document.
type comment struct {
	id                int
	d                 checker.Diagnostic
	start, end        place
	paraID, durableID string
}

// place1 finds where a finding's comment goes: its characters, or its whole paragraph.
func place1(doc []byte, anc *input.DocxAnchors, d checker.Diagnostic, edges *edgeCache) (comment, bool) {
	if len(anc.Paras) == 0 {
		return comment{}, false
	}
	line := d.Line
	if line < 1 {
		line = 1
	}
	if line > len(anc.Paras) {
		line = len(anc.Paras)
	}
	c0, c1 := d.Column-1, d.EndColumn-1
	if d.EndLine != d.Line {
		c1 = 1 << 30 // to the end of the paragraph
	}
	p := &anc.Paras[line-1]
	if s, e, ok := ranges(doc, p, c0, c1, edges); ok {
		return comment{start: s, end: e}, true
	}
	// An empty <w:p/> has no room for a marker: the nearest paragraph that has.
	for k := 1; k < len(anc.Paras); k++ {
		for _, i := range []int{line - 1 + k, line - 1 - k} {
			if i >= 0 && i < len(anc.Paras) {
				if s, e, ok := whole(&anc.Paras[i]); ok {
					return comment{start: s, end: e}, true
				}
			}
		}
	}
	return comment{}, false
}

// archive is the .docx being rewritten: its entries in order, and the parts that change.
type archive struct {
	order   []*zip.File
	files   map[string]*zip.File
	changed map[string][]byte
}

const maxPart = 64 << 20

// read returns a part's bytes (as changed so far), nil when the archive does not have it.
func (a *archive) read(name string) ([]byte, error) {
	if b, ok := a.changed[name]; ok {
		return b, nil
	}
	f := a.files[name]
	if f == nil {
		return nil, nil
	}
	b, err := readAll(f, maxPart)
	if err != nil {
		return nil, fmt.Errorf("annotate: %s: %w", name, err)
	}
	return b, nil
}

func (a *archive) mustRead(name string) []byte {
	b, _ := a.read(name)
	return b
}

func readAll(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, limit))
}

// write builds the new archive: unchanged entries copied as they are (compressed bytes and
// all), changed ones recompressed under their old names, new parts at the end.
func (a *archive) write() ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name string, modified time.Time, b []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
		if err == nil {
			_, err = w.Write(b)
		}
		return err
	}
	for _, f := range a.order {
		var err error
		if b, ok := a.changed[f.Name]; ok {
			err = put(f.Name, f.Modified, b)
		} else {
			err = zw.Copy(f)
		}
		if err != nil {
			return nil, fmt.Errorf("annotate: writing %s: %w", f.Name, err)
		}
	}
	var added []string
	for name := range a.changed {
		if a.files[name] == nil {
			added = append(added, name)
		}
	}
	sort.Strings(added)
	for _, name := range added {
		if err := put(name, time.Time{}, a.changed[name]); err != nil {
			return nil, fmt.Errorf("annotate: writing %s: %w", name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// splice inserts s into b at i.
func splice(b []byte, i int, s string) []byte {
	out := make([]byte, 0, len(b)+len(s))
	out = append(out, b[:i]...)
	out = append(out, s...)
	return append(out, b[i:]...)
}

// partName resolves a relationship target against the folder of its source part.
func partName(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	for strings.HasPrefix(target, "../") {
		target = strings.TrimPrefix(target, "../")
		dir = dir[:strings.LastIndex(strings.TrimSuffix(dir, "/"), "/")+1]
	}
	return dir + target
}
