package checker

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker/input"
)

// Checks work on logical lines: a paragraph rebuilt from hard-wrapped lines, a heading split
// out of a one-line report, a .docx paragraph. The drafter works on the file. The functions
// here are the one place where the first become the second: Document.locate turns every
// position of a Result into a position in the file, and lineName and listLines name lines in
// messages the same way.

// at is where rune col (1-based) of logical line n is in the file.
func (d *Document) at(n, col int) input.Pos { return d.Map.Locate(n, col) }

// lineName names logical line n as the drafter finds it in the file: 第12行, or 第3页第12行 in a
// fixed-layout file.
func (d *Document) lineName(n int) string {
	p := d.at(n, 1)
	return "第" + pageLine(p) + "行"
}

func pageLine(p input.Pos) string {
	if p.Page > 0 {
		return strconv.Itoa(p.Page) + "页第" + strconv.Itoa(p.Line)
	}
	return strconv.Itoa(p.Line)
}

// lineCol is a logical position (1-based line and rune column).
type lineCol struct{ line, col int }

// listLines names up to five of the lines in the file that hold the logical positions at:
// 第3、5、9行 (and 等N行 when there are more). Positions on the same line of the file are named
// once. Only the first five are kept: a compilation of reports may give hundreds of thousands.
func (d *Document) listLines(at []lineCol) string {
	var first [5]input.Pos
	var last input.Pos
	n := 0 // the lines named, each once
	for _, lc := range at {
		p := d.at(lc.line, lc.col)
		if n > 0 && last.Page == p.Page && last.Line == p.Line {
			continue
		}
		if n < len(first) {
			first[n] = p
		}
		last = p
		n++
	}
	var b strings.Builder
	kept := first[:min(n, len(first))]
	for i, p := range kept {
		b.WriteString(lineListStep(kept, i))
		b.WriteString(strconv.Itoa(p.Line))
	}
	if n > len(first) {
		b.WriteString("等")
		b.WriteString(strconv.Itoa(n))
	}
	b.WriteString("行")
	return b.String()
}

// lineListStep is what a list of lines writes before the number of line i: 第 (第3页第 in a
// fixed-layout file), 、 between lines of one page, and 行，第4页第 where the page changes
// (第3页第5、9行，第4页第2行), so that a page is named once for its lines.
func lineListStep(lines []input.Pos, i int) string {
	p := lines[i]
	switch {
	case i > 0 && p.Page == lines[i-1].Page:
		return "、"
	case p.Page == 0:
		return "第"
	case i == 0:
		return "第" + strconv.Itoa(p.Page) + "页第"
	}
	return "行，第" + strconv.Itoa(p.Page) + "页第"
}

// locate turns the logical positions of findings into positions in the file: start, end and
// every fix edit. A fix edit must stay one run of consecutive characters on one line of the
// file; one that a rebuilt paragraph carried across a line break (or onto characters a
// reader added) is given an impossible range, so that applying fixes refuses it rather than
// corrupting the file. A nil map is the identity and leaves findings as they are.
func (d *Document) locate(ds []Diagnostic) {
	if d.Map == nil {
		return
	}
	for i := range ds {
		g := &ds[i]
		if g.Fix != nil && len(g.Fix.Edits) == 0 {
			// A fix of the finding's own range becomes an explicit edit, located like any other.
			e := Edit{Line: g.Line, Column: g.Column, EndColumn: g.EndColumn, New: g.Fix.New}
			if g.EndLine != g.Line {
				e.EndColumn = -1
			}
			g.Fix = &Fix{Edits: []Edit{e}}
		}
		start := d.at(g.Line, g.Column)
		end := start
		switch {
		case g.EndLine != g.Line || g.EndColumn > g.Column:
			// The end is exclusive: locate the last character and step past it.
			if g.EndColumn > 1 {
				end = d.at(g.EndLine, g.EndColumn-1)
				end.Col++
			} else {
				end = d.at(g.EndLine, 1)
			}
		}
		g.Page, g.Line, g.Column = start.Page, start.Line, start.Col
		g.EndPage, g.EndLine, g.EndColumn = end.Page, end.Line, end.Col
		if g.Fix != nil {
			edits := make([]Edit, len(g.Fix.Edits))
			for k, e := range g.Fix.Edits {
				edits[k] = d.locateEdit(e)
			}
			g.Fix = &Fix{New: g.Fix.New, Edits: edits}
		}
	}
}

