package checker

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// checkYearGuards holds the shortcuts of the year checks to the code they stand for: a range
// hasYearDigits rules out gives no year in yearsIn, and trimLeadingSpace is the strings.TrimLeft
// it replaces. It returns how many sentences the guard ruled out.
func checkYearGuards(t *testing.T, s string, notBefore, notAfter []string) int {
	if got, want := trimLeadingSpace(s), strings.TrimLeft(s, " \u3000"); got != want {
		t.Fatalf("trimLeadingSpace(%q) = %q, want %q", s, got, want)
	}
	l := &Line{Text: s}
	ruled := 0
	ranges := append([][2]int{{0, len(s)}}, l.Sentences()...)
	var titles lineTitles // shared by the ranges of the line, as runYearMismatch shares it
	for _, sp := range ranges {
		if got, want := titles.yearsIn(l, sp[0], sp[1], notBefore, notAfter), yearsIn(l, sp[0], sp[1], notBefore, notAfter); !slices.Equal(got, want) {
			t.Fatalf("%q [%d,%d): with the line's titles kept, %v; alone, %v", s, sp[0], sp[1], got, want)
		}
		for _, from := range []int{sp[0], sp[0] + 1} {
			if from > sp[1] {
				continue
			}
			if hasYearDigits(l.Digits(), from, sp[1]) {
				continue
			}
			ruled++
			if refs := yearsIn(l, from, sp[1], notBefore, notAfter); len(refs) > 0 {
				t.Fatalf("%q [%d,%d): hasYearDigits says no year, yearsIn finds %v", s, from, sp[1], refs)
			}
		}
	}
	marks := newBracketMarks(s)
	for i := 0; i <= len(s); i++ {
		for _, digitBefore := range []bool{false, true} {
			want := plainInBrackets(s, i, digitBefore)
			if i < len(s) && !utf8.RuneStart(s[i]) || !utf8.ValidString(s) {
				// a year starts on a digit, and a line's text is valid UTF-8 (its digits are
				// the runs Line.Digits finds, which a malformed sequence may hide)
				continue
			}
			if got := marks.inBrackets(s, i, digitBefore, l.Digits()); got != want {
				t.Fatalf("bracketMarks.inBrackets(%q, %d, %v) = %v, want %v", s, i, digitBefore, got, want)
			}
		}
	}
	return ruled
}

// plainInBrackets is bracketMarks.inBrackets written as its doc says, with strings.LastIndex for the
// opening mark and the closing mark looked for after it.
func plainInBrackets(s string, i int, digitBefore bool) bool {
	prev := strings.TrimRightFunc(s[:i], unicode.IsSpace)
	if !digitBefore && !slices.ContainsFunc(yearBrackets, func(p [2]string) bool { return strings.HasSuffix(prev, p[0]) }) {
		return false
	}
	return slices.ContainsFunc(yearBrackets, func(p [2]string) bool {
		o := strings.LastIndex(s[:i], p[0])
		return o >= 0 && !strings.Contains(s[o:i], p[1]) && strings.Contains(s[i:], p[1]) &&
			(len(strings.TrimSpace(s[o:i])) == len(p[0]) || hasDigit(s[o:i]))
	})
}

func TestYearGuardsSeeds(t *testing.T) {
	rs, _ := defaultStale(t)
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	ruled := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(data), "\n") {
			ruled += checkYearGuards(t, l, rs.Years.NotBefore, rs.Years.NotAfter)
		}
	}
	if ruled == 0 {
		t.Fatal("the guard ruled out no sentence of the seeds: the test reads nothing")
	}
}

func FuzzYearGuards(f *testing.F) {
	for _, s := range []string{"2024年，全县共办理案件16件。", "〔2019〕28号，《纲要（2021—2025年）》(2023年)[2022年]2024年，", "（ 2021", "　 2023年度法治政府建设", "较2019年增长；12345年", "《纲要（2021—2025年）》", "2024年 ", "\u3000\u3000 x"} {
		f.Add(s)
	}
	rs, _ := defaultStale(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkYearGuards(t, s, rs.Years.NotBefore, rs.Years.NotAfter)
	})
}
