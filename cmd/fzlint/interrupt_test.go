package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// tempFiles returns the temporary files fzlint makes in dir (.NAME.fzlint-* for --fix and
// --annotate, .NAME.*.tmp for --report).
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var tmps []string
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, ".") && (strings.Contains(n, ".fzlint-") || strings.HasSuffix(n, ".tmp")) {
			tmps = append(tmps, n)
		}
	}
	return tmps
}

func exitCode(t *testing.T, err error) int {
	t.Helper()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return -int(ws.Signal()) // killed by the signal, not exited: nothing was cleaned up
		}
		return ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

// TestInterruptDuringReportLeavesNoTemporaryFile sends a real SIGINT while --report is being
// written (stdin is held open, so the run waits with its temporary report file in place).
func TestInterruptDuringReportLeavesNoTemporaryFile(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	for _, ext := range []string{"xlsx", "csv", "html", "json"} {
		cmd := exec.Command(bin, "check", "--report", "summary."+ext, "-")
		cmd.Dir = dir
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for len(tempFiles(t, dir)) == 0 {
			time.Sleep(10 * time.Millisecond) // waiting for the file, not timing anything
		}
		cmd.Process.Signal(os.Interrupt)
		code := exitCode(t, cmd.Wait())
		stdin.Close()
		if code != 130 {
			t.Errorf("%s: exit %d after SIGINT, want 130; stderr %q", ext, code, errb.String())
		}
		if tmps := tempFiles(t, dir); len(tmps) > 0 {
			t.Errorf("%s: temporary files left: %v", ext, tmps)
		}
		if _, err := os.Stat(filepath.Join(dir, "summary."+ext)); err == nil {
			t.Errorf("%s: a report appeared from an interrupted run", ext)
		}
	}
}

// TestInterruptDuringFixLeavesNoTemporaryFile sends a real SIGINT while --fix rewrites a batch
// of files, once a temporary file has been seen: none is left, and every file is either as it
// was or wholly fixed.
func TestInterruptDuringFixLeavesNoTemporaryFile(t *testing.T) {
	bin := buildBinary(t)
	seedData, err := os.ReadFile(seed("000_4c1585aa5a4d5d00.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// what --fix makes of the file
	one := filepath.Join(t.TempDir(), "r.txt")
	os.WriteFile(one, seedData, 0o644)
	if err := exec.Command(bin, "check", "--fix", "--fail-on", "none", "-q", one).Run(); err != nil {
		t.Fatal(err)
	}
	fixed, _ := os.ReadFile(one)
	if bytes.Equal(fixed, seedData) {
		t.Fatal("the seed has nothing to fix")
	}
	for n := 400; ; n *= 2 {
		dir := t.TempDir()
		for i := 0; i < n; i++ {
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.txt", i)), seedData, 0o644)
		}
		cmd := exec.Command(bin, "check", "--fix", "--jobs", "1", "-q", dir)
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		seen, finished := false, false
		for !seen && !finished {
			select {
			case <-done:
				finished = true
			default:
				seen = len(tempFiles(t, dir)) > 0
			}
		}
		if !seen {
			if n >= 6400 {
				t.Fatalf("never saw a temporary file during --fix of %d files", n)
			}
			continue // the run was quicker than the look: a larger batch
		}
		cmd.Process.Signal(os.Interrupt)
		waitErr := <-done
		if code := exitCode(t, waitErr); code != 130 {
			t.Errorf("exit %d after SIGINT, want 130", code)
		}
		if tmps := tempFiles(t, dir); len(tmps) > 0 {
			t.Errorf("temporary files left: %v", tmps)
		}
		nFixed := 0
		for i := 0; i < n; i++ {
			got, _ := os.ReadFile(filepath.Join(dir, fmt.Sprintf("%04d.txt", i)))
			switch {
			case bytes.Equal(got, fixed):
				nFixed++
			case !bytes.Equal(got, seedData):
				t.Errorf("%04d.txt is neither the old file nor the fixed one", i)
			}
		}
		if nFixed == n {
			t.Errorf("every file was fixed: the interrupt came too late to test anything")
		}
		return
	}
}
