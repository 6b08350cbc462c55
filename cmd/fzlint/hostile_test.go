package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// notHung runs f and fails the test if it has not returned after a minute: a check for a hang
// (a read that blocks forever), not for speed.
func notHung(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatalf("%s: still running after a minute (blocked)", what)
	}
}

// Side files are read with the checks reports get: a FIFO, a device (/dev/null, through a
// symbolic link) or a file of /proc is refused with its name, exit 2, and nothing hangs (issue 11.12).
func TestSideFilesAreCheckedLikeReports(t *testing.T) {
	report := writeTemp(t, "报告.txt", "2024年度某县法治政府建设情况报告\n")
	for _, target := range []string{"fifo", "/dev/null", "/proc/self/status"} {
		for _, flag := range []string{"--rules", "--config", "--baseline"} {
			dir := t.TempDir()
			side := filepath.Join(dir, "side")
			if target == "fifo" {
				if err := syscall.Mkfifo(side, 0o644); err != nil {
					t.Fatal(err)
				}
			} else if err := os.Symlink(target, side); err != nil {
				t.Fatal(err)
			}
			var code int
			var stderr string
			notHung(t, flag+" "+target, func() { code, _, stderr = runCheck(t, flag, side, report) })
			if code != exitTrouble || !strings.Contains(stderr, side) {
				t.Errorf("%s %s: exit %d, stderr %q; want 2 naming the file", flag, target, code, stderr)
			}
		}
	}
	// Found beside the reports: .fzlint.toml and .fzlintignore, in a unit folder of the folder
	// checked. The built binary runs under a deadline, so a read that blocks on the FIFO fails
	// the test (and the process is killed) instead of hanging it. /dev/null stands for a device:
	// it reads empty, so a missing type check shows up as a run that goes on.
	bin := buildBinary(t)
	for _, name := range []string{".fzlint.toml", ".fzlintignore"} {
		for _, target := range []string{"fifo", "/dev/null"} {
			root := t.TempDir()
			unit := filepath.Join(root, "某县")
			if err := os.Mkdir(unit, 0o755); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(unit, "报告.txt"), []byte("2024年度某县法治政府建设情况报告\n"), 0o644)
			side := filepath.Join(unit, name)
			if target == "fifo" {
				if err := syscall.Mkfifo(side, 0o644); err != nil {
					t.Fatal(err)
				}
			} else if err := os.Symlink(target, side); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			cmd := exec.CommandContext(ctx, bin, "check", "--format", "plain", root)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			hung := ctx.Err() != nil
			cancel()
			if hung {
				t.Errorf("%s → %s: still running after a minute (blocked on the side file)", name, target)
				continue
			}
			code := exitCode(t, err)
			want := side + ": 无法读取" // names this very file, not just any .fzlint.toml
			if code != exitTrouble || !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), "不是普通文件") {
				t.Errorf("%s → %s: exit %d, stderr %q; want exit 2 and %q … 不是普通文件", name, target, code, stderr.String(), want)
			}
		}
	}
}

// zeros is an endless standard input that counts what was read.
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	if z.n > 2*maxInputForTest {
		return 0, errors.New("read far beyond the limit")
	}
	clear(p)
	z.n += int64(len(p))
	return len(p), nil
}

const maxInputForTest = 128 << 20

// stdin has the size limit of a file: an endless stdin is refused, not read into memory, and
// the files named with it are still checked (issue 11.11).
func TestStdinHasTheSizeLimit(t *testing.T) {
	report := writeTemp(t, "报告.txt", "2024年度某县法治政府建设情况报告\n")
	z := &zeros{}
	var out, errb bytes.Buffer
	code := run([]string{"check", "--format", "plain", "--fail-on", "none", "-", report}, z, &out, &errb)
	if code != exitTrouble {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(out.String(), "<stdin>:1:1: error: 无法读取：文件过大") {
		t.Errorf("stdin not reported as too large:\n%s", out.String())
	}
	if !strings.Contains(out.String(), report+":") {
		t.Errorf("the file named with stdin was not checked:\n%s", out.String())
	}
	if z.n > maxInputForTest+1<<20 {
		t.Errorf("read %d MB of stdin", z.n>>20)
	}
}

// A symbolic link is followed only to a regular file or a directory: a link to a device or to
// /proc/kmsg (which blocks when read) in a walked folder or on the command line is reported and
// the batch goes on (issue 11.14); a link to a directory is walked (issue 11.20).
func TestSymlinks(t *testing.T) {
	dir := t.TempDir()
	reports := filepath.Join(dir, "reports")
	os.Mkdir(reports, 0o755)
	data, _ := os.ReadFile(seed("001_82d8d1cc76649ea2.txt"))
	os.WriteFile(filepath.Join(reports, "a.txt"), data, 0o644)
	os.Symlink("/proc/kmsg", filepath.Join(reports, "b.txt"))
	os.Symlink("/dev/tty", filepath.Join(reports, "c.txt"))
	os.WriteFile(filepath.Join(reports, "d.txt"), data, 0o644)
	link := filepath.Join(dir, "L")
	if err := os.Symlink(reports, link); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{reports},
		{link},
		{filepath.Join(reports, "b.txt"), filepath.Join(reports, "c.txt"), "/proc/self/status", filepath.Join(reports, "d.txt")},
	} {
		var code int
		var stdout string
		notHung(t, strings.Join(args, " "), func() {
			code, stdout, _ = runCheck(t, append([]string{"--format", "plain", "--fail-on", "none"}, args...)...)
		})
		if code != exitTrouble {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		for _, want := range []string{"b.txt:1:1: error: 无法读取：是系统的虚拟文件", "c.txt:1:1: error: 无法读取：不是普通文件", "d.txt:"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("%v: output lacks %q:\n%s", args, want, stdout)
			}
		}
		if args[0] == link && !strings.Contains(stdout, filepath.Join(link, "a.txt")+":") {
			t.Errorf("the linked directory was not walked under its own name:\n%s", stdout)
		}
	}
}

