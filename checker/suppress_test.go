package checker_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
)

// findings returns "line:rule" for each finding.
func findings(res checker.Result) []string {
	var out []string
	for _, d := range res.Diagnostics {
		out = append(out, fmt.Sprintf("%d:%s", d.Line, d.Rule))
	}
	return out
}

func TestSuppression(t *testing.T) {
	const numbering = "structure/heading-numbering"
	// Line 4 skips （二） and line 6 skips 二、: two heading-numbering findings without comments.
	body := func(before4, before6 string) string {
		lines := []string{
			"某县人民政府关于2024年度法治政府建设情况的报告",
			"2024年，某县坚持以习近平新时代中国特色社会主义思想为指导。",
			"一、主要举措和成效",
		}
		lines = append(lines, strings.Split(before4, "\n")...)
		lines = append(lines, "（三）严格规范公正文明执法", "全面推行行政执法“三项制度”。")
		lines = append(lines, strings.Split(before6, "\n")...)
		lines = append(lines, "三、存在的不足和原因", "基层法治力量薄弱，主要原因是培训不够。")
		var kept []string
		for _, l := range lines {
			if l != "-" {
				kept = append(kept, l)
			}
		}
		return strings.Join(kept, "\n")
	}
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"without comments both gaps are reported", body("-", "-"),
			[]string{"4:" + numbering, "6:" + numbering}},
		{"disable-next-line silences the next line only",
			body("<!-- fzlint-disable-next-line structure/heading-numbering -- 沿用上级文件序号 -->", "-"),
			[]string{"7:" + numbering}},
		{"disable-next-line skips blank lines",
			body("<!-- fzlint-disable-next-line structure/heading-numbering -->\n", "-"),
			[]string{"8:" + numbering}},
		{"a family silences its rules",
			body("<!-- fzlint-disable-next-line structure -->", "-"),
			[]string{"7:" + numbering}},
		{"a comment without rules silences every rule",
			body("<!-- fzlint-disable-next-line -->", "-"),
			[]string{"7:" + numbering}},
		{"a rule that found nothing there makes the comment unused",
			body("<!-- fzlint-disable-next-line structure/title, structure/heading-numbering -->", "-"),
			[]string{"4:lint/unused-suppression", "7:" + numbering}},
		{"disable and enable silence the lines between",
			body("<!-- fzlint-disable structure/heading-numbering -->", "<!-- fzlint-enable structure/heading-numbering -->\n二、主要举措\n一、重复"),
			[]string{"9:" + numbering, "10:" + numbering}},
		{"a disable without enable runs to the end",
			body("<!-- fzlint-disable structure/heading-numbering -->", "-"),
			nil},
		{"a disable that silenced nothing is reported",
			body("-", "-") + "\n<!-- fzlint-disable structure/heading-numbering -->\n无。",
			[]string{"4:" + numbering, "6:" + numbering, "8:lint/unused-suppression"}},
		{"an unknown rule is reported and silences nothing",
			body("<!-- fzlint-disable-next-line structure/heading-number -->", "-"),
			[]string{"4:lint/bad-suppression", "5:" + numbering, "7:" + numbering}},
	}
	l := linterFor(t, numbering, "structure/title", "lint/unused-suppression", "lint/bad-suppression")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := l.CheckBytes("r.txt", []byte(tc.text), checker.Options{})
			if got := findings(res); strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("findings %v, want %v\n%s", got, tc.want, tc.text)
			}
		})
	}
}

// TestDirectiveLinesAreInvisible: a comment line is not a title, a heading or a paragraph.
func TestDirectiveLinesAreInvisible(t *testing.T) {
	text := "<!-- fzlint-disable-next-line structure/deadline -->\n" +
		"某县人民政府关于2024年度法治政府建设情况的报告\n" +
		"<!-- fzlint-disable-next-line structure/heading-numbering -->\n" +
		"一、主要举措和成效\n" +
		"<!-- fzlint-enable structure/title -->\n"
	l := linterFor(t)
	doc := checker.NewDocument("r.txt", strings.Split(text, "\n"), "UTF-8", checker.Compile(defaultSet(t)), checker.Options{})
	if doc.TitleLine != 2 {
		t.Errorf("title line %d, want 2", doc.TitleLine)
	}
	for _, n := range []int{1, 3, 5} {
		if ln := doc.Lines[n-1]; !ln.Directive || !ln.Chrome || ln.Heading != nil {
			t.Errorf("line %d: directive %v chrome %v heading %v", n, ln.Directive, ln.Chrome, ln.Heading)
		}
	}
	res := l.CheckDocument(doc)
	for _, d := range res.Diagnostics {
		if (d.Line == 3 || d.Line == 5) && !strings.HasPrefix(d.Rule, "lint/") {
			t.Errorf("finding on a comment line: %d:%d %s [%s]", d.Line, d.Column, d.Message, d.Rule)
		}
	}
}

