package fix

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// lineOp is one line of a line diff: ' ' in both, '-' only in the old text, '+' only in the new.
type lineOp struct {
	kind byte
	text string
}

// Unified writes the unified diff between the old and new lines of a file (lines without their
// ends), with context lines of context around each change, in the form `patch -p0` and
// `git apply` read. Nothing is written when the lines are equal.
func Unified(w io.Writer, name string, old, new []string, context int) error {
	ops := diffLines(old, new)
	hunks := hunkRanges(ops, context)
	if len(hunks) == 0 {
		return nil
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "--- %s\n+++ %s\n", name, name)
	oldLine, newLine, at := 1, 1, 0
	for _, h := range hunks {
		for ; at < h[0]; at++ {
			oldLine, newLine = advance(ops[at].kind, oldLine, newLine)
		}
		var oldN, newN int
		for _, op := range ops[h[0]:h[1]] {
			oldN, newN = advance(op.kind, oldN, newN)
		}
		fmt.Fprintf(bw, "@@ -%s +%s @@\n", hunkRange(oldLine, oldN), hunkRange(newLine, newN))
		for _, op := range ops[h[0]:h[1]] {
			bw.WriteByte(op.kind)
			bw.WriteString(op.text)
			bw.WriteByte('\n')
		}
	}
	return bw.Flush()
}

// advance counts a line of the given kind in the old and new texts.
func advance(kind byte, oldN, newN int) (int, int) {
	if kind != '+' {
		oldN++
	}
	if kind != '-' {
		newN++
	}
	return oldN, newN
}

// hunkRange writes start,count as diff does: ",1" is left out, and an empty range starts at the
// line before it.
func hunkRange(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

// hunkRanges groups the changed lines of ops into hunks [from, to) with context lines around
// them; changes closer than twice the context share a hunk.
func hunkRanges(ops []lineOp, context int) [][2]int {
	var hunks [][2]int
	for i, op := range ops {
		if op.kind == ' ' {
			continue
		}
		from, to := max(0, i-context), min(len(ops), i+1+context)
		if n := len(hunks); n > 0 && from <= hunks[n-1][1] {
			hunks[n-1][1] = to
		} else {
			hunks = append(hunks, [2]int{from, to})
		}
	}
	return hunks
}

// diffLines is a line diff of two texts.
func diffLines(old, new []string) []lineOp {
	dmp := diffmatchpatch.New()
	a, b, table := dmp.DiffLinesToChars(joinLines(old), joinLines(new))
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(a, b, false), table)
	var ops []lineOp
	for _, d := range diffs {
		kind := byte(' ')
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			kind = '-'
		case diffmatchpatch.DiffInsert:
			kind = '+'
		}
		for _, l := range strings.SplitAfter(d.Text, "\n") {
			if l != "" {
				ops = append(ops, lineOp{kind, strings.TrimSuffix(l, "\n")})
			}
		}
	}
	return ops
}

func joinLines(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}
