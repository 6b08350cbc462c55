package checker_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/internal/linttest"
)

// FuzzNoLeak puts a valid 身份证号 and a mobile number, each between Chinese characters, at
// places of arbitrary text (titles, headings, number sentences, wherever the fuzzer puts them):
// no string of the result — message, suggestion, template, heading diff, quoted source, title,
// unit — may hold seven digits in a row of either.
func FuzzNoLeak(f *testing.F) {
	l := linttest.DefaultLinter(f)
	seeds, _ := filepath.Glob("../testdata/seeds/*.txt")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(string(data), uint16(len(data)/3), uint16(len(data)/2))
		}
	}
	f.Add("某县人民政府关于2024年度法治政府建设情况的报告\n一、2024年度推进法治政府建设的主要举措和成效\n全年收到申请件，办结件，办结率%。", uint16(10), uint16(160))
	f.Add("一、\n满意率%", uint16(9), uint16(16))
	const id, mobile = "440304198506123412", "13987654321"
	f.Fuzz(func(t *testing.T, text string, at1, at2 uint16) {
		if !utf8.ValidString(text) {
			return
		}
		// two places of the original text, the ID at the first, the mobile number at the second
		cut := func(at int) int {
			at = at % (len(text) + 1)
			for at > 0 && at < len(text) && !utf8.RuneStart(text[at]) {
				at--
			}
			return at
		}
		a, b := cut(int(at1)), cut(int(at2))
		if a > b {
			a, b = b, a
		}
		text = text[:a] + "电" + id + "件" + text[a:b] + "电" + mobile + "件" + text[b:]
		res := l.CheckBytes("f.txt", []byte(text), checker.Options{})
		if res.Err != nil {
			return
		}
		var outs []string
		outs = append(outs, res.Source...)
		if r := res.Report; r != nil {
			outs = append(outs, r.Title, r.Unit)
		}
		for _, d := range res.Diagnostics {
			outs = append(outs, d.Message, d.Suggestion, d.Template)
			var heading strings.Builder
			for _, op := range d.Diff {
				if op.Op >= 0 {
					heading.WriteString(op.Text)
				}
			}
			outs = append(outs, heading.String())
		}
		for _, pii := range []string{id, mobile} {
			for i := 0; i+7 <= len(pii); i++ {
				for _, o := range outs {
					if strings.Contains(o, pii[i:i+7]) {
						t.Fatalf("%q shows %q of %s", o, pii[i:i+7], pii)
					}
				}
			}
		}
	})
}
