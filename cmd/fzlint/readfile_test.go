package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A text file too big for the pooled read buffer is handed over as its text (readFile); the
// files the same worker reads after it must not change it: what is printed of it, quoting its
// lines, is what it prints alone.
func TestHugeTextFileHandedOverStaysIntact(t *testing.T) {
	if testing.Short() {
		t.Skip("checks a 4 MB report")
	}
	data, err := os.ReadFile(seed("000_4c1585aa5a4d5d00.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var big []byte
	for len(big) <= maxPooledBuffer {
		big = append(big, data...)
	}
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.txt", big)
	for _, name := range []string{"b.txt", "c.txt"} {
		write(name, []byte(strings.Repeat("替换掉前一个文件的字节。\n", 2000)))
	}
	args := []string{"check", "-q", "--no-color", "--format", "pretty", "--jobs", "1", "--disable", "batch"}
	_, alone, _ := runCLI(t, "", append(args, a)...)
	_, batch, _ := runCLI(t, "", append(args, dir)...)
	if !strings.Contains(alone, "a.txt") || !strings.HasPrefix(batch, alone) {
		t.Errorf("the huge file's findings differ when other files are read after it (%d bytes alone, %d in the batch)", len(alone), len(batch))
	}
}
