package checker

import (
	"github.com/fzlint/fzlint/rules"
)

// Severity is re-exported so that users of the checker need not import rules for it.
type Severity = rules.Severity

// Severities, from least to most serious.
const (
	Info    = rules.Info
	Warning = rules.Warning
	Error   = rules.Error
)

// Diagnostic is one finding. Lines and columns are 1-based; columns count runes. Severity is
// resolved once, from the rule's default, the rule set and the command line, before a
// Diagnostic leaves the engine.
//
// Checks report logical positions (the lines of the Document); before a Result leaves the
// engine, one function (Document.locate) turns every position — start, end, fix edits, and
// the lines a message names — into the position in the file (input.SourceMap), so every
// output format shows the place the drafter can find.
type Diagnostic struct {
	Rule     string
	Severity Severity
	// Page and EndPage are the 1-based pages of Line and EndLine in a fixed-layout file
	// (.pdf, .ofd), where a line is a line of its page; 0 for every other format.
	Page, EndPage int
	Line          int
	Column        int
	EndLine       int
	EndColumn     int
	Message       string
	Suggestion    string // what to write instead, when there is one answer
	Template      string // the template heading, for structure rules
	// Diff is the heading against its template, for the pretty renderer; empty otherwise.
	Diff []DiffOp
	// Fix is a safe replacement of the text between (Line, Column) and (EndLine, EndColumn).
	Fix *Fix
	// Hint is what the drafter's tool can do about the finding, which each front end says in
	// its own words or not at all (the command line's flags mean nothing on the browser page
	// or in a Word comment). Message never holds it.
	Hint Hint
}

// Hint names what a front end can offer the drafter about a finding.
type Hint uint8

const (
	NoHint Hint = iota
	// HintFix: the finding has a safe fix that can edit the file as written (a .txt or .md
	// file: input.Fixable); the engine drops it for every other file.
	HintFix
	// HintYear: the report year can be given, and the rules that need it will run.
	HintYear
	// HintDiff: the finding has a safe fix, but the text came from standard input, which
	// --fix cannot rewrite: --diff prints the fix as a patch. The command line sets it.
	HintDiff
)

// SwapHint replaces the hint from with to in every finding that has it: where the text came
// from decides what can be offered (no fix for a .docx, --diff rather than --fix for stdin).
func SwapHint(ds []Diagnostic, from, to Hint) {
	for i := range ds {
		if ds[i].Hint == from {
			ds[i].Hint = to
		}
	}
}

// CommandLine is the hint in the command line's words, as it follows the message there ("" for
// NoHint). The baseline's fingerprints of whole-document findings are taken from the message
// so worded, as they were when the hint was part of the message.
func (h Hint) CommandLine() string {
	switch h {
	case HintFix:
		return "（可用 --fix 自动修正）"
	case HintYear:
		return "；可用 --year 指定报告年度"
	case HintDiff:
		return "（可用 --diff 查看修正）"
	}
	return ""
}

// Fix is a safe correction. With Edits empty it replaces the diagnostic's range with New;
// otherwise it is the list of Edits (a grouped finding fixes every place it groups).
type Fix struct {
	New   string
	Edits []Edit
}

// Edit replaces the text between (Line, Column) and (Line, EndColumn) — one line, rune
// columns, end exclusive — with New.
type Edit struct {
	Line, Column, EndColumn int
	New                     string
}

// DiffOp is one run of a character diff: Op is -1 (in the template only), 0 (in both) or +1
// (in the heading only).
type DiffOp struct {
	Op   int
	Text string
}

// Report is what the checker learned about a document as a whole.
type Report struct {
	Year     int
	Profile  string
	Title    string
	Unit     string
	Sections map[string]int // part id → 1-based heading line, 0 when absent
	// PartIDs lists every part id of the rule set in template order, for stable output.
	// PartIDs and PartNames are the rule set's, shared by all its reports: read them only.
	PartIDs []string
	// PartNames maps each part id to its Chinese name (rules.toml), for summaries.
	PartNames map[string]string
	// Optional holds the ids of the parts a report may leave out (not required); it is shared
	// by the reports of a year: read it only.
	Optional map[string]bool
	// Score is the supervisor's scorecard, computed when Options.Scorecard asks for it.
	Score *Scorecard
}

// Result is the outcome for one file: a report and its diagnostics, or an error that kept the
// file from being checked.
type Result struct {
	Path        string
	Report      *Report
	Diagnostics []Diagnostic
	// Err is set when the file could not be read or decoded; Diagnostics then holds the
	// input/unreadable finding.
	Err error
	// Source is the document's lines, for renderers that quote them; it may be nil.
	Source []string
}

// Count returns the number of diagnostics at each severity.
func (r *Result) Count() (errors, warnings, infos int) {
	for _, d := range r.Diagnostics {
		switch d.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		case Info:
			infos++
		}
	}
	return
}

// Fails reports whether the result has a finding at or above a severity.
func (r *Result) Fails(at Severity) bool {
	for _, d := range r.Diagnostics {
		if d.Severity >= at {
			return true
		}
	}
	return false
}

// Skip is a file found while walking a directory and left out by rule (hidden, a Word lock
// file, listed in .fzlintignore, a kind that cannot hold a report), with the reason in
// Chinese. Skipped files are listed in every summary, so none is left out silently.
type Skip struct {
	Path, Reason string
}
