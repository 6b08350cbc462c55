package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
		"g.doc": false, "h.pdf": false, "txt": false, "i.txt.bak": false,
	} {
		if files.MatchString(name) != want {
			t.Errorf("files pattern on %q: %v, want %v", name, !want, want)
		}
	}
}

// buildBinary builds fzlint into a temporary directory, or skips the test with -short.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "fzlint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
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
