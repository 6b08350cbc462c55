package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/internal/linttest"
)

// TestPreCommitHooks checks .pre-commit-hooks.yaml against what pre-commit needs: both hooks,
// the entries, and a files pattern that takes every input fzlint reads.
func TestPreCommitHooks(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, want := range []string{
		"- id: fzlint\n", "- id: fzlint-fix\n", "entry: fzlint check --force-exclude\n", "entry: fzlint check --force-exclude --fix\n",
		"language: golang\n", "types: [file]\n", "require_serial: false\n", "description: ",
	} {
		if !strings.Contains(text, want) {
			t.Errorf(".pre-commit-hooks.yaml lacks %q", want)
		}
	}
	m := regexp.MustCompile(`(?m)^  files: '(.*)'$`).FindAllStringSubmatch(text, -1)
	if len(m) != 2 {
		t.Fatalf("want a files pattern per hook, found %d", len(m))
	}
	files := regexp.MustCompile(m[0][1]) // pre-commit patterns are Python regexps; this one is also Go's
	for name, want := range map[string]bool{
		"a/报告.txt": true, "b.md": true, "c.markdown": true, "d.docx": true, "e.html": true, "f.htm": true,
		"g.doc": true, "g.wps": true, "h.pdf": false, "txt": false, "i.txt.bak": false,
	} {
		if files.MatchString(name) != want {
			t.Errorf("files pattern on %q: %v, want %v", name, !want, want)
		}
	}
}

// buildBinary builds fzlint once for the package's tests, or skips the test with -short.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	return fzlintBinary.Path(t)
}

var fzlintBinary linttest.Binary

// TestMain removes the binary built for the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	fzlintBinary.Remove()
	os.Exit(code)
}

// TestPreCommitRun builds the binary and runs it the way pre-commit does: several file names
// at once, output to a pipe, no terminal.
func TestPreCommitRun(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	write := func(name, content string) string {
		os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)
		return name
	}
	clean := skeletonWithoutPlaceholders(t)
	seedData, _ := os.ReadFile(seed("000_4c1585aa5a4d5d00.txt"))
	a, b := write("a.txt", clean), write("b.md", clean)
	bad := write("c.txt", string(seedData))
	empty := write("d.txt", "")
	run := func(args ...string) (int, string, string) {
		cmd := exec.Command(bin, append([]string{"check"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "TERM=xterm-256color") // a terminal type, but no terminal
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return exitErr.ExitCode(), out.String(), errb.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0, out.String(), errb.String()
	}
	plainRE := regexp.MustCompile(`^[^:]+:\d+:\d+: (error|warning|info): .+ \[[a-z]+/[a-z-]+\]$`)
	tests := []struct {
		name  string
		files []string
		code  int
	}{
		{"clean files pass", []string{a, b}, exitOK},
		{"a file with errors fails the hook", []string{a, bad, b}, exitFindings},
		{"an unreadable file is trouble, the others are still checked", []string{a, bad, empty}, exitTrouble},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(tc.files...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, out, errs)
			}
			if strings.Contains(out+errs, "\x1b[") {
				t.Error("colour escapes in output to a pipe")
			}
			for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
				if l != "" && !plainRE.MatchString(l) {
					t.Errorf("not a plain finding: %q", l)
				}
			}
			if tc.code != exitOK && !strings.Contains(out, "c.txt:") {
				t.Errorf("the failing file is not named:\n%s", out)
			}
			if tc.code == exitTrouble && !strings.Contains(out, "d.txt:1:1: error: 无法读取") {
				t.Errorf("the unreadable file is not reported:\n%s", out)
			}
		})
	}
	t.Run("the fix hook leaves clean files alone", func(t *testing.T) {
		if code, out, errs := run("--fix", a, b); code != exitOK || strings.Contains(errs, "已修复") {
			t.Errorf("exit %d\n%s%s", code, out, errs)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, a)); string(got) != clean {
			t.Error("a clean file was rewritten")
		}
	})
}

// readmePreCommitConfig returns the .pre-commit-config.yaml the README gives.
func readmePreCommitConfig(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	i := strings.Index(text, "\n## pre-commit\n")
	if i < 0 {
		t.Fatal("README has no pre-commit section")
	}
	m := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindStringSubmatch(text[i:])
	if m == nil {
		t.Fatal("README's pre-commit section has no yaml block")
	}
	return m[1]
}

