// Command fzlint checks annual reports on building a law-based government
// (法治政府建设年度报告) before they are submitted and published.
//
// This package only parses the command line, wires the checker to the renderers, and maps
// results to an exit status.
package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/charmbracelet/x/term"
	"github.com/fzlint/fzlint/internal/gcbudget"
	"github.com/fzlint/fzlint/internal/suggest"
	"github.com/fzlint/fzlint/internal/tempfile"
)

// Exit statuses (SPEC §4).
const (
	exitOK       = 0 // no finding at or above --fail-on
	exitFindings = 1 // such findings
	exitTrouble  = 2 // usage error, bad rules/config file, or a file that could not be read
)

// gcPolicy is the collector's pace (see main): a heap of up to 32 MiB, growing past the live
// heap by √(2 MiB × the bytes allocated so far), at least 8 MiB. A batch of 2,000 reports (about
// 28 MB allocated) collects three times at 11–12 MiB; one of 10,000 (155 MB) grows to 21 MiB by
// its end, and a longer one to the budget. So a short run does not pay page faults for a heap it
// would not reuse (on mkcorpus, when it allocated 115 MB, collecting at 32 MiB from the start
// cost 9,200 page faults against 5,900 and a tenth more CPU), while a long one collects rarely
// (Scale and Spare were measured on mkcorpus and gencorpus 10k: see the README's Performance).
// The heap grows by at most 800 % of the live heap and at least 15 % (one 90 MB report keeps
// about 2.8 times its size alive; at 15 % it peaks at 3.7 times, at 25 % at 4.1 times, at 50 % at
// 4.6, for the same CPU within the noise: it allocates little more than it keeps). Above a
// 28 MiB live heap the floor applies; a batch's stays well below.
var gcPolicy = gcbudget.Policy{Budget: 32 << 20, Spare: 8 << 20, Scale: 2 << 20, Min: 15, Max: 800}

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	// The collector is paced from the live heap (internal/gcbudget): a batch keeps little alive
	// and collects rarely, within a fixed heap budget, so that its memory stays flat whatever
	// the number of files; a huge report keeps much alive and collects once the heap has grown
	// by a quarter of that, so that its memory stays a small multiple of the file. GOGC, when set,
	// wins (GOMEMLIMIT, when set, applies as well).
	if os.Getenv("GOGC") == "" {
		gcbudget.Start(gcPolicy)
	}
	onInterrupt()
	os.Exit(profiled(os.Getenv("FZLINT_CPUPROFILE"), func() int { return run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr) }))
}

// onInterrupt makes Ctrl-C and SIGTERM end the run without leaving a temporary file behind:
// the files being written for --fix, --report and --annotate are removed (a file already
// renamed into place is whole), and the exit status is 128 plus the signal's number, as shells
// report it.
func onInterrupt() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sigs
		tempfile.RemoveAll()
		fmt.Fprintln(os.Stderr, "\nfzlint: 已中断")
		code := 130
		if s == syscall.SIGTERM {
			code = 143
		}
		os.Exit(code)
	}()
}

// profiled runs f, writing a CPU profile of it to path when path is set (for developers:
// FZLINT_CPUPROFILE=cpu.out fzlint check DIR, then go tool pprof).
func profiled(path string, f func() int) int {
	if path == "" {
		return f()
	}
	out, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(out)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "fzlint: FZLINT_CPUPROFILE:", err)
		return exitTrouble
	}
	code := f()
	pprof.StopCPUProfile()
	if err := out.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "fzlint: FZLINT_CPUPROFILE:", err)
	}
	return code
}

// env is what a command may touch: its streams, and whether stdout is a terminal.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	terminal       bool
	getenv         func(string) string
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, terminal: isTerminal(stdout), getenv: os.Getenv}
	return e.dispatch(args)
}

const usage = `fzlint checks annual reports on building a law-based government (法治政府建设年度报告).

Usage:
  fzlint check [flags] [PATH|-]...   lint files, directories (recursively) or stdin
  fzlint rules                        list every rule: id, severity, one-line description
  fzlint explain RULE                 what a rule checks, why, a bad and a good example
  fzlint template [--year Y] [--profile P]
                                      print a skeleton report that passes every structural rule
  fzlint init                         write a commented .fzlint.toml that overrides the defaults
  fzlint annotate [flags] FILE.docx... [-o OUT]
                                      write 报告.fzlint.docx: the findings as Word review comments (批注)
  fzlint page -o FILE.html            write the drafter's page: check a .docx in the browser, offline
  fzlint version

Run 'fzlint check --help' for the flags of check.
`

// commands are the subcommands, for "did you mean".
var commands = []string{"check", "annotate", "page", "rules", "explain", "template", "init", "version", "help"}

func (e *env) dispatch(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return exitTrouble
	}
	switch args[0] {
	case "check":
		return e.check(args[1:])
	case "annotate":
		return e.annotateCmd(args[1:])
	case "page":
		return e.pageCmd(args[1:])
	case "rules":
		return e.rules(args[1:])
	case "explain":
		return e.explain(args[1:])
	case "template":
		return e.template(args[1:])
	case "init":
		return e.initConfig(args[1:])
	case "version", "--version", "-version":
		fmt.Fprintf(e.stdout, "fzlint %s\n", version)
		return exitOK
	case "help", "-h", "--help", "-help":
		fmt.Fprint(e.stdout, usage)
		return exitOK
	}
	hint := ""
	if s := suggest.Closest(args[0], commands); s != "" {
		hint = fmt.Sprintf(" (did you mean %s?)", s)
	}
	fmt.Fprintf(e.stderr, "fzlint: unknown command %q%s\n\n%s", args[0], hint, usage)
	return exitTrouble
}

// isTerminal reports whether w is a terminal. A character device is not enough: /dev/null is
// one, and `fzlint check … > /dev/null` must still print the summary as for any redirect.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// terminalWidth returns the number of columns of the terminal w is, or 0 when unknown.
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok {
		return 0
	}
	width, _, err := term.GetSize(f.Fd())
	if err != nil {
		return 0
	}
	return width
}
