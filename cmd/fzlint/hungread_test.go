package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fzlint/fzlint/internal/fusetest"
)

// A file that looks regular but whose read never returns (a FUSE mount whose daemon hangs;
// a network share gone away) is unreadable once --read-timeout is up, with the reason, and
// every other file is still checked; the run ends with exit 2. Past a bound of such reads
// hanging at once, the rest of the batch is not read, each file saying why, rather than one
// hung thread per file. The mount is real: a FUSE file system that never answers a read
// (issue 11 item 14).
func TestHungReadIsUnreadable(t *testing.T) {
	bin := buildBinary(t)
	var hung []string
	for i := range 10 {
		hung = append(hung, fmt.Sprintf("hung%02d.txt", i))
	}
	mnt := fusetest.Hung(t, 4096, hung...)
	report := "2024年度某县法治政府建设情况报告\n\n一、主要举措\n\n我们做了很多工作。\n"

	run := func(args ...string) (int, []jsonFileResult, string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, append([]string{"check", "--format", "json", "--read-timeout", "1s"}, args...)...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		cmd.WaitDelay = 10 * time.Second // a process stuck in the kernel is not waited for
		err := cmd.Run()
		if ctx.Err() != nil {
			t.Fatalf("%v: still running after two minutes (blocked on the hung file)", args)
		}
		code := exitCode(t, err)
		var doc struct {
			Files []jsonFileResult `json:"files"`
		}
		if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
			t.Fatalf("%v: %v\n%s\n%s", args, err, stdout.String(), stderr.String())
		}
		return code, doc.Files, stderr.String()
	}

	// Named on the command line, between two good reports.
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	os.WriteFile(a, []byte(report), 0o644)
	os.WriteFile(b, []byte(report), 0o644)
	code, files, stderr := run(a, filepath.Join(mnt, hung[0]), b)
	if code != exitTrouble || len(files) != 3 {
		t.Fatalf("exit %d, %d files, stderr %q; want exit 2 and 3 files", code, len(files), stderr)
	}
	for i, f := range files {
		if i == 1 {
			if f.Error == nil || !strings.Contains(*f.Error, "读取超时") || f.Path != filepath.Join(mnt, hung[0]) {
				t.Errorf("the hung file: %s: error %v, want 读取超时", f.Path, f.Error)
			}
		} else if f.Error != nil || len(f.Diagnostics) == 0 {
			t.Errorf("%s: error %v, %d findings; want it checked", f.Path, f.Error, len(f.Diagnostics))
		}
	}

	// In a folder walked: links to hung files among good reports. A few hung files cost their
	// own rows only; past the bound of reads hanging at once (8, and at most one more per
	// worker, which may each have started one), nothing more is read, and each file says so.
	walk := func(nHung int) []jsonFileResult {
		t.Helper()
		root := t.TempDir()
		for i, h := range hung[:nHung] {
			if err := os.Symlink(filepath.Join(mnt, h), filepath.Join(root, fmt.Sprintf("%02d_%s", i, h))); err != nil {
				t.Fatal(err)
			}
		}
		for i := range 11 {
			os.WriteFile(filepath.Join(root, fmt.Sprintf("%02d_good.txt", i)), []byte(report), 0o644)
		}
		code, files, stderr := run("--jobs", "2", root)
		if code != exitTrouble || len(files) != nHung+11 {
			t.Fatalf("walk with %d hung: exit %d, %d files, stderr %q; want exit 2 and %d files", nHung, code, len(files), stderr, nHung+11)
		}
		return files
	}
	for _, f := range walk(3) {
		if strings.Contains(f.Path, "hung") != (f.Error != nil && strings.Contains(*f.Error, "读取超时")) {
			t.Errorf("3 hung: %s: error %v", f.Path, f.Error)
		}
	}
	files = walk(10)
	timedOut := 0
	for _, f := range files {
		hungFile := strings.Contains(f.Path, "hung")
		switch {
		case f.Error == nil && !hungFile:
		case f.Error == nil:
			t.Errorf("%s: checked, but its read never returns", f.Path)
		case strings.Contains(*f.Error, "不再读取其他文件"):
		case hungFile && strings.Contains(*f.Error, "读取超时"):
			timedOut++
		default:
			t.Errorf("10 hung: %s: %s", f.Path, *f.Error)
		}
	}
	if timedOut < 8 || timedOut > 9 {
		t.Errorf("10 hung: %d given up on; want the bound, 8 (9 with two workers)", timedOut)
	}
	if last := files[len(files)-1]; last.Error == nil || !strings.Contains(*last.Error, "不再读取其他文件") {
		t.Errorf("the last file, after the bound: %s, error %v; want it not read, saying why", last.Path, last.Error)
	}
}

// jsonFileResult is a file of the JSON output, as the tests read it.
type jsonFileResult struct {
	Path        string            `json:"path"`
	Error       *string           `json:"error"`
	Diagnostics []json.RawMessage `json:"diagnostics"`
}
