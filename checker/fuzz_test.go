package checker_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/internal/linttest"
)

// FuzzCheck runs every rule of the default set over arbitrary text: no check may panic, and
// every finding points into the document.
func FuzzCheck(f *testing.F) {
	l := linttest.DefaultLinter(f)
	seeds, _ := filepath.Glob("../testdata/seeds/*.txt")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		"一、\n（一）\n1.\n（1）\n二、2024年度\n特此报告。\n2025年13月40日",
		"关于2024年度法治政府建设情况的报告\n县人大常委会：\n一、主要举措和成效\n受理100件，办结120件，办结率120%。\n四、2025年主要安排\n专此报告\n二〇二五年二月五日",
		"## 一、\n#\n十十十、\n(九十九)\n99.\n（0）", "《《“”（【\n法制政府XX××____\n110105199001011234 13912345678",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res := l.CheckBytes("f.txt", data, checker.Options{})
		if res.Err != nil {
			return
		}
		n := len(res.Source)
		for _, d := range res.Diagnostics {
			if d.Line < 1 || (n > 0 && d.Line > n) || d.Column < 1 || d.EndLine < d.Line || (d.EndLine == d.Line && d.EndColumn < d.Column) {
				t.Fatalf("%s at %d:%d-%d:%d outside a document of %d lines", d.Rule, d.Line, d.Column, d.EndLine, d.EndColumn, n)
			}
		}
	})
}
