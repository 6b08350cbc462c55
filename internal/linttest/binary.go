package linttest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// Binary is the fzlint command built once for a package's tests: declare one as a package
// variable, call Path from each test that runs the command, and Remove from TestMain.
type Binary struct {
	once sync.Once
	path string
	err  error
}

// Path builds the command on the first call and returns its path; a failed build fails the test.
func (b *Binary) Path(t testing.TB) string {
	t.Helper()
	b.once.Do(func() {
		dir, err := os.MkdirTemp("", "fzlint-test-bin-")
		if err != nil {
			b.err = err
			return
		}
		b.path = filepath.Join(dir, "fzlint")
		if out, err := exec.Command("go", "build", "-o", b.path, "github.com/fzlint/fzlint/cmd/fzlint").CombinedOutput(); err != nil {
			b.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.path
}

// Remove deletes the built command, if it was built.
func (b *Binary) Remove() {
	if b.path != "" {
		os.RemoveAll(filepath.Dir(b.path))
	}
}
