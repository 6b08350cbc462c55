package webcheck

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The page's WebAssembly module (cmd/pagewasm, built by cmd/mkpage with -tags fzlintpage)
// holds only what the page needs: the .docx/.txt/.md/.html readers, the checker, the
// annotator and the embedded rules. Not pdfcpu (and the net/http it brings), not the .doc
// reader's compound files, not excelize or the renderers, nothing that runs programs. The CLI,
// built without the tag, still has the PDF reader and with it net/http.
func TestPageModuleDependencies(t *testing.T) {
	deps := func(tags ...string) map[string]bool {
		args := append([]string{"list", "-deps"}, tags...)
		cmd := exec.Command("go", append(args, "github.com/fzlint/fzlint/cmd/pagewasm")...)
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %v (js/wasm): %v\n%s", tags, err, out)
		}
		m := map[string]bool{}
		for _, d := range strings.Fields(string(out)) {
			m[d] = true
		}
		return m
	}
	page := deps("-tags", "fzlintpage")
	for d := range page {
		if d == "net/http" || d == "os/exec" || d == "github.com/fzlint/fzlint/render" ||
			strings.Contains(d, "pdfcpu") || strings.Contains(d, "excelize") || strings.Contains(d, "mscfb") {
			t.Errorf("the page's module depends on %s", d)
		}
	}
	for _, d := range []string{"github.com/fzlint/fzlint/checker", "github.com/fzlint/fzlint/render/annotate", "github.com/fzlint/fzlint", "golang.org/x/net/html"} {
		if !page[d] {
			t.Errorf("the page's module lacks %s", d)
		}
	}
	// `go vet ./...` on the host skips the js/wasm-only main: vet it for its platform here.
	vet := exec.Command("go", "vet", "-tags", "fzlintpage", "github.com/fzlint/fzlint/cmd/pagewasm", "github.com/fzlint/fzlint/internal/webcheck")
	vet.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := vet.CombinedOutput(); err != nil {
		t.Errorf("go vet (js/wasm, -tags fzlintpage): %v\n%s", err, out)
	}
	// Without the tag (as the CLI is built), the PDF reader is there, and net/http with it.
	if full := deps(); !full["net/http"] || !full["github.com/pdfcpu/pdfcpu/pkg/pdfcpu"] {
		t.Error("without -tags fzlintpage the readers of .pdf should be in: is the tag still needed?")
	}
}
