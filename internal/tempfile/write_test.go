package tempfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Replace writes a new file or replaces one whole; an error from prepare or check leaves the
// old file as it was and no temporary file beside it.
func TestReplace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	if err := Replace(path, []byte("new"), nil, nil); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("created: %q", b)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644 when prepare is nil", info.Mode())
	}
	stop := errors.New("stop")
	for name, try := range map[string]func() error{
		"prepare": func() error { return Replace(path, []byte("lost"), func(*os.File) error { return stop }, nil) },
		"check":   func() error { return Replace(path, []byte("lost"), nil, func() error { return stop }) },
	} {
		if err := try(); err != stop {
			t.Errorf("%s failing: %v", name, err)
		}
		if b, _ := os.ReadFile(path); string(b) != "new" {
			t.Errorf("%s failing: the file holds %q", name, b)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("%s failing: %d files left in the directory", name, len(entries))
		}
		if len(pending) != 0 {
			t.Errorf("%s failing: %d temporary files still pending", name, len(pending))
		}
	}
	err := Replace(path, []byte("kept mode"), func(f *os.File) error { return f.Chmod(0o600) }, func() error { return nil })
	if b, _ := os.ReadFile(path); err != nil || string(b) != "kept mode" {
		t.Errorf("replaced: %q, %v", b, err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want prepare's 0600", info.Mode())
	}
}
