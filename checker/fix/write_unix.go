//go:build unix

package fix

import (
	"os"
	"syscall"
)

// owner is what WriteFile keeps of a file besides its mode.
type owner struct {
	uid, gid int
	links    uint64
	known    bool
}

func ownerOf(info os.FileInfo) owner {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return owner{links: 1}
	}
	return owner{uid: int(st.Uid), gid: int(st.Gid), links: uint64(st.Nlink), known: true}
}

// keepOwner gives the temporary file the owner and group of the file it replaces (as root, or
// a user who owns the file and belongs to its group; anyone else gets an error).
func keepOwner(tmp *os.File, o owner) error {
	if !o.known {
		return nil
	}
	return tmp.Chown(o.uid, o.gid)
}

// writable reports whether the file may be written: for root, whether its owner may (root may
// write anything, but a file made read-only is not to be changed); for anyone else, what the
// kernel says.
func writable(path string, info os.FileInfo, o owner) bool {
	if os.Geteuid() == 0 {
		return info.Mode().Perm()&0o200 != 0
	}
	return syscall.Access(path, 2 /* W_OK */) == nil
}
