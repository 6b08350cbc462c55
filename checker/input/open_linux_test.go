package input

import (
	"errors"
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
		in, err := syscall.InotifyInit1(syscall.IN_NONBLOCK | syscall.IN_CLOEXEC)
		if err != nil {
			t.Fatal(err)
		}
		defer syscall.Close(in)
		if _, err := syscall.InotifyAddWatch(in, path, syscall.IN_OPEN); err != nil {
			t.Fatal(err)
		}
		opened := func() bool {
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
