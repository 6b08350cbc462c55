//go:build !fzlintpage

package input

import (
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The .ofd reader (GB/T 33190-2016, the fixed-layout format of Chinese official documents): a
// zip whose OFD.xml names the document (DocBody/DocRoot), whose Document.xml lists the pages
// (Pages/Page BaseLoc) and whose pages' Content.xml hold TextObjects (Boundary, CTM, Size) with
// TextCodes (X, Y of the baseline, DeltaX between characters). Each character is placed on the
// page and paragraphsOf rebuilds lines and paragraphs, as for a PDF. Template pages (红头,
// running headers) are not read; positions are page and line.

// mmToPt converts OFD's millimetres to the points the layout works in.
const mmToPt = 72 / 25.4

// DecodeOFD reads the text of an OFD file.
func DecodeOFD(data []byte) (*Text, error) {
	parts, err := zipParts("ofd", data)
	if err != nil {
		return nil, err
	}
	read := func(name string) ([]byte, error) {
		b, err := readPartOf(&parts, name)
		if err == nil && b == nil {
			err = &Unreadable{fmt.Sprintf("不是有效的 .ofd 文件：缺少 %s", name)}
		}
		return b, err
	}
	root, err := read("OFD.xml")
	if err != nil {
		return nil, err
	}
	docPath, err := ofdFirst(root, "DocRoot")
	if err != nil {
		return nil, &Unreadable{"OFD.xml 已损坏：" + err.Error()}
	}
	docPath = ofdPath("", docPath)
	doc, err := read(docPath)
	if err != nil {
		return nil, err
	}
	pagePaths, err := ofdPages(doc)
	if err != nil {
		return nil, &Unreadable{docPath + " 已损坏：" + err.Error()}
	}
	if len(pagePaths) > pdfMaxPages {
		return nil, &Unreadable{fmt.Sprintf("OFD 页数过多（%d 页），不像是一份报告", len(pagePaths))}
	}
	pages := make([]layoutPage, 0, len(pagePaths))
	total := 0
	for _, p := range pagePaths {
		content, err := read(ofdPath(path.Dir(docPath), p))
		if err != nil {
			return nil, err
		}
		gs, err := ofdGlyphs(content, pdfMaxGlyphs-total)
		if err != nil {
			return nil, err
		}
		total += len(gs)
		pages = append(pages, layoutPage{Glyphs: gs})
	}
	if total == 0 {
		return nil, &Unreadable{"OFD 中没有文字（可能是扫描件）：请向报送单位索要可复制文字的版本或 .docx 原稿"}
	}
	lines, m := paragraphsOf(pages)
	return &Text{Lines: lines, Encoding: UTF8, EOL: "\n", Map: m}, nil
}

// ofdPath resolves a location of the package (ST_Loc): absolute from the root when it starts
// with "/", else relative to dir.
func ofdPath(dir, loc string) string {
	loc = strings.TrimSpace(loc)
	if strings.HasPrefix(loc, "/") {
		return strings.TrimPrefix(path.Clean(loc), "/")
	}
	return strings.TrimPrefix(path.Clean(path.Join("/", dir, loc)), "/")
}

// ofdFirst returns the text of the first element with the local name.
func ofdFirst(data []byte, name string) (string, error) {
	x := newXMLScanner(data)
	in := false
	var b strings.Builder
	for {
		ok, err := x.next()
		if err != nil {
			return "", err
		}
		if !ok {
			return "", fmt.Errorf("没有 %s", name)
		}
		switch x.kind {
		case xmlStart:
			in = string(x.name) == name
		case xmlText:
			if in {
				b.Write(x.text)
			}
		case xmlEnd:
			if in {
				return b.String(), nil
			}
		}
	}
}

// ofdPages returns the BaseLoc of each Page of Document.xml's Pages, in order.
func ofdPages(data []byte) ([]string, error) {
	x := newXMLScanner(data)
	var out []string
	depth, inPages := 0, 0
	for {
		ok, err := x.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			return out, nil
		}
		switch x.kind {
		case xmlStart:
			if depth++; depth > maxDepth {
				return nil, fmt.Errorf("XML 嵌套超过 %d 层", maxDepth)
			}
			switch string(x.name) {
			case "Pages":
				inPages = depth
			case "Page":
				if inPages > 0 {
					if len(out) >= pdfMaxPages+1 {
						return out, nil
					}
					out = append(out, x.attr("BaseLoc"))
				}
			}
		case xmlEnd:
			if depth == inPages {
				inPages = 0
			}
			depth--
		}
	}
}

