package checker_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/input"
)

// crossFile runs the cross-file stage over named texts as a batch would, and returns the
// findings of every file by name.
func crossFile(t *testing.T, names []string, texts []string) map[string][]checker.Diagnostic {
	t.Helper()
	l := linterFor(t)
	facts := make([]checker.Facts, len(texts))
	for i, s := range texts {
		txt, err := input.DecodeText([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		facts[i] = l.Facts(names[i], txt, checker.Options{})
		// A batch takes them from the check (CheckTextFacts): they must be the same.
		if _, f := l.CheckTextFacts(names[i], txt, checker.Options{}); !reflect.DeepEqual(f, facts[i]) {
			t.Fatalf("%s: the facts of the check differ from Facts:\n%+v\n%+v", names[i], f, facts[i])
		}
	}
	out := map[string][]checker.Diagnostic{}
	for i, ds := range l.CrossFileFindings(names, facts) {
		// Through the engine, as the batch does: severities, positions, sorting.
		res := l.CheckBytes(names[i], []byte(texts[i]), checker.Options{Batch: ds})
		for _, d := range res.Diagnostics {
			if strings.HasPrefix(d.Rule, "batch/") {
				out[names[i]] = append(out[names[i]], d)
			}
		}
	}
	return out
}

func seedTexts(t *testing.T) (names, texts []string) {
	t.Helper()
	files, err := filepath.Glob("../testdata/seeds/*.txt")
	if err != nil || len(files) != 5 {
		t.Fatalf("seeds: %v %v", files, err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		names, texts = append(names, f), append(texts, string(data))
	}
	return names, texts
}

// longLines returns the lines of a text with at least n characters.
func longLines(s string, n int) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if utf8.RuneCountInString(l) >= n {
			out = append(out, l)
		}
	}
	return out
}

func TestCrossFileFindsNoCopyAmongTheFiveSeeds(t *testing.T) {
	names, texts := seedTexts(t)
	if got := crossFile(t, names, texts); len(got) > 0 {
		t.Errorf("five different reports, yet copies found: %v", got)
	}
}

func TestCrossFileFindsAPlantedCopyOnBothSides(t *testing.T) {
	names, texts := seedTexts(t)
	// Another unit's paragraph, its unit, years and numbers changed and a few words edited,
	// planted in seed 4 after its line 12.
	src := longLines(texts[3], 120)[3]
	num := regexp.MustCompile(`\d+`)
	planted := num.ReplaceAllStringFunc(strings.NewReplacer("嵩县", "从化区", "2024", "2023", "全县", "全区").Replace(src),
		func(d string) string { return d + "7" })
	planted = strings.Replace(planted, "推进", "推动", 1)
	if planted == src {
		t.Fatal("the planted paragraph was not edited")
	}
	lines := strings.Split(texts[4], "\n")
	lines = append(lines[:12], append([]string{planted}, lines[12:]...)...)
	texts[4] = strings.Join(lines, "\n")
	srcLine := 1 + indexOfLine(texts[3], src)

	got := crossFile(t, names, texts)
	want := map[string]string{
		names[3]: fmt.Sprintf("%d→%s 第 13 行", srcLine, filepath.ToSlash(names[4])),
		names[4]: fmt.Sprintf("13→%s 第 %d 行", filepath.ToSlash(names[3]), srcLine),
	}
	if len(got) != len(want) {
		t.Fatalf("findings in %d files, want 2: %v", len(got), got)
	}
	for name, w := range want {
		ds := got[name]
		if len(ds) != 1 {
			t.Fatalf("%s: %d findings, want 1: %v", name, len(ds), ds)
		}
		d := ds[0]
		line, partner, _ := strings.Cut(w, "→")
		if fmt.Sprint(d.Line) != line || d.Rule != "batch/copied-paragraph" || !strings.Contains(d.Message, partner) || d.Severity != checker.Warning {
			t.Errorf("%s: %d %s %v %q; want line %s naming %q", name, d.Line, d.Rule, d.Severity, d.Message, line, partner)
		}
	}
}

func indexOfLine(s, line string) int {
	for i, l := range strings.Split(s, "\n") {
		if l == line {
			return i
		}
	}
	return -1
}

func TestCrossFileFindsLastYearsPlanOnTheLaterReportOnly(t *testing.T) {
	_, seeds := seedTexts(t)
	plan := longLines(seeds[1], 80)[5]
	report := func(year int, measures string) string {
		return strings.Join([]string{
			fmt.Sprintf("某某县人民政府关于%d年度法治政府建设情况的报告", year),
			fmt.Sprintf("%d年，县政府坚持依法行政，现将有关情况报告如下。", year),
			fmt.Sprintf("一、%d年度推进法治政府建设的主要举措和成效", year),
			measures,
			fmt.Sprintf("二、%d年度推进法治政府建设的主要安排", year+1),
			plan,
		}, "\n")
	}
	m := longLines(seeds[0], 80)
	names := []string{"a/2023.txt", "a/2024.txt", "b/other.txt"}
	texts := []string{report(2023, m[1]), report(2024, m[2]), seeds[2]}
	got := crossFile(t, names, texts)
	if len(got) != 1 || len(got["a/2024.txt"]) != 1 {
		t.Fatalf("want one finding on the 2024 report, got %v", got)
	}
	d := got["a/2024.txt"][0]
	if d.Rule != "batch/same-as-last-year" || d.Line != 6 || d.Severity != checker.Info ||
		!strings.Contains(d.Message, "2023年度") || !strings.Contains(d.Message, "a/2023.txt 第 6 行") {
		t.Errorf("got %d %s %v %q", d.Line, d.Rule, d.Severity, d.Message)
	}
}

func TestCrossFileSkipsTextManyReportsShare(t *testing.T) {
	_, texts := seedTexts(t)
	var pool []string
	for _, s := range texts {
		pool = append(pool, longLines(s, 60)...)
	}
	// A formula every report of the batch writes: shared by all, it is no copy.
	formula := "全面贯彻落实上级关于法治政府建设的各项部署要求，坚持把法治政府建设摆在全局工作的突出位置，统筹推进各项工作任务落地见效，为经济社会高质量发展提供坚实法治保障。"
	var names []string
	texts = nil
	for i := 0; i < 40; i++ {
		names = append(names, fmt.Sprintf("r%02d.txt", i))
		texts = append(texts, fmt.Sprintf("第%d县人民政府2024年度法治政府建设情况报告\n%s\n%s", i, formula, pool[i]))
	}
	if got := crossFile(t, names, texts); len(got) > 0 {
		t.Errorf("boilerplate reported as copies: %d files, e.g. %v", len(got), got[names[0]])
	}
}

// wrapRunes hard-wraps a paragraph every n characters, as text copied out of a PDF is.
func wrapRunes(s string, n int) []string {
	r := []rune(s)
	var out []string
	for len(r) > n {
		out = append(out, string(r[:n]))
		r = r[n:]
	}
	return append(out, string(r))
}

// TestCrossFileFindsACopyInHardWrappedTraditionalText: the same paragraph in a report as
// written and in one copied out of a PDF, hard-wrapped and in traditional characters. The
// stage compares the paragraphs the other rules see (rejoined, folded), and each side's finding
// names the other's line in its file: the wrapped paragraph's first line.
func TestCrossFileFindsACopyInHardWrappedTraditionalText(t *testing.T) {
	para := func(file string) string {
		data, err := os.ReadFile(filepath.Join("../testdata/openings", file))
		if err != nil {
			t.Fatal(err)
		}
		// Part 一's body on line 2, after its heading's sentence: about 150 characters.
		_, body, _ := strings.Cut(strings.Split(string(data), "\n")[1], "。")
		r := []rune(body)
		return string(r[:150])
	}
	simplified, traditional := para("21-guangdong-province-2021.txt"), para("22-guangdong-province-2021-traditional.txt")
	if simplified == traditional {
		t.Fatal("the traditional copy is not traditional")
	}
	_, seeds := seedTexts(t)
	a := strings.Join([]string{
		"甲市人民政府关于2021年度法治政府建设情况的报告",
		"一、2021年度推进法治政府建设的主要举措和成效",
		longLines(seeds[0], 80)[1],
		simplified,
		longLines(seeds[0], 80)[2],
	}, "\n")
	// The other report, hard-wrapped every 24 characters: the copy starts on line wrapAt.
	var b []string
	b = append(b, "乙市人民政府关于2021年度法治政府建设情况的報告", "一、2021年度推進法治政府建設的主要舉措和成效")
	b = append(b, wrapRunes(longLines(seeds[2], 80)[1], 24)...)
	wrapAt := len(b) + 1
	b = append(b, wrapRunes(traditional, 24)...)
	b = append(b, wrapRunes(longLines(seeds[2], 80)[2], 24)...)
	names := []string{"a.txt", "b.txt"}
	got := crossFile(t, names, []string{a, strings.Join(b, "\n")})
	want := map[string][2]string{
		"a.txt": {"4", fmt.Sprintf("b.txt 第 %d 行", wrapAt)},
		"b.txt": {fmt.Sprint(wrapAt), "a.txt 第 4 行"},
	}
	for name, w := range want {
		ds := got[name]
		if len(ds) != 1 {
			t.Fatalf("%s: %d findings, want 1: %v", name, len(ds), ds)
		}
		if d := ds[0]; fmt.Sprint(d.Line) != w[0] || d.Rule != "batch/copied-paragraph" || !strings.Contains(d.Message, w[1]) {
			t.Errorf("%s: line %d %s %q; want line %s naming %q", name, d.Line, d.Rule, d.Message, w[0], w[1])
		}
	}
}
