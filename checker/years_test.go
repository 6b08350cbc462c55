package checker

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	for _, sp := range ranges {
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
	return ruled
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
	for _, s := range []string{"2024年，全县共办理案件16件。", "　 2023年度法治政府建设", "较2019年增长；12345年", "《纲要（2021—2025年）》", "2024年 ", "\u3000\u3000 x"} {
		f.Add(s)
	}
	rs, _ := defaultStale(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkYearGuards(t, s, rs.Years.NotBefore, rs.Years.NotAfter)
	})
}
