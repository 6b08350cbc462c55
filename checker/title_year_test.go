package checker_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
)

// TestTitleYearLeftAsPlaceholder: a title whose year is the template's placeholder
// (“20××年度”, “20××22年度”) is one slip, the placeholder, reported by language/placeholder; a
// title with a placeholder elsewhere and no year still lacks its year, and with the placeholder
// rule disabled the title rule reports the missing year again.
func TestTitleYearLeftAsPlaceholder(t *testing.T) {
	findings := func(title string, sel checker.Selection) string {
		l, err := checker.NewLinter(checker.Compile(defaultSet(t)), sel)
		if err != nil {
			t.Fatal(err)
		}
		report := title + "\n2024年，本县法治政府建设取得新成效。\n"
		var out []string
		for _, d := range l.CheckBytes("r.txt", []byte(report), checker.Options{}).Diagnostics {
			if d.Line == 1 {
				out = append(out, fmt.Sprintf("%d %s", d.Column, d.Rule))
			}
		}
		return strings.Join(out, ", ")
	}
	for _, tc := range []struct {
		title   string
		disable []string
		want    string
	}{
		{"某县人民政府关于20××年度法治政府建设情况的报告", nil, "11 language/placeholder"},
		{"某县人民政府关于20××22年度法治政府建设情况的报告", nil, "11 language/placeholder"},
		{"××县人民政府关于法治政府建设情况的报告", nil, "1 language/placeholder, 1 structure/title"},
		{"某县人民政府关于20××年度法治政府建设情况的报告", []string{"language/placeholder"}, "1 structure/title"},
	} {
		if got := findings(tc.title, checker.Selection{Disable: tc.disable}); got != tc.want {
			t.Errorf("%s (disabled %v): findings on the title %q, want %q", tc.title, tc.disable, got, tc.want)
		}
	}
}
