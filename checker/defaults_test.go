package checker_test

import (
	"testing"

	fzlint "github.com/fzlint/fzlint"
	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/rules"
)

// TestDefaultsKnowEveryRule: rules.toml passes the validation that needs the checks' ids, which
// `fzlint check` no longer runs at start (it takes rules.Defaults, which package rules' tests
// hold equal to Load's set of rules.toml).
func TestDefaultsKnowEveryRule(t *testing.T) {
	if _, err := rules.Load(fzlint.DefaultRulesName, fzlint.DefaultRules, rules.Options{RuleIDs: checker.RuleIDs()}); err != nil {
		t.Fatal(err)
	}
}
