package batch

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"

	"github.com/fzlint/fzlint/checker/input"
)

// IgnoreFile is the name of the files that list paths a directory walk skips, in gitignore
// syntax: `#` comments, `*` and `?` within a name, `**` across directories, a leading `/` to
// anchor a pattern to the file's directory, a trailing `/` for directories only, `!` to take a
// path back. As in git, a pattern without a `/` (other than a trailing one) matches a name at
// any depth, the last matching pattern wins, and nothing inside an ignored directory can be
// taken back.
const IgnoreFile = ".fzlintignore"

// Ignorer answers whether a path is ignored by the .fzlintignore files of its directory and
// of the directories above it: up to the working directory for paths inside it, else up to the
// directory given on the command line that holds the path.
type Ignorer struct {
	wd    string   // the working directory, read once ("" if it could not be)
	top   []string // the working directory, then the roots given on the command line
	mu    sync.Mutex
	cache map[string][]ignorePattern // directory → its patterns (nil: none)
	err   error                      // the first .fzlintignore that could not be read
}

// Err returns the first error met reading a .fzlintignore file.
func (ig *Ignorer) Err() error {
	ig.mu.Lock()
	defer ig.mu.Unlock()
	return ig.err
}

type ignorePattern struct {
	re       *regexp.Regexp // the pattern, matched in linear time (nil: matches nothing)
	negate   bool
	dirOnly  bool
	anchored bool // matched against the whole path from the file's directory
}

// NewIgnorer returns an Ignorer for a walk started in cwd over roots.
func NewIgnorer(cwd string, roots []string) *Ignorer {
	ig := &Ignorer{cache: map[string][]ignorePattern{}}
	ig.wd, _ = os.Getwd()
	for _, r := range append([]string{cwd}, roots...) {
		if abs, err := AbsIn(ig.wd, r); err == nil {
			ig.top = append(ig.top, abs)
		}
	}
	return ig
}

// Ignored reports whether path (a directory if dir) is ignored.
func (ig *Ignorer) Ignored(p string, dir bool) bool {
	abs, err := AbsIn(ig.wd, p)
	if err != nil {
		return false
	}
	top := ""
	for _, t := range ig.top {
		if within(abs, t) {
			top = t
			break
		}
	}
	if top == "" || abs == top {
		return false
	}
	rel := strings.Split(filepath.ToSlash(strings.TrimPrefix(abs[len(top):], string(filepath.Separator))), "/")
	// A path is ignored if it, or a directory above it, is: check from the top down.
	for i := 1; i <= len(rel); i++ {
		isDir := dir || i < len(rel)
		if ig.matchAt(top, rel[:i], isDir) {
			return true
		}
	}
	return false
}

// AbsIn is filepath.Abs(p) in a process whose working directory is wd (os.Getwd's, read
// once): filepath.Abs asks for it on every call, two stat calls each, for every file of a
// batch named by a relative path. With wd "" (not known), or on Windows (where a path may be
// relative to a drive's own directory), it is filepath.Abs.
func AbsIn(wd, p string) (string, error) {
	if wd == "" || runtime.GOOS == "windows" {
		return filepath.Abs(p)
	}
	if filepath.IsAbs(p) {
		return filepath.Clean(p), nil
	}
	return filepath.Join(wd, p), nil
}

func within(p, dir string) bool {
	if dir == string(filepath.Separator) {
		return true
	}
	return p == dir || strings.HasPrefix(p, dir+string(filepath.Separator))
}

// matchAt applies the patterns of every directory from top to the path's parent; the last one
// that matches decides.
func (ig *Ignorer) matchAt(top string, rel []string, dir bool) bool {
	ignored := false
	d := top
	for k := 0; k < len(rel); k++ {
		if k > 0 {
			d = filepath.Join(d, rel[k-1])
		}
		for _, pat := range ig.patterns(d) {
			if pat.match(rel[k:], dir) {
				ignored = !pat.negate
			}
		}
	}
	return ignored
}

func (ig *Ignorer) patterns(dir string) []ignorePattern {
	ig.mu.Lock()
	defer ig.mu.Unlock()
	if p, ok := ig.cache[dir]; ok {
		return p
	}
	name := filepath.Join(dir, IgnoreFile)
	var pats []ignorePattern
	if _, err := os.Lstat(name); err == nil {
		// One that exists but cannot be read (a device, a pipe, too large) is an error of the
		// run: the files it lists would otherwise be checked.
		data, err := input.ReadSideFile(name)
		if err != nil && ig.err == nil {
			ig.err = fmt.Errorf("%s: 无法读取忽略文件：%w", name, err)
		}
		pats = parseIgnore(data)
	}
	ig.cache[dir] = pats
	return pats
}

// parseIgnore reads the patterns of a .fzlintignore file.
func parseIgnore(data []byte) []ignorePattern {
	var out []ignorePattern
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		line = strings.TrimPrefix(line, "\ufeff")
		// Trailing spaces are dropped unless escaped with a backslash.
		for strings.HasSuffix(line, " ") && !strings.HasSuffix(line, `\ `) {
			line = line[:len(line)-1]
		}
		if line == "" || line[0] == '#' {
			continue
		}
		var p ignorePattern
		switch {
		case line[0] == '!':
			p.negate, line = true, line[1:]
		case strings.HasPrefix(line, `\!`), strings.HasPrefix(line, `\#`):
			line = line[1:]
		}
		if strings.HasSuffix(line, "/") {
			p.dirOnly, line = true, strings.TrimRight(line, "/")
		}
		if strings.HasPrefix(line, "/") {
			p.anchored, line = true, strings.TrimLeft(line, "/")
		}
		if line == "" {
			continue
		}
		if strings.Contains(line, "/") {
			p.anchored = true
		}
		p.re = compileGlob(line)
		out = append(out, p)
	}
	return out
}

// match reports whether the pattern matches a path relative to the pattern file's directory.
func (p ignorePattern) match(rel []string, dir bool) bool {
	if p.re == nil || len(rel) == 0 || (p.dirOnly && !dir) {
		return false
	}
	if !p.anchored {
		return p.re.MatchString(rel[len(rel)-1])
	}
	return p.re.MatchString(strings.Join(rel, "/"))
}
