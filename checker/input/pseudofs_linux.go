package input

import "syscall"

// pseudoFS reports whether path is on one of the kernel's pseudo-filesystems, whose files call
// themselves regular and empty but may block when read (/proc/kmsg) or never end.
func pseudoFS(path string) bool {
	var st syscall.Statfs_t
	if syscall.Statfs(path, &st) != nil {
		return false
	}
	switch uint64(st.Type) {
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
