package fix

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/fzlint/fzlint/checker/input"
)

// Patch is what the fixes of one file change, for --diff. A fix never adds or removes a line
// end, so Old and New have the same lines, pairwise.
type Patch struct {
	Path     string
	Old, New []string // the logical lines before and after the fixes
	Ends     []string // each line's end in the file ("" for a last line without one)
	Encoding string   // the file's encoding (input.UTF8, input.GB18030…)
	BOM      bool     // the file starts with a byte order mark
	// Mask hides personal data in a line shown; nil shows lines as they are.
	Mask func(string) string
}

// PatchStats says what Write printed.
type PatchStats struct {
	Hunks int
	// Masked hunks show a line whose personal data is masked; they do not apply as printed.
	Masked int
	// NotBytes is set for a UTF-16 file: its lines are shown in UTF-8, not as the file's bytes
	// (a patch tool splits lines at the byte 0x0A, which UTF-16 text holds inside characters).
	NotBytes bool
}

// Write writes p as a unified diff of the file's bytes, the way `git diff` shows a file: each
// line in the file's own encoding with its own line end (the BOM on the first line), and
// `\ No newline at end of file` after a last line without one, under `--- a/PATH` and
// `+++ b/PATH`, so that `git apply` and `patch -p1` apply it as it is. A line holding personal
// data is shown masked, so a hunk that must show one cannot apply: context stops short of such
// lines where it can (with as many lines before a change as after it, which patch needs).
func (p *Patch) Write(w io.Writer, context int) (PatchStats, error) {
	lines := p.physical()
	var st PatchStats
	st.NotBytes = p.Encoding == input.UTF16LE || p.Encoding == input.UTF16BE
	hunks := hunksOf(lines, context)
	if len(hunks) == 0 {
		return st, nil
	}
	bw := bufio.NewWriter(w)
	name := filepath.ToSlash(p.Path)
	if filepath.IsAbs(p.Path) {
		if rel, err := filepath.Rel(".", p.Path); err == nil && !strings.HasPrefix(rel, "..") {
			name = filepath.ToSlash(rel)
		}
	}
	fmt.Fprintf(bw, "--- a/%s\n+++ b/%s\n", name, name)
	for _, h := range hunks {
		st.Hunks++
		if h.masked {
			st.Masked++
		}
		n := h.to - h.from
		fmt.Fprintf(bw, "@@ -%s +%s @@\n", hunkRange(h.from+1, n), hunkRange(h.from+1, n))
		for _, l := range lines[h.from:h.to] {
			if !l.changed {
				writeLine(bw, ' ', l.oldShown)
				continue
			}
			writeLine(bw, '-', l.oldShown)
			writeLine(bw, '+', l.newShown)
		}
	}
	return st, bw.Flush()
}

// writeLine writes one line of a hunk: its bytes, and the marker of a missing last line end.
func writeLine(w *bufio.Writer, kind byte, b []byte) {
	w.WriteByte(kind)
	w.Write(b)
	if !bytes.HasSuffix(b, []byte{'\n'}) {
		w.WriteString("\n\\ No newline at end of file\n")
	}
}

