package checker_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/internal/linttest"
)

// An implicit part (a body with no top-level heading, taken as the measures part) that starts
// on a line beginning with a lower-level heading, as a copy whose 一、 headings were lost keeps
// its (一) and 1.: that heading's text is the part's body. It was taken for the part's own
// heading and left out, so that a body of short subheadings looked empty, and the finding
// pointed at the heading an implicit part does not have: a nil dereference that ended the whole
// batch (FuzzCheck found it: "1)" and sixty characters on one line,
// testdata/fuzz/FuzzCheck/bcce9ead59e6e7ff).
func TestImplicitPartCountsItsFirstLine(t *testing.T) {
	for _, body := range []string{
		"（一）深入学习贯彻习近平法治思想全面落实法治政府建设实施纲要\n（二）严格规范公正文明执法全面推行行政执法三项制度\n（三）依法化解矛盾纠纷办理行政复议案件三十件",
		"1." + strings.Repeat("全县组织执法人员培训审核规范性文件", 4),
	} {
		text := "某县2024年度法治政府建设情况报告\n" + body + "\n"
		res := linterFor(t).CheckBytes("r.txt", []byte(text), checker.Options{})
		if res.Err != nil {
			t.Fatalf("%s: %v", body, res.Err)
		}
		if res.Report.Sections["measures"] == 0 {
			t.Fatalf("%s: the body was not taken as the measures part (the test shows nothing otherwise)", body)
		}
		for _, d := range res.Diagnostics {
			if d.Rule == "content/empty-section" {
				t.Errorf("%s: %d:%d %s", body, d.Line, d.Column, d.Message)
			}
		}
	}
}

// An implicit part's lines, as the checks read them (PartLines), begin with its first line
// whole, the lower-level heading it starts with included.
func TestImplicitPartLines(t *testing.T) {
	lines := []string{"某县2024年度法治政府建设情况报告", "（一）深入学习贯彻习近平法治思想全面落实法治政府建设实施纲要", "（二）严格规范公正文明执法全面推行行政执法三项制度", "（三）依法化解矛盾纠纷办理行政复议案件三十件"}
	d := checker.NewDocument("r.txt", lines, "", checker.Compile(linttest.Set(t)), checker.Options{})
	part := d.Parts["measures"]
	if part == nil || part.Heading != nil {
		t.Fatalf("the body was not taken as an implicit measures part: %+v", part)
	}
	var got []string
	for s := range d.PartLines(part) {
		got = append(got, s)
	}
	if want := lines[1:]; !slices.Equal(got, want) {
		t.Errorf("PartLines = %q, want %q", got, want)
	}
}

// A rule set may make any part implicit (rules.toml, [[parts]] implicit). With every part so,
// a body with no top-level heading is taken as each of them, none with a heading: the checks
// that point at a part's heading (order, duties, empty parts) must pass over them, not fail.
func TestEveryPartImplicit(t *testing.T) {
	rs := linttest.Set(t)
	for i := range rs.Parts {
		rs.Parts[i].Implicit = true
		rs.Parts[i].MinChars = max(rs.Parts[i].MinChars, 10)
	}
	l, err := checker.NewLinter(checker.Compile(rs), checker.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	text := "某县2024年度法治政府建设情况报告\n县政府主要负责人主持常务会议专题研究法治建设，组织会前学法，带头出庭应诉，年终述法，部署法治督察并抓好整改。\n"
	res := l.CheckBytes("r.txt", []byte(text), checker.Options{Scorecard: true})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	taken := 0
	for _, line := range res.Report.Sections {
		if line > 0 {
			taken++
		}
	}
	if taken < 2 || res.Report.Sections["duties"] == 0 {
		t.Fatalf("the body was taken as %d parts (duties at line %d), want the duties part among several (the test shows nothing otherwise)", taken, res.Report.Sections["duties"])
	}
}
