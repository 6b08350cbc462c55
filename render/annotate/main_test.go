package annotate

import (
	"flag"
	"os"
	"testing"

	"github.com/fzlint/fzlint/internal/linttest"
)

func TestMain(m *testing.M) {
	flag.Parse()
	linttest.MinimizeFew() // FuzzAnnotate's seeds are whole reports and their .docx
	os.Exit(m.Run())
}
