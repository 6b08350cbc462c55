package checker

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker/input"
)

// TestWindowsHoldWhatWasAdded checks windows against the plain code it replaces, a slice of its
// own for each sentence: every window holds exactly the values added since the last take, none
// is changed by later adds (its array is never reused or copied over), and a window's capacity
// ends with it. Arrays are kept small so that most windows cross one.
func TestWindowsHoldWhatWasAdded(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	w := windows[int]{buf: make([]int, 0, 2), max: 8}
	var got, want [][]int
	v := 0
	for range 5000 {
		var plain []int
		for range r.IntN(13) { // sometimes none, sometimes more than an array holds
			v++
			w.add(v)
			plain = append(plain, v)
		}
		win := w.take()
		if len(win) != cap(win) {
			t.Fatalf("window %v has capacity %d beyond it", win, cap(win))
		}
		got, want = append(got, win), append(want, plain)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Fatalf("window %d: %v, want %v", i, got[i], want[i])
		}
	}
	if cap(w.buf) > 2*12 {
		t.Errorf("an array of %d values: the longest begun is max (8) or twice a window", cap(w.buf))
	}
}

// TestNumbersOfAHugeReport checks that the numbers of a report many times over, kept in many
// arrays, are those of the report once, repeated in order.
func TestNumbersOfAHugeReport(t *testing.T) {
	rs, _ := defaultStale(t)
	c := Compile(rs)
	one := "2024年，全县共收到行政复议申请35件，受理27件、不予受理6件，成功率98%。\n调解纠纷2604件，调解成功2552件，成功率98%。\n"
	count := func(text string) (sents, quantities, percents int, labels []string) {
		lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
		d := NewDocument("x.txt", lines, "UTF-8", c, Options{})
		for sn := range d.sentenceNumbers(c.m, c.Set.Numbers.MaxGap) {
			sents++
			quantities += len(sn.quantities)
			percents += len(sn.percents)
			for _, q := range sn.quantities {
				labels = append(labels, q.label+sn.text[q.start:q.end])
			}
		}
		return
	}
	s1, q1, p1, l1 := count(one)
	if s1 == 0 || q1 == 0 || p1 == 0 {
		t.Fatalf("the report once: %d sentences, %d quantities, %d percents", s1, q1, p1)
	}
	const n = 3000 // more than the 1,024 sentences of an array, and quantities beyond 4,096
	s, q, p, l := count(strings.Repeat(one, n))
	if s != n*s1 || q != n*q1 || p != n*p1 {
		t.Fatalf("%d times over: %d sentences, %d quantities, %d percents; want %d, %d, %d", n, s, q, p, n*s1, n*q1, n*p1)
	}
	for i := range l {
		if l[i] != l1[i%len(l1)] {
			t.Fatalf("quantity %d: %s, want %s", i, l[i], l1[i%len(l1)])
		}
	}
}

// plainListLines is listLines as it was, keeping every line named: the one that keeps five must
// write the same.
func plainListLines(d *Document, at []lineCol) string {
	var pos []input.Pos
	for _, lc := range at {
		p := d.at(lc.line, lc.col)
		if k := len(pos) - 1; k >= 0 && pos[k].Page == p.Page && pos[k].Line == p.Line {
			continue
		}
		pos = append(pos, p)
	}
	s := ""
	for i, p := range pos {
		if i == 5 {
			return s + "等" + strconv.Itoa(len(pos)) + "行"
		}
		s += lineListStep(pos, i) + strconv.Itoa(p.Line)
	}
	return s + "行"
}

// A list of lines in a fixed-layout file names each page once: 第1页第5、6行，第2页第3行.
func TestListLinesNamesEachPageOnce(t *testing.T) {
	m := &input.SourceMap{}
	for _, src := range []input.Pos{{Page: 1, Line: 5}, {Page: 1, Line: 6}, {Page: 2, Line: 3}, {Page: 2, Line: 4}, {Page: 2, Line: 9}, {Page: 3, Line: 1}} {
		src.Col = 1
		m.Lines = append(m.Lines, []input.Span{{Col: 0, N: 5, Src: src}})
	}
	d := &Document{Map: m}
	for _, tc := range []struct {
		at   []lineCol
		want string
	}{
		{[]lineCol{{1, 1}, {2, 1}, {3, 1}}, "第1页第5、6行，第2页第3行"},
		{[]lineCol{{3, 1}, {4, 1}, {5, 1}}, "第2页第3、4、9行"},
		{[]lineCol{{1, 1}, {2, 1}, {3, 1}, {4, 1}, {5, 1}, {6, 1}}, "第1页第5、6行，第2页第3、4、9等6行"},
		{[]lineCol{{6, 1}}, "第3页第1行"},
	} {
		if got := d.listLines(tc.at); got != tc.want {
			t.Errorf("listLines(%v) = %s, want %s", tc.at, got, tc.want)
		}
	}
	plain := &Document{}
	if got := plain.listLines([]lineCol{{3, 1}, {5, 2}, {9, 1}}); got != "第3、5、9行" {
		t.Errorf("plain text: %s, want 第3、5、9行", got)
	}
}

// TestListLinesKeepsFive: on a plain text (no map) and on a paged one, with positions repeated
// on a line, listLines names the lines as the code that kept them all did.
func TestListLinesKeepsFive(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	paged := &input.SourceMap{}
	for i := range 40 {
		// Logical line i+1 is on page i+1, lines 1 and 2: the same line numbers page after page.
		src := input.Pos{Page: i + 1, Line: 1, Col: 1}
		next := src
		next.Line++
		paged.Lines = append(paged.Lines, []input.Span{{Col: 0, N: 5, Src: src}, {Col: 5, N: 5, Src: next}})
	}
	for _, m := range []*input.SourceMap{nil, paged} {
		d := &Document{Map: m}
		for range 500 {
			var at []lineCol
			line := 1
			for range r.IntN(12) {
				line += r.IntN(3) // the same line again, or a later one
				at = append(at, lineCol{line, 1 + r.IntN(10)})
			}
			if got, want := d.listLines(at), plainListLines(d, at); got != want {
				t.Fatalf("listLines(%v) = %s, want %s", at, got, want)
			}
		}
	}
}
