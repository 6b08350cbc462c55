package checker

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker/textscan"
)

// plainPercentRange is runPercentRange as it was before clauseScan: the clause and its words
// sought from the sentence's start for each percentage.
func plainPercentRange(p *Pass) {
	nm := p.m.numbers
	var buf []textscan.Match
	for sn := range p.Doc.numbersOf(p) {
		for _, pc := range sn.percents {
			if pc.value <= 100 {
				continue
			}
			from := sn.start
			before := sn.text[from:pc.start]
			if i := strings.LastIndexAny(before, clauseBreak); i >= 0 {
				from += i + 1
				before = sn.text[from:pc.start]
			}
			buf = nm.bounded.FindAll(buf[:0], before)
			if len(buf) == 0 {
				continue
			}
			last := buf[len(buf)-1]
			gap := before[last.End:]
			if utf8.RuneCountInString(gap) > 6 || nm.unbounded.Contains(before) {
				continue
			}
			d := p.At(sn.line, pc.start, pc.end)
			if p.deferred(d.Line, d.Column, d.EndColumn) {
				continue
			}
			d.Message = fmt.Sprintf("“%s”不能超过100%%，这里写的是%s", before[last.Start:last.End], sn.text[pc.start:pc.end])
			p.Report(d)
		}
	}
}

// samePercentRange holds runPercentRange's findings on lines to plainPercentRange's.
func samePercentRange(t *testing.T, c *Compiled, name string, lines []string) int {
	t.Helper()
	run := func(f func(*Pass)) []Diagnostic {
		d := NewDocument(name, lines, "UTF-8", c, Options{})
		p := &Pass{Doc: d, Rules: c.Set, m: c.m, check: percentRange}
		f(p)
		return p.diags
	}
	got, want := run(runPercentRange), run(plainPercentRange)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: findings\n%v\nwant\n%v", name, got, want)
	}
	return len(got)
}

// TestPercentRangeAgreesWithPlain: on the seeds, the made-up lines below and the rule's
// fixtures, percent-range finds what it found when it read each clause again for each
// percentage.
func TestPercentRangeAgreesWithPlain(t *testing.T) {
	rs, _ := defaultStale(t)
	c := Compile(rs)
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	found := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		found += samePercentRange(t, c, f, strings.Split(string(data), "\n"))
	}
	for _, l := range percentRangeLines {
		found += samePercentRange(t, c, l, []string{l})
	}
	if found < 10 {
		t.Fatalf("only %d findings: the test compares too little", found)
	}
}

var percentRangeLines = []string{
	"全年群众满意率达120%，政府法律顾问覆盖率100%。",
	"满意率120%满意率130%，满意率达到了140%；同比增长满意率150%满意率160%",
	"满意率同比增长120%，覆盖率为200%，其中增幅满意率300%（满意率400%）",
	"满意率(120%):覆盖率、满意率120%。出庭应诉率达到了百分之一百零120%",
	"\xef\xbc满意率120%\xbc\x8c覆盖率130%\xe3\x80满意率140%增长\xef\xbc\x8c满意率150%",
	"覆盖率覆盖率覆盖率覆盖率覆盖率覆盖率覆盖率1200%，满意率满意率一二三四五六120%一二三四五六七满意率130%",
	strings.Repeat("满意率120%", 300) + "同比增长" + strings.Repeat("满意率120%", 300),
	strings.Repeat("满意率达120%，", 300),
}

// FuzzPercentRange holds runPercentRange to plainPercentRange on any line.
func FuzzPercentRange(f *testing.F) {
	for _, l := range percentRangeLines[:6] {
		f.Add(l)
	}
	rs, _ := defaultStale(f)
	c := Compile(rs)
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			t.Skip()
		}
		samePercentRange(t, c, "fuzz.txt", strings.Split(s, "\n"))
	})
}

// BenchmarkPercentRangeLongSentence runs consistency/percent-range on one sentence of 10,000
// percentages over 100%.
func BenchmarkPercentRangeLongSentence(b *testing.B) {
	rs, _ := defaultStale(b)
	c := Compile(rs)
	d := NewDocument("x.txt", []string{strings.Repeat("满意率120%", 10000)}, "UTF-8", c, Options{})
	p := &Pass{Doc: d, Rules: c.Set, m: c.m, check: percentRange}
	for b.Loop() {
		p.diags = p.diags[:0]
		runPercentRange(p)
	}
}
