//go:build unix

package input

import (
	"io"
	"syscall"
)

// openRegular opens a regular file for reading, following symbolic links only to one, and
// returns it with its size. Per file that is stat, openat, fstat, fstatfs (Linux, for a file
// system without a device: pseudoFS) and, to read it, read to EOF and close: the system calls
// themselves, not os.File's, which would also try to register the descriptor with the
// runtime's poller (epoll_ctl, refused for a regular file). A file that a directory listing
// gave as regular (listed: its entry's type, not a link) is not stat'ed again: see below.
//
// What could block or never end is refused before it is opened: a directory, a device, a pipe,
// a socket. That takes the stat before the open: opening is not harmless for every device even
// if nothing is read (opening /dev/watchdog arms a watchdog that reboots the machine unless it
// is closed in a particular way, closing a tape device rewinds it, opening a serial port resets
// some boards, opening a FIFO wakes a writer waiting for a reader), and a path named on the
// command line or met in a walk may be such a node or a link to one. The stat costs a few
// microseconds a file, under 1 % of checking it (README, "Reading files (issue 15)").
//
// Once open (without blocking, so that a FIFO swapped in after the stat cannot hang the run,
// and not as a controlling terminal), the descriptor must still be the file checked and a
// regular one, and must not be on a pseudo-filesystem (/proc, /sys: asked of the descriptor,
// unless its device says it is on a disk); only then is it read.
//
// A listed file's kind is known from the listing (the directory's entry, as lstat would give
// it), so its stat would only tell again what the listing told: it is opened straight away, but
// without following a link (O_NOFOLLOW), so that a link put in its place since cannot lead the
// open to a device; such a link is then checked as any path named. What the listing gave as a
// device or FIFO is not listed, and goes through the stat.
func openRegular(path string, listed bool) (regularFile, int64, error) {
	var before, now syscall.Stat_t
	flags := syscall.O_RDONLY | syscall.O_NONBLOCK | syscall.O_NOCTTY | syscall.O_CLOEXEC
	if listed {
		flags |= syscall.O_NOFOLLOW
	} else {
		if err := ignoringEINTR(func() error { return syscall.Stat(path, &before) }); err != nil {
			return -1, 0, openError(err)
		}
		if err := notRegularMode(path, before.Mode); err != nil {
			return -1, 0, err
		}
	}
	var fd int
	err := ignoringEINTR(func() (err error) {
		fd, err = syscall.Open(path, flags, 0)
		return err
	})
	if listed && err == syscall.ELOOP {
		return openRegular(path, false) // a link now: checked as a path named
	}
	if err != nil {
		if pseudoPath(path) {
			// Refused for what it is, rather than for the permission (/proc/kmsg without
			// CAP_SYSLOG).
			return -1, 0, errPseudoFS
		}
		return -1, 0, openError(err)
	}
	err = ignoringEINTR(func() error { return syscall.Fstat(fd, &now) })
	switch {
	case err != nil:
		err = openError(err)
	case !listed && (now.Dev != before.Dev || now.Ino != before.Ino):
		err = errReplaced
	default:
		// Of the same inode number, still: the file may have been deleted and its number given to
		// a new node.
		err = notRegularMode(path, now.Mode)
	}
	if err == nil && pseudoFS(fd, uint64(now.Dev)) {
		err = errPseudoFS
	}
	if err != nil {
		syscall.Close(fd)
		return -1, 0, err
	}
	return regularFile(fd), now.Size, nil
}

// notRegularMode is notRegular for the mode bits of a stat.
func notRegularMode[M uint16 | uint32](path string, mode M) error {
	t := uint32(mode) & syscall.S_IFMT
	return notRegular(path, t == syscall.S_IFDIR, t == syscall.S_IFREG)
}

// regularFile is the descriptor of a file openRegular opened.
type regularFile int

// Read reads from the file with read(2); it returns io.EOF at the end.
func (f regularFile) Read(p []byte) (int, error) {
	var n int
	err := ignoringEINTR(func() (err error) {
		n, err = syscall.Read(int(f), p)
		return err
	})
	switch {
	case err != nil:
		return 0, err
	case n == 0 && len(p) > 0:
		return 0, io.EOF
	}
	return n, nil
}

// Close closes the file; as os.File does, it does not retry on EINTR (the descriptor is gone
// either way on Linux).
func (f regularFile) Close() error { return syscall.Close(int(f)) }

// ignoringEINTR retries a system call that a signal interrupted (the runtime's preemption
// signals can, on network and FUSE file systems), as package os does.
func ignoringEINTR(call func() error) error {
	for {
		if err := call(); err != syscall.EINTR {
			return err
		}
	}
}
