package checker

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker/textscan"
)

// plainNumberValue is how parseNumber read a number's value before exactDecimal: the text with
// its thousands commas dropped, through strconv.ParseFloat.
func plainNumberValue(s string, i, j int) float64 {
	v, _ := strconv.ParseFloat(strings.ReplaceAll(s[i:j], ",", ""), 64)
	return v
}

// plainUnitAt is how extractNumbers found a number's unit before unitAt: the first unit of the
// list (longest first) that the text after the number begins with.
func plainUnitAt(nm *numberMatchers, s string, k int) int {
	for i, u := range nm.units {
		if strings.HasPrefix(s[k:], u) {
			return i
		}
	}
	return -1
}

// plainNearest is how nearestLabel (notRate) and nearestRate chose a word before nearestWord:
// every word's gap tested with strings.ContainsAny, hasDigit and utf8.RuneCountInString.
func plainNearest(s string, ms []textscan.Match, from, at, maxGap int, notRate bool) int {
	best := -1
	for i, m := range ms {
		if m.End > at || m.Start < from || notRate && strings.HasPrefix(s[m.End:], "率") {
			continue
		}
		gap := s[m.End:at]
		if strings.ContainsAny(gap, clauseBreak) || hasDigit(gap) || utf8.RuneCountInString(gap) > maxGap {
			continue
		}
		if best < 0 || m.End > ms[best].End || m.End == ms[best].End && m.Start < ms[best].Start {
			best = i
		}
	}
	return best
}

// sameNumbers holds parseNumber's value to strconv.ParseFloat's and unitAt to the plain search
// at every digit of s, and nearestWord to plainNearest at every byte, with the label words as
// words; labelGap to the tests it replaces for every gap.
func sameNumbers(t *testing.T, nm *numberMatchers, s string) {
	t.Helper()
	words := textscan.NewMatcher(append(nm.labelWords[:len(nm.labelWords):len(nm.labelWords)], nm.rateWords...)).FindAll(nil, s)
	for at := 0; at <= len(s); at++ {
		for _, maxGap := range []int{0, 1, 6, 14} {
			for _, notRate := range []bool{false, true} {
				for _, from := range []int{0, at / 2, at} {
					if got, _ := nearestWord(s, words, from, at, maxGap, notRate); got != plainNearest(s, words, from, at, maxGap, notRate) {
						t.Fatalf("%q from %d at %d, gap %d, notRate %v: nearestWord %d, plain %d", s, from, at, maxGap, notRate, got, plainNearest(s, words, from, at, maxGap, notRate))
					}
				}
			}
			gap := s[:at]
			if got, want := labelGap(gap, maxGap), !strings.ContainsAny(gap, clauseBreak) && !hasDigit(gap) && utf8.RuneCountInString(gap) <= maxGap; got != want {
				t.Fatalf("labelGap(%q, %d) = %v, want %v", gap, maxGap, got, want)
			}
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			continue
		}
		v, _, j := parseNumber(s, i, len(s))
		if want := plainNumberValue(s, i, j); math.Float64bits(v) != math.Float64bits(want) {
			t.Fatalf("%q at %d: parseNumber %v, ParseFloat %v", s, i, v, want)
		}
		k := skipSpaces(s, j)
		if got, want := nm.unitAt(s, k), plainUnitAt(nm, s, k); got != want {
			t.Fatalf("%q at %d: unitAt %d, plain search %d", s, k, got, want)
		}
	}
}

func TestNumbersAgreeWithPlain(t *testing.T) {
	rs, _ := defaultStale(t) // the default rule set
	nm := compileNumbers(rs)
	for _, s := range []string{
		"收到行政复议申请16件，受理12件次，不予受理4人次。", "成功率98.25%", "金额1,234.5万元", "1,234,567元",
		"0.1", "0.30000000000000004", "123456789012345", "1234567890123456", "99999999999999999999",
		"3.14159265358979323846", "12.5亿元", "7件", "8 场次", "9\xe4", "1,23", "1,2345", "00012.0300",
		"共收到申请35件，其中受理27件、不予受理6件，办结率为98%", "调解成功率（含调处）达到了百分之97.5%", "收到\xe3\x80受理\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x805件",
		"审结案件；办结12人", "受理(12)件", "收案：立案:9",
	} {
		sameNumbers(t, nm, s)
	}
}

// FuzzNumbers: whatever the text, parseNumber and unitAt agree with the plain code they replace.
func FuzzNumbers(f *testing.F) {
	for _, s := range []string{"收到16件，受理12件次", "成功率98.25%", "1,234.5万元", "0.30000000000000004", "1234567890123456人次"} {
		f.Add(s)
	}
	rs, _ := defaultStale(f)
	nm := compileNumbers(rs)
	f.Fuzz(func(t *testing.T, s string) {
		// sameNumbers tests every gap of s against the plain code, which reads each whole: a
		// long input costs its length cubed and tells nothing more (gaps of more than maxGap
		// characters are all refused alike).
		if len(s) > 512 {
			t.Skip()
		}
		sameNumbers(t, nm, s)
	})
}

