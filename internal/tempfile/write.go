package tempfile

import (
	"os"
	"path/filepath"
)

// Replace creates or replaces the file at path with data so that nothing half-written is ever
// seen there: the data goes to a temporary file in the same directory (made by Create, so an
// interrupted run removes it), prepare gives that file its owner and mode, it is synced and
// closed, check takes a last look (an error leaves path untouched), and it is renamed over
// path; then the directory is synced, so that the rename itself survives a crash. A crash or
// an error at any point leaves either the old file or the new one, never half of each, and no
// temporary file. prepare and check may be nil (the file then has mode 0644).
func Replace(path string, data []byte, prepare func(tmp *os.File) error, check func() error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := Create(dir, "."+filepath.Base(path)+".fzlint-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if prepare == nil {
		prepare = func(f *os.File) error { return f.Chmod(0o644) }
	}
	if err = prepare(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if check != nil {
		if err = check(); err != nil {
			return err
		}
	}
	if err = Rename(tmp.Name(), path); err != nil {
		return err
	}
	// A directory that cannot be synced is not an error: the data is whole either way.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
