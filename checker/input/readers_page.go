//go:build fzlintpage

package input

// The browser page's build (go build -tags fzlintpage) leaves out the readers of .pdf, .ofd
// and .doc/.wps: pdfcpu would bring net/http into the WebAssembly module, and the page is for
// a drafter's own .docx. The command line is built without the tag and reads them all.

const pageOnly = "网页版只检查 .docx、.txt、.md、.html：.pdf、.ofd、.doc、.wps 请用命令行 fzlint check 检查，或在 Word/WPS 中另存为 .docx"

// DecodePDF is not in the page's build.
func DecodePDF([]byte) (*Text, error) { return nil, &Unreadable{pageOnly} }

// DecodeOFD is not in the page's build.
func DecodeOFD([]byte) (*Text, error) { return nil, &Unreadable{pageOnly} }

// DecodeDoc is not in the page's build. It also meets an encrypted .docx, which is a compound
// file too: without the compound file reader the page cannot tell which it is.
func DecodeDoc([]byte) (*Text, error) {
	return nil, &Unreadable{"这是 Word 97–2003 格式（.doc/.wps）或加密的文件：网页版不读这两种文件，请在 Word/WPS 中另存为不加密的 .docx，或用命令行 fzlint check 检查"}
}
