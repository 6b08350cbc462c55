package docxgen

import (
	"encoding/xml"
	"strings"
)

// RunPropertiesMisplaced reports whether a well-formed document holds a run (an element named
// r) whose run properties (rPr) come after another of its elements: what the .docx reader
// calls malformed besides elements that do not nest (DocxAnchors.Malformed). It is false for
// a document encoding/xml refuses.
func RunPropertiesMisplaced(doc string) bool {
	d := xml.NewDecoder(strings.NewReader(doc))
	var kids []int // for each open element, the elements it has held; -1 for one not named r
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if n := len(kids); n > 0 && kids[n-1] >= 0 {
				if t.Name.Local == "rPr" && kids[n-1] > 0 {
					return true
				}
				kids[n-1]++
			}
			k := -1
			if t.Name.Local == "r" {
				k = 0
			}
			kids = append(kids, k)
		case xml.EndElement:
			kids = kids[:len(kids)-1]
		}
	}
}
