// Package baseline records the findings of a run in a file, so that later runs report only new
// ones (SPEC §10). A finding is identified by its rule, its file (relative to the baseline
// file's directory) and a fingerprint of its line's text, not its line number, so that edits
// elsewhere in the file do not invalidate the baseline; identical findings on identical lines
// are counted.
package baseline

import (
	"bytes"
	"crypto/sha256"
	"encoding"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/input"
)

// Version is the version of the baseline file format.
const Version = 1

// Entry is one recorded finding. Message is informative, for people reading the file; it is not
// used for matching.
type Entry struct {
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Fingerprint string `json:"fingerprint"`
	// Occurrence numbers the findings that share rule, file and fingerprint, from 0.
	Occurrence int    `json:"occurrence"`
	Message    string `json:"message,omitempty"`
}

type fileFormat struct {
	Version int     `json:"version"`
	Entries []Entry `json:"entries"`
}

type key struct{ rule, file, fingerprint string }

// Baseline is a loaded baseline file. It is read-only once loaded, so one value serves every
// worker.
type Baseline struct {
	dir    string // absolute directory of the baseline file
	counts map[key]int
}

// Load reads a baseline file.
func Load(path string) (*Baseline, error) {
	data, err := input.ReadSideFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: 无法读取基线文件：%w", path, err)
	}
	var f fileFormat
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: not a baseline file: %w", path, err)
	}
	if f.Version == 0 || f.Entries == nil {
		// null, {}, {"version":1}: JSON, but not what --write-baseline writes (it always
		// writes both, "entries": [] when there are none)
		return nil, fmt.Errorf("%s: not a baseline file: it needs \"version\" and \"entries\" (as --write-baseline writes them)", path)
	}
	if f.Version != Version {
		return nil, fmt.Errorf("%s: baseline version %d, want %d", path, f.Version, Version)
	}
	dir, err := absDir(path)
	if err != nil {
		return nil, err
	}
	b := &Baseline{dir: dir, counts: map[key]int{}}
	for _, e := range f.Entries {
		b.counts[key{e.Rule, e.File, e.Fingerprint}]++
	}
	return b, nil
}

// Filter returns the findings of a result that the baseline does not hold: for each rule, file
// and fingerprint, as many findings as the baseline recorded are dropped, in order.
func (b *Baseline) Filter(res *checker.Result) []checker.Diagnostic {
	if b == nil || len(res.Diagnostics) == 0 {
		return res.Diagnostics
	}
	file := RelPath(b.dir, res.Path)
	used := map[key]int{}
	var out []checker.Diagnostic
	var fps Fingerprints
	for _, d := range res.Diagnostics {
		k := key{d.Rule, file, fps.Of(res.Source, d)}
		if used[k] < b.counts[k] {
			used[k]++
			continue
		}
		out = append(out, d)
	}
	return out
}

// Writer collects the entries of a baseline file. Add results in input order, then Write.
type Writer struct {
	path    string
	dir     string
	entries []Entry
}

// NewWriter prepares a baseline file to be written at path.
func NewWriter(path string) (*Writer, error) {
	dir, err := absDir(path)
	if err != nil {
		return nil, err
	}
	if err := replaceable(path); err != nil {
		return nil, err
	}
	return &Writer{path: path, dir: dir}, nil
}

// replaceable refuses to let a baseline replace a file that is not one: a glob after
// --write-baseline (--write-baseline *.txt) hands it the first report, which must not be lost.
// A baseline of any version, or no file at all, may be replaced.
func replaceable(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return nil // none yet (or not to be looked at: writing it reports why)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("--write-baseline %s: 不是普通文件", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var f struct {
		Version *int             `json:"version"`
		Entries *json.RawMessage `json:"entries"`
	}
	if json.Unmarshal(data, &f) == nil && f.Version != nil && f.Entries != nil {
		return nil
	}
	return fmt.Errorf("--write-baseline %s: 这个文件已存在，且不是 fzlint 的基线文件，fzlint 不会覆盖它（请换一个文件名，或先删除它）", path)
}

