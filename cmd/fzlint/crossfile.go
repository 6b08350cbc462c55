package main

import (
	"bytes"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/batch"
	"github.com/fzlint/fzlint/checker/input"
)

// crossFileStage collects the facts of every file of a batch (reading and modelling each, no
// checks) and runs the cross-file checks over them; it returns each job's findings by index.
// It does nothing for a single file, for stdin, or when the cross-file rules are off.
func crossFileStage(jobs []job, fc *fileChecker, workers int) map[int][]checker.Diagnostic {
	if len(jobs) < 2 {
		return nil
	}
	// The first file's configuration says whether the stage runs and how it compares.
	first, err := jobs[0].linter()
	if err != nil || !first.CrossFile() {
		return nil
	}
	idx := make([]int, len(jobs))
	for i := range idx {
		idx[i] = i
	}
	// The facts stay while the batch is read: with the run's high GOGC, the garbage around them
	// would grow nine times their size. While they grow, collect as usual.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(100))
	}
	facts := make([]checker.Facts, len(jobs))
	paths := make([]string, len(jobs))
	next := 0
	batch.Run(idx, workers, func(i int) checker.Facts {
		j := jobs[i]
		if j.path == "-" {
			return checker.Facts{}
		}
		buf := readBuffers.Get().(*bytes.Buffer)
		defer readBuffers.Put(buf)
		data, err := input.ReadFileInto(j.path, buf)
		if err != nil {
			return checker.Facts{}
		}
		t, err := input.Read(j.path, data)
		if err != nil {
			return checker.Facts{}
		}
		l, err := j.linter()
		if err != nil {
			return checker.Facts{}
		}
		return l.Facts(j.path, t, fc.opt)
	}, func(f checker.Facts) {
		facts[next], paths[next] = f, jobs[next].path
		next++
	})
	found := first.CrossFileFindings(paths, facts)
	// The checks that follow start from a small heap, not from the facts' size times GOGC
	// (facts is not used past this point, so the collection frees it).
	runtime.GC()
	return found
}

// withBatch returns the checker for a file that adds the cross-file stage's findings.
func (c *fileChecker) withBatch(ds []checker.Diagnostic) *fileChecker {
	if len(ds) == 0 {
		return c
	}
	cc := *c
	cc.opt.Batch = ds
	return &cc
}