// ofdNumbers reads a list of numbers (ST_Array); with g, "g N v" stands for N times v, as
// DeltaX writes repeated advances.
func ofdNumbers(s string, g bool) []float64 {
	// The fields of a Boundary, CTM or position fit in an array on the stack (strings.Fields
	// made one on the heap for each).
	var buf [8]string
	f := buf[:0]
	for w := range strings.FieldsSeq(s) {
		f = append(f, w)
	}
	var out []float64
	if len(f) > 0 {
		out = make([]float64, 0, len(f))
	}
	for i := 0; i < len(f); i++ {
		if g && f[i] == "g" && i+2 < len(f) {
			n, err1 := strconv.Atoi(f[i+1])
			v, err2 := strconv.ParseFloat(f[i+2], 64)
			if err1 == nil && err2 == nil && n > 0 {
				for k := 0; k < n && len(out) < 1<<16; k++ {
					out = append(out, v)
				}
			}
			i += 2
			continue
		}
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			v = 0
		}
		out = append(out, v)
	}
	return out
}

// ofdGlyphs places the characters of a page's TextObjects, at most limit of them.
func ofdGlyphs(data []byte, limit int) ([]glyph, error) {
	x := newXMLScanner(data)
	var gs []glyph
	var (
		depth          int
		inText, inCode int // depths of the open TextObject and TextCode
		box            []float64
		ctm            pdfMatrix
		size           float64
		cx, cy         float64
		dx             []float64
		code           strings.Builder
	)
	for {
		ok, err := x.next()
		if err != nil {
			return nil, &Unreadable{"OFD 页面已损坏：" + err.Error()}
		}
		if !ok {
			return gs, nil
		}
		switch x.kind {
		case xmlStart:
			if depth++; depth > maxDepth {
				return nil, &Unreadable{fmt.Sprintf("OFD 页面的 XML 嵌套超过 %d 层", maxDepth)}
			}
			switch string(x.name) {
			case "TextObject":
				inText = depth
				box = append(ofdNumbers(x.attr("Boundary"), false), 0, 0)
				size = 0
				if v := ofdNumbers(x.attr("Size"), false); len(v) > 0 {
					size = v[0]
				}
				ctm = identity
				if v := ofdNumbers(x.attr("CTM"), false); len(v) == 6 {
					copy(ctm[:], v)
				}
			case "TextCode":
				if inText == 0 {
					continue
				}
				inCode = depth
				code.Reset()
				p := ofdNumbers(x.attr("X")+" "+x.attr("Y"), false)
				if len(p) == 2 {
					cx, cy = p[0], p[1]
				}
				dx = ofdNumbers(x.attr("DeltaX"), true)
			}
		case xmlText:
			if inCode > 0 && code.Len() < 1<<20 {
				code.Write(x.text)
			}
		case xmlEnd:
			switch {
			case depth == inCode:
				inCode = 0
				// Characters from (cx, cy), each DeltaX after the one before (in the object's
				// space, which CTM maps to the boundary's).
				scale := math.Hypot(ctm[2], ctm[3])
				xs := cx
				n := 0
				for _, r := range code.String() {
					adv := size
					if r < utf8.RuneSelf {
						adv = size / 2
					}
					k := len(gs)
					if k >= limit {
						return nil, &Unreadable{"OFD 的文字过多，不像是一份报告"}
					}
					px := ctm[0]*xs + ctm[2]*cy + ctm[4] + box[0]
					py := ctm[1]*xs + ctm[3]*cy + ctm[5] + box[1]
					if n < len(dx) {
						adv = dx[n]
					}
					gs = append(gs, glyph{X: px * mmToPt, Y: py * mmToPt, W: adv * ctm[0] * mmToPt, Size: size * scale * mmToPt, Text: string(noControl(r))})
					xs += adv
					n++
				}
			case depth == inText:
				inText = 0
			}
			depth--
		}
	}
}