// A directory that cannot be listed is reported as such, not as "a directory, not a file", and
// a folder named on the command line that cannot be listed is not a silent exit 0 (issue 11.23).
// Root may list anything, so the binary runs as nobody.
func TestUnlistableDirectory(t *testing.T) {
	bin := buildBinary(t)
	top := nobodyDir(t)
	data, _ := os.ReadFile(seed("001_82d8d1cc76649ea2.txt"))
	os.MkdirAll(filepath.Join(top, "all", "closed"), 0o755)
	os.WriteFile(filepath.Join(top, "all", "a.txt"), data, 0o644)
	os.WriteFile(filepath.Join(top, "all", "closed", "b.txt"), data, 0o644)
	os.Chmod(filepath.Join(top, "all"), 0o755)
	os.Chmod(filepath.Join(top, "all", "closed"), 0o000)
	defer os.Chmod(filepath.Join(top, "all", "closed"), 0o755)
	for _, arg := range []string{"all", "all/closed"} {
		code, out, errs := runAsNobody(t, bin, top, "check", "--format", "plain", "--fail-on", "none", arg)
		if code != exitTrouble {
			t.Errorf("%s: exit %d, want 2\n%s%s", arg, code, out, errs)
		}
		if want := "all/closed:1:1: error: 无法读取：目录无法列出：没有读取权限"; !strings.Contains(out, want) {
			t.Errorf("%s: output lacks %q:\n%s%s", arg, want, out, errs)
		}
		if arg == "all" && !strings.Contains(out, "all/a.txt:") {
			t.Errorf("the readable file was not checked:\n%s", out)
		}
	}
}

// A file of /proc that may not even be opened (/proc/kmsg without CAP_SYSLOG, that is as any
// user but root) is refused as a virtual file, as when it can be opened (TestSymlinks), not
// for the permission.
func TestVirtualFileNotOpenable(t *testing.T) {
	code, out, errs := runAsNobody(t, buildBinary(t), nobodyDir(t), "check", "--format", "plain", "--fail-on", "none", "/proc/kmsg")
	if code != exitTrouble {
		t.Errorf("exit %d, want 2\n%s%s", code, out, errs)
	}
	if want := "/proc/kmsg:1:1: error: 无法读取：是系统的虚拟文件"; !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s%s", want, out, errs)
	}
}

// nobodyDir is a directory anyone may enter, for runAsNobody, removed when the test ends.
func nobodyDir(t *testing.T) string {
	t.Helper()
	top, err := os.MkdirTemp("", "fzlint-perm-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(top) })
	os.Chmod(top, 0o755)
	return top
}

// runAsNobody runs a copy of bin in top (from nobodyDir) as the user nobody when the tests
// run as root, so that permissions apply, and returns its exit status and output.
func runAsNobody(t *testing.T, bin, top string, args ...string) (int, string, string) {
	t.Helper()
	abin := filepath.Join(top, "fzlint")
	if _, err := os.Stat(abin); err != nil {
		if raw, err := os.ReadFile(bin); err != nil || os.WriteFile(abin, raw, 0o755) != nil {
			t.Fatal("copying the binary:", err)
		}
	}
	cmd := exec.Command(abin, args...)
	cmd.Dir = top
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	return exitCode(t, cmd.Run()), out.String(), errb.String()
}

// With input/unreadable turned off the exit status is still 2, and stderr names the file and
// why, in every format (issue 11.24).
func TestUnreadableNamedWhenItsRuleIsOff(t *testing.T) {
	bad := writeTemp(t, "旧稿.doc", "\x00\x01not a report")
	for _, format := range []string{"plain", "pretty", "github", "json", "sarif"} {
		code, _, stderr := runCheck(t, "--format", format, "--disable", "input/unreadable", bad)
		if code != exitTrouble || !strings.Contains(stderr, bad+": 无法读取：") {
			t.Errorf("%s: exit %d, stderr %q; want 2 and the file named", format, code, stderr)
		}
	}
}
