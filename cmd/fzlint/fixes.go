package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/baseline"
	"github.com/fzlint/fzlint/checker/fix"
	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/render"
)

// fileResult is a file's checker result and what --fix or --diff did with it.
type fileResult struct {
	checker.Result
	// patch is what the fixes change, for --diff.
	patch  *fix.Patch
	fixes  int   // fixes applied (--fix) or that would be applied (--diff)
	fixErr error // the fixed file could not be written
	// notFixed is set for a file with fixable findings that fixes never touch (.docx, .html,
	// stdin with --fix).
	notFixed bool
	// annotation is what --annotate did, nil without it.
	annotation *annotation
	// facts is what the cross-file stage needs of the file, when the checker was asked for it.
	facts checker.Facts
}

// fileChecker checks one file's bytes and applies --baseline, --fix and --diff; it is shared by
// the workers and read-only.
type fileChecker struct {
	opt      checker.Options
	fix      bool // --fix: write the fixes
	diff     bool // --diff: compute them only
	baseline *baseline.Baseline
	annotate bool   // --annotate
	output   string // -o
	facts    bool   // also collect the file's facts for the cross-file stage
	// ws, when set, is the workspace lent to the file being checked: the file is read into it
	// and its bytes are the text's (see workspace).
	ws *workspace
}

// newFileChecker reads --baseline and prepares --write-baseline (bw is nil without it).
func newFileChecker(f checkFlags) (c *fileChecker, bw *baseline.Writer, err error) {
	if f.fix && f.diff {
		return nil, nil, errors.New("--fix and --diff cannot be used together")
	}
	if f.writeBaseline != "" && (f.baseline != "" || f.diff) {
		return nil, nil, errors.New("--write-baseline cannot be used with --baseline or --diff")
	}
	c = &fileChecker{opt: checker.Options{Year: f.year, Profile: f.profile, Scorecard: f.report != ""}, fix: f.fix, diff: f.diff, annotate: f.annotate, output: f.output}
	if f.baseline != "" {
		if c.baseline, err = baseline.Load(f.baseline); err != nil {
			return nil, nil, err
		}
	}
	if f.writeBaseline != "" {
		if bw, err = baseline.NewWriter(f.writeBaseline); err != nil {
			return nil, nil, err
		}
	}
	return c, bw, nil
}

// check reads, checks and, if asked, fixes a file. inPlace says the data came from a file that
// may be rewritten (not stdin); owned, that data is handed over to the text (ReadOptions.Owned):
// nothing changes it afterwards. A .docx is read with the anchors the annotator splices
// comments at only for --annotate.
func (c *fileChecker) check(l *checker.Linter, name string, data []byte, inPlace, owned bool) fileResult {
	opt := input.ReadOptions{Owned: owned, NoAnchors: !c.annotate}
	if c.ws != nil {
		opt.Lines = &c.ws.lines
	}
	t, err := input.ReadWith(name, data, opt)
	if err != nil {
		return fileResult{Result: l.Unreadable(name, err)}
	}
	if !c.annotate && !c.fix && !c.diff {
		// The text is decoded into memory of its own, or is the bytes read: this variable
		// need not keep them alive while it is checked.
		data = nil
	}
	var facts checker.Facts
	var into *checker.Facts
	if c.facts {
		into = &facts
	}
	res := c.lint(l, name, t, into)
	var an *annotation
	if c.annotate {
		path := name
		if !inPlace {
			path = ""
		}
		an = c.annotateFile(name, path, data, t, res)
	}
	fr := c.applyFixes(l, name, data, t, res, inPlace)
	if !inPlace {
		// --fix refuses standard input; --diff prints its fixes.
		checker.SwapHint(fr.Diagnostics, checker.HintFix, checker.HintDiff)
	}
	fr.annotation = an
	fr.facts = facts
	return fr
}

// applyFixes applies the fixes of a file's findings (--fix) or computes them (--diff).
func (c *fileChecker) applyFixes(l *checker.Linter, name string, data []byte, t *input.Text, res checker.Result, inPlace bool) fileResult {
	if !(c.fix || c.diff) || !fix.Fixable(res.Diagnostics) {
		return fileResult{Result: res}
	}
	// Fixes edit the lines of the file: a reader whose lines are not the file's (t.Source) is
	// not fixed in place.
	if !input.Fixable(name, t) || (c.fix && !inPlace) {
		return fileResult{Result: res, notFixed: true}
	}
	// A fix can make another one possible (（含）,败诉: the comma is next to Chinese punctuation
	// only once the bracket is full-width), and overlapping edits wait for the next pass: apply
	// and re-check until nothing changes, as ruff does, so that a second run has nothing to fix.
	fr := fileResult{Result: res}
	lines := t.Lines
	for pass := 0; pass < maxFixPasses; pass++ {
		out := fix.Apply(lines, fix.Edits(fr.Diagnostics))
		if !out.Changed() {
			break
		}
		lines, fr.fixes = out.Lines, fr.fixes+len(out.Applied)
		fixedText := *t
		fixedText.Lines = out.Lines
		// What is printed is what remains in the fixed file.
		fr.Result = c.lint(l, name, &fixedText, nil)
	}
	if fr.fixes == 0 {
		return fr
	}
	if c.diff {
		fr.patch = fix.NewPatch(name, data, t, lines, l.MaskLine)
		return fr
	}
	fixed, err := fix.Rewrite(data, t, lines)
	if err == nil {
		err = fix.WriteFile(name, fixed, data)
	}
	if err != nil {
		return fileResult{Result: res, fixErr: err}
	}
	return fr
}

// maxFixPasses bounds the fix-and-recheck loop of one file.
const maxFixPasses = 10

