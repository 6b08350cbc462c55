// Package linttest holds what tests in several packages need to check text the way
// `fzlint check` does.
package linttest

import (
	"testing"

	fzlint "github.com/fzlint/fzlint"
	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/rules"
)

// Set loads the built-in rule set.
func Set(tb testing.TB) *rules.Set {
	tb.Helper()
	rs, err := rules.Load(fzlint.DefaultRulesName, fzlint.DefaultRules, rules.Options{RuleIDs: checker.RuleIDs()})
	if err != nil {
		tb.Fatalf("loading the default rules: %v", err)
	}
	return rs
}

// Linter returns a linter with the built-in rule set and the selection; with only, just those
// rules run.
func Linter(tb testing.TB, sel checker.Selection, only ...string) *checker.Linter {
	tb.Helper()
	if len(only) > 0 {
		keep := map[string]bool{}
		for _, id := range only {
			keep[id] = true
		}
		for _, id := range checker.RuleIDs() {
			if !keep[id] {
				sel.Disable = append(sel.Disable, id)
			}
		}
	}
	l, err := checker.NewLinter(checker.Compile(Set(tb)), sel)
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

// DefaultLinter returns a linter with the built-in rule set and every default rule.
func DefaultLinter(tb testing.TB) *checker.Linter {
	tb.Helper()
	return Linter(tb, checker.Selection{})
}
