package input

import "syscall"

// pseudoFS reports whether the open file fd is on one of the kernel's pseudo-filesystems,
// whose files call themselves regular and empty but may block when read (/proc/kmsg) or never
// end.
func pseudoFS(fd int) bool {
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
