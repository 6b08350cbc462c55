// Package page assembles the drafter's page (`fzlint page`): one self-contained .html holding
// the checker compiled to WebAssembly (cmd/pagewasm, gzip and base64, inflated by the
// browser's DecompressionStream) and Go's wasm_exec.js, which opens from a double-click with
// no network and no install.
//
// The WebAssembly module is not committed: it would go stale whenever the checker changes.
// `go generate ./internal/page` (cmd/mkpage) builds it into the wasm directory, which is
// embedded; the directory's committed README.md keeps the embed compiling without it, and a
// binary built that way says how to build the page (ErrNotBuilt).
package page

import (
	"bytes"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

//go:generate go run ../../cmd/mkpage -o wasm

// The files cmd/mkpage writes into a directory, and the embedded directory's name.
const (
	WasmFile  = "fzlint.wasm.gz" // the module, gzip-compressed
	ExecFile  = "wasm_exec.js"   // the Go runtime's JavaScript half, of the Go that built it
	BuiltFile = "built.txt"      // when, with which Go and from which commit it was built
	embedDir  = "wasm"
)

//go:embed page.html
var template []byte

//go:embed wasm
var built embed.FS

// Assets are what the page is made of besides its template.
type Assets struct {
	WasmGz   []byte
	WasmExec []byte
	Built    string // the stamp of BuiltFile, "" when there is none
}

// ErrNotBuilt is the error of a binary built without the page's WebAssembly module.
var ErrNotBuilt = errors.New("这个 fzlint 构建时没有生成网页版检查程序（WebAssembly）：请在源码目录运行 go generate ./internal/page，再重新构建 fzlint（go build ./cmd/fzlint）\n" +
	"this fzlint was built without the page's WebAssembly module: run `go generate ./internal/page` in the source tree, then build fzlint again")

// Embedded returns the assets built into the binary, or ErrNotBuilt.
func Embedded() (Assets, error) {
	return load(built, embedDir)
}

// FromDir returns the assets cmd/mkpage wrote into dir.
func FromDir(dir string) (Assets, error) {
	return load(os.DirFS(dir), ".")
}

func load(fsys fs.FS, dir string) (Assets, error) {
	var a Assets
	var err error
	if a.WasmGz, err = fs.ReadFile(fsys, filepath.ToSlash(filepath.Join(dir, WasmFile))); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return a, ErrNotBuilt
		}
		return a, err
	}
	if a.WasmExec, err = fs.ReadFile(fsys, filepath.ToSlash(filepath.Join(dir, ExecFile))); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return a, ErrNotBuilt
		}
		return a, err
	}
	if b, err := fs.ReadFile(fsys, filepath.ToSlash(filepath.Join(dir, BuiltFile))); err == nil {
		a.Built = strings.TrimSpace(string(b))
	}
	return a, nil
}

// Write writes the page.
func Write(w io.Writer, a Assets) error {
	if len(a.WasmGz) < 2 || a.WasmGz[0] != 0x1f || a.WasmGz[1] != 0x8b {
		return fmt.Errorf("%s is not gzip-compressed: build it with cmd/mkpage", WasmFile)
	}
	// The runtime's script sits inside a <script> element of the page.
	if len(a.WasmExec) == 0 || bytes.Contains(bytes.ToLower(a.WasmExec), []byte("</script")) {
		return fmt.Errorf("%s cannot be inlined", ExecFile)
	}
	built := ""
	if a.Built != "" {
		built = "检查程序构建于 " + html.EscapeString(a.Built)
	}
	page := bytes.Replace(template, []byte("<!--BUILT-->"), []byte(built), 1)
	before, rest, ok := bytes.Cut(page, []byte("<!--WASM_EXEC-->"))
	middle, after, ok2 := bytes.Cut(rest, []byte("<!--WASM-->"))
	if !ok || !ok2 {
		panic("page.html lost its placeholders")
	}
	enc := base64.StdEncoding
	b64 := make([]byte, enc.EncodedLen(len(a.WasmGz)))
	enc.Encode(b64, a.WasmGz)
	for _, part := range [][]byte{before, a.WasmExec, middle, b64, after} {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}