// locateEdit returns a fix edit in the file's positions, or one that Apply refuses (EndColumn
// -1) when its characters are not consecutive on one line of the file.
func (d *Document) locateEdit(e Edit) Edit {
	s := d.at(e.Line, e.Column)
	out := Edit{Line: s.Line, Column: s.Col, EndColumn: -1, New: e.New}
	if e.EndColumn < e.Column || s.Page != 0 {
		return out
	}
	if e.EndColumn == e.Column {
		out.EndColumn = s.Col // an insertion
		return out
	}
	last := d.at(e.Line, e.EndColumn-1)
	if last.Line == s.Line && last.Page == s.Page && last.Col-s.Col == e.EndColumn-1-e.Column {
		out.EndColumn = last.Col + 1
	}
	return out
}

// sourceLines returns the lines of the file for renderers to quote (a copy, which masking
// may change): the lines the source map points into, as the drafter wrote them.
func (d *Document) sourceLines() []string {
	if d.source != nil {
		return append([]string(nil), d.source...)
	}
	src := make([]string, len(d.Lines))
	for i := range d.Lines {
		src[i] = d.Lines[i].Text
	}
	return src
}

// quote returns the bytes [start, end) of logical line n's Text as the drafter wrote them:
// the rules match folded text, and a finding quotes the original characters.
func (d *Document) quote(n, start, end int) string {
	if d.unfolded == nil {
		return d.Lines[n-1].Text[start:end]
	}
	return d.unfolded[n-1][start:end]
}

// original returns s, a piece of the document's text as the rules see it, as the drafter
// wrote it: the first place it stands, within a line or running on from one content line to
// the next (a title broken over two lines).
func (d *Document) original(s string) string {
	if d.unfolded == nil || s == "" {
		return s
	}
	for n := range d.Lines {
		t := d.Lines[n].Text
		if i := strings.Index(t, s); i >= 0 {
			return d.unfolded[n][i : i+len(s)]
		}
	}
	for n := range d.Lines {
		c := d.Lines[n].Content
		for k := 0; k < len(c); k++ {
			if !utf8.RuneStart(c[k]) || !strings.HasPrefix(s, c[k:]) {
				continue
			}
			// The end of this line's content starts s; the next line's content goes on with it.
			rest := s[len(c)-k:]
			if j := nextContent(d.Lines, n+1); j > 0 && strings.HasPrefix(d.Lines[j].Content, rest) {
				a, b := d.contentOffset(n), d.contentOffset(j)
				return d.unfolded[n][a+k:a+len(c)] + d.unfolded[j][b:b+len(rest)]
			}
			break
		}
	}
	return s
}

// contentOffset is the byte offset of line i's Content (0-based i) in its Text.
func (d *Document) contentOffset(i int) int {
	t := d.Lines[i].Text
	return len(t) - len(strings.TrimLeftFunc(t, isSpace))
}

// originalTitle is the title as written.
func (d *Document) originalTitle() string { return d.original(d.Title) }

// unfoldDiffs shows the heading in a heading-against-template diff as written: each run that
// stands in the document is given its original characters (runs found only in the template
// stay as they are).
func (d *Document) unfoldDiffs(ds []Diagnostic) {
	if d.unfolded == nil {
		return
	}
	for i := range ds {
		for k := range ds[i].Diff {
			ds[i].Diff[k].Text = d.original(ds[i].Diff[k].Text)
		}
	}
}
