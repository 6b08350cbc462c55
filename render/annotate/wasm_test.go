package annotate

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestBuildsForTheBrowser holds the promise the browser page relies on: the annotator builds
// for GOOS=js GOARCH=wasm and pulls in nothing that runs programs, opens connections or writes
// spreadsheets.
func TestBuildsForTheBrowser(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps for js/wasm: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		switch {
		case dep == "os/exec", dep == "net/http", dep == "net", strings.Contains(dep, "excelize"), dep == "github.com/fzlint/fzlint/render":
			t.Errorf("the annotator depends on %s", dep)
		}
	}
}
