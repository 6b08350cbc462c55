package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/tempfile"
	"github.com/fzlint/fzlint/render/annotate"
)

// annotateCmd is `fzlint annotate FILE.docx... [-o OUT]`: check with --annotate, where a file
// that cannot carry comments is an error, not a note.
func (e *env) annotateCmd(args []string) int {
	return e.checkAs("annotate", append([]string{"--annotate", "--annotate-strict"}, args...))
}

// annotation is what --annotate did with one file.
type annotation struct {
	path     string // the copy written
	comments int
	err      error // the copy could not be made
	plain    bool  // a text file: nothing to anchor comments in
}

// annotatedName names the annotated copy beside the original: 报告.docx → 报告.fzlint.docx.
func annotatedName(path string) string {
	ext := filepath.Ext(path)
	return strings.TrimSuffix(path, ext) + ".fzlint" + ext
}

// annotateFile writes the annotated copy of a checked .docx. name is the file's path ("" for
// stdin), out the -o path ("" for beside the original).
func (c *fileChecker) annotateFile(name, path string, data []byte, t *input.Text, res checker.Result) *annotation {
	if res.Err != nil {
		return nil
	}
	if input.KindOf(name) != input.KindDocx {
		return &annotation{plain: true}
	}
	out := c.output
	switch {
	case out == "" && path == "":
		return &annotation{err: errors.New("标准输入没有文件名：请用 -o 指定批注副本的文件名")}
	case out == "" && strings.HasSuffix(strings.ToLower(path), ".fzlint.docx"):
		return &annotation{err: errors.New("这已是 fzlint 生成的批注副本：请对原稿运行，或用 -o 指定另一个输出文件（重新检查时 fzlint 会替换它自己以前的批注）")}
	case out == "":
		out = annotatedName(path)
	}
	if path != "" && sameFile(path, out) {
		return &annotation{err: errors.New("输出文件就是原稿：fzlint 从不改写原稿，请用 -o 指定另一个文件")}
	}
	if !mayReplaceCopy(out) {
		return &annotation{err: fmt.Errorf("输出文件 %s 已存在，且不是 fzlint 写的批注副本，fzlint 不会覆盖它（请换一个文件名，或先删除它）", out)}
	}
	b, n, err := annotate.Docx(data, t, res.Diagnostics, annotate.Options{Date: time.Now()})
	if err == nil {
		err = tempfile.Replace(out, b, nil, nil)
	}
	if err != nil {
		return &annotation{err: err}
	}
	return &annotation{path: out, comments: n}
}

// mayReplaceCopy says whether the annotated copy may be written at out: nothing is there, or
// an earlier copy of fzlint's — named *.fzlint.docx, or holding comments by fzlint. Another
// file is never replaced (-o with a glob, fzlint annotate -o *.docx, named a submission).
func mayReplaceCopy(out string) bool {
	info, err := os.Stat(out)
	if err != nil {
		return true
	}
	if !info.Mode().IsRegular() {
		return false
	}
	if strings.HasSuffix(strings.ToLower(out), ".fzlint.docx") {
		return true
	}
	return input.ZipPartContains(out, "word/comments.xml", []byte(`w:author="`+annotate.Author+`"`), 64<<20)
}

// sameFile says whether two paths name one file (the second may not exist yet).
func sameFile(a, b string) bool {
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	if err1 == nil && err2 == nil {
		return os.SameFile(ia, ib)
	}
	aa, _ := filepath.Abs(a)
	ab, _ := filepath.Abs(b)
	return aa == ab
}

// annotateReport prints what --annotate wrote, as results arrive.
type annotateReport struct {
	stderr io.Writer
	quiet  bool
	strict bool // `fzlint annotate`: a file that cannot be annotated is trouble
	plain  []string
	failed bool
}

func (r *annotateReport) add(path string, a *annotation) {
	switch {
	case a == nil:
	case a.err != nil:
		fmt.Fprintf(r.stderr, "fzlint: %s: 无法生成批注副本：%v\n", path, a.err)
		r.failed = true
	case a.plain:
		r.plain = append(r.plain, path)
	case !r.quiet:
		fmt.Fprintf(r.stderr, "已写入批注副本 %s（%d 条批注）\n", a.path, a.comments)
	}
}

// finish notes the text files and returns the exit status.
func (r *annotateReport) finish(exit int) int {
	if len(r.plain) > 0 {
		name := r.plain[0]
		if len(r.plain) > 1 {
			name = fmt.Sprintf("%s 等 %d 个文件", name, len(r.plain))
		}
		fmt.Fprintf(r.stderr, "fzlint: %s 不是 .docx，没有可以挂批注的位置（批注只能加在 .docx 中）：.doc、.wps、.odt 等请在 Word 或 WPS 中另存为 .docx 后再加批注；.txt、.md 可用 fzlint check --diff 查看、--fix 应用可以自动修复的修改\n", name)
		if r.strict {
			r.failed = true
		}
	}
	if r.failed {
		return exitTrouble
	}
	return exit
}
