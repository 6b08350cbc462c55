package checker

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// testMarks are the marks of the default rule set, and a few others of each UTF-8 length.
const testMarks = ",.;:?!()[]\"'《》“”‘’（）【】〔〕「」·é—"

// referenceScan is scanLine written the obvious way, a byte at a time: the fast scan must find
// the same sentences, digit runs and marks in any valid UTF-8 text.
func referenceScan(s string) (sents, digits [][2]int, marks []int32) {
	start := 0
	for i := 0; i < len(s); i++ {
		size := 0
		for _, end := range []string{";", "!", "?", "。", "；", "！", "？"} {
			if strings.HasPrefix(s[i:], end) {
				size = len(end)
			}
		}
		if size == 0 {
			continue
		}
		if !blank(s[start:i]) {
			sents = append(sents, [2]int{start, i + size})
		}
		start = i + size
		i += size - 1
	}
	if !blank(s[start:]) {
		sents = append(sents, [2]int{start, len(s)})
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' && (i == 0 || s[i-1] < '0' || s[i-1] > '9') {
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			digits = append(digits, [2]int{i, j})
		}
	}
	for i, r := range s {
		if strings.ContainsRune(testMarks, r) {
			marks = append(marks, int32(i))
		}
	}
	return sents, digits, marks
}

func testScan(s string) (sents, digits [][2]int, marks []int32) {
	var sc lineScan
	scanLine(s, &sc, newMarkSet([]rune(testMarks)...))
	return sc.sents, sc.digits, sc.marks
}

var scanSamples = []string{
	"",
	"　　2024年，全县共办理行政复议案件16件，办结15件；调解成功率98.5%！",
	"一、主要举措和成效。。 ；  ",
	"Ｘ县 12 件? 3!4;5 ５６ 〔2021〕1号 《纲要（2021—2025年）》…… 😀1",
	"“依法行政”(含共同被告),败诉「3」件:率为98.5%·café",
	"   \u3000 ",
	"abc123def4567。ABC",
}

func TestScanLineMatchesReference(t *testing.T) {
	for _, s := range scanSamples {
		gs, gd, gm := testScan(s)
		ws, wd, wm := referenceScan(s)
		if !reflect.DeepEqual(gs, ws) || !reflect.DeepEqual(gd, wd) || !reflect.DeepEqual(gm, wm) {
			t.Errorf("scanLine(%q) = %v %v %v, want %v %v %v", s, gs, gd, gm, ws, wd, wm)
		}
	}
}

func FuzzScanLine(f *testing.F) {
	for _, s := range scanSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		gs, gd, gm := testScan(s) // must not panic on any input
		if !utf8.ValidString(s) {
			return
		}
		ws, wd, wm := referenceScan(s)
		if !reflect.DeepEqual(gs, ws) || !reflect.DeepEqual(gd, wd) || !reflect.DeepEqual(gm, wm) {
			t.Errorf("scanLine(%q) = %v %v %v, want %v %v %v", s, gs, gd, gm, ws, wd, wm)
		}
	})
}
