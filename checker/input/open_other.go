//go:build !unix

package input

import "os"

// openRegular opens a regular file for reading, following symbolic links only to one, and
// returns it with its size; see the Unix build for why the kind is checked before opening.
// Systems without O_NONBLOCK/O_NOCTTY (Windows, js/wasm for the browser page) open files
// plainly; the checks before and after opening still apply, and no pseudo-filesystem is known.
// Listed is the Unix build's hint; these systems stat every file.
func openRegular(path string, _ bool) (*os.File, int64, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, 0, openError(err)
	}
	if err := notRegular(path, info.IsDir(), info.Mode().IsRegular()); err != nil {
		return nil, 0, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, openError(err)
	}
	now, err := f.Stat()
	switch {
	case err != nil:
		err = openError(err)
	case !os.SameFile(info, now):
		err = errReplaced
	default:
		err = notRegular(path, now.IsDir(), now.Mode().IsRegular())
	}
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, now.Size(), nil
}
