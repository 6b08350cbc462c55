package input

// DocxAnchors says where the text of a .docx came from in word/document.xml. The walk that
// reads the paragraphs records it as it goes, so the text and the byte positions cannot drift
// apart; the annotator (render/annotate) splices review comments at these positions. Offsets
// are into the bytes of word/document.xml as stored in the archive.
type DocxAnchors struct {
	// Size is the length of word/document.xml, so that a writer can tell the bytes it
	// splices into are the bytes that were read.
	Size int
	// Paras holds one entry per line of the Text, in the same order.
	Paras []DocxPara
	// Comments are the comment markers already in the document (a colleague's review or an
	// earlier run of fzlint), wherever they are, deleted text included.
	Comments []DocxComment
	// Malformed is set when the elements of document.xml do not nest (an end tag that closes
	// another element than the last one opened, or one with nothing open), or a paragraph's or
	// a run's properties (w:pPr, w:rPr) come after its first element: the text was read as well
	// as it could be, but nothing can be placed in it safely.
	Malformed bool
}

// DocxPara is one w:p.
type DocxPara struct {
	// Start and End bound the element: '<' of its start tag to just after its end tag.
	Start, End int
	// Open is just after the start tag and the w:pPr (before every run), Close the '<' of
	// </w:p>; both are -1 for an empty <w:p/>.
	Open, Close int
	// Prefix is how many runes the reader put before the text: the number Word draws.
	Prefix int
	Runs   []DocxRun
	// Segs are the pieces of the paragraph's text, in order, without gaps: each is the
	// character data of one w:t or one w:tab.
	Segs []DocxSeg
}

// DocxRun is a w:r (or another element with the local name r, such as m:r) holding text.
type DocxRun struct {
	Start, End int // '<' of the start tag to just after the end tag
	TagEnd     int // just after the start tag
	RPr        [2]int
	// Outer is the child of the w:p that holds the run: the run itself, or a hyperlink,
	// smart tag, content control, tracked insertion… around it.
	Outer [2]int
}

// DocxSeg is a piece of a paragraph's text.
type DocxSeg struct {
	Col, N int // the runes [Col, Col+N) of the paragraph's text (Prefix not counted)
	Run    int // index in Runs; -1 for text outside any run
	Kind   SegKind
	Raw    [2]int // the character data (SegText, SegCDATA) or the element (SegElem)
	Tag    [2]int // the start tag of the w:t holding the text (SegText, SegCDATA)
}

// SegKind is what a DocxSeg is made of.
type SegKind uint8

// Kinds of DocxSeg.
const (
	SegText  SegKind = iota // character data in a w:t, entities and line ends as in the file
	SegCDATA                // a CDATA section in a w:t
	SegElem                 // an element that is one character (w:tab)
)

// DocxComment is a commentRangeStart, commentRangeEnd or commentReference element.
type DocxComment struct {
	Name string // its local name
	ID   string // its w:id
	Elem [2]int // the element
	// Run is the w:r holding a commentReference, when it is in a paragraph the reader reads;
	// 0,0 otherwise.
	Run [2]int
}
