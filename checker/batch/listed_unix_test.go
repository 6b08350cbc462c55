//go:build unix

package batch

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Expand says which files a walk listed as regular files (their entries' types, which do not
// follow links): those the reader need not stat again. A link, a FIFO, a file named on the
// command line and a folder that could not be listed are not.
func TestExpandSaysWhichFilesAreListedAsRegular(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	for _, f := range []string{"a.txt", "sub/b.docx", "sub.txt"} {
		os.MkdirAll(filepath.Dir(at(f)), 0o755)
		if err := os.WriteFile(at(f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(at("a.txt"), at("link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(at("fifo.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	files, listed, _ := Expand([]string{dir, at("a.txt")}, nil)
	var got []string
	for i, f := range files {
		name := filepath.ToSlash(strings.TrimPrefix(f, dir+string(filepath.Separator)))
		if listed[i] {
			name += "+"
		}
		got = append(got, name)
	}
	// Sorted as paths ("sub.txt" before "sub/b.docx"), the named file last and not listed.
	want := "a.txt+ fifo.txt link.txt sub.txt+ sub/b.docx+ a.txt"
	if strings.Join(got, " ") != want {
		t.Errorf("Expand = %s\nwant     %s", strings.Join(got, " "), want)
	}
}
