package checker

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fzlint/fzlint/internal/seeds"
)

// testMarks are the marks of the default rule set, and a few others of each UTF-8 length,
// among them a Han character (建) and one beyond U+FFFF.
const testMarks = ",.;:?!()[]\"'《》“”‘’（）【】〔〕「」·é—建😀"

// testMarksNoHan are testMarks without the Han character: with no Han mark, scanLine steps
// over Han characters by hanScan.run16.
var testMarksNoHan = strings.ReplaceAll(testMarks, "建", "")

// referenceScan is scanLine written the obvious way, a byte at a time: the fast scan must find
// the same sentences, digit runs and marks (testMarks) in any valid UTF-8 text.
func referenceScan(s string) (sents, digits [][2]int, marks []int32) {
	return referenceScanMarks(s, testMarks)
}

// referenceScanMarks is referenceScan with the marks given.
func referenceScanMarks(s, markChars string) (sents, digits [][2]int, marks []int32) {
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
		if strings.ContainsRune(markChars, r) {
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
	"“依法行政”(含共同被告),败诉「3」件:率为98.5%·café，建设法治政府",
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
		f.Add(s, uint8(0))
	}
	f.Add("建立建立的的一乀一乀，建建😀建", uint8(4))
	f.Add("倀一倀一乀乀建a建立立", uint8(7))
	f.Add("建立建立的的一乀一乀，建建😀建", uint8(4|0x80))
	f.Fuzz(func(t *testing.T, s string, within uint8) {
		// within 0 looks for no repeats; 1 to 8 as far back as that. Its high bit takes the
		// marks without a Han character.
		n := int(within&0x7F) % (maxRepeatWithin + 1)
		markChars := testMarks
		if within&0x80 != 0 {
			markChars = testMarksNoHan
		}
		set := newMarkSet([]rune(markChars)...)
		set.repeatWithin = n
		var sc lineScan
		scanLine(s, &sc, set) // must not panic on any input
		if !utf8.ValidString(s) {
			return
		}
		ws, wd, wm := referenceScanMarks(s, markChars)
		if !reflect.DeepEqual(sc.sents, ws) || !reflect.DeepEqual(sc.digits, wd) || !reflect.DeepEqual(sc.marks, wm) {
			t.Errorf("scanLine(%q) = %v %v %v, want %v %v %v", s, sc.sents, sc.digits, sc.marks, ws, wd, wm)
		}
		if wr := referenceRepeats(s, n); !reflect.DeepEqual(sc.repeats, wr) {
			t.Errorf("scanLine(%q), within %d: repeats %v, want %v", s, n, sc.repeats, wr)
		}
	})
}

// referenceRepeats is lineScan.repeats found the obvious way in valid UTF-8: the offsets of
// the characters of U+4000–U+9FFF whose last bytes (two when n is at most 4, else one) equal
// those of one of the n characters before them in the same run of such characters.
func referenceRepeats(s string, n int) []int32 {
	var out []int32
	var run []int // offsets of the current run's characters
	for i, r := range s {
		if r < 0x4000 || r > 0x9FFF {
			run = run[:0]
			continue
		}
		for k := 1; k <= n && k <= len(run); k++ {
			j := run[len(run)-k]
			if s[i+2] == s[j+2] && (n > 4 || s[i+1] == s[j+1]) {
				out = append(out, int32(i))
				break
			}
		}
		run = append(run, i)
	}
	return out
}

// repeatAlphabet builds lines full of repeats from fuzz bytes: Han characters, three of which
// share their last byte (一 乀 倀, so that the scan's test on last bytes has false alarms), a
// function word, a character outside the common block, ASCII and punctuation.
var repeatAlphabet = []string{"一", "乀", "倀", "建", "立", "的", "确", "㐀", "a", "1", "，", "😀"}

func repeatLine(data []byte) string {
	var b strings.Builder
	for _, c := range data {
		b.WriteString(repeatAlphabet[int(c)%len(repeatAlphabet)])
	}
	return b.String()
}

// The repeated words found at the starts the scan allows are those found by trying every
// character.
func FuzzRepeatedWords(f *testing.F) {
	f.Add([]byte{3, 4, 3, 4, 5, 5, 0, 1, 0, 1, 2, 0, 2, 0}, uint8(4))
	f.Add([]byte{5, 6, 5, 6, 3, 3, 3, 3, 4, 4, 8, 3, 4, 3, 4}, uint8(2))
	w := &repeatWords{single: map[rune]bool{'的': true}, parallel: map[rune]bool{'一': true}, allow: []string{"的确的确"}}
	f.Fuzz(func(t *testing.T, data []byte, maxLen uint8) {
		n := int(maxLen)%maxRepeatWithin + 1
		s := repeatLine(data)
		var sc lineScan
		set := newMarkSet()
		set.repeatWithin = n
		scanLine(s, &sc, set)
		var got, want [][2]int
		repeatedWords(s, sc.repeats, true, n, w, func(a, k int) { got = append(got, [2]int{a, k}) })
		repeatedWords(s, nil, false, n, w, func(a, k int) { want = append(want, [2]int{a, k}) })
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q, max %d: found %v, want %v", s, n, got, want)
		}
	})
}

func TestRepeatedWordsFromTheScan(t *testing.T) {
	s := repeatLine([]byte{3, 4, 3, 4, 9, 5, 5, 0, 1, 0, 1, 2, 0, 2, 0})
	var sc lineScan
	set := newMarkSet()
	set.repeatWithin = 4
	scanLine(s, &sc, set)
	var got []string
	repeatedWords(s, sc.repeats, true, 4, &repeatWords{single: map[rune]bool{'的': true}}, func(a, k int) { got = append(got, s[a:a+6*k]) })
	if want := []string{"建立建立", "的的", "一乀一乀", "倀一倀一"}; !reflect.DeepEqual(got, want) {
		t.Errorf("in %q found %q, want %q", s, got, want)
	}
}

// BenchmarkScanLine runs scanLine, with the default rule set's marks and repeats, over every
// line of the seed reports.
func BenchmarkScanLine(b *testing.B) {
	rs, _ := defaultStale(b)
	c := Compile(rs)
	lines, size := seeds.Lines(b, "..")
	b.SetBytes(int64(size))
	var sc lineScan
	for b.Loop() {
		sc = lineScan{sents: sc.sents[:0], digits: sc.digits[:0], marks: sc.marks[:0], repeats: sc.repeats[:0]}
		for _, l := range lines {
			scanLine(l, &sc, c.m.marks)
		}
	}
}
