package input

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// hangReads makes every read of a path whose name starts with "hung" hang until release is
// closed, then write over the storage it was given (as a read that finally returns would),
// and sets the read timeout to d. It undoes both when the test ends.
func hangReads(t *testing.T, d time.Duration) (release chan struct{}) {
	t.Helper()
	real, old := openAndRead, readTimeout.Load()
	release = make(chan struct{})
	openAndRead = func(path string, listed bool, spare []byte, size func(int64)) ([]byte, error) {
		if !strings.HasPrefix(filepath.Base(path), "hung") {
			return real(path, listed, spare, size)
		}
		size(1 << 10)
		<-release
		spare = spare[:cap(spare)]
		for i := range spare {
			spare[i] = 'X'
		}
		return spare[:0], errors.New("late")
	}
	SetReadTimeout(d)
	t.Cleanup(func() {
		openAndRead = real
		readTimeout.Store(old)
		waitFor(t, "every hung read to return", func() bool {
			stuck.Lock()
			defer stuck.Unlock()
			return stuck.n == 0
		})
	})
	return release
}

// waitFor polls cond until it holds; it is not a timing assertion: a minute is only a guard
// against a test that would never end.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(time.Minute); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("waited a minute for %s", what)
		}
	}
}

// A file whose read never returns (a hung FUSE or network mount) is unreadable once its time
// is up, saying so, and the files after it are read; a second read of it does not wait again;
// after maxStuck hanging reads no file is read, each saying why; when they return, their
// goroutines end and reading goes on. What a hung read writes when it finally returns does not
// reach the buffer the batch has moved on with (issue 11 item 14).
func TestHungReadIsGivenUp(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", "某县2024年法治政府建设年度报告\n")
	goroutines := runtime.NumGoroutine()
	release := hangReads(t, 100*time.Millisecond)

	var buf bytes.Buffer
	buf.Grow(64 << 10)
	if _, err := ReadFileInto(write("hung0.txt", ""), &buf); err == nil || !strings.Contains(err.Error(), "读取超时") {
		t.Fatalf("hung read: %v, want 读取超时", err)
	}
	data, err := ReadFileInto(good, &buf)
	if err != nil || string(data) != "某县2024年法治政府建设年度报告\n" {
		t.Fatalf("the file after a hung one: %q, %v", data, err)
	}
	kept := string(data)
	if _, err := ReadFile(filepath.Join(dir, "hung0.txt")); err == nil || !strings.Contains(err.Error(), "此前读取它时已超时") {
		t.Errorf("reading a hung file again: %v", err)
	}
	for i := 1; i < maxStuck; i++ {
		if _, err := ReadFile(write("hung"+string(rune('a'+i))+".txt", "")); err == nil || !strings.Contains(err.Error(), "读取超时") {
			t.Fatalf("hung read %d: %v", i, err)
		}
	}
	_, err = ReadFile(good)
	var u *Unreadable
	if !errors.As(err, &u) || !strings.Contains(u.Reason, "不再读取其他文件") {
		t.Errorf("after %d hung reads: %v, want no more reading", maxStuck, err)
	}

	close(release)
	waitFor(t, "the hung reads to return", func() bool {
		stuck.Lock()
		defer stuck.Unlock()
		return stuck.n == 0 && len(stuck.paths) == 0
	})
	if string(data) != kept {
		t.Errorf("a late read wrote into the buffer in use: %q", data)
	}
	if data, err := ReadFile(good); err != nil || string(data) != kept {
		t.Errorf("after the hung reads returned: %q, %v", data, err)
	}
	waitFor(t, "the hung reads' goroutines to end", func() bool { return runtime.NumGoroutine() <= goroutines })
}

// Once a file is open, its read gets the timeout again plus a second per MB of its size: a
// large file on a slow share is not given up on by the time that suits the opening.
func TestReadTimeoutGrowsWithSize(t *testing.T) {
	real, old := openAndRead, readTimeout.Load()
	t.Cleanup(func() { openAndRead = real; readTimeout.Store(old) })
	openAndRead = func(path string, listed bool, spare []byte, size func(int64)) ([]byte, error) {
		size(20 << 20) // 20 MB: 20 s more
		time.Sleep(time.Second)
		return append(spare[:0], "ok"...), nil
	}
	SetReadTimeout(200 * time.Millisecond)
	if data, err := ReadFile("slow.txt"); err != nil || string(data) != "ok" {
		t.Errorf("a slow large read: %q, %v", data, err)
	}
}
