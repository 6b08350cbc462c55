package input

import (
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
)

// KindOf returns how a file name is read.
func KindOf(name string) Kind {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".md", ".markdown", ".text", "":
		return KindText
	case ".docx":
		return KindDocx
	case ".html", ".htm":
		return KindHTML
	}
	return KindUnsupported
}

// Checkable reports whether a file found while walking a directory should be checked.
func Checkable(name string) bool {
	if strings.HasPrefix(filepath.Base(name), "~$") {
		return false // the lock file Word and WPS keep beside an open document
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".md", ".markdown", ".docx", ".html", ".htm":
		return true
	}
	return false
}

// Read turns the bytes of a named file into text, by the file's kind.
func Read(name string, data []byte) (*Text, error) {
	switch KindOf(name) {
	case KindText:
		return DecodeText(data)
	case KindDocx:
		return DecodeDocx(data)
	case KindHTML:
		return DecodeHTML(data)
	}
	return nil, &Unreadable{unsupportedReason(name)}
}

func unsupportedReason(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".doc", ".wps":
		return "不支持 " + ext + " 格式：请用 Word 或 WPS 另存为 .docx 后再检查"
	case ".pdf":
		return "不支持 PDF：请检查报告的 .docx 或 .txt 原稿"
	case ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff":
		return "图片无法检查：请检查报告的 .docx 或 .txt 原稿"
	}
	return "不支持的文件类型“" + ext + "”：fzlint 检查 .txt、.md、.docx、.html 文件"
}