// TestSuppressionKeepsGroupedFixesOff: a grouped fix (one finding, edits on many lines) does not
// rewrite a line where its rule is silenced.
func TestSuppressionKeepsGroupedFixesOff(t *testing.T) {
	text := "2024年,本县法治政府建设取得新成效。\n" +
		"<!-- fzlint-disable-next-line language/punctuation-width -- 原文引用 -->\n" +
		"全年办理行政复议案件,审结率高。\n" +
		"组织学法活动,效果良好。\n"
	res := linterFor(t, "language/punctuation-width", "lint/unused-suppression").CheckBytes("r.txt", []byte(text), checker.Options{})
	var lines []int
	for _, d := range res.Diagnostics {
		if d.Rule == "lint/unused-suppression" {
			t.Errorf("the suppression counted as unused: %s", d.Message)
		}
		if d.Fix != nil {
			for _, e := range d.Fix.Edits {
				lines = append(lines, e.Line)
			}
		}
	}
	if fmt.Sprint(lines) != "[1 4]" {
		t.Errorf("fix edits on lines %v, want [1 4]", lines)
	}
}

// A comment silences a grouped finding's part on its line, not the whole finding: one before the
// first line with a half-width mark leaves the others reported (the finding moves to the next,
// and counts only theirs), one before a later line takes that line out of the count, and
// neither is said to be unused.
func TestSuppressionSilencesItsLineOfAGroupedFinding(t *testing.T) {
	const sup = "<!-- fzlint-disable-next-line language/punctuation-width -- 原文引用 -->\n"
	for _, tc := range []struct{ text, want string }{
		{"某县人民政府关于2024年度法治政府建设情况的报告\n" + sup + "原文引用,不改。\n这里,要改。\n那里,也要改。\n", "4: 第4、5行共有2处"},
		{"某县人民政府关于2024年度法治政府建设情况的报告\n这里,要改。\n" + sup + "原文引用,不改。\n那里,也要改。\n", "2: 第2、5行共有2处"},
	} {
		res := linterFor(t, "language/punctuation-width", "lint/unused-suppression").CheckBytes("r.txt", []byte(tc.text), checker.Options{})
		var got []string
		for _, d := range res.Diagnostics {
			got = append(got, fmt.Sprintf("%d: %s", d.Line, d.Message))
		}
		if len(got) != 1 || !strings.HasPrefix(got[0], tc.want) {
			t.Errorf("%q:\n%q\nwant one finding starting %q", tc.text, got, tc.want)
		}
	}
}

// manySuppressions is a file of n findings, each silenced by the comment before it, and n
// comments that silence nothing.
func manySuppressions(n int) []byte {
	var b strings.Builder
	b.WriteString("某县人民政府关于2024年度法治政府建设情况的报告\n")
	for i := 0; i < n; i++ {
		b.WriteString("<!-- fzlint-disable-next-line language/term-misuse -->\n推进法制政府建设。\n")
		b.WriteString("<!-- fzlint-disable-next-line language/repeated-word -->\n依法行政。\n")
	}
	return []byte(b.String())
}

// Each finding is matched against the suppressions in logarithmic time, and each comment is
// marked used or unused once (issue 11.16).
func TestManySuppressions(t *testing.T) {
	const n = 2000
	res := linterFor(t, "language/term-misuse", "language/repeated-word", "lint/unused-suppression").CheckBytes("r.txt", manySuppressions(n), checker.Options{})
	unused := 0
	for _, d := range res.Diagnostics {
		switch {
		case d.Rule == "lint/unused-suppression" && strings.Contains(d.Message, "repeated-word"):
			unused++
		default:
			t.Fatalf("unexpected finding %d:%s %s", d.Line, d.Rule, d.Message)
		}
	}
	if unused != n {
		t.Errorf("%d unused suppressions, want %d", unused, n)
	}
}

// BenchmarkManySuppressions: 100,000 silenced findings (an 11.5 MB file of them took 4 minutes,
// 96 % comparing each finding with every comment).
func BenchmarkManySuppressions(b *testing.B) {
	data := manySuppressions(50000)
	l := linterFor(b, "language/term-misuse", "language/repeated-word", "lint/unused-suppression")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		l.CheckBytes("r.txt", data, checker.Options{})
	}
}
