package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/internal/tempfile"
	"github.com/fzlint/fzlint/render"
)

// reportFile is the --report export. It is written to a temporary file beside the target and
// renamed into place when the run ends, so that a run that fails (a bad config file, a full
// disk) never leaves half a file or clobbers the last good summary.
type reportFile struct {
	ren  render.Renderer
	path string
	tmp  *os.File
}

// openReport returns the report writer for --report, or nil when none was asked for. An
// unknown extension is an error before anything is created.
func openReport(path string) (*reportFile, error) {
	if path == "" {
		return nil, nil
	}
	kind, err := render.SummaryKind(path)
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(path); err == nil {
		if !info.Mode().IsRegular() || !render.MayReplace(kind, path) {
			return nil, fmt.Errorf("--report %s: 这个文件已存在，且不是 fzlint 写的汇总，fzlint 不会覆盖它（请换一个文件名，或先删除它）", path)
		}
	}
	tmp, err := tempfile.Create(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the temporary name would only confuse
		}
		return nil, fmt.Errorf("--report %s: cannot write: %w", path, err)
	}
	ren, err := render.NewSummary(kind, tmp, render.Options{Version: version})
	if err != nil {
		tmp.Close()
		tempfile.Remove(tmp.Name())
		return nil, err
	}
	return &reportFile{ren: ren, path: path, tmp: tmp}, nil
}

func (r *reportFile) File(res *checker.Result) error {
	if err := r.ren.File(res); err != nil {
		return fmt.Errorf("report %s: %w", r.path, err)
	}
	return nil
}

// Close finishes the summary and moves it into place.
func (r *reportFile) Close(s render.Summary) error {
	err := r.ren.Close(s)
	if err == nil {
		err = r.tmp.Chmod(0o644)
	}
	if cerr := r.tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = tempfile.Rename(r.tmp.Name(), r.path)
	}
	if err != nil {
		tempfile.Remove(r.tmp.Name())
		r.tmp = nil
		return fmt.Errorf("report %s: %w", r.path, err)
	}
	r.tmp = nil
	return nil
}

// discard removes the temporary file of a report that was not finished; it does nothing once
// Close has run, or for no report.
func (r *reportFile) discard() {
	if r != nil && r.tmp != nil {
		r.tmp.Close()
		tempfile.Remove(r.tmp.Name())
	}
}