// TestPreCommitConfigFromREADME runs the real pre-commit (the Debian package) on the README's
// configuration, as written, in a new git repository: a good report is committed, a bad one
// is stopped and named, a fixable one is fixed by fzlint-fix and goes in once staged. Proxies
// point nowhere, so anything pre-commit tried to download would fail the test.
func TestPreCommitConfigFromREADME(t *testing.T) {
	for _, tool := range []string{"pre-commit", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is needed for this test (installed by .ci/run): %v", tool, err)
		}
	}
	bin := buildBinary(t)
	repo, home := t.TempDir(), t.TempDir()
	env := append(os.Environ(),
		"PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"PRE_COMMIT_HOME="+filepath.Join(home, "cache"), "HOME="+home,
		"HTTP_PROXY=http://127.0.0.1:9", "HTTPS_PROXY=http://127.0.0.1:9", "http_proxy=http://127.0.0.1:9", "https_proxy=http://127.0.0.1:9",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1", "TERM=dumb")
	run := func(name string, args ...string) (int, string) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = repo, env
		out, err := cmd.CombinedOutput()
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return exitErr.ExitCode(), string(out)
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return 0, string(out)
	}
	must := func(name string, args ...string) {
		t.Helper()
		if code, out := run(name, args...); code != 0 {
			t.Fatalf("%s %v: exit %d\n%s", name, args, code, out)
		}
	}
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(repo, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must("git", "init", "-q", "-b", "main")
	write(".pre-commit-config.yaml", readmePreCommitConfig(t))
	must("git", "add", ".pre-commit-config.yaml")
	must("pre-commit", "install")
	must("git", "commit", "-q", "-m", "config")

	good := skeletonWithoutPlaceholders(t)
	write("good.txt", good)
	must("git", "add", "good.txt")
	if code, out := run("git", "commit", "-m", "a good report"); code != 0 {
		t.Fatalf("a good report was stopped: exit %d\n%s", code, out)
	}

	bad, _ := os.ReadFile(seed("000_4c1585aa5a4d5d00.txt"))
	write("bad.txt", string(bad))
	must("git", "add", "bad.txt")
	code, out := run("git", "commit", "-m", "a bad report")
	if code == 0 || !strings.Contains(out, "bad.txt:") || !strings.Contains(out, "error:") {
		t.Fatalf("a report with errors: exit %d, want the commit stopped and the file named\n%s", code, out)
	}
	must("git", "rm", "-q", "-f", "bad.txt")

	fixable := strings.Replace(good, "。", ",", 1) // a half-width comma between Chinese characters
	if fixable == good || !strings.Contains(fixable, ",") {
		t.Fatal("could not make a fixable report")
	}
	write("fix.txt", fixable)
	must("git", "add", "fix.txt")
	code, out = run("git", "commit", "-m", "a fixable report")
	if code == 0 || !strings.Contains(out, "files were modified by this hook") {
		t.Fatalf("fzlint-fix: exit %d, want the commit stopped for review\n%s", code, out)
	}
	fixed, _ := os.ReadFile(filepath.Join(repo, "fix.txt"))
	if string(fixed) == fixable || strings.Count(string(fixed), ",") != strings.Count(fixable, ",")-1 {
		t.Fatalf("fzlint-fix did not fix the comma:\n%s", fixed)
	}
	must("git", "add", "fix.txt")
	if code, out := run("git", "commit", "-m", "the fixed report"); code != 0 {
		t.Fatalf("the fixed report was stopped: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(home, "cache", "repos")); err == nil {
		entries, _ := os.ReadDir(filepath.Join(home, "cache", "repos"))
		if len(entries) > 0 {
			t.Errorf("pre-commit cloned repositories: %v", entries)
		}
	}
}

// TestOneFileRunsOnOneProcessor: a run over one file large enough for the collector to run
// while it is checked checks it with one processor (the collector's trace names the
// processors at each collection; collections before and after the check may still show the
// machine's), unless GOMAXPROCS says otherwise; a run over a smaller one keeps them all.
func TestOneFileRunsOnOneProcessor(t *testing.T) {
	if runtime.NumCPU() < 2 {
		t.Fatal("needs a machine of two processors or more: on one, the test could not fail")
	}
	bin := buildBinary(t)
	// A report of 1 MB, so that the collector runs while it is checked, not only at start-up.
	data, err := os.ReadFile(seed("002_21c7d6ccdca8baa6.txt"))
	if err != nil {
		t.Fatal(err)
	}
	big := writeTemp(t, "big.txt", strings.Repeat(string(data), 1<<20/len(data)))
	procs := func(env ...string) []string { return collectionProcs(t, bin, []string{big}, env...) }
	if ps := procs("GOMAXPROCS="); !slices.Contains(ps, "1") {
		t.Errorf("one file: the collections ran with %v processors, never 1", ps)
	}
	if ps := procs("GOMAXPROCS=3"); slices.Contains(ps, "1") || !slices.Contains(ps, "3") {
		t.Errorf("GOMAXPROCS=3 set: the collections ran with %v processors", ps)
	}
	// A report smaller than collectingSize: giving up a processor would cost more than it saves.
	if ps := collectionProcs(t, bin, []string{seed("002_21c7d6ccdca8baa6.txt")}); slices.Contains(ps, "1") {
		t.Errorf("one small file: the collections ran with %v processors", ps)
	}
	// Two files are checked on every processor.
	two := []string{big, writeTemp(t, "big2.txt", strings.Repeat(string(data), 1<<20/len(data)))}
	if ps := collectionProcs(t, bin, two, "GOMAXPROCS="); ps[len(ps)-1] == "1" {
		t.Errorf("two files: the collections ran with %v processors, the last with 1", ps)
	}
}

// collectionProcs runs `check` over files and returns the number of processors of each
// collection, from the collector's trace.
func collectionProcs(t *testing.T, bin string, files []string, env ...string) []string {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"check", "-q", "--format", "json", "--jobs", "2"}, files...)...)
	// GOGC=25 makes the run collect while it checks, GODEBUG=gctrace=1 reports each time.
	cmd.Env = append(os.Environ(), append([]string{"GOGC=25", "GODEBUG=gctrace=1"}, env...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Run()
	var ps []string
	for _, m := range regexp.MustCompile(`(?m)^gc \d+ .* (\d+) P$`).FindAllStringSubmatch(stderr.String(), -1) {
		ps = append(ps, m[1])
	}
	if len(ps) < 2 {
		t.Fatalf("%d collections traced, want a few:\n%s", len(ps), stderr.String())
	}
	return ps
}
