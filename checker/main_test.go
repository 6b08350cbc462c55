package checker_test

import (
	"flag"
	"os"
	"testing"

	"github.com/fzlint/fzlint/internal/linttest"
)

func TestMain(m *testing.M) {
	flag.Parse()
	linttest.MinimizeFew() // FuzzCheck's and FuzzNoLeak's seeds are whole reports
	os.Exit(m.Run())
}
