package main

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/batch"
	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/render"
	"github.com/fzlint/fzlint/rules"
	"github.com/spf13/pflag"
)

// checkFlags are the flags of `fzlint check`.
type checkFlags struct {
	format, rulesFile, configFile, profile, failOn string
	disable, enable                                []string // repeated flags add up
	stdinName                                      string
	year, jobs                                     int
	noColor, quiet, forceExclude                   bool
	fix, diff                                      bool
	baseline, writeBaseline                        string
	report                                         string // --report FILE
	annotate, annotateStrict                       bool   // --annotate; `fzlint annotate`
	output                                         string // -o: the annotated copy
	readTimeout                                    time.Duration
}

func (e *env) checkFlagSet(f *checkFlags, cmd string) *pflag.FlagSet {
	usage := "fzlint check [flags] [PATH|-]..."
	if cmd == "annotate" {
		usage = "fzlint annotate [flags] FILE.docx... (a copy with the findings as Word comments; -o names it)"
	}
	fs := e.newFlags(cmd, usage, func() {
		fmt.Fprint(e.stdout, "\nFlags may come before or after the paths; -- ends them. --disable and --enable may be repeated.\n")
		fmt.Fprint(e.stdout, "\nFiles: .txt .md .docx .doc .wps .odt .pdf .ofd .html .htm; directories are walked in sorted order; every file found is checked, unreadable, or skipped by rule and listed (hidden, ~$ lock files, images, archives, paths listed in .fzlintignore files of the directories walked and of their parents up to the working directory).\n")
		fmt.Fprint(e.stdout, "\nExit status: 0 no finding at or above --fail-on; 1 such findings; 2 usage error, bad rules/config file, or an unreadable file.\n")
	})
	fs.StringVar(&f.format, "format", "", "output `format`: pretty|plain|json|sarif|github (default: pretty on a terminal, plain otherwise)")
	fs.StringVar(&f.report, "report", "", "also write a summary table for supervisors to `FILE`; its kind by the extension: .xlsx, .csv, .html or .json")
	fs.StringVar(&f.rulesFile, "rules", "", "replace the built-in rule set with `FILE`")
	fs.StringVar(&f.configFile, "config", "", "apply `FILE` over the rules (default: nearest .fzlint.toml from each file's directory upward)")
	fs.StringVar(&f.profile, "profile", "auto", "reporter `profile`: government|department|auto")
	fs.IntVar(&f.year, "year", 0, "report year `Y` (default: detected from the report)")
	fs.StringVar(&f.failOn, "fail-on", "error", "exit 1 on findings at or above `severity`: error|warning|info|none")
	fs.StringArrayVar(&f.disable, "disable", nil, "`rules` or families to turn off, comma-separated (e.g. language/punctuation-width,content)")
	fs.StringArrayVar(&f.enable, "enable", nil, "`rules` or families to turn on, comma-separated")
	fs.IntVar(&f.jobs, "jobs", runtime.NumCPU(), "`N` files checked in parallel")
	fs.BoolVar(&f.noColor, "no-color", false, "no colour in pretty output (NO_COLOR is honoured too)")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "quiet: print findings only, no summary")
	fs.BoolVar(&f.forceExclude, "force-exclude", false, "apply .fzlintignore to files named on the command line too (for pre-commit)")
	fs.BoolVar(&f.fix, "fix", false, "apply safe fixes to .txt/.md files in place, then report what remains")
	fs.BoolVar(&f.diff, "diff", false, "print the safe fixes as a unified diff and change nothing (exit 1 if there is something to fix)")
	fs.StringVar(&f.baseline, "baseline", "", "report only findings not recorded in the baseline `FILE`")
	fs.StringVar(&f.writeBaseline, "write-baseline", "", "record the current findings in the baseline `FILE` and exit 0")
	fs.BoolVar(&f.annotate, "annotate", false, "also write a copy of each .docx with every finding as a Word review comment (批注): 报告.docx → 报告.fzlint.docx")
	fs.BoolVar(&f.annotateStrict, "annotate-strict", false, "a file that cannot be annotated is an error (set by `fzlint annotate`)")
	fs.MarkHidden("annotate-strict")
	fs.StringVarP(&f.output, "output", "o", "", "with --annotate and one file: write the annotated copy to `FILE`")
	fs.DurationVar(&f.readTimeout, "read-timeout", input.DefaultReadTimeout, "give up on a file not opened in `D`, or not read in D plus a second per MB (a hung network or FUSE mount): it is unreadable, the others are checked")
	fs.StringVar(&f.stdinName, "stdin-filename", "", "`name` to use for stdin (-) in output and config discovery")
	return fs
}

