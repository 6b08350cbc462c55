package page

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The page holds the module as base64 where the worker's script reads it, the runtime's
// script inside the worker's source, and the build stamp escaped; what cannot be inlined is
// refused.
func TestWrite(t *testing.T) {
	module := gz(t, []byte("\x00asm fake module"))
	a := Assets{WasmGz: module, WasmExec: []byte("globalThis.Go = class {};"), Built: "2026-12-01 <b>&"}
	var out bytes.Buffer
	if err := Write(&out, a); err != nil {
		t.Fatal(err)
	}
	page := out.String()
	b64 := base64.StdEncoding.EncodeToString(module)
	if !strings.Contains(page, `id="wasm">`+b64+`</script>`) {
		t.Error("the module is not in the page's wasm element")
	}
	src := page[strings.Index(page, `id="worker-src">`):]
	src = src[:strings.Index(src, "</script>")]
	if !strings.Contains(src, "globalThis.Go = class {};") || !strings.Contains(src, "self.onmessage") {
		t.Error("the worker's source lacks the runtime or its own code")
	}
	if !strings.Contains(page, "检查程序构建于 2026-12-01 &lt;b&gt;&amp;") {
		t.Error("the build stamp is not shown, escaped")
	}
	if strings.Contains(page, "<!--WASM") || strings.Contains(page, "<!--BUILT") {
		t.Error("a placeholder is left in the page")
	}

	bad := a
	bad.WasmGz = []byte("\x00asm not compressed")
	if err := Write(&out, bad); err == nil {
		t.Error("a module that is not gzip-compressed was written")
	}
	bad = a
	bad.WasmExec = []byte("var s = '</SCRIPT>';")
	if err := Write(&out, bad); err == nil {
		t.Error("a runtime script that would close its element was inlined")
	}
}

// A directory without the module is ErrNotBuilt, which says how to build it; one written as
// cmd/mkpage writes it loads.
func TestFromDir(t *testing.T) {
	dir := t.TempDir()
	if _, err := FromDir(dir); !errors.Is(err, ErrNotBuilt) || !strings.Contains(err.Error(), "go generate ./internal/page") {
		t.Fatalf("an empty directory: %v", err)
	}
	os.WriteFile(filepath.Join(dir, WasmFile), gz(t, []byte("m")), 0o644)
	os.WriteFile(filepath.Join(dir, ExecFile), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, BuiltFile), []byte("stamp\n"), 0o644)
	a, err := FromDir(dir)
	if err != nil || a.Built != "stamp" || string(a.WasmExec) != "x" {
		t.Fatalf("FromDir: %+v, %v", a, err)
	}
}
