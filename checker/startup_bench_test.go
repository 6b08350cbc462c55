package checker_test

import (
	"testing"

	fzlint "github.com/fzlint/fzlint"
	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/rules"
)

// BenchmarkStartup is what every `fzlint check` process does before reading a file: decode and
// validate the embedded rules.toml, compile it, and build the linter with every rule on.
// BenchmarkLoad and BenchmarkCompile are its two halves.
func BenchmarkStartup(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		rs, err := rules.Load(fzlint.DefaultRulesName, fzlint.DefaultRules, rules.Options{RuleIDs: checker.RuleIDs()})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := checker.NewLinter(checker.Compile(rs), checker.Selection{NoFixes: true}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rules.Load(fzlint.DefaultRulesName, fzlint.DefaultRules, rules.Options{RuleIDs: checker.RuleIDs()}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompile(b *testing.B) {
	rs, err := rules.Load(fzlint.DefaultRulesName, fzlint.DefaultRules, rules.Options{RuleIDs: checker.RuleIDs()})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		checker.Compile(rs)
	}
}
