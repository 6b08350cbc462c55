package batch

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitCases are .fzlintignore files and paths (a trailing "/" makes a directory), each answered
// by the real `git check-ignore` (issue 11.17: `[!b]a.txt` and `deep/**` with
// `!deep/er/bar.txt` disagreed with git).
var gitCases = []struct {
	patterns []string
	paths    []string
}{
	{[]string{"[!b]a.txt"}, []string{"aa.txt", "ba.txt", "ca.txt", "sub/aa.txt", "sub/ba.txt", "a.txt"}},
	{[]string{"[^b]a.txt"}, []string{"aa.txt", "ba.txt"}},
	{[]string{"deep/**", "!deep/er/bar.txt"}, []string{"deep/", "deep/x.txt", "deep/er/", "deep/er/bar.txt", "deep/er/foo.txt", "other/deep/x.txt", "deeper.txt"}},
	{[]string{"*.log", "!keep.log"}, []string{"a.log", "keep.log", "sub/b.log", "sub/keep.log", "log.txt"}},
	{[]string{"/root.txt"}, []string{"root.txt", "sub/root.txt"}},
	{[]string{"build/"}, []string{"build/", "build/x.txt", "sub/build/", "sub/build/y.txt", "other/build", "build2.txt"}},
	{[]string{"build/", "!build/keep.txt"}, []string{"build/keep.txt", "build/x.txt"}},
	{[]string{"a/**/b.txt"}, []string{"a/b.txt", "a/x/b.txt", "a/x/y/b.txt", "c/a/b.txt", "a/xb.txt"}},
	{[]string{"**/logs"}, []string{"logs/", "x/logs/", "x/logs/f.txt", "x/logsy.txt", "y/z/logs"}},
	{[]string{"**/*.md"}, []string{"a.md", "x/y/b.md", "x/c.txt"}},
	{[]string{"x**y.txt"}, []string{"xy.txt", "xay.txt", "x/ay.txt", "d/xaay.txt"}},
	{[]string{"[a-c]?.txt", "[[:digit:]]*.txt"}, []string{"a1.txt", "d1.txt", "b.txt", "7up.txt", "x7.txt"}},
	{[]string{`\#hash.txt`, `\!bang.txt`, `a\*b.txt`, "# a comment"}, []string{"#hash.txt", "!bang.txt", "a*b.txt", "axb.txt", "# a comment"}},
	{[]string{"sub/*.txt"}, []string{"sub/a.txt", "sub/deeper/a.txt", "x/sub/a.txt"}},
	{[]string{"doc/**/", "!doc/keep/"}, []string{"doc/", "doc/a.txt", "doc/keep/", "doc/keep/b.txt", "doc/other/c.txt"}},
	{[]string{"**"}, []string{"a.txt", "x/y.txt"}},
	{[]string{"*", "!*/", "!*.txt"}, []string{"a.txt", "a.md", "x/", "x/b.txt", "x/b.md"}},
	{[]string{"**/**/**/**/**/**/**/**/**/**/z.txt"}, []string{"z.txt", "a/b/c/d/e/f/g/h/i/j/k/z.txt", "a/b/c/d/e/f/g/h/i/j/k/y.txt"}},
	{[]string{"[]a]x.txt", "[!]]y.txt", "[a-]z.txt"}, []string{"]x.txt", "ax.txt", "bx.txt", "]y.txt", "cy.txt", "-z.txt", "az.txt"}},
	{[]string{"trailing.txt   ", `space\ .txt`}, []string{"trailing.txt", "space .txt"}},
	{[]string{"[/]a.txt", "un[closed.txt", `end\`}, []string{"a.txt", "un[closed.txt"}},
}

func TestIgnoreAgreesWithGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed to check the matcher against git check-ignore:", err)
	}
	// One repository, each case in a folder of its own with its own ignore files (patterns
	// with a "/" are relative to that folder, as in git), and one git run for every path.
	dir := t.TempDir()
	var stdin strings.Builder
	type query struct {
		c    int
		path string
		dir  bool
	}
	var queries []query
	for c, tc := range gitCases {
		sub := filepath.Join(dir, fmt.Sprint("c", c))
		os.MkdirAll(sub, 0o755)
		rules := strings.Join(tc.patterns, "\n") + "\n"
		os.WriteFile(filepath.Join(sub, ".gitignore"), []byte(rules), 0o644)
		os.WriteFile(filepath.Join(sub, IgnoreFile), []byte(rules), 0o644)
		for _, p := range tc.paths {
			full := filepath.Join(sub, p)
			if strings.HasSuffix(p, "/") {
				os.MkdirAll(full, 0o755)
			} else {
				os.MkdirAll(filepath.Dir(full), 0o755)
				os.WriteFile(full, nil, 0o644)
			}
			q := query{c, fmt.Sprint("c", c, "/", strings.TrimSuffix(p, "/")), strings.HasSuffix(p, "/")}
			queries = append(queries, q)
			stdin.WriteString(q.path + "\x00")
		}
	}
	git := func(stdin string, args ...string) (string, error) {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.Output()
		return string(out), err
	}
	if _, err := git("", "init", "-q"); err != nil {
		t.Fatal(err)
	}
	// With --verbose --non-matching each path comes with the pattern that decided it (none, or
	// a "!" one, when it is not ignored).
	out, err := git(stdin.String(), "check-ignore", "--no-index", "--stdin", "-z", "--verbose", "--non-matching")
	var exitErr *exec.ExitError
	if err != nil && (!errors.As(err, &exitErr) || exitErr.ExitCode() != 1) {
		t.Fatalf("git check-ignore: %v", err)
	}
	fields := strings.Split(out, "\x00")
	if len(fields) != 4*len(queries)+1 {
		t.Fatalf("git check-ignore printed %q", out)
	}
	ig := NewIgnorer(dir, nil)
	for i, q := range queries {
		source, pattern, path := fields[4*i], fields[4*i+2], fields[4*i+3]
		if path != q.path {
			t.Fatalf("git answered for %q, want %q", path, q.path)
		}
		want := source != "" && !strings.HasPrefix(pattern, "!")
		if got := ig.Ignored(filepath.Join(dir, path), q.dir); got != want {
			t.Errorf("patterns %q, path %q: fzlint says ignored=%v, git says %v (%s)", gitCases[q.c].patterns, path, got, want, pattern)
		}
	}
}

// BenchmarkIgnoreRepeatedGlobstar: ten "**" against a deep path that does not match. The old
// backtracking matcher took 33 s with eight; the regular expression is linear in the path.
func BenchmarkIgnoreRepeatedGlobstar(b *testing.B) {
	pats := parseIgnore([]byte(strings.Repeat("**/", 10) + "z.txt\n"))
	rel := strings.Split(strings.Repeat("d/", 40)+"y.txt", "/")
	for range b.N {
		if pats[0].match(rel, false) {
			b.Fatal("matched")
		}
	}
}
