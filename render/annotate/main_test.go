package annotate

import (
	"os"
	"testing"

	"github.com/fzlint/fzlint/internal/linttest"
)

// TestMain: fuzzing minimizes few inputs (FuzzAnnotate's seeds are whole reports and their .docx).
func TestMain(m *testing.M) { os.Exit(linttest.Run(m)) }
