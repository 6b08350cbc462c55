package checker_test

import (
	"os"
	"testing"

	"github.com/fzlint/fzlint/internal/linttest"
)

// TestMain: fuzzing minimizes few inputs (FuzzCheck's and FuzzNoLeak's seeds are whole reports).
func TestMain(m *testing.M) { os.Exit(linttest.Run(m)) }
