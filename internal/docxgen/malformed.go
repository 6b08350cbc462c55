package docxgen

import (
	"encoding/xml"
	"strings"
)

// Misplaced reports whether a well-formed document holds a paragraph or a run (an element
// named p or r) whose properties (pPr, rPr) come after an element that is not, properties
// that hold text (an element named p, r or t, or a tab in an rPr), or an element inside a t or
// a tab: what the .docx reader calls malformed besides elements that do not nest
// (DocxAnchors.Malformed). It is false for a document encoding/xml refuses.
func Misplaced(doc string) bool {
	d := xml.NewDecoder(strings.NewReader(doc))
	var kids []int     // for each open p or r, the elements other than properties it has held; -1 for others
	var names []string // the open elements' local names
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if n := len(kids); n > 0 && kids[n-1] >= 0 {
				// The properties of a p are its pPr, of an r its rPr.
				if props := t.Name.Local == names[n-1]+"Pr"; !props {
					kids[n-1]++
				} else if kids[n-1] > 0 {
					return true
				}
			}
			if n := len(names); n > 0 && (names[n-1] == "t" || names[n-1] == "tab") {
				return true
			}
			if textInProperties(names, t.Name.Local) {
				return true
			}
			k := -1
			if t.Name.Local == "r" || t.Name.Local == "p" {
				k = 0
			}
			kids, names = append(kids, k), append(names, t.Name.Local)
		case xml.EndElement:
			kids, names = kids[:len(kids)-1], names[:len(names)-1]
		}
	}
}

// textInProperties reports whether an element named name, opened inside the elements names,
// is text (p, r, t, tab) in the properties (pPr, rPr) of the paragraph it is in; a tab in a pPr
// is a tab stop (tabs/tab), where it belongs.
func textInProperties(names []string, name string) bool {
	switch name {
	case "p", "r", "t", "tab":
	default:
		return false
	}
	for i := len(names) - 1; i >= 0 && names[i] != "p"; i-- {
		switch names[i] {
		case "rPr":
			return true
		case "pPr":
			return name != "tab"
		}
	}
	return false
}
