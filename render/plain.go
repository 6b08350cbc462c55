package render

import (
	"bufio"
	"fmt"
	"io"

	"github.com/fzlint/fzlint/checker"
)

// plain writes one line per finding, for grep and editors:
//
//	path:line:col: severity: message [rule]
type plain struct {
	w   *bufio.Writer
	opt Options
}

// machineBuffer is the output buffer of the formats for machines (plain, json, sarif,
// github), whose output is read when the run ends: 64 KB writes, not 4 KB ones (a batch's JSON
// took 1,270 write calls to stdout for 2,000 files, each a system call).
const machineBuffer = 64 << 10

func newPlain(w io.Writer, opt Options) Renderer {
	return &plain{w: bufio.NewWriterSize(w, machineBuffer), opt: opt}
}

func (p *plain) File(r *checker.Result) error {
	for _, d := range r.Diagnostics {
		fmt.Fprintln(p.w, PlainLine(r.Path, d))
	}
	return nil
}

// PlainLine formats one finding the way the plain format and the golden files write it. In a
// fixed-layout file (.pdf, .ofd) the line is a line of a page: the message then starts with
// the page (path:LINE:COL stays what tools parse).
func PlainLine(path string, d checker.Diagnostic) string {
	msg := Message(d)
	if d.Page > 0 {
		msg = fmt.Sprintf("第%d页第%d行：%s", d.Page, d.Line, msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", path, d.Line, d.Column, d.Severity, msg, d.Rule)
}

func (p *plain) Close(s Summary) error { return closeMachine(p.w, p.opt, s) }

// closeMachine ends a format whose stdout is for machines: the output is flushed and the
// summary line, for people, goes to stderr.
func closeMachine(w *bufio.Writer, opt Options, s Summary) error {
	if err := w.Flush(); err != nil {
		return err
	}
	if !opt.Quiet && opt.Stderr != nil {
		fmt.Fprintln(opt.Stderr, summaryLine(s))
	}
	return nil
}
