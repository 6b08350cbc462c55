package rules_test

import (
	"os"
	"testing"

	"github.com/fzlint/fzlint/internal/linttest"
)

// TestMain: fuzzing minimizes few inputs (FuzzRulesLoad's seed is the whole rules.toml).
func TestMain(m *testing.M) { os.Exit(linttest.Run(m)) }
