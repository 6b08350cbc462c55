package main

import (
	"container/list"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/batch"
	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/rules"
)

// linterSource hands each file the Linter of its configuration. Every config file is read and
// validated when the run starts (forFile), so a bad one stops the run with its file and line
// before any output; but a Linter is compiled only when the first file under its config is
// checked (get), and only the last few used are kept. 2,000 unit folders with 2,000 different
// .fzlint.toml files hold 2,000 small byte slices, not 2,000 compiled rule sets; the batch
// walks files in sorted order, so the files of one folder come together and each config is
// compiled once a pass. Config files with the same bytes are one config.
type linterSource struct {
	base   *rules.Set
	sel    checker.Selection
	config string            // --config, if given
	wd     string            // the working directory, read once ("" if it could not be)
	byDir  map[string]string // directory → nearest .fzlint.toml ("" for none)
	byPath map[string]*configRef
	byHash map[[sha256.Size]byte]*configRef
	none   *checker.Linter // the linter without a config, always kept

	mu    sync.Mutex
	cache map[*configRef]*list.Element // of *cached, most recently used at the front
	lru   list.List
	limit int
	// compiles counts the linters compiled for config files (tests check it).
	compiles atomic.Int64
}

// configRef is a validated config file: the bytes that were read and checked (not read again,
// so the file cannot change between the check and the compile) and the name its errors use.
type configRef struct {
	name string
	data []byte
}

// cached is a compiled linter in the cache; ready is closed once l or err is set, so a worker
// that needs a linter another is compiling waits for it instead of compiling it again.
type cached struct {
	ref   *configRef
	ready chan struct{}
	l     *checker.Linter
	err   error
}

const configName = ".fzlint.toml"

// linterCacheSize is how many compiled linters for config files are kept at most: enough for
// every worker to be on a different folder with some to spare, few enough that memory does
// not grow with the number of configs (a compiled rule set is about 0.7 MB).
func linterCacheSize(jobs int) int {
	return max(8, 2*jobs)
}

func newLinterSource(f checkFlags) (*linterSource, error) {
	// The built-in rules are not decoded and validated at every start: rules.Defaults is
	// rules.toml as Load reads it, held so by the tests.
	var base *rules.Set
	if f.rulesFile == "" {
		base = rules.Defaults()
	} else {
		data, err := input.ReadSideFile(f.rulesFile)
		if err != nil {
			return nil, fmt.Errorf("%s: 无法读取规则文件：%w", f.rulesFile, err)
		}
		if base, err = rules.Load(f.rulesFile, data, rules.Options{RuleIDs: checker.RuleIDs()}); err != nil {
			return nil, err
		}
	}
	s := &linterSource{base: base, config: f.configFile, wd: workingDir(), byDir: map[string]string{},
		byPath: map[string]*configRef{}, byHash: map[[sha256.Size]byte]*configRef{},
		cache: map[*configRef]*list.Element{}, limit: linterCacheSize(f.jobs),
		sel: checker.Selection{Disable: splitLists(f.disable), Enable: splitLists(f.enable), NoFixes: !f.fix && !f.diff}}
	// Build the linter without a config now, so that a bad --disable/--enable is a usage error
	// even when no file is checked.
	var err error
	if s.none, err = checker.NewLinter(checker.Compile(base), s.sel); err != nil {
		return nil, err
	}
	if f.configFile != "" {
		if _, err := s.ref(f.configFile); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// workingDir returns the working directory, or "" when it cannot be read.
func workingDir() string {
	wd, _ := os.Getwd()
	return wd
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// forFile returns the config of a file, validated: --config if given, else the nearest
// .fzlint.toml (nil for none). get gives its linter.
func (s *linterSource) forFile(path, stdinName string) (*configRef, error) {
	if s.config != "" {
		return s.ref(s.config)
	}
	dir := filepath.Dir(path)
	if path == "-" {
		dir = "."
		if stdinName != "" {
			dir = filepath.Dir(stdinName)
		}
	}
	return s.ref(s.nearestConfig(dir))
}

func (s *linterSource) nearestConfig(dir string) string {
	abs, err := batch.AbsIn(s.wd, dir)
	if err != nil {
		return ""
	}
	var visited []string
	found := ""
	for d := abs; ; d = filepath.Dir(d) {
		if c, ok := s.byDir[d]; ok {
			found = c
			break
		}
		visited = append(visited, d)
		if _, err := os.Stat(filepath.Join(d, configName)); err == nil {
			found = filepath.Join(d, configName)
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	for _, d := range visited {
		s.byDir[d] = found
	}
	return found
}

// ref reads and validates a config file once; "" is no config (nil).
func (s *linterSource) ref(config string) (*configRef, error) {
	if config == "" {
		return nil, nil
	}
	if r, ok := s.byPath[config]; ok {
		return r, nil
	}
	data, err := input.ReadSideFile(config)
	if err != nil {
		return nil, fmt.Errorf("%s: 无法读取配置文件：%w", config, err)
	}
	// The same bytes overlay the same base the same way: a copy validated once need not be
	// again (the rule set names no source in what it finds).
	sum := sha256.Sum256(data)
	if r, ok := s.byHash[sum]; ok {
		s.byPath[config] = r
		return r, nil
	}
	name := config
	if rel, err := filepath.Rel(".", config); err == nil && !strings.HasPrefix(rel, "..") {
		name = rel
	}
	// Validation is the overlay itself; the merged set is dropped and made again by get.
	if _, err := rules.Overlay(s.base, name, data, rules.Options{RuleIDs: checker.RuleIDs()}); err != nil {
		return nil, err
	}
	r := &configRef{name: name, data: data}
	s.byPath[config], s.byHash[sum] = r, r
	return r, nil
}

// get returns the linter of a config (forFile's), compiling it if it is not among the last
// used. It is safe for the workers to call at once.
func (s *linterSource) get(r *configRef) (*checker.Linter, error) {
	if r == nil {
		return s.none, nil
	}
	s.mu.Lock()
	if e, ok := s.cache[r]; ok {
		s.lru.MoveToFront(e)
		c := e.Value.(*cached)
		s.mu.Unlock()
		<-c.ready
		return c.l, c.err
	}
	c := &cached{ref: r, ready: make(chan struct{})}
	s.cache[r] = s.lru.PushFront(c)
	for s.lru.Len() > s.limit {
		// A linter dropped here while a worker still uses it stays alive for that worker.
		old := s.lru.Remove(s.lru.Back()).(*cached)
		delete(s.cache, old.ref)
	}
	s.mu.Unlock()
	c.l, c.err = s.compile(r)
	close(c.ready)
	return c.l, c.err
}

func (s *linterSource) compile(r *configRef) (*checker.Linter, error) {
	s.compiles.Add(1)
	set, err := rules.Overlay(s.base, r.name, r.data, rules.Options{RuleIDs: checker.RuleIDs()})
	if err != nil {
		return nil, err
	}
	return checker.NewLinter(checker.Compile(set), s.sel)
}
