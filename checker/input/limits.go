package input

import "fmt"

// Limits every container reader keeps to (the .docx zip, the compound file of a .doc or .wps):
// a report is a few hundred KB of text and markup; anything far beyond is a bomb or not a
// report, and is refused before it can use the memory. format names the kind of file in the
// reason ("docx", "doc").
const (
	maxEntries  = 10000    // files in an archive, streams in a compound file
	maxExpanded = 64 << 20 // declared size of all entries once expanded
	maxPart     = 32 << 20 // one part or stream, as actually read
	maxDepth    = 256      // nesting of XML elements; Word nests a few tens
)

// checkEntries refuses a container holding more than maxEntries files or streams.
func checkEntries(format string, n int) error {
	if n > maxEntries {
		return &Unreadable{fmt.Sprintf(".%s 中的文件过多（%d 个），不像是一份报告", format, n)}
	}
	return nil
}

// checkExpanded refuses a container whose entries together expand beyond maxExpanded bytes.
func checkExpanded(format string, total uint64) error {
	if total > maxExpanded {
		return &Unreadable{fmt.Sprintf(".%s 解压后过大（%d MB），不像是一份报告", format, total>>20)}
	}
	return nil
}

// checkPart refuses one part or stream larger than maxPart bytes.
func checkPart(format, name string, size uint64) error {
	if size > maxPart {
		return &Unreadable{fmt.Sprintf(".%s 中的 %s 过大（%d MB），不像是一份报告", format, name, size>>20)}
	}
	return nil
}

// maxLines bounds the lines of a report, whatever its format: what is kept per line (the text,
// its scan, its place in the document) costs about a hundred bytes more than the line, so a
// 128 MB file of empty lines would take gigabytes. A report has a few hundred lines; a
// compilation of many, up to a few hundred thousand (90 MB of reports: 270,000 lines).
const maxLines = 500_000

func tooManyLines(n int) error {
	return &Unreadable{fmt.Sprintf("行数过多（%d 行，上限 %d 行），不像是一份报告", n, maxLines)}
}
