// Package tempfile makes the temporary files that fzlint writes and then renames into place
// (--fix, --report, --annotate), and removes those still there when the run is interrupted
// (Ctrl-C, SIGTERM), so that no run leaves one behind.
package tempfile

import (
	"os"
	"sync"
)

var (
	mu      sync.Mutex // held while a file is created, renamed or removed, and for good by RemoveAll
	pending = map[string]bool{}
)

// Create is os.CreateTemp; the file is remembered until Rename or Remove.
func Create(dir, pattern string) (*os.File, error) {
	mu.Lock()
	defer mu.Unlock()
	f, err := os.CreateTemp(dir, pattern)
	if err == nil {
		pending[f.Name()] = true
	}
	return f, err
}

// Rename moves a file made by Create into place.
func Rename(tmp, path string) error {
	mu.Lock()
	defer mu.Unlock()
	err := os.Rename(tmp, path)
	if err == nil {
		delete(pending, tmp)
	}
	return err
}

// Remove removes a file made by Create.
func Remove(tmp string) error {
	mu.Lock()
	defer mu.Unlock()
	delete(pending, tmp)
	return os.Remove(tmp)
}

// RemoveOpen removes a file made by Create that is still open, where the system allows it (not
// Windows), and forgets it; it returns false, and the file stays remembered, where it does not.
func RemoveOpen(tmp string) bool {
	mu.Lock()
	defer mu.Unlock()
	if os.Remove(tmp) != nil {
		return false
	}
	delete(pending, tmp)
	return true
}

// RemoveAll removes every file made by Create and not yet renamed or removed, and keeps the
// lock: it is called on the way out of an interrupted run, and no file may be made or moved
// into place after it. A rename that took place before it is whole.
func RemoveAll() {
	mu.Lock()
	for p := range pending {
		os.Remove(p)
		delete(pending, p)
	}
}
