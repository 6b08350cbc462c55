package annotate

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestBuildsForTheBrowser holds the promise the browser page relies on: the annotator builds
// for GOOS=js GOARCH=wasm and pulls in nothing that runs programs or writes spreadsheets, nor
// the renderers. (net/http is linked through the PDF reader's library, pdfcpu, in
// checker/input; the annotator makes no request.)
func TestBuildsForTheBrowser(t *testing.T) {
	cmd := exec.Command("go", "build", "-o", os.DevNull, ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build for js/wasm: %v\n%s", err, out)
	}
	cmd = exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps for js/wasm: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		switch {
		case dep == "os/exec", strings.Contains(dep, "excelize"), dep == "github.com/fzlint/fzlint/render":
			t.Errorf("the annotator depends on %s", dep)
		}
	}
}
