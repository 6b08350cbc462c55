package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestVetsForThePage runs go vet, tests included, on every package of this module that the
// browser page is built from, as it is built (GOOS=js GOARCH=wasm, -tags fzlintpage): a test
// that uses a reader the page leaves out (.doc, .pdf, .ofd) must say so in its build line.
func TestVetsForThePage(t *testing.T) {
	env := append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	list := exec.Command("go", "list", "-tags", "fzlintpage", "-deps", ".")
	list.Env = env
	out, err := list.CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps for the page: %v\n%s", err, out)
	}
	args := []string{"vet", "-tags", "fzlintpage"}
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "github.com/fzlint/fzlint") {
			args = append(args, p)
		}
	}
	if len(args) < 6 {
		t.Fatalf("the page is built from only %v", args[3:])
	}
	vet := exec.Command("go", args...)
	vet.Env = env
	if out, err := vet.CombinedOutput(); err != nil {
		t.Fatalf("go vet for the page: %v\n%s", err, out)
	}
}
