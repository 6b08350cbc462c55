package checker_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
)

// TestPercentRangeLeavesAComputedRateToRateMismatch: a rate over 100% that its sentence's
// numbers compute otherwise is one slip, reported by rate-mismatch (which says what it should
// be); another rate over 100% in the sentence is still percent-range's, and with rate-mismatch
// disabled percent-range reports both.
func TestPercentRangeLeavesAComputedRateToRateMismatch(t *testing.T) {
	const report = "某县人民政府关于2024年度法治政府建设情况的报告\n" +
		"2024年，全县调解纠纷2604件，调解成功2552件，调解成功率107%，群众满意率达120%。\n"
	rules := func(sel checker.Selection) []string {
		l, err := checker.NewLinter(checker.Compile(defaultSet(t)), sel)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range l.CheckBytes("r.txt", []byte(report), checker.Options{}).Diagnostics {
			if strings.HasPrefix(d.Rule, "consistency/") {
				out = append(out, fmt.Sprintf("%d %s", d.Column, d.Rule))
			}
		}
		return out
	}
	if got, want := strings.Join(rules(checker.Selection{}), ", "), "34 consistency/rate-mismatch, 45 consistency/percent-range"; got != want {
		t.Errorf("findings on line 2: %s; want %s", got, want)
	}
	if got, want := strings.Join(rules(checker.Selection{Disable: []string{"consistency/rate-mismatch"}}), ", "), "34 consistency/percent-range, 45 consistency/percent-range"; got != want {
		t.Errorf("rate-mismatch disabled, findings on line 2: %s; want %s", got, want)
	}
}
