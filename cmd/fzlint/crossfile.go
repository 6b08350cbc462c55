package main

import (
	"bufio"
	"io"
	"os"
	"sync"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/batch"
	"github.com/fzlint/fzlint/internal/tempfile"
)

// crossFileRun checks a batch with the cross-file stage (copied paragraphs) and hands every
// file's result to emit in the batch's order; it returns false, having done nothing, when the
// stage does not apply (a single file, or its rules off).
//
// The stage's findings for any file depend on every other file, so no result is final until
// the whole batch is read. Each file is checked once, its facts kept, and its finished result
// written compactly to a temporary file; once the batch is read, the stage runs over the facts,
// and the results are read back in order. A file the stage has findings for is checked again
// with them (as few as the batch has copies), as is one whose result is not stored: a file that
// could not be read, every file with --annotate (whose copy must carry the stage's findings),
// and every file when the temporary file cannot be written.
//
// keepSource says whether the output quotes the files' lines (Result.Source: pretty, SARIF, a
// baseline written); without it, the stored results leave them out, most of their bytes.
func crossFileRun(jobs *jobList, fc *fileChecker, workers int, keepSource bool, checkJob func(*fileChecker, job) fileResult, checked func(), emit func(fileResult)) bool {
	if jobs.len() < 2 {
		return false
	}
	// The first file's configuration says whether the stage runs and how it compares.
	l, err := jobs.at(0).linter()
	if err != nil || !l.CrossFile() {
		return false
	}
	first := *fc
	first.facts, first.annotate = true, false
	store := newResultStore(jobs.len())
	defer store.close()
	stage := l.NewCrossFileStage()
	stage.Grow(jobs.len())
	type checkedFile struct {
		facts checker.Facts
		enc   *[]byte // the encoded result, nil when it is not stored
	}
	// Each file is checked in a workspace of its own, taken back once its result is encoded:
	// RunN checks at most workers files at once, so workers workspaces serve the batch.
	free := make(chan *workspace, max(workers, 1))
	for range cap(free) {
		free <- newWorkspace(&first)
	}
	batch.RunN(jobs.len(), workers, func(i int) checkedFile {
		c := &first
		if reuseWorkspaces {
			ws := <-free
			defer func() {
				ws.release()
				free <- ws
			}()
			c = &ws.fc
		}
		j := jobs.at(i)
		fr := checkJob(c, j)
		out := checkedFile{facts: fr.facts}
		if j.path == "-" {
			out.facts = checker.Facts{} // stdin takes no part: it has no path to name
		}
		if fr.Err == nil && !fc.annotate && store != nil {
			if !keepSource {
				fr.Source = nil
			}
			out.enc = encBuffers.Get().(*[]byte)
			*out.enc = checker.AppendResult((*out.enc)[:0], &fr.Result)
		}
		return out
	}, func(c checkedFile) {
		stage.Add(c.facts)
		if c.enc != nil {
			store.add(*c.enc)
			encBuffers.Put(c.enc)
		} else {
			store.add(nil)
		}
		checked()
	})
	found := stage.Findings(jobs.path)
	stage = nil // the facts are not needed past this point
	store.finish()
	// The stored results are read back in order as they are emitted, in blocks (one read for
	// many files), by this goroutine; the workers check again only the files that need it, in
	// order, and each is emitted after the stored results before it. (A stored result passed
	// through the workers too cost a hand-over to a worker and back for every file.)
	var again []int
	for i := range jobs.len() {
		if found[i] != nil || !store.stored(i) {
			again = append(again, i)
		}
	}
	next := 0 // the next file to emit
	emitStored := func(to int) {
		for ; next < to; next++ {
			r, err := store.get(next)
			if err != nil {
				emit(checkJob(fc, jobs.at(next)))
				continue
			}
			emit(fileResult{Result: r})
		}
	}
	redone := 0 // the files checked again emitted so far
	batch.RunN(len(again), workers, func(k int) fileResult {
		i := again[k]
		return checkJob(fc.withBatch(found[i]), jobs.at(i))
	}, func(fr fileResult) {
		emitStored(again[redone])
		redone++
		emit(fr)
		next++
	})
	emitStored(jobs.len())
	return true
}

// encBuffers hold the workers' encoded results until they are written.
var encBuffers = sync.Pool{New: func() any { return new([]byte) }}

// resultStore keeps the encoded results of a batch in a temporary file (removed at the end,
// and on Ctrl-C by tempfile.RemoveAll). Add is called in the batch's order from one goroutine,
// then, after finish, get in the same order from one goroutine.
type resultStore struct {
	f      *os.File
	w      *bufio.Writer
	at     []int64 // where the i-th result added starts; at[i+1] where it ends
	failed bool    // a write failed: nothing more is stored
	// r reads the file back from the offset read, in blocks: a read a block, not a file.
	r       *bufio.Reader
	read    int64
	readErr error  // a read failed: get fails from then on
	buf     []byte // a result's bytes, reused
	dec     checker.ResultDecoder
}

// newResultStore returns a store for n results, or nil when no temporary file can be made.
func newResultStore(n int) *resultStore {
	f, err := tempfile.Create("", "fzlint-batch-*")
	if err != nil {
		return nil
	}
	return &resultStore{f: f, w: bufio.NewWriterSize(f, storeBlock), at: append(make([]int64, 0, n+1), 0)}
}

// add stores the next file's encoded result; a file whose result is not stored (enc nil)
// still takes its place in the order.
func (s *resultStore) add(enc []byte) {
	if s == nil {
		return
	}
	end := s.at[len(s.at)-1]
	if enc != nil && !s.failed {
		if _, err := s.w.Write(enc); err != nil {
			s.failed = true
		} else {
			end += int64(len(enc))
		}
	}
	s.at = append(s.at, end)
}

// stored reports whether the i-th result added is stored (an encoded result is never empty).
func (s *resultStore) stored(i int) bool {
	return s != nil && !s.failed && s.at[i+1] > s.at[i]
}

// finish writes out what is buffered: get may be called from now on.
func (s *resultStore) finish() {
	if s == nil {
		return
	}
	if s.w.Flush() != nil {
		s.failed = true
	}
	s.r = bufio.NewReaderSize(io.NewSectionReader(s.f, 0, s.at[len(s.at)-1]), storeBlock)
}

// storeBlock is the size of the blocks the results are written and read in.
const storeBlock = 256 << 10

// get reads back the i-th result added; i grows from one call to the next.
// After a failed read, every call fails.
func (s *resultStore) get(i int) (checker.Result, error) {
	if s.readErr != nil {
		return checker.Result{}, s.readErr
	}
	n := int(s.at[i+1] - s.at[i])
	if cap(s.buf) < n {
		s.buf = make([]byte, n)
	}
	b := s.buf[:n]
	if _, err := s.r.Discard(int(s.at[i] - s.read)); err != nil {
		s.readErr = err
		return checker.Result{}, err
	}
	if _, err := io.ReadFull(s.r, b); err != nil {
		s.readErr = err
		return checker.Result{}, err
	}
	s.read = s.at[i+1]
	return s.dec.Decode(b)
}

func (s *resultStore) close() {
	if s != nil {
		s.f.Close()
		tempfile.Remove(s.f.Name())
	}
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
