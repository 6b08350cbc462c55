package main

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
)

// A bug of fzlint's own that makes the check of one file panic must not end the batch: the
// file is reported as one that could not be checked (exit status 2, as for a file that could
// not be read), with where it failed, and every other file is still checked. (Each file's check
// starts from memory of its own or memory reset when taken back, so what the panic left half
// built is not seen again.)

// internalError is the error of a file whose check panicked with r.
func internalError(r any) error {
	site := panicSite()
	if site != "" {
		site = "，位于 " + site
	}
	return fmt.Errorf("检查时 fzlint 内部出错（fzlint 的缺陷，请把这个文件报告给维护者）：%v%s", r, site)
}

// panicSite names the function the panic being recovered was raised in, with its file and
// line ("checker.runEmptySection (content.go:113)"): the first frame below the runtime's own
// panic frames. Called from the deferred function that recovers, whose stack still holds them.
func panicSite() string {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	inPanic := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			inPanic = true
		case inPanic && !strings.HasPrefix(f.Function, "runtime."):
			name := f.Function[strings.LastIndexByte(f.Function, '/')+1:]
			return fmt.Sprintf("%s (%s:%d)", name, filepath.Base(f.File), f.Line)
		}
		if !more {
			return ""
		}
	}
}

// testHookCheck, when set, is called with each file's path before it is checked: tests make a
// check panic with it.
var testHookCheck func(path string)
