package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/page"
	"github.com/fzlint/fzlint/internal/tempfile"
)

// pageCmd is `fzlint page -o FILE`: write the drafter's page, one self-contained .html with the
// checker compiled to WebAssembly, built into this binary by `go generate ./internal/page`.
func (e *env) pageCmd(args []string) int {
	fs := e.newFlags("page", "fzlint page [-o FILE.html]", nil)
	out := fs.StringP("output", "o", "fzlint.html", "write the page to `FILE`")
	dir := fs.String("wasm-dir", "", "take the WebAssembly module from `DIR` (what go run ./cmd/mkpage -o DIR wrote) instead of the one built in")
	fs.MarkHidden("wasm-dir")
	if rest, code, ok := e.parseFlags(fs, args); !ok {
		return code
	} else if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "fzlint page: takes no arguments, got %q (use -o FILE)\n", rest[0])
		return exitTrouble
	}
	if *out == "" {
		fmt.Fprintln(e.stderr, "fzlint page: -o FILE is needed (e.g. fzlint page -o fzlint.html)")
		return exitTrouble
	}
	// The page replaces an earlier page, never another file (fzlint page -o 报告.html).
	if info, err := os.Stat(*out); err == nil {
		if !info.Mode().IsRegular() || !bytes.Contains(input.Head(*out, 4096), []byte("<title>fzlint · ")) {
			fmt.Fprintf(e.stderr, "fzlint page: %s 已存在，且不是 fzlint 的检查页面，fzlint 不会覆盖它（请换一个文件名，或先删除它）\n", *out)
			return exitTrouble
		}
	}
	var a page.Assets
	var err error
	if *dir != "" {
		a, err = page.FromDir(*dir)
	} else {
		a, err = page.Embedded()
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "fzlint page: %v\n", err)
		return exitTrouble
	}
	var buf bytes.Buffer
	if err := page.Write(&buf, a); err != nil {
		fmt.Fprintf(e.stderr, "fzlint page: %v\n", err)
		return exitTrouble
	}
	if err := tempfile.Replace(*out, buf.Bytes(), nil, nil); err != nil {
		fmt.Fprintf(e.stderr, "fzlint page: %v\n", err)
		return exitTrouble
	}
	fmt.Fprintf(e.stderr, "已写入 %s（%.1f MB）：双击即可在浏览器中打开，检查在本机进行，不联网\n", *out, float64(buf.Len())/1e6)
	if a.Built != "" {
		fmt.Fprintf(e.stderr, "其中的检查程序构建于 %s（go generate ./internal/page 重新构建）\n", a.Built)
	}
	return exitOK
}