// lint checks a text and applies --baseline; with facts set, it fills in the text's facts too.
func (c *fileChecker) lint(l *checker.Linter, name string, t *input.Text, facts *checker.Facts) checker.Result {
	var res checker.Result
	if facts != nil {
		res, *facts = l.CheckTextFacts(name, t, c.opt)
	} else {
		res = l.CheckText(name, t, c.opt)
	}
	res.Diagnostics = c.baseline.Filter(&res)
	return res
}

// fixReport gathers what the run fixed, for the lines printed at the end, and prints --diff
// output as results arrive, in input order.
type fixReport struct {
	stdout, stderr io.Writer
	diff, quiet    bool
	// silent is set when findings are not printed (--diff, --write-baseline): an unreadable
	// file is then named on stderr, so that exit status 2 has a reason.
	silent       bool
	files, fixes int
	notFixed     int
	// unappliable counts the files whose diff does not apply as printed (personal data
	// masked, UTF-16 shown as UTF-8).
	unappliable int
	failed      bool
}

func (r *fixReport) add(fr *fileResult) {
	switch {
	case fr.Err != nil && (r.silent || !shown(fr.Diagnostics, "input/unreadable")):
		// Exit status 2 always has its reason: an unreadable file is named on stderr when its
		// finding is not in the output (--diff, --write-baseline, input/unreadable turned off).
		fmt.Fprintf(r.stderr, "fzlint: %s: 无法读取：%v\n", fr.Path, fr.Err)
	case fr.fixErr != nil:
		fmt.Fprintf(r.stderr, "fzlint: %s: 修复未写入：%v\n", fr.Path, fr.fixErr)
		r.failed = true
	case fr.notFixed:
		r.notFixed++
	case fr.fixes > 0:
		r.files++
		r.fixes += fr.fixes
		if fr.patch != nil {
			st, err := fr.patch.Write(r.stdout, 3)
			if err != nil {
				r.failed = true
			}
			if st.Masked > 0 || st.NotBytes {
				r.unappliable++
			}
		}
	}
}

// finish prints what was fixed and returns the exit status: for --diff, 1 when there is
// something to fix (as ruff does); a file that could not be written back is trouble.
func (r *fixReport) finish(exit int) int {
	if r.notFixed > 0 {
		fmt.Fprintf(r.stderr, "fzlint: %d 个文件有可自动修复的问题但未修复：自动修复只改写 .txt、.md 文本文件（不修改 .docx、.doc、.pdf、.html 等格式的文件——扩展名是 .txt 而内容是这些格式的也不修改——也不修改标准输入）\n", r.notFixed)
	}
	if r.unappliable > 0 {
		fmt.Fprintf(r.stderr, "fzlint: %d 个文件的差异不能直接用 git apply 或 patch 应用：其中的个人信息已打码，或文件是 UTF-16 编码（差异以 UTF-8 显示）；请用 --fix 修复这些文件\n", r.unappliable)
	}
	if !r.quiet {
		switch {
		case r.diff && r.fixes > 0:
			fmt.Fprintf(r.stderr, "%d 个文件中有 %d 处可以自动修复（运行 fzlint check --fix）\n", r.files, r.fixes)
		case r.diff:
			fmt.Fprintln(r.stderr, "没有可以自动修复的问题")
		case r.fixes > 0:
			fmt.Fprintf(r.stderr, "已修复 %d 个文件中的 %d 处问题\n", r.files, r.fixes)
		}
	}
	if r.failed {
		return exitTrouble
	}
	if r.diff && exit != exitTrouble {
		if r.fixes > 0 {
			return exitFindings
		}
		return exitOK
	}
	return exit
}

// discard is the renderer of runs whose output is not findings (--diff, --write-baseline).
type discard struct{}

func (discard) File(*checker.Result) error { return nil }
func (discard) Close(render.Summary) error { return nil }

// readFile reads a file for checking (listed: a walk listed it as a regular file); an error is
// the file's input/unreadable finding.
func (c *fileChecker) readFile(l *checker.Linter, path string, listed bool) fileResult {
	read := input.ReadFileInto
	if listed {
		read = input.ReadListedFileInto
	}
	if c.ws != nil {
		// The workspace keeps the bytes until the file's result is done with: they are handed
		// over as its text.
		data, err := read(path, c.ws.read)
		if err != nil {
			return fileResult{Result: l.Unreadable(path, err)}
		}
		return c.check(l, path, data, true, true)
	}
	buf := readBuffers.Get().(*bytes.Buffer)
	data, err := read(path, buf)
	// A buffer that took a huge file goes with it rather than staying in the pool for the
	// rest of the run; nothing else will write to it, so a text file's bytes are handed over
	// as its text (input.ReadOptions.Owned) rather than copied: a 90 MB report is in memory once, not
	// twice. A small file's bytes are copied and the buffer reused, which costs less than a
	// fresh buffer a file (README, "Reading files").
	owned := buf.Cap() > maxPooledBuffer
	if !owned {
		defer readBuffers.Put(buf)
	}
	buf = nil
	if err != nil {
		return fileResult{Result: l.Unreadable(path, err)}
	}
	return c.check(l, path, data, true, owned)
}

// readBuffers are the workers' file buffers: a batch reads thousands of files, and what is
// checked never refers to the bytes of a pooled buffer (text is decoded into strings of its
// own).
var readBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer is the largest read buffer kept for the next file: a report is a few tens of
// kilobytes, a .docx with images a few megabytes.
const maxPooledBuffer = 4 << 20

// shown reports whether the findings hold one of a rule.
func shown(ds []checker.Diagnostic, rule string) bool {
	for _, d := range ds {
		if d.Rule == rule {
			return true
		}
	}
	return false
}