// BenchmarkExtractNumbers measures extractNumbers' own work over the seed reports: their lines
// are scanned and their phrases found before the timer starts, as the other checks would have.
func BenchmarkExtractNumbers(b *testing.B) {
	rs, _ := defaultStale(b)
	c := Compile(rs)
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	var docs []*Document
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		d := NewDocument(f, strings.Split(string(data), "\n"), "UTF-8", c, Options{})
		d.extractNumbers(c.m, rs.Numbers.MaxGap)
		docs = append(docs, d)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			d.extractNumbers(c.m, rs.Numbers.MaxGap)
		}
	}
}

// TestNearestWordLooksNearby: on a line of 收到1件， written 3,000 times (and with 。 for ，),
// finding each figure's label looks at the few words that end within maxGap characters before
// it, not at every word of the line (3,000 × 3,000 / 2 before), and still finds 收到.
func TestNearestWordLooksNearby(t *testing.T) {
	rs, _ := defaultStale(t)
	nm := compileNumbers(rs)
	const n = 3000
	for _, unit := range []string{"收到1件，", "收到1件。"} {
		s := strings.Repeat(unit, n)
		words := textscan.NewMatcher(nm.labelWords).FindAll(nil, s)
		if len(words) != n {
			t.Fatalf("%d words in %d × %s", len(words), n, unit)
		}
		total := 0
		for at := strings.IndexByte(s, '1'); at >= 0; {
			best, weighed := nearestWord(s, words, 0, at, rs.Numbers.MaxGap, true)
			if best < 0 || nm.labelOf[words[best].ID] != "收到" {
				t.Fatalf("%s at %d: word %d", unit, at, best)
			}
			total += weighed
			next := strings.IndexByte(s[at+1:], '1')
			if next < 0 {
				break
			}
			at += 1 + next
		}
		if total > 8*n {
			t.Errorf("%d × %s: %d words weighed for %d figures", n, unit, total, n)
		}
	}
}

// BenchmarkExtractNumbersLongLine measures extractNumbers on one line of 收到1件， written
// 40,000 times: 40,000 figures in one sentence.
func BenchmarkExtractNumbersLongLine(b *testing.B) {
	rs, _ := defaultStale(b)
	c := Compile(rs)
	d := NewDocument("x.txt", []string{strings.Repeat("收到1件，", 40000)}, "UTF-8", c, Options{})
	d.extractNumbers(c.m, rs.Numbers.MaxGap)
	for b.Loop() {
		d.extractNumbers(c.m, rs.Numbers.MaxGap)
	}
}

// sentencesOf returns the sentences that state numbers in the seed reports and in lines.
func sentencesOf(tb testing.TB, c *Compiled, lines ...string) []*sentenceNumbers {
	tb.Helper()
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	docs := []*Document{NewDocument("x.txt", lines, "UTF-8", c, Options{})}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, NewDocument(f, strings.Split(string(data), "\n"), "UTF-8", c, Options{}))
	}
	var out []*sentenceNumbers
	for _, d := range docs {
		for sn := range d.sentenceNumbers(c.m, c.Set.Numbers.MaxGap) {
			out = append(out, sn)
		}
	}
	return out
}

// TestLabelIndexAgreesWithByLabel: for every sentence of the seeds and a few made up, every
// label and unit class (and none), labelIndex answers what byLabel does.
func TestLabelIndexAgreesWithByLabel(t *testing.T) {
	rs, _ := defaultStale(t)
	c := Compile(rs)
	labels, units := []string{"", "无此名称"}, []string{"", "无此单位"}
	for _, l := range rs.Numbers.Labels {
		labels = append(labels, l.Name)
	}
	for _, class := range rs.Numbers.Units {
		units = append(units, class...)
	}
	sents := sentencesOf(t, c,
		"调解纠纷2件，调解成功1件，成功率50%，调解纠纷3件，调解成功3件，成功率100%。",
		"共收到行政复议申请35件，其中受理27件、不予受理6件，收到8人次，办结率为98%。",
		"收到1件，收到2件，受理1人，受理2件。")
	if len(sents) < 100 {
		t.Fatalf("only %d sentences", len(sents))
	}
	for _, sn := range sents {
		ix := labelIndex{sn: sn}
		for _, l := range labels {
			for _, u := range units {
				gq, gok := ix.byLabel(l, u)
				wq, wok := sn.byLabel(l, u)
				if gq != wq || gok != wok {
					t.Fatalf("%q: byLabel(%q, %q) = %v %v, labelIndex %v %v", sn.text[sn.start:sn.end], l, u, wq, wok, gq, gok)
				}
			}
		}
	}
}

// BenchmarkRateMismatchLongSentence runs consistency/rate-mismatch on one sentence of 20,000
// figures and 10,000 rates.
func BenchmarkRateMismatchLongSentence(b *testing.B) {
	rs, _ := defaultStale(b)
	c := Compile(rs)
	d := NewDocument("x.txt", []string{strings.Repeat("调解纠纷2件，调解成功1件，成功率50%，", 10000)}, "UTF-8", c, Options{})
	p := &Pass{Doc: d, Rules: c.Set, m: c.m, check: rateMismatch}
	for b.Loop() {
		p.diags = p.diags[:0]
		runRateMismatch(p)
	}
}
