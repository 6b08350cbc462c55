package rules_test

import (
	"flag"
	"os"
	"testing"

	"github.com/fzlint/fzlint/internal/linttest"
)

func TestMain(m *testing.M) {
	flag.Parse()
	linttest.MinimizeFew() // FuzzRulesLoad's seed is the whole rules.toml
	os.Exit(m.Run())
}