// job is one file of a run: its path and its configuration.
type job struct {
	path   string
	listed bool // a walk listed it as a regular file: input.ReadListedFileInto
	src    *linterSource
	config *configRef
}

// linter returns the linter of the job's configuration (compiled now if it is not cached).
func (j job) linter() (*checker.Linter, error) { return j.src.get(j.config) }

// collectingSize is the size from which checking one file may make the collector run: a file
// allocates about six times its size, and the heap's first collection is at least 8 MiB away
// (internal/gcbudget).
const collectingSize = 256 << 10

// mayCollect reports whether checking the file at path may make the collector run: standard
// input, whose size is not known, or a file of collectingSize or more.
func mayCollect(path string) bool {
	if path == "-" {
		return true
	}
	fi, err := os.Stat(path)
	return err != nil || fi.Size() >= collectingSize
}

func (e *env) check(args []string) int { return e.checkAs("check", args) }

// absPath is path made absolute and clean (as given when that fails).
func absPath(path string) string {
	if a, err := filepath.Abs(path); err == nil {
		return a
	}
	return path
}

// maxJobs bounds --jobs: far more workers than any machine fzlint runs on has processors.
const maxJobs = 256

// checkAs runs fzlint check, or another command made of it (annotate), named cmd in its usage
// and its errors.
func (e *env) checkAs(cmd string, args []string) int {
	var f checkFlags
	paths, code, ok := e.parseFlags(e.checkFlagSet(&f, cmd), args)
	if !ok {
		return code
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "fzlint "+cmd+": "+format+"\n", a...)
		return exitTrouble
	}
	if len(paths) == 0 {
		if cmd == "annotate" {
			return usageErr("no files given (name the .docx to annotate)")
		}
		return usageErr("no files given (use - for stdin)")
	}
	failOn, err := parseFailOn(f.failOn)
	if err != nil {
		return usageErr("%v", err)
	}
	switch f.profile {
	case "auto", "government", "department":
	default:
		return usageErr("--profile must be government, department or auto, not %q", f.profile)
	}
	if f.year != 0 && (f.year < 2000 || f.year > 2099) {
		return usageErr("--year %d is not a plausible report year", f.year)
	}
	if f.readTimeout <= 0 {
		return usageErr("--read-timeout must be positive, not %s", f.readTimeout)
	}
	// A worker holds a workspace and a read buffer: more workers than files, or than a machine
	// can use, only cost memory (--jobs 100000000 ran out of it).
	f.jobs = min(max(f.jobs, 1), maxJobs)
	if f.report != "" && f.writeBaseline != "" && absPath(f.report) == absPath(f.writeBaseline) {
		return usageErr("--report and --write-baseline name the same file %s", f.report)
	}
	input.SetReadTimeout(f.readTimeout)
	fc, bw, err := newFileChecker(f)
	if err != nil {
		return usageErr("%v", err)
	}
	if f.output != "" && !f.annotate {
		return usageErr("-o names the annotated copy: use it with --annotate (or fzlint annotate)")
	}
	fixes := &fixReport{stdout: e.stdout, stderr: e.stderr, diff: f.diff, quiet: f.quiet}
	notes := &annotateReport{stderr: e.stderr, quiet: f.quiet, strict: f.annotateStrict}
	format := f.format
	if format == "" {
		format = "plain"
		if e.terminal {
			format = "pretty"
		}
	}
	// TERM=dumb is a terminal that cannot show colour (Emacs shell, some CI consoles).
	color := format == "pretty" && e.terminal && !f.noColor && e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb"
	ren, err := render.New(format, e.stdout, render.Options{Color: color, Quiet: f.quiet, Stderr: e.stderr, Version: version})
	if err != nil {
		return usageErr("%v", err)
	}
	if f.diff || bw != nil {
		ren, fixes.silent = discard{}, true
	}

	src, err := newLinterSource(f)
	if err != nil {
		return e.configError(err)
	}
	ignorer := batch.NewIgnorer(".", paths)
	files, listed, skipped := batch.Expand(paths, ignorer.Ignored)
	if err := ignorer.Err(); err != nil {
		return e.configError(err)
	}
	if f.forceExclude {
		// As ruff's --force-exclude: pre-commit passes file names, and .fzlintignore should
		// still keep those files out (listed as skipped, like those a walk leaves out).
		kept, keptListed := files[:0], listed[:0]
		for i, p := range files {
			if p == "-" || !ignorer.Ignored(p, false) {
				kept, keptListed = append(kept, p), append(keptListed, listed[i])
			} else {
				skipped = append(skipped, checker.Skip{Path: p, Reason: "列在 " + batch.IgnoreFile + " 中"})
			}
		}
		files, listed = kept, keptListed
		if err := ignorer.Err(); err != nil {
			return e.configError(err)
		}
	}
	// What this run writes is not checked: a walk's copy of the --report or --write-baseline
	// target (an earlier run's) is left out, and one named to be checked is refused, as the
	// run would replace a submission. The report's temporary file is made after the walk.
	for _, out := range [...]struct{ flag, path string }{{"--report", f.report}, {"--write-baseline", f.writeBaseline}} {
		if out.path == "" {
			continue
		}
		kept, keptListed := files[:0], listed[:0]
		for i, p := range files {
			if p == "-" || filepath.Base(p) != filepath.Base(out.path) || !sameFile(p, out.path) {
				kept, keptListed = append(kept, p), append(keptListed, listed[i])
			} else if listed[i] {
				skipped = append(skipped, checker.Skip{Path: p, Reason: "本次运行的 " + out.flag + " 输出文件"})
			} else {
				return usageErr("%s %s is also a file to check: name another output file (fzlint never overwrites a file it checks)", out.flag, out.path)
			}
		}
		files, listed = kept, keptListed
	}
	if f.output != "" && len(files) != 1 {
		return usageErr("-o writes one annotated copy: give exactly one file")
	}
	// Read and validate every file's configuration before checking anything: a bad config file
	// stops the run with its file and line, before any output. Linters are compiled as the
	// files that need them are checked.
	jobs := newJobList(src, files)
	for i, p := range files {
		cfg, err := src.forFile(p, f.stdinName)
		if err != nil {
			return e.configError(err)
		}
		jobs.add(p, listed[i], cfg)
	}
	report, err := openReport(f.report)
	if err != nil {
		return usageErr("%v", err)
	}
	defer report.discard()
	if report != nil {
		ren = render.Tee(ren, report)
	}
	f.jobs = min(f.jobs, max(jobs.len(), 1))
	if jobs.len() == 1 && e.getenv("GOMAXPROCS") == "" && mayCollect(files[0]) {
		// One file is checked by one goroutine: a second processor only runs the collector's
		// idle workers, and on a virtual machine it makes each page the run first touches cost
		// three times as much (the 90 MB report: 5.8 s of CPU and 3.7 s wall with two, 2.6 s and
		// 2.5 s with one). A smaller file is checked before the collector runs, and giving up
		// a processor costs more than it saves: a stop of the world, and the spans the
		// processor cached flushed, about 100 page faults of a one-report run's 1,200 (and 4 %
		// of its CPU). GOMAXPROCS, when set, wins.
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	}
	var stdinData []byte
	var stdinErr error
	for _, p := range files {
		if p == "-" {
			stdinData, stdinErr = input.ReadStdin(e.stdin)
			break
		}
	}
	start := time.Now()
	sum := render.Summary{Skipped: skipped}
	exit := exitOK
	var renderErr error
	prog := newProgress(e.stderr, jobs.len(), showProgress(f.quiet, isTerminal(e.stderr), e.getenv("TERM")), time.Now)
	prog.width = func() int { return terminalWidth(e.stderr) }
	done := 0
	checked := func() {
		done++
		prog.update(done)
	}
	checkJob := func(fc *fileChecker, j job) (fr fileResult) {
		defer func() {
			if r := recover(); r != nil {
				name := j.path
				if name == "-" {
					name = cmp.Or(f.stdinName, "<stdin>")
				}
				fr = fileResult{Result: src.none.Unreadable(name, internalError(r))}
			}
		}()
		if testHookCheck != nil {
			testHookCheck(j.path)
		}
		l, err := j.linter()
		if err != nil {
			return fileResult{Result: src.none.Unreadable(j.path, err)}
		}
		if j.path == "-" {
			name := "<stdin>"
			if f.stdinName != "" {
				name = f.stdinName
			}
			if stdinErr != nil {
				return fileResult{Result: l.Unreadable(name, stdinErr)}
			}
			return fc.check(l, name, stdinData, false, false)
		}
		return fc.readFile(l, j.path, j.listed)
	}
	emit := func(fr fileResult) {
		fixes.add(&fr)
		notes.add(fr.Path, fr.annotation)
		if bw != nil {
			bw.Add(&fr.Result)
		}
		r := fr.Result
		sum.Add(&r)
		if r.Err != nil {
			exit = exitTrouble
		} else if exit == exitOK && failOn != rules.Off && r.Fails(failOn) {
			exit = exitFindings
		}
		if e.terminal && len(r.Diagnostics) > 0 {
			prog.clear() // findings go to the same screen
		}
		if err := ren.File(&r); err != nil && renderErr == nil {
			renderErr = err
		}
	}
	// The cross-file stage (copied paragraphs) needs every file's facts before any file's
	// findings are final: it checks the batch first and prints it after (crossfile.go).
	keepSource := format == "pretty" || format == "sarif" || bw != nil // who reads Result.Source
	// Nothing else does but --baseline's filter, applied as each file is checked.
	fc.opt.NoSource = !keepSource && fc.baseline == nil
	if f.fix || f.diff || !crossFileRun(jobs, fc, f.jobs, keepSource, checkJob, checked, emit) {
		batch.RunN(jobs.len(), f.jobs, func(i int) fileResult { return checkJob(fc, jobs.at(i)) }, func(fr fileResult) {
			emit(fr)
			checked()
		})
	}
	prog.clear()
	sum.Elapsed = time.Since(start)
	if err := ren.Close(sum); err != nil && renderErr == nil {
		renderErr = err
	}
	if renderErr != nil {
		fmt.Fprintf(e.stderr, "fzlint: writing output: %v\n", renderErr)
		return exitTrouble
	}
	if bw != nil {
		if err := bw.Write(); err != nil {
			fmt.Fprintf(e.stderr, "fzlint: writing baseline: %v\n", err)
			return exitTrouble
		}
		if !f.quiet {
			fmt.Fprintf(e.stderr, "已将 %d 条问题写入基线 %s\n", bw.Len(), f.writeBaseline)
		}
		return exitOK
	}
	return notes.finish(fixes.finish(exit))
}

func parseFailOn(s string) (rules.Severity, error) {
	if s == "none" {
		return rules.Off, nil
	}
	sev, err := rules.ParseSeverity(s)
	if err != nil || sev == rules.Off {
		return 0, fmt.Errorf("--fail-on must be error, warning, info or none, not %q", s)
	}
	return sev, nil
}

// configError reports a bad rules or config file and returns exit status 2.
func (e *env) configError(err error) int {
	fmt.Fprintf(e.stderr, "fzlint: %v\n", err)
	return exitTrouble
}
