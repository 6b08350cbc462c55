package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/fzlint/fzlint/checker"
)

// pretty is the terminal format: each finding with its position, severity in colour, rule
// id and message, the source line with a marker under the fault (placed by display width, as a
// Chinese character takes two cells), the heading-vs-template diff, and a summary line.
type pretty struct {
	w   *bufio.Writer
	opt Options
	st  styles
	// quoted is the last line quote decoded (its source line, kept by its text), so that a
	// line's many findings decode it once: 30,000 on one line took a minute.
	quoted struct {
		text  string
		runes []rune
	}
}

type styles struct {
	path, pos, rule, gutter, caret, del, ins, summaryOK, summaryBad lipgloss.Style
	sev                                                             map[checker.Severity]lipgloss.Style
}

func newPretty(w io.Writer, opt Options) Renderer {
	r := lipgloss.NewRenderer(w)
	if opt.Color {
		r.SetColorProfile(termenv.ANSI256)
	} else {
		r.SetColorProfile(termenv.Ascii)
	}
	st := styles{
		path:       r.NewStyle().Bold(true).Underline(true),
		pos:        r.NewStyle().Foreground(lipgloss.Color("244")),
		rule:       r.NewStyle().Foreground(lipgloss.Color("244")),
		gutter:     r.NewStyle().Foreground(lipgloss.Color("39")),
		caret:      r.NewStyle().Foreground(lipgloss.Color("203")).Bold(true),
		del:        r.NewStyle().Foreground(lipgloss.Color("203")).Strikethrough(true),
		ins:        r.NewStyle().Foreground(lipgloss.Color("42")).Underline(true),
		summaryOK:  r.NewStyle().Foreground(lipgloss.Color("42")).Bold(true),
		summaryBad: r.NewStyle().Foreground(lipgloss.Color("203")).Bold(true),
		sev: map[checker.Severity]lipgloss.Style{
			checker.Error:   r.NewStyle().Foreground(lipgloss.Color("203")).Bold(true),
			checker.Warning: r.NewStyle().Foreground(lipgloss.Color("214")).Bold(true),
			checker.Info:    r.NewStyle().Foreground(lipgloss.Color("75")),
		},
	}
	return &pretty{w: bufio.NewWriter(w), opt: opt, st: st}
}

func (p *pretty) File(r *checker.Result) error {
	if len(r.Diagnostics) == 0 {
		return nil
	}
	fmt.Fprintln(p.w, p.st.path.Render(r.Path))
	for _, d := range r.Diagnostics {
		sev := p.st.sev[d.Severity].Render(fmt.Sprintf("%-7s", d.Severity.String()))
		pos := fmt.Sprintf("%d:%d", d.Line, d.Column)
		if d.Page > 0 {
			pos = fmt.Sprintf("第%d页 %s", d.Page, pos)
		}
		fmt.Fprintf(p.w, "  %s %s %s %s\n", p.st.pos.Render(pos), sev, Message(d), p.st.rule.Render("["+d.Rule+"]"))
		p.quote(r.Source, d)
		if len(d.Diff) > 0 {
			p.diff(d)
		}
	}
	fmt.Fprintln(p.w)
	return nil
}

// contextRunes is how much of a long line is shown on each side of the fault.
const contextRunes = 24

// quote shows the line of a finding with a marker under its columns.
// Lines of a paged file (.pdf, .ofd) are lines of a page, which Source does not index.
func (p *pretty) quote(src []string, d checker.Diagnostic) {
	if d.Page > 0 || d.Line < 1 || d.Line > len(src) {
		return
	}
	text := strings.TrimRight(src[d.Line-1], " \t\u3000")
	if len(text) != len(p.quoted.text) || text != p.quoted.text {
		p.quoted.text, p.quoted.runes = text, []rune(text)
	}
	line := p.quoted.runes
	if len(line) == 0 {
		return
	}
	start, end := d.Column-1, d.EndColumn-1
	if d.EndLine != d.Line {
		end = len(line)
	}
	if end <= start {
		end = start + 1
	}
	if start > len(line) {
		start = len(line)
	}
	if end > len(line) {
		end = len(line)
	}
	from, to := start-contextRunes, end+contextRunes
	if end-start > 2*contextRunes {
		to = start + 2*contextRunes
		end = to
	}
	prefix, suffix := "", ""
	if from <= 0 {
		from = 0
	} else {
		prefix = "…"
	}
	if to >= len(line) {
		to = len(line)
	} else {
		suffix = "…"
	}
	before := prefix + string(line[from:start])
	marked := string(line[start:end])
	num := fmt.Sprintf("%5d", d.Line)
	fmt.Fprintf(p.w, "%s %s %s%s%s\n", p.st.gutter.Render(num), p.st.gutter.Render("│"), before, marked, string(line[end:to])+suffix)
	width := lipgloss.Width(marked)
	if width == 0 {
		width = 1
	}
	fmt.Fprintf(p.w, "%s %s %s%s\n", strings.Repeat(" ", len(num)), p.st.gutter.Render("│"),
		strings.Repeat(" ", lipgloss.Width(before)), p.st.caret.Render(strings.Repeat("^", width)))
}

// diff shows the edit from the heading to its template: what to delete from the heading
// struck through in red, what to add from the template in green. Without colour the runs are
// marked [-…-] and {+…+}.
func (p *pretty) diff(d checker.Diagnostic) {
	var b strings.Builder
	for _, op := range d.Diff {
		switch {
		case op.Op < 0 && p.opt.Color:
			b.WriteString(p.st.del.Render(op.Text))
		case op.Op < 0:
			b.WriteString("[-" + op.Text + "-]")
		case op.Op > 0 && p.opt.Color:
			b.WriteString(p.st.ins.Render(op.Text))
		case op.Op > 0:
			b.WriteString("{+" + op.Text + "+}")
		default:
			b.WriteString(op.Text)
		}
	}
	fmt.Fprintf(p.w, "%s %s 模板对比：%s\n", strings.Repeat(" ", 5), p.st.gutter.Render("│"), b.String())
}

func (p *pretty) Close(s Summary) error {
	if !p.opt.Quiet {
		for _, k := range s.Skipped {
			fmt.Fprintf(p.w, "跳过 %s：%s\n", k.Path, k.Reason)
		}
		st := p.st.summaryOK
		if s.Errors > 0 || s.Unreadable > 0 {
			st = p.st.summaryBad
		}
		fmt.Fprintln(p.w, st.Render(summaryLine(s)))
	}
	return p.w.Flush()
}
