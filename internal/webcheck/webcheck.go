// Package webcheck is what the browser page's WebAssembly module does: check the bytes of one
// file as `fzlint check` does with the built-in rules, and write the annotated copy of a .docx
// as `fzlint annotate` does. It takes bytes and returns bytes, touches no file and imports
// neither the renderers nor, when built with -tags fzlintpage, the .pdf/.ofd/.doc
// readers (pdfcpu brings net/http).
package webcheck

import (
	"encoding/json"
	"errors"
	"sync"
	"time"

	fzlint "github.com/fzlint/fzlint"
	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/render/annotate"
	"github.com/fzlint/fzlint/rules"
)

// Options are what the page lets the drafter change: the report year (0: detect) and the
// profile ("auto", "government", "department").
type Options struct {
	Year    int    `json:"year"`
	Profile string `json:"profile"`
}

// Result is what the page shows: the report as the checker understood it, the lines of the
// document (the positions of the findings are in them) and the findings, with the field names
// of `fzlint check --format json`.
type Result struct {
	Name     string    `json:"name"`
	Docx     bool      `json:"docx"` // an annotated copy can be made
	Error    string    `json:"error,omitempty"`
	Report   *Report   `json:"report"`
	Lines    []string  `json:"lines"`
	Findings []Finding `json:"findings"`
}

// Report is the checker's view of the document as a whole.
type Report struct {
	Year    int    `json:"year"`
	Profile string `json:"profile"`
	Title   string `json:"title"`
	Unit    string `json:"unit"`
	Parts   []Part `json:"parts"`
}

// Part is one part of the template: found at Line (0: missing), or optional for the year.
type Part struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Line     int    `json:"line"`
	Optional bool   `json:"optional"`
}

// Finding is one diagnostic. Lines and columns are 1-based and count code points (not the
// UTF-16 units of JavaScript strings); the end column is exclusive.
type Finding struct {
	Rule       string           `json:"rule"`
	Severity   string           `json:"severity"`
	Line       int              `json:"line"`
	Column     int              `json:"column"`
	EndLine    int              `json:"end_line"`
	EndColumn  int              `json:"end_column"`
	Message    string           `json:"message"`
	Suggestion string           `json:"suggestion"`
	Template   string           `json:"template"`
	Diff       []checker.DiffOp `json:"diff,omitempty"`
	// Hint is what the drafter can do about the finding on the page, if anything (the
	// command line's flags are not offered here).
	Hint string `json:"hint,omitempty"`
}

// pageHints say a finding's hint in the page's words; a hint the page cannot act on (a fix:
// the page changes no file) has none.
var pageHints = map[checker.Hint]string{
	checker.HintYear: "可在页面上方的“年度”中选择报告年度",
}

var (
	linterOnce sync.Once
	linter     *checker.Linter
	ruleSet    *rules.Set
	linterErr  error
)

// defaultLinter compiles the embedded rules once, as `fzlint check` does without a config:
// every rule at its severity, no fixes built.
func defaultLinter() (*checker.Linter, error) {
	linterOnce.Do(func() {
		set, err := rules.Load(fzlint.DefaultRulesName, fzlint.DefaultRules, rules.Options{RuleIDs: checker.RuleIDs()})
		if err != nil {
			linterErr = err
			return
		}
		ruleSet = set
		linter, linterErr = checker.NewLinter(checker.Compile(set), checker.Selection{NoFixes: true})
	})
	return linter, linterErr
}

// Ready compiles the rules and checks the template report once, so that the first check of
// the drafter's file does not wait for what the checker sets up on first use.
func Ready() error {
	if _, err := defaultLinter(); err != nil {
		return err
	}
	_, err := Check("template.txt", []byte(checker.Skeleton(ruleSet, 2024, "government", "")), Options{})
	return err
}

func (o Options) checker() checker.Options {
	p := o.Profile
	if p == "" {
		p = "auto"
	}
	return checker.Options{Year: o.Year, Profile: p}
}

// run reads and checks one file.
func run(name string, data []byte, opt Options) (*input.Text, checker.Result, error) {
	l, err := defaultLinter()
	if err != nil {
		return nil, checker.Result{}, err
	}
	t, err := input.Read(name, data)
	if err != nil {
		return nil, l.Unreadable(name, err), nil
	}
	return t, l.CheckText(name, t, opt.checker()), nil
}

// Check checks a file and returns the Result as JSON.
func Check(name string, data []byte, opt Options) ([]byte, error) {
	t, res, err := run(name, data, opt)
	if err != nil {
		return nil, err
	}
	out := Result{Name: name, Docx: t != nil && t.Docx != nil, Lines: res.Source, Findings: []Finding{}}
	if res.Err != nil {
		out.Error = res.Err.Error()
	}
	if out.Lines == nil {
		out.Lines = []string{}
	}
	if r := res.Report; r != nil {
		rep := &Report{Year: r.Year, Profile: r.Profile, Title: r.Title, Unit: r.Unit, Parts: []Part{}}
		for _, id := range r.PartIDs {
			rep.Parts = append(rep.Parts, Part{ID: id, Name: r.PartNames[id], Line: r.Sections[id], Optional: r.Optional[id]})
		}
		out.Report = rep
	}
	for _, d := range res.Diagnostics {
		out.Findings = append(out.Findings, Finding{Rule: d.Rule, Severity: d.Severity.String(), Line: d.Line, Column: d.Column,
			EndLine: d.EndLine, EndColumn: d.EndColumn, Message: d.Message, Suggestion: d.Suggestion, Template: d.Template, Diff: d.Diff, Hint: pageHints[d.Hint]})
	}
	return json.Marshal(out)
}

// Annotate checks a .docx and returns its copy with every finding as a review comment, and
// the number of comments, as `fzlint annotate` writes it.
func Annotate(name string, data []byte, opt Options, now time.Time) ([]byte, int, error) {
	t, res, err := run(name, data, opt)
	if err != nil {
		return nil, 0, err
	}
	if res.Err != nil {
		return nil, 0, res.Err
	}
	if t.Docx == nil {
		return nil, 0, errors.New("只有 .docx 可以加批注：纯文本和网页没有可以挂批注的位置")
	}
	return annotate.Docx(data, t, res.Diagnostics, annotate.Options{Date: now})
}
