package main

import (
	"fmt"
	"testing"
)

// A job list gives back every path as it was added, with its configuration, whatever its form,
// and keeps a folder once for the files of it that follow each other.
func TestJobListGivesBackEveryPathAndConfig(t *testing.T) {
	src := &linterSource{}
	a, b := &configRef{name: "a"}, &configRef{name: "b"}
	files := []struct {
		path   string
		config *configRef
		listed bool
	}{
		{"-", nil, false}, {"报告.txt", nil, true}, {"dir/一.txt", a, true}, {"dir/二.docx", a, false}, {"dir/sub/三.txt", a, true},
		{"/abs/x/y.txt", b, false}, {"dir/四.txt", nil, false}, {"./五.md", nil, true}, {"dir/", b, false}, {"dir//六.txt", b, true},
		{`win\path\七.txt`, a, false}, {"", a, true},
	}
	for i := range 130 { // past two words of the listed bits
		files = append(files, struct {
			path   string
			config *configRef
			listed bool
		}{fmt.Sprintf("dir/%d.txt", i), b, i%3 == 0})
	}
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.path
	}
	l := newJobList(src, paths)
	for _, f := range files {
		l.add(f.path, f.listed, f.config)
	}
	if l.len() != len(files) {
		t.Fatalf("len %d, want %d", l.len(), len(files))
	}
	for i, f := range files {
		j := l.at(i)
		if j.path != f.path || j.config != f.config || j.src != src || j.listed != f.listed {
			t.Errorf("file %d: got %q %v %v, want %q %v %v", i, j.path, j.config, j.listed, f.path, f.config, f.listed)
		}
	}
	if len(l.dirs) != 10 || len(l.configs) != 7 {
		t.Errorf("%d folders and %d runs of configurations kept, want 10 and 7: %q", len(l.dirs), len(l.configs), l.dirs)
	}
	if cap(l.names) != len(l.names) {
		t.Errorf("the names take %d bytes of room for %d", cap(l.names), len(l.names))
	}
}
