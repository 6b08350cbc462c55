// Command mkpage builds the browser page's WebAssembly checker (cmd/pagewasm) for
// `fzlint page`: GOOS=js GOARCH=wasm with -tags fzlintpage (the .pdf/.ofd/.doc readers left
// out), gzip-compressed, beside the wasm_exec.js of the same Go. `go generate ./internal/page`
// runs it into internal/page/wasm, which the fzlint binary embeds.
//
//	go run ./cmd/mkpage [-o DIR]
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/fzlint/fzlint/internal/page"
)

func main() {
	out := flag.String("o", filepath.Join("internal", "page", "wasm"), "`directory` to write "+page.WasmFile+" and "+page.ExecFile+" into")
	flag.Parse()
	if err := build(*out); err != nil {
		fmt.Fprintln(os.Stderr, "mkpage:", err)
		os.Exit(1)
	}
}

func build(dir string) error {
	tmp, err := os.MkdirTemp("", "fzlint-mkpage-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	raw := filepath.Join(tmp, "fzlint.wasm")
	cmd := exec.Command("go", "build", "-tags", "fzlintpage", "-trimpath", "-ldflags=-s -w", "-o", raw, "github.com/fzlint/fzlint/cmd/pagewasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build (GOOS=js GOARCH=wasm): %w", err)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %w", err)
	}
	runtimeJS, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", page.ExecFile))
	if err != nil {
		return err
	}
	wasm, err := os.ReadFile(raw)
	if err != nil {
		return err
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(wasm)
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, page.ExecFile), runtimeJS, 0o644); err != nil {
		return err
	}
	// When and from what it was built, for `fzlint page` and the page to show: a module built
	// from an older checker is then visible as such.
	stamp := time.Now().UTC().Format("2006-01-02 15:04 UTC") + " " + runtime.Version()
	if rev, err := exec.Command("git", "describe", "--always", "--dirty").Output(); err == nil {
		stamp += " " + strings.TrimSpace(string(rev))
	}
	if err := os.WriteFile(filepath.Join(dir, page.BuiltFile), []byte(stamp+"\n"), 0o644); err != nil {
		return err
	}
	// The module last: its presence is what says the page can be built.
	if err := os.WriteFile(filepath.Join(dir, page.WasmFile), gz.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "mkpage: %s: %.1f MB (%.1f MB before gzip)\n", filepath.Join(dir, page.WasmFile), float64(gz.Len())/1e6, float64(len(wasm))/1e6)
	return nil
}
