package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestDevNullIsNotATerminal: /dev/null is a character device, not a terminal. With stdout sent
// there, the output is plain and the summary still reaches stderr.
func TestDevNullIsNotATerminal(t *testing.T) {
	bin := buildBinary(t)
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	if isTerminal(devnull) {
		t.Error("isTerminal(/dev/null) is true")
	}
	cmd := exec.Command(bin, "check", seed("000_4c1585aa5a4d5d00.txt"))
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = devnull, &errb
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitFindings {
		t.Fatalf("exit: %v", err)
	}
	if !strings.Contains(errb.String(), "检查了 1 个文件") {
		t.Errorf("the summary disappeared with stdout on /dev/null; stderr: %q", errb.String())
	}
}

// TestDumbTerminalGetsNoColour: TERM=dumb is a terminal without colour.
func TestDumbTerminalGetsNoColour(t *testing.T) {
	for _, tc := range []struct {
		term   string
		colour bool
	}{{"dumb", false}, {"xterm-256color", true}} {
		var out, errb bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, terminal: true,
			getenv: func(k string) string {
				if k == "TERM" {
					return tc.term
				}
				return ""
			}}
		e.dispatch([]string{"check", seed("000_4c1585aa5a4d5d00.txt")})
		if got := strings.Contains(out.String(), "\x1b["); got != tc.colour {
			t.Errorf("TERM=%s on a terminal: colour %v, want %v", tc.term, got, tc.colour)
		}
	}
}

func TestProgressOnlyOnATerminalThatCanClearALine(t *testing.T) {
	for _, tc := range []struct {
		quiet, tty bool
		term       string
		want       bool
	}{
		{false, true, "xterm-256color", true},
		{false, true, "", true},
		{false, true, "dumb", false},
		{true, true, "xterm", false},
		{false, false, "xterm", false},
	} {
		if got := showProgress(tc.quiet, tc.tty, tc.term); got != tc.want {
			t.Errorf("quiet %v, terminal %v, TERM=%q: %v, want %v", tc.quiet, tc.tty, tc.term, got, tc.want)
		}
	}
}
