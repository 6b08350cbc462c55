//go:build unix

package input

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// BenchmarkReadFile reads files from the page cache as a batch worker does, one after another
// into one buffer: "bounded" is ReadFileInto (the read on a goroutine of its own, within the
// read timeout), "listed" ReadListedFileInto (a file of a walked folder: no stat before the
// open), "direct" the same open and read on the caller's goroutine (what the goroutine,
// its channels and its timer cost), "os" os.ReadFile (the read floor's). The files are the seed
// reports, or those of FZLINT_BENCH_READ_DIR (a corpus of mkcorpus.py). Besides the time, it
// reports the process's CPU time (user+sys, every thread) per file: on a shared machine that is
// the figure to compare.
func BenchmarkReadFile(b *testing.B) {
	dir := os.Getenv("FZLINT_BENCH_READ_DIR")
	if dir == "" {
		dir = "../../testdata/seeds"
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.*"))
	if len(paths) == 0 {
		b.Fatalf("no files in %s", dir)
	}
	size := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		size += len(data)
	}
	var buf bytes.Buffer
	for _, c := range []struct {
		name string
		read func(string) error
	}{
		{"bounded", func(p string) error { _, err := ReadFileInto(p, &buf); return err }},
		{"listed", func(p string) error { _, err := ReadListedFileInto(p, &buf); return err }},
		{"direct", func(p string) error {
			data, err := openAndRead(p, false, buf.AvailableBuffer(), func(int64) {})
			buf = *bytes.NewBuffer(data)
			return err
		}},
		{"os", func(p string) error { _, err := os.ReadFile(p); return err }},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(size / len(paths)))
			b.ReportAllocs()
			start := cpuTime()
			for i := 0; i < b.N; i++ {
				if err := c.read(paths[i%len(paths)]); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
