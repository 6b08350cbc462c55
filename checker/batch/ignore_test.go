package batch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestIgnorePatterns(t *testing.T) {
	for _, c := range []struct {
		patterns string
		path     string
		dir      bool
		want     bool
	}{
		{"*.txt", "a.txt", false, true},
		{"*.txt", "sub/deep/a.txt", false, true},
		{"*.txt", "a.md", false, false},
		{"草稿*", "sub/草稿1.txt", false, true},
		{"?.txt", "a.txt", false, true},
		{"?.txt", "ab.txt", false, false},
		{"/a.txt", "a.txt", false, true},
		{"/a.txt", "sub/a.txt", false, false},
		{"sub/a.txt", "sub/a.txt", false, true},
		{"sub/a.txt", "x/sub/a.txt", false, false},
		{"drafts/", "drafts", true, true},
		{"drafts/", "drafts", false, false},
		{"drafts/", "x/drafts/a.txt", false, true},
		{"old", "old/2019/a.txt", false, true},
		{"**/old/*.txt", "x/y/old/a.txt", false, true},
		{"**/old/*.txt", "old/a.txt", false, true},
		{"a/**/b.txt", "a/b.txt", false, true},
		{"a/**/b.txt", "a/x/y/b.txt", false, true},
		{"a/**", "a/x/y/b.txt", false, true},
		{"a/**", "b/a.txt", false, false},
		{"*.txt\n!keep.txt", "keep.txt", false, false},
		{"*.txt\n!keep.txt", "other.txt", false, true},
		{"!keep.txt\n*.txt", "keep.txt", false, true},
		{"old/\n!old/keep.txt", "old/keep.txt", false, true}, // an ignored directory cannot be taken back
		{"# comment\n\n  \n", "# comment", false, false},
		{`\#hash.txt`, "#hash.txt", false, true},
		{`\!bang.txt`, "!bang.txt", false, true},
		{"a.txt   ", "a.txt", false, true},
		{"[ab].txt", "b.txt", false, true},
		{"[", "[", false, false}, // a bad pattern matches nothing
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, IgnoreFile), []byte(c.patterns), 0o644); err != nil {
			t.Fatal(err)
		}
		ig := NewIgnorer(dir, nil)
		if got := ig.Ignored(filepath.Join(dir, filepath.FromSlash(c.path)), c.dir); got != c.want {
			t.Errorf("patterns %q: Ignored(%q, dir=%v) = %v, want %v", c.patterns, c.path, c.dir, got, c.want)
		}
	}
}

func TestIgnoreFilesAreFoundInSubdirectoriesAndParents(t *testing.T) {
	root := t.TempDir()
	write := func(rel, content string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(IgnoreFile, "*.md\n")                            // in the working directory, above the walked one
	write("sub/"+IgnoreFile, "skip.txt\n!keep.md\n/草稿/\n") // in the walked directory
	write("sub/a.txt", "")
	write("sub/skip.txt", "")
	write("sub/b.md", "")
	write("sub/keep.md", "")
	write("sub/草稿/c.txt", "")
	write("sub/deeper/skip.txt", "")
	write("sub/deeper/草稿/d.txt", "")
	write("sub/deeper/"+IgnoreFile, "!skip.txt\n")
	write("sub/.hidden/e.txt", "")

	ig := NewIgnorer(root, []string{filepath.Join(root, "sub")})
	got, _, _ := Expand([]string{filepath.Join(root, "sub")}, ig.Ignored)
	for i := range got {
		got[i] = filepath.ToSlash(strings.TrimPrefix(got[i], root+string(filepath.Separator)))
	}
	want := "sub/a.txt sub/deeper/skip.txt sub/deeper/草稿/d.txt sub/keep.md"
	if strings.Join(got, " ") != want {
		t.Errorf("Expand = %v\nwant     %v", got, want)
	}
}

func TestIgnorerOutsideTheWorkingDirectoryStartsAtTheRoot(t *testing.T) {
	cwd, other := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(filepath.Dir(other), IgnoreFile), []byte("*\n"), 0o644) // above the root: not read
	os.WriteFile(filepath.Join(other, IgnoreFile), []byte("x.txt\n"), 0o644)
	ig := NewIgnorer(cwd, []string{other})
	if !ig.Ignored(filepath.Join(other, "x.txt"), false) || ig.Ignored(filepath.Join(other, "y.txt"), false) {
		t.Error("the root's own .fzlintignore should decide, and nothing above it")
	}
	defer os.Remove(filepath.Join(filepath.Dir(other), IgnoreFile))
}

func TestTheAssetsOfASavedPageAreNotWalked(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"报告.html", "报告_files/frame.html", "报告_files/share.htm", "其他_files/a.txt", "page.htm", "page.files/x.htm"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	got, _, _ := Expand([]string{dir}, nil)
	for i := range got {
		got[i] = filepath.ToSlash(strings.TrimPrefix(got[i], dir+string(filepath.Separator)))
	}
	if want := "page.htm 其他_files/a.txt 报告.html"; strings.Join(got, " ") != want {
		t.Errorf("Expand = %v, want %s", got, want)
	}
}

// AbsIn, given the working directory once, is filepath.Abs.
func TestAbsInIsAbs(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Skip(err)
	}
	for _, p := range []string{"", ".", "..", "a", "a/b.txt", "./a/../b", "../../x/报告.docx", "a//b/", "/", "/tmp/../etc/x", "-"} {
		want, err1 := filepath.Abs(p)
		got, err2 := AbsIn(wd, p)
		if got != want || (err1 == nil) != (err2 == nil) {
			t.Errorf("AbsIn(%q) = %q, %v; filepath.Abs: %q, %v", p, got, err2, want, err1)
		}
	}
}
