package checker_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/fold"
)

// toTraditional converts simplified text to traditional with OpenCC's own simplified→
// traditional table (STCharacters.txt, the first character listed for each), independent of
// the table fzlint folds with. Characters whose traditional form is longer in UTF-8 are kept.
func toTraditional(t testing.TB) func(string) string {
	data, err := os.ReadFile("fold/testdata/STCharacters.txt")
	if err != nil {
		t.Fatal(err)
	}
	st := map[rune]rune{}
	for _, line := range strings.Split(string(data), "\n") {
		from, to, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		to, _, _ = strings.Cut(to, " ")
		f, fn := utf8.DecodeRuneInString(from)
		r, rn := utf8.DecodeRuneInString(to)
		if fn == len(from) && rn == len(to) && fn == rn {
			st[f] = r
		}
	}
	return func(s string) string {
		return strings.Map(func(r rune) rune {
			if t, ok := st[r]; ok {
				return t
			}
			return r
		}, s)
	}
}

// TestTraditionalSeeds: a traditional-script copy of each seed report gives the seed's
// findings, line for line (same rule, severity and position; the same message once its quotes
// are folded), and the findings quote the traditional characters the copy has.
func TestTraditionalSeeds(t *testing.T) {
	l := linterFor(t)
	conv := toTraditional(t)
	quotesTraditional := 0
	for _, f := range seedFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			trad := conv(string(data))
			if trad == string(data) {
				t.Fatal("the conversion changed nothing")
			}
			want := l.CheckBytes(f, data, checker.Options{})
			got := l.CheckBytes(f, []byte(trad), checker.Options{})
			if len(got.Diagnostics) != len(want.Diagnostics) {
				t.Fatalf("%d findings in traditional script, %d in the seed:\n%s---\n%s", len(got.Diagnostics), len(want.Diagnostics), plainOutput(got), plainOutput(want))
			}
			for i, g := range got.Diagnostics {
				w := want.Diagnostics[i]
				msg, changed := fold.String(g.Message)
				if changed {
					quotesTraditional++
				}
				if g.Rule != w.Rule || g.Severity != w.Severity || g.Line != w.Line || g.Column != w.Column ||
					g.EndLine != w.EndLine || g.EndColumn != w.EndColumn || msg != w.Message {
					t.Errorf("traditional: %d:%d-%d:%d %s %s\n       seed: %d:%d-%d:%d %s %s", g.Line, g.Column, g.EndLine, g.EndColumn, g.Rule, g.Message,
						w.Line, w.Column, w.EndLine, w.EndColumn, w.Rule, w.Message)
				}
			}
			if got.Report.Year != want.Report.Year {
				t.Errorf("year %d, want %d", got.Report.Year, want.Report.Year)
			}
			if title, _ := fold.String(got.Report.Title); title != want.Report.Title {
				t.Errorf("title %q, want %q", got.Report.Title, want.Report.Title)
			}
			for id, line := range want.Report.Sections {
				if got.Report.Sections[id] != line {
					t.Errorf("part %s at %d, want %d", id, got.Report.Sections[id], line)
				}
			}
			if strings.Join(got.Source, "\n") != strings.TrimSuffix(strings.ReplaceAll(trad, "\r\n", "\n"), "\n") {
				t.Error("the quoted source is not the file as written")
			}
		})
	}
	if quotesTraditional == 0 {
		t.Error("no finding quotes the traditional characters of the copies")
	}
}

func TestTraditionalHeadingDiffQuotesTheHeading(t *testing.T) {
	text := "某縣人民政府關於2024年度法治政府建設情況的報告\n2024年，本縣紮實推進法治政府建設。\n一、本年度推進法治政府建設的主要舉措和成效\n全年辦理行政復議案件30件。"
	res := linterFor(t, "structure/heading-template").CheckBytes("r.txt", []byte(text), checker.Options{})
	if len(res.Diagnostics) != 1 {
		t.Fatalf("findings: %+v", res.Diagnostics)
	}
	var heading strings.Builder
	for _, op := range res.Diagnostics[0].Diff {
		heading.WriteString(op.Text)
	}
	if !strings.Contains(heading.String(), "舉措") {
		t.Errorf("the diff does not show the heading as written: %+v", res.Diagnostics[0].Diff)
	}
}
