package main

import "testing"

// A job list gives back every path as it was added, with its configuration, whatever its form,
// and keeps a folder once for the files of it that follow each other.
func TestJobListGivesBackEveryPathAndConfig(t *testing.T) {
	src := &linterSource{}
	a, b := &configRef{name: "a"}, &configRef{name: "b"}
	files := []struct {
		path   string
		config *configRef
	}{
		{"-", nil}, {"报告.txt", nil}, {"dir/一.txt", a}, {"dir/二.docx", a}, {"dir/sub/三.txt", a},
		{"/abs/x/y.txt", b}, {"dir/四.txt", nil}, {"./五.md", nil}, {"dir/", b}, {"dir//六.txt", b},
		{`win\path\七.txt`, a}, {"", a},
	}
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.path
	}
	l := newJobList(src, paths)
	for _, f := range files {
		l.add(f.path, f.config)
	}
	if l.len() != len(files) {
		t.Fatalf("len %d, want %d", l.len(), len(files))
	}
	for i, f := range files {
		j := l.at(i)
		if j.path != f.path || j.config != f.config || j.src != src {
			t.Errorf("file %d: got %q %v, want %q %v", i, j.path, j.config, f.path, f.config)
		}
	}
	if len(l.dirs) != 9 || len(l.configs) != 6 {
		t.Errorf("%d folders and %d runs of configurations kept, want 9 and 6: %q", len(l.dirs), len(l.configs), l.dirs)
	}
	if cap(l.names) != len(l.names) {
		t.Errorf("the names take %d bytes of room for %d", cap(l.names), len(l.names))
	}
}
