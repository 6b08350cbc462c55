package checker

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker/fold"
	"github.com/fzlint/fzlint/checker/input"
)

// FuzzReflow: whatever the text, rebuilding its paragraphs never fails, and every character of
// every rebuilt line is, through the source map, the same character of the file's lines.
func FuzzReflow(f *testing.F) {
	f.Add("某县关于2024年度法治政府建设情况的报告 2024年，全县推进依法行政。 一、主要举措和成效 （一）强化领导。1.健全机制。 二、存在的不足和原因 基层力量薄弱，原因是编制不足。")
	f.Add(strings.Repeat("全面推进法治政府建设，落实行政执法三项制度，办理行政复议案件\n", 8) + "一、主要举措\n《中华人民共和国行政\n复议法》实施。\n")
	f.Add("一、\n二、\n 1. 2. \n（一）")
	f.Add("深入實施「八五」普法規劃\n一、主要舉措\n")
	f.Fuzz(func(t *testing.T, s string) {
		t0, err := input.DecodeText([]byte(s))
		if err != nil {
			return
		}
		// prepare, which skips folding a text the reader found nothing to fold in, prepares
		// it as reflowing and folding every line does.
		r := reflow(t0)
		want, wantFolded := fold.Lines(r.Lines)
		if p, lines, folded := prepare(t0); !slices.Equal(lines, want) || folded != wantFolded || !slices.Equal(p.Lines, r.Lines) {
			t.Fatalf("prepare = %q, %v; want %q, %v", lines, folded, want, wantFolded)
		}
		if r == t0 {
			return
		}
		src := make([][]rune, len(t0.Lines))
		for i, l := range t0.Lines {
			src[i] = []rune(l)
		}
		for i, l := range r.Lines {
			for k, ch := range []rune(l) {
				p := r.Map.Locate(i+1, k+1)
				if p.Line < 1 || p.Line > len(src) || p.Col < 1 || p.Col > len(src[p.Line-1]) || src[p.Line-1][p.Col-1] != ch {
					t.Fatalf("line %d col %d %q maps to %+v", i+1, k+1, ch, p)
				}
			}
		}
	})
}

// BenchmarkReflowFold is what the text pays before the rules run, on the five seeds (none is
// rebuilt or folded: this is the cost of deciding so): compare with BenchmarkCheck.
func BenchmarkReflowFold(b *testing.B) {
	var texts []*input.Text
	size := 0
	for _, f := range []string{"000_4c1585aa5a4d5d00", "001_82d8d1cc76649ea2", "002_21c7d6ccdca8baa6", "003_7f633bab698fbd83", "004_8e2bfd6529608b47"} {
		data, err := os.ReadFile("../testdata/seeds/" + f + ".txt")
		if err != nil {
			b.Fatal(err)
		}
		t, err := input.DecodeText(data)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, t)
		size += len(data)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, t := range texts {
			fold.Lines(reflow(t).Lines)
		}
	}
}
