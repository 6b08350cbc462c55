package input

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// What is not a regular file is refused without being opened, not opened and refused once open:
// opening a FIFO wakes a writer waiting for a reader, opening some devices acts on them
// (openRegular). The kernel says when a file is opened (inotify's IN_OPEN); the test opens each
// file itself too, to show that the event comes when it is opened.
func TestNotRegularIsNeverOpened(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	files := []string{fifo}
	// A device node as root (a copy of /dev/null, which nothing minds being opened).
	if dev := filepath.Join(dir, "null.txt"); syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3) == nil {
		if f, err := os.Open(dev); err == nil { // not on a file system mounted nodev
			f.Close()
			files = append(files, dev)
		}
	}
	for _, path := range files {
		opened := watchOpens(t, path)
		if _, err := ReadFile(path); err == nil || !strings.Contains(err.Error(), "不是普通文件") {
			t.Errorf("%s: %v, want 不是普通文件", filepath.Base(path), err)
		}
		if opened() {
			t.Errorf("%s was opened to be refused", filepath.Base(path))
		}
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if err != nil {
			t.Fatal(err)
		}
		syscall.Close(fd)
		if !opened() {
			t.Errorf("%s: no IN_OPEN event when the test opened it", filepath.Base(path))
		}
	}
}

// watchOpens returns a function that reports whether path was opened since it was last called
// (inotify's IN_OPEN).
func watchOpens(t *testing.T, path string) (opened func() bool) {
	t.Helper()
	in, err := syscall.InotifyInit1(syscall.IN_NONBLOCK | syscall.IN_CLOEXEC)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Close(in) })
	if _, err := syscall.InotifyAddWatch(in, path, syscall.IN_OPEN); err != nil {
		t.Fatal(err)
	}
	return func() bool {
		buf := make([]byte, 4096)
		n, err := syscall.Read(in, buf)
		if errors.Is(err, syscall.EAGAIN) {
			return false
		}
		if err != nil {
			t.Fatal(err)
		}
		return n > 0
	}
}

// A file a listing gave as regular is opened without a stat first (ReadListedFileInto), but
// whatever it has become since, it is read or refused as ReadFileInto reads or refuses it, and
// a link put in its place is not followed to a FIFO or device by the open: the FIFO behind one
// is refused unopened (it would be opened, and refused, if the open followed the link).
func TestListedFileIsCheckedAsAnyPath(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	if err := os.WriteFile(at("report.txt"), []byte("法治政府建设"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(at("fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, l := range [][2]string{{"report.txt", "link.txt"}, {"fifo", "fifo-link.txt"}, {"missing", "dangling.txt"}} {
		if err := os.Symlink(at(l[0]), at(l[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(at("dir.txt"), 0o755); err != nil {
		t.Fatal(err)
	}
	paths := []string{"report.txt", "link.txt", "fifo", "fifo-link.txt", "dangling.txt", "dir.txt", "missing"}
	for _, name := range paths {
		path := at(name)
		var plain, listed bytes.Buffer
		want, wantErr := ReadFileInto(path, &plain)
		opened := func() bool { return false }
		if name == "fifo-link.txt" {
			opened = watchOpens(t, at("fifo"))
		}
		got, err := ReadListedFileInto(path, &listed)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) || string(got) != string(want) {
			t.Errorf("%s listed: %q, %v; as any path: %q, %v", name, got, err, want, wantErr)
		}
		if opened() {
			t.Errorf("%s: the FIFO behind the link was opened", name)
		}
	}
	// A file of /proc is refused as one (opened, never read).
	var b bytes.Buffer
	if _, err := ReadListedFileInto("/proc/self/status", &b); err == nil || !strings.Contains(err.Error(), "虚拟文件") {
		t.Errorf("/proc/self/status listed: %v, want 虚拟文件", err)
	}
	if data, err := ReadListedFileInto(at("report.txt"), &b); err != nil || string(data) != "法治政府建设" {
		t.Errorf("report.txt listed: %q, %v", data, err)
	}
}

// pseudoFS asks the file system's type only of a file whose device number has major 0: every
// mount of this machine that is one of the pseudo-filesystems it knows (by statfs, as it asks)
// must have such a device number, and /proc and /sys must be among them.
func TestPseudoFilesystemsHaveNoDevice(t *testing.T) {
	data, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		t.Fatal(err) // Linux always has it: a test that cannot look fails, it does not pass
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Fields(line)
		if len(f) < 5 {
			t.Fatalf("mountinfo line %q", line)
		}
		dir := strings.NewReplacer(`\040`, " ", `\011`, "\t", `\012`, "\n", `\134`, `\`).Replace(f[4])
		var fs syscall.Statfs_t
		var st syscall.Stat_t
		if syscall.Statfs(dir, &fs) != nil || syscall.Stat(dir, &st) != nil || !pseudoType(uint32(fs.Type)) {
			continue
		}
		seen[dir] = true
		if m := devMajor(uint64(st.Dev)); m != 0 {
			t.Errorf("%s (%s): a pseudo-filesystem on device %d:%s", dir, f[len(f)-2], m, f[2])
		}
	}
	if !seen["/proc"] || !seen["/sys"] {
		t.Errorf("pseudo-filesystems found at %v, want /proc and /sys among them", seen)
	}
	if got := devMajor(0xfe00); got != 0xfe {
		t.Errorf("devMajor(0xfe00) = %#x, want 0xfe", got)
	}
	if got := devMajor(0x1234_5678_9abc_def0); got != 0x12345_cde {
		t.Errorf("devMajor = %#x, want 0x12345cde", got)
	}
}
