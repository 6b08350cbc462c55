package input

import "syscall"

// pseudoFS reports whether the open file fd, of device dev (its st_dev), is on one of the
// kernel's pseudo-filesystems, whose files call themselves regular and empty but may block when
// read (/proc/kmsg) or never end. None of them is on a device: they are all "nodev" file systems
// (/proc/filesystems), which the kernel numbers with its anonymous devices, of major number 0.
// So a file on a disk's file system (major not 0: st_dev says so) is not asked about, and most
// files cost one system call less.
func pseudoFS(fd int, dev uint64) bool {
	if devMajor(dev) != 0 {
		return false
	}
	var st syscall.Statfs_t
	return ignoringEINTR(func() error { return syscall.Fstatfs(fd, &st) }) == nil && pseudoType(uint32(st.Type))
}

// pseudoPath is pseudoFS for a path, for a file that could not be opened.
func pseudoPath(path string) bool {
	var st syscall.Statfs_t
	return ignoringEINTR(func() error { return syscall.Statfs(path, &st) }) == nil && pseudoType(uint32(st.Type))
}

// pseudoType says whether a file system magic number (statfs f_type, 32 bits on every Linux
// whatever type the field has) is a pseudo-filesystem's.
func pseudoType(t uint32) bool {
	switch t {
	case 0x9fa0, // proc
		0x62656572, // sysfs
		0x64626720, // debugfs
		0x74726163, // tracefs
		0x73636673, // securityfs
		0x62656570, // configfs
		0x27e0eb,   // cgroup
		0x63677270, // cgroup2
		0xcafe4a11, // bpf
		0xde5e81e4, // efivarfs
		0x6165676c: // pstore
		return true
	}
	return false
}

// devMajor is the major number of a device number as Linux gives it (glibc's gnu_dev_major).
func devMajor(dev uint64) uint64 { return dev>>8&0xfff | dev>>32&^0xfff }
