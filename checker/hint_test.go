package checker_test

import (
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/render"
)

// TestHintsAreNotInMessages: what the drafter's tool can do about a finding is its Hint, which
// each front end words (render.Message for the command line); the message never holds it. A
// fix is offered only for a file fixes can edit: the same report as .txt and as .html.
func TestHintsAreNotInMessages(t *testing.T) {
	const body = "某县人民政府关于2024年度法治政府建设情况的报告\n2024年,全县坚持以习近平法治思想为指导,扎实推进依法行政。\n一、主要举措和成效\n全面推行行政执法“三项制度”。\n"
	html := "<html><body>" + strings.ReplaceAll("<p>"+strings.TrimSuffix(body, "\n")+"</p>", "\n", "</p><p>") + "</body></html>"
	l := linterFor(t)
	hints := func(name, data string) (h checker.Hint, msg string) {
		t.Helper()
		txt, err := input.Read(name, []byte(data))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range l.CheckText(name, txt, checker.Options{}).Diagnostics {
			if strings.Contains(d.Message, "--") {
				t.Errorf("%s: a message names a command line flag: %q", name, d.Message)
			}
			if d.Rule == "language/punctuation-width" {
				return d.Hint, render.Message(d)
			}
		}
		t.Fatalf("%s: no language/punctuation-width finding", name)
		return
	}
	if h, msg := hints("r.txt", body); h != checker.HintFix || !strings.HasSuffix(msg, "（可用 --fix 自动修正）") {
		t.Errorf(".txt: hint %d, the command line says %q; want --fix offered", h, msg)
	}
	if h, msg := hints("r.html", html); h != checker.NoHint || strings.Contains(msg, "--fix") {
		t.Errorf(".html: hint %d, the command line says %q; want no --fix (it edits no web page)", h, msg)
	}
	res := l.CheckBytes("r.txt", []byte("某县司法局法治政府建设情况报告\n一、主要举措和成效\n全面推行行政执法“三项制度”。\n"), checker.Options{})
	for _, d := range res.Diagnostics {
		if d.Rule == "structure/year-unknown" {
			if d.Hint != checker.HintYear || strings.Contains(d.Message, "--year") || !strings.HasSuffix(render.Message(d), "可用 --year 指定报告年度") {
				t.Errorf("year-unknown: hint %d, message %q, the command line says %q", d.Hint, d.Message, render.Message(d))
			}
			return
		}
	}
	t.Error("no structure/year-unknown finding on a report without a year")
}