// hunkRange writes start,count as diff does (",1" left out).
func hunkRange(start, n int) string {
	if n == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

// physLine is a line as a patch tool sees it: the bytes up to and including a '\n'. A file
// with CR line ends is one such line.
type physLine struct {
	oldShown, newShown []byte
	changed            bool
	masked             bool // shown differently from the file (personal data masked)
}

func (p *Patch) physical() []physLine {
	enc := p.Encoding
	if enc == input.UTF16LE || enc == input.UTF16BE {
		enc = input.UTF8
	}
	var out []physLine
	var oldB, newB, oldS, newS strings.Builder
	for i := range p.Old {
		o, n := p.Old[i], p.New[i]
		oldB.WriteString(o)
		newB.WriteString(n)
		oldS.WriteString(p.mask(o))
		newS.WriteString(p.mask(n))
		for _, b := range []*strings.Builder{&oldB, &newB, &oldS, &newS} {
			b.WriteString(p.Ends[i])
		}
		if !strings.Contains(p.Ends[i], "\n") && i < len(p.Old)-1 {
			continue // a CR line end: the same line for patch
		}
		l := physLine{
			changed:  oldB.String() != newB.String(),
			masked:   oldS.String() != oldB.String() || newS.String() != newB.String(),
			oldShown: p.encode(enc, oldS.String(), len(out) == 0),
			newShown: p.encode(enc, newS.String(), len(out) == 0),
		}
		out = append(out, l)
		oldB.Reset()
		newB.Reset()
		oldS.Reset()
		newS.Reset()
	}
	return out
}

func (p *Patch) mask(s string) string {
	if p.Mask == nil {
		return s
	}
	return p.Mask(s)
}

// encode returns a line in the file's encoding; the first line carries the file's BOM.
func (p *Patch) encode(enc, s string, first bool) []byte {
	var bom []byte
	if first && p.BOM && enc == p.Encoding {
		bom = boms[enc]
	}
	b, err := encode([]string{s}, []string{""}, enc, bom)
	if err != nil {
		// Not reached for lines read from the file (Rewrite checked they encode back); a line
		// that will not encode is shown as it is rather than dropped.
		return []byte(s)
	}
	return b
}

type hunk struct {
	from, to int // physical lines [from, to)
	masked   bool
}

// hunksOf groups the changed lines into hunks with context lines around them. Changes closer
// than twice the context share a hunk, unless a masked line lies between them. Context stops
// before a masked line; then the context before and after a change is made equal (GNU patch
// reads fewer lines on one side as "at the start/end of the file"), and where that leaves
// none in the middle of a file (git apply reads no trailing context as "at the end"), the
// masked lines are shown after all and the hunk is counted as masked.
func hunksOf(lines []physLine, context int) []hunk {
	var hunks []hunk
	for i := 0; i < len(lines); i++ {
		if !lines[i].changed {
			continue
		}
		a, b := i, i // first and last change of the hunk
		for j := i + 1; j < len(lines) && j-b-1 <= 2*context; j++ {
			if lines[j].masked && !lines[j].changed {
				break
			}
			if lines[j].changed {
				b = j
			}
		}
		i = b
		h := hunk{}
		for _, l := range lines[a : b+1] {
			h.masked = h.masked || l.masked
		}
		lead, trail := 0, 0
		for lead < context && a-lead-1 >= 0 && !lines[a-lead-1].masked {
			lead++
		}
		for trail < context && b+trail+1 < len(lines) && !lines[b+trail+1].masked {
			trail++
		}
		atStart, atEnd := a-lead == 0, b+trail == len(lines)-1
		switch {
		case lead < trail && !atStart:
			trail = lead
		case trail < lead && !atEnd:
			lead = trail
		}
		if lead == 0 && a > 0 && trail == 0 && b < len(lines)-1 {
			lead, trail = min(context, a), min(context, len(lines)-1-b)
			h.masked = true
		}
		h.from, h.to = a-lead, b+trail+1
		if n := len(hunks); n > 0 && h.from <= hunks[n-1].to {
			// masked context shown after all reaches the previous hunk: one hunk
			hunks[n-1].to, hunks[n-1].masked = h.to, hunks[n-1].masked || h.masked
			continue
		}
		hunks = append(hunks, h)
	}
	return hunks
}

// NewPatch returns the patch that turns a file's bytes data, read as t, into its lines fixed.
func NewPatch(path string, data []byte, t *input.Text, fixed []string, mask func(string) string) *Patch {
	bom := boms[t.Encoding]
	return &Patch{Path: path, Old: t.Lines, New: fixed, Ends: t.Ends, Encoding: t.Encoding,
		BOM: len(bom) > 0 && bytes.HasPrefix(data, bom), Mask: mask}
}
