// Package linttest holds what tests in several packages need to check text the way
// `fzlint check` does.
package linttest

import (
	"testing"

	fzlint "github.com/fzlint/fzlint"
	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/rules"
)

// DefaultLinter returns a linter with the built-in rule set and every default rule.
func DefaultLinter(tb testing.TB) *checker.Linter {
	tb.Helper()
	rs, err := rules.Load(fzlint.DefaultRulesName, fzlint.DefaultRules, rules.Options{RuleIDs: checker.RuleIDs()})
	if err != nil {
		tb.Fatal(err)
	}
	l, err := checker.NewLinter(checker.Compile(rs), checker.Selection{})
	if err != nil {
		tb.Fatal(err)
	}
	return l
}
