//go:build unix

package input

import "syscall"

// openFlags open a file without blocking on a FIFO and without making a terminal the
// controlling one.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOCTTY
