package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/fzlint/fzlint/checker"
)

// githubOut writes GitHub Actions workflow commands, one per finding, which the runner turns
// into annotations on the pull request:
//
//	::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE
type githubOut struct {
	w   *bufio.Writer
	opt Options
}

func init() { register("github", newGitHub) }

func newGitHub(w io.Writer, opt Options) Renderer {
	return &githubOut{w: bufio.NewWriterSize(w, machineBuffer), opt: opt}
}

// githubCommand maps a severity to its workflow command.
func githubCommand(s checker.Severity) string { return bySeverity(s, "error", "warning", "notice") }

func (g *githubOut) File(r *checker.Result) error {
	path := githubProperty(r.Path)
	for _, d := range r.Diagnostics {
		l, c, el, ec := span(d)
		fmt.Fprintf(g.w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			githubCommand(d.Severity), path, l, c, el, ec, githubProperty(d.Rule), githubData(messageWithSuggestion(d)))
	}
	return nil
}

// span returns a finding's range made valid for tools that check it: every field at least 1,
// and the end not before the start.
func span(d checker.Diagnostic) (line, col, endLine, endCol int) {
	line, col = max(d.Line, 1), max(d.Column, 1)
	endLine, endCol = max(d.EndLine, line), max(d.EndColumn, 1)
	if endLine == line && endCol < col {
		endCol = col
	}
	return
}

func (g *githubOut) Close(s Summary) error { return closeMachine(g.w, g.opt, s) }

// The escaping of the runner (actions/toolkit, command.ts): in the message, % and line breaks;
// in a property, also : and , which separate the properties.
var (
	githubDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func githubData(s string) string     { return githubDataEscaper.Replace(s) }
func githubProperty(s string) string { return githubPropertyEscaper.Replace(s) }
