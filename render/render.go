// Package render writes checker results in every output format. A renderer only reads
// results: it never decides what is a problem and never decides the exit status.
package render

import (
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/fzlint/fzlint/checker"
)

// Renderer writes results one file at a time, in input order, then the summary. Files are
// streamed: a renderer must not keep results it has written unless its format needs them.
type Renderer interface {
	File(r *checker.Result) error
	Close(s Summary) error
}

// Message is a finding's message as the command line says it: with its hint (what the drafter
// can do about it) in the command line's words. The browser page and Word comments say their
// own or nothing (internal/webcheck, render/annotate).
func Message(d checker.Diagnostic) string {
	return d.Message + d.Hint.CommandLine()
}

// Summary counts what a run found.
type Summary struct {
	Files      int
	Errors     int
	Warnings   int
	Infos      int
	Unreadable int
	// Skipped lists the files a directory walk left out by rule, with the reason; summaries
	// list them and the summary line counts them.
	Skipped []checker.Skip
	Elapsed time.Duration
}

// Add counts one file's results.
func (s *Summary) Add(r *checker.Result) {
	s.Files++
	e, w, i := r.Count()
	s.Errors += e
	s.Warnings += w
	s.Infos += i
	if r.Err != nil {
		s.Unreadable++
	}
}

// Options configure the renderers that need them.
type Options struct {
	Color bool // pretty: use colour
	Quiet bool // no summary line
	// Stderr receives the summary of formats whose stdout is for machines (plain, github).
	Stderr io.Writer
	// Version is fzlint's version, for formats that name the tool (sarif).
	Version string
}

// Formats lists the names accepted by --format.
var Formats = []string{"pretty", "plain", "json", "sarif", "github"}

var constructors = map[string]func(io.Writer, Options) Renderer{
	"pretty": newPretty,
	"plain":  newPlain,
	"json":   newJSON,
}

// Register adds a format; used by the files that define each format.
func register(name string, f func(io.Writer, Options) Renderer) { constructors[name] = f }

// New returns the renderer for a format name.
func New(format string, w io.Writer, opt Options) (Renderer, error) {
	f, ok := constructors[format]
	if !ok {
		names := make([]string, 0, len(constructors))
		for n := range constructors {
			names = append(names, n)
		}
		sort.Strings(names)
		return nil, fmt.Errorf("unknown format %q (want one of %v)", format, names)
	}
	return f(w, opt), nil
}

// bySeverity picks one of three words by a severity; anything below warning counts as info.
func bySeverity(s checker.Severity, ifError, ifWarning, ifInfo string) string {
	switch s {
	case checker.Error:
		return ifError
	case checker.Warning:
		return ifWarning
	}
	return ifInfo
}

// summaryLine is the one-line Chinese summary shown to people.
func summaryLine(s Summary) string {
	line := fmt.Sprintf("检查了 %d 个文件：%d 个错误，%d 个警告，%d 条提示", s.Files, s.Errors, s.Warnings, s.Infos)
	if s.Unreadable > 0 {
		line += fmt.Sprintf("；%d 个文件无法读取", s.Unreadable)
	}
	if len(s.Skipped) > 0 {
		line += fmt.Sprintf("；跳过 %d 个文件（不是报告或按规则不检查）", len(s.Skipped))
	}
	if s.Elapsed > 0 {
		line += fmt.Sprintf("（用时 %s）", s.Elapsed.Round(time.Millisecond))
	}
	return line
}
