package batch

import (
	"path"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzIgnorePattern compiles arbitrary .fzlintignore patterns and matches them against
// arbitrary paths: nothing panics, and where Go's path.Match means the same thing as git's
// wildmatch (no "**", no "[!…]" or "[:class:]", a pattern path.Match accepts, valid UTF-8),
// the compiled pattern agrees with path.Match applied segment by segment.
func FuzzIgnorePattern(f *testing.F) {
	for _, tc := range gitCases {
		for _, p := range tc.patterns {
			for _, q := range tc.paths {
				f.Add(p, strings.TrimSuffix(q, "/"))
			}
		}
	}
	f.Add("a/*.txt", "a/b.txt")
	f.Add(`[^a-c\]]?`, "dx")
	f.Add("报告[一-十]*.docx", "报告三稿.docx")
	f.Fuzz(func(t *testing.T, pat, p string) {
		// The whole line parser too: the pattern as a .fzlintignore file, matched at p.
		rel := strings.Split(p, "/")
		for _, ip := range parseIgnore([]byte(pat)) {
			ip.match(rel, false)
			ip.match(rel, true)
		}
		re := compileGlob(pat)
		got := re != nil && re.MatchString(p)
		if !utf8.ValidString(pat) || !utf8.ValidString(p) ||
			strings.Contains(pat, "**") || strings.Contains(pat, "[!") || strings.Contains(pat, "[:") {
			return
		}
		want, ok := matchSegments(pat, p)
		if !ok {
			return // path.Match calls the pattern malformed: no reference to compare with
		}
		if got != want {
			t.Errorf("pattern %q on %q: compiled %v, path.Match per segment %v (compiled: %v)", pat, p, got, want, re)
		}
	})
}

// matchSegments is the reference: the same number of segments, each matched by path.Match.
// ok is false when path.Match rejects a segment of the pattern.
func matchSegments(pat, p string) (match, ok bool) {
	ps, ss := strings.Split(pat, "/"), strings.Split(p, "/")
	match = len(ps) == len(ss)
	for i, seg := range ps {
		name := ""
		if i < len(ss) {
			name = ss[i]
		}
		m, err := path.Match(seg, name)
		if err != nil {
			return false, false
		}
		match = match && m
	}
	return match, true
}
