package checker_test

import (
	"testing"

	fzlint "github.com/fzlint/fzlint"
	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/rules"
)

// BenchmarkStartup is what every `fzlint check` process does before reading a file: take the
// built-in rule set (rules.Defaults), compile it, and build the linter with every rule on.
// BenchmarkCompile is most of it; BenchmarkLoad is what decoding and validating rules.toml
// costs, as a file given with --rules does.
func BenchmarkStartup(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := checker.NewLinter(checker.Compile(rules.Defaults()), checker.Selection{NoFixes: true}); err != nil {
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
