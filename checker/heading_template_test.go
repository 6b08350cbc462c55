package checker_test

import (
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/rules"
)

const headingReport = "某县人民政府关于2024年度法治政府建设情况的报告\n" +
	"2024年，全县坚持以习近平法治思想为指导，扎实推进依法行政。\n" +
	"一、本年度推进法治政府建设的主要举措和成效\n全面推行行政执法“三项制度”。\n" +
	"二、2024年度推荐法治政府建设存在的不足和原因\n基层法治力量薄弱，原因是编制不足。\n" +
	"三、主要负责人履行推进法治建设第一责任人职责情况\n县长主持召开专题会议4次。\n" +
	"四、2025年度推进法治政府建设的主要安排\n继续深化“放管服”改革。\n"

func headingFindings(t *testing.T, l *checker.Linter) []checker.Diagnostic {
	t.Helper()
	var out []checker.Diagnostic
	for _, d := range l.CheckBytes("r.txt", []byte(headingReport), checker.Options{}).Diagnostics {
		if d.Rule == "structure/heading-template" {
			out = append(out, d)
		}
	}
	return out
}

// TestHeadingTemplateSpeaksWhenReaderWouldChange: by default a heading that only words the
// part differently is silent, a relative year is an info, a typo in a template phrase a
// warning; the diff reads from the heading to the template (delete 本, add 2024).
func TestHeadingTemplateSpeaksWhenReaderWouldChange(t *testing.T) {
	ds := headingFindings(t, linterFor(t, "structure/heading-template"))
	if len(ds) != 2 {
		t.Fatalf("got %d findings, want 2 (本年度, 推荐): %+v", len(ds), ds)
	}
	if ds[0].Line != 3 || ds[0].Severity != checker.Info || !strings.Contains(ds[0].Message, "“本年度”") {
		t.Errorf("本年度: %+v", ds[0])
	}
	var del, ins string
	for _, op := range ds[0].Diff {
		switch {
		case op.Op < 0:
			del += op.Text
		case op.Op > 0:
			ins += op.Text
		}
	}
	if del != "本" || ins != "2024" {
		t.Errorf("diff deletes %q and adds %q; want the edit from the heading to the template: delete 本, add 2024", del, ins)
	}
	if ds[1].Line != 5 || ds[1].Severity != checker.Warning || !strings.Contains(ds[1].Message, "把“推进”写成了“推荐”") {
		t.Errorf("推荐: %+v", ds[1])
	}
}

// TestHeadingTemplateStrict: [heading_template] strict = true in .fzlint.toml reports every
// heading that differs from its template; a severity set in [severity] applies to all of them,
// the typo included.
func TestHeadingTemplateStrict(t *testing.T) {
	for _, tt := range []struct {
		config string
		lines  []int
		sev    []checker.Severity
	}{
		{"[heading_template]\nstrict = true\n", []int{3, 5, 7}, []checker.Severity{checker.Info, checker.Warning, checker.Info}},
		{"[heading_template]\nstrict = true\n[severity]\n\"structure/heading-template\" = \"error\"\n", []int{3, 5, 7}, []checker.Severity{checker.Error, checker.Error, checker.Error}},
	} {
		rs, err := rules.Overlay(defaultSet(t), ".fzlint.toml", []byte(tt.config), rules.Options{RuleIDs: checker.RuleIDs()})
		if err != nil {
			t.Fatal(err)
		}
		l, err := checker.NewLinter(checker.Compile(rs), checker.Selection{})
		if err != nil {
			t.Fatal(err)
		}
		ds := headingFindings(t, l)
		if len(ds) != len(tt.lines) {
			t.Fatalf("%q: got %d findings, want %d: %+v", tt.config, len(ds), len(tt.lines), ds)
		}
		for i, d := range ds {
			if d.Line != tt.lines[i] || d.Severity != tt.sev[i] {
				t.Errorf("%q: finding %d at line %d severity %v, want line %d %v", tt.config, i, d.Line, d.Severity, tt.lines[i], tt.sev[i])
			}
		}
		if !strings.Contains(ds[2].Message, "与模板不同") {
			t.Errorf("strict: a heading worded differently says %q", ds[2].Message)
		}
	}
}

// TestHeadingTemplateOneSlipOneFinding: a wrong year in a heading is the year rules' finding
// (an error, at the year), 法制政府 term-misuse's; the template rule does not report the same
// slip again, but still reports another slip in the same heading (推荐 beside a wrong year),
// and reports each slip itself when those rules are disabled.
func TestHeadingTemplateOneSlipOneFinding(t *testing.T) {
	const report = "某县人民政府关于2024年度法治政府建设情况的报告\n" +
		"2024年，全县坚持以习近平法治思想为指导，扎实推进依法行政。\n" +
		"一、2023年度推荐法治政府建设的主要举措和成效\n全面推行行政执法“三项制度”。\n" +
		"二、2024年度推进法制政府建设存在的不足和原因\n基层法治力量薄弱，原因是编制不足。\n" +
		"三、2023年度党政主要负责人履行推进法治建设第一责任人职责情况\n县长主持召开专题会议4次。\n" +
		"四、2024年度推进法治政府建设的主要安排\n继续深化“放管服”改革。\n"
	// findings by line: rule → message, of the rules that speak of headings' slips
	findings := func(sel checker.Selection) map[int]map[string]string {
		l, err := checker.NewLinter(checker.Compile(defaultSet(t)), sel)
		if err != nil {
			t.Fatal(err)
		}
		out := map[int]map[string]string{}
		for _, d := range l.CheckBytes("r.txt", []byte(report), checker.Options{}).Diagnostics {
			switch d.Rule {
			case "structure/heading-template", "consistency/year-mismatch", "consistency/plan-year", "language/term-misuse":
				if out[d.Line] == nil {
					out[d.Line] = map[string]string{}
				}
				out[d.Line][d.Rule] = d.Message
			}
		}
		return out
	}
	got := findings(checker.Selection{})
	for line, want := range map[int][]string{
		3: {"consistency/year-mismatch", "structure/heading-template"},
		5: {"language/term-misuse"},
		7: {"consistency/year-mismatch"},
		9: {"consistency/plan-year"},
	} {
		if len(got[line]) != len(want) {
			t.Errorf("line %d: %v, want only %v", line, got[line], want)
		}
		for _, r := range want {
			if _, ok := got[line][r]; !ok {
				t.Errorf("line %d: no %s finding: %v", line, r, got[line])
			}
		}
	}
	if m := got[3]["structure/heading-template"]; !strings.Contains(m, "把“推进”写成了“推荐”") {
		t.Errorf("line 3: the template rule says %q, want the typo beside the year", m)
	}
	// Without the rules it defers to, the template rule reports each slip itself.
	got = findings(checker.Selection{Disable: []string{"consistency", "language/term-misuse"}})
	for line, want := range map[int]string{3: "写的是2023年", 5: "把“法治”写成了“法制”", 7: "写的是2023年", 9: "写的是2024年"} {
		if m := got[line]["structure/heading-template"]; !strings.Contains(m, want) {
			t.Errorf("year and term rules disabled, line %d: %q, want %q", line, m, want)
		}
	}
}