// Add records a result's findings.
func (w *Writer) Add(res *checker.Result) {
	file := RelPath(w.dir, res.Path)
	seen := map[key]int{}
	var fps Fingerprints
	for _, d := range res.Diagnostics {
		k := key{d.Rule, file, fps.Of(res.Source, d)}
		w.entries = append(w.entries, Entry{Rule: d.Rule, File: file, Fingerprint: k.fingerprint, Occurrence: seen[k], Message: d.Message})
		seen[k]++
	}
}

// Len returns the number of findings recorded.
func (w *Writer) Len() int { return len(w.entries) }

// Write writes the baseline file, entries sorted by file, rule and fingerprint so that the
// file changes little from one run to the next.
func (w *Writer) Write() error {
	entries := append([]Entry{}, w.entries...)
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Fingerprint != b.Fingerprint {
			return a.Fingerprint < b.Fingerprint
		}
		return a.Occurrence < b.Occurrence
	})
	data, err := json.MarshalIndent(fileFormat{Version: Version, Entries: entries}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(w.path, append(data, '\n'), 0o644)
}

// RelPath returns a file's path relative to dir (absolute), with forward slashes; a name that
// is not a file path (<stdin>) is returned as it is.
func RelPath(dir, path string) string {
	if strings.HasPrefix(path, "<") {
		return path
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

func absDir(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("baseline: %w", err)
	}
	return filepath.Dir(abs), nil
}

// Fingerprint identifies a finding by the text of its line with all white space removed, and
// the text it points at; not by its position. A finding about the whole document (an empty
// range at 1:1, such as a missing title) is identified by its message instead, without digits
// (they are often line numbers), so that a line inserted at the top does not renew it; the
// message as the command line words it, hint included, as baselines written before the hint
// left the message recorded it.
func Fingerprint(source []string, d checker.Diagnostic) string {
	var f Fingerprints
	return f.Of(source, d)
}

// Fingerprints computes the fingerprints of one result's findings, reading each line once
// however many findings it holds: the last line's characters and the hash of its text are kept
// (30,000 findings on one line took minutes when each read the line).
type Fingerprints struct {
	text  string // the line
	runes []rune
	state []byte // the hash's state after the line's text without white space and the 0
}

// Of returns Fingerprint(source, d).
func (f *Fingerprints) Of(source []string, d checker.Diagnostic) string {
	h := sha256.New()
	var target string
	if d.Line == 1 && d.Column == 1 && d.EndLine == 1 && d.EndColumn == 1 {
		h.Write([]byte{0})
		target = strings.Map(dropDigit, d.Message+d.Hint.CommandLine())
	} else {
		var line string
		if d.Line >= 1 && d.Line <= len(source) {
			line = source[d.Line-1]
		}
		if f.state == nil || len(line) != len(f.text) || line != f.text {
			h.Write([]byte(strings.Map(dropSpace, line)))
			h.Write([]byte{0})
			state, err := h.(encoding.BinaryMarshaler).MarshalBinary()
			if err != nil {
				panic("baseline: sha256 state: " + err.Error())
			}
			f.text, f.runes, f.state = line, []rune(line), state
		} else if err := h.(encoding.BinaryUnmarshaler).UnmarshalBinary(f.state); err != nil {
			panic("baseline: sha256 state: " + err.Error())
		}
		target = matched(f.runes, d)
	}
	h.Write([]byte(strings.Map(dropSpace, target)))
	return hex.EncodeToString(h.Sum(nil)[:8])
}

func dropSpace(r rune) rune {
	if unicode.IsSpace(r) || r == '\u3000' || r == '\ufeff' {
		return -1
	}
	return r
}

func dropDigit(r rune) rune {
	if unicode.IsDigit(r) {
		return -1
	}
	return r
}

// matched returns the text of a finding's range on its first line (its characters).
func matched(runes []rune, d checker.Diagnostic) string {
	from, to := d.Column-1, d.EndColumn-1
	if d.EndLine != d.Line {
		to = len(runes)
	}
	if from < 0 || from > to || to > len(runes) {
		return ""
	}
	return string(runes[from:to])
}
