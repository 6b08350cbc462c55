package render

import (
	"errors"
	"fmt"
	"syscall"
	"testing"
)

// fullDisk accepts room bytes, then fails every write as a full disk does.
type fullDisk struct{ room int }

func (d *fullDisk) Write(p []byte) (int, error) {
	if len(p) <= d.room {
		d.room -= len(p)
		return len(p), nil
	}
	n := d.room
	d.room = 0
	return n, syscall.ENOSPC
}

// Every writer, for findings and for reports, reports a write that failed, whenever it fails
// (the first byte, mid-table, at the final flush), and never panics: a report that could not
// be written is exit 2 with the reason, not an exit 1 in silence (issue 11.25).
func TestEveryWriterReportsAFullDisk(t *testing.T) {
	results := append(seedResults(t), unreadable("旧稿.doc", "不支持 .doc 格式"))
	type maker func(w *fullDisk) (Renderer, error)
	makers := map[string]maker{}
	for _, format := range []string{"plain", "pretty", "json", "sarif", "github"} {
		makers["--format "+format] = func(w *fullDisk) (Renderer, error) { return New(format, w, Options{Version: "t"}) }
	}
	for _, kind := range []string{".xlsx", ".csv", ".html", ".json"} {
		makers["--report "+kind] = func(w *fullDisk) (Renderer, error) { return NewSummary(kind, w, Options{Version: "t"}) }
	}
	for name, mk := range makers {
		for _, room := range []int{0, 1, 100, 2000, 20000} {
			t.Run(fmt.Sprint(name, " room ", room), func(t *testing.T) {
				w := &fullDisk{room: room}
				r, err := mk(w)
				if err != nil {
					t.Fatal(err)
				}
				var first error
				for i := range results {
					if err := r.File(&results[i]); err != nil && first == nil {
						first = err
					}
				}
				if err := r.Close(Summary{Files: len(results)}); err != nil && first == nil {
					first = err
				}
				if w.room == 0 && !errors.Is(first, syscall.ENOSPC) {
					t.Errorf("the disk filled up, but the error is %v", first)
				}
			})
		}
	}
}
