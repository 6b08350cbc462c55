// Package fusetest mounts a FUSE file system whose files look like ordinary regular files but
// never answer a read: what a hung network share or FUSE daemon is to a program reading it.
// It speaks the kernel's FUSE protocol on /dev/fuse itself (no library, no fusermount), so it
// needs root (CAP_SYS_ADMIN) and /dev/fuse; a test that uses it fails without them.
package fusetest

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"syscall"
	"testing"
)

// The FUSE opcodes and sizes used here (include/uapi/linux/fuse.h).
const (
	opLookup  = 1
	opForget  = 2
	opGetattr = 3
	opOpen    = 14
	opRead    = 15
	opRelease = 18
	opFlush   = 25
	opInit    = 26
	opInterr  = 36
	opDestroy = 38
	opBForget = 42

	inHeader  = 40
	outHeader = 16
	attrSize  = 88
)

// Hung mounts a file system at a new directory holding regular files of the given names, each
// size bytes long, whose reads never return until the test ends; it returns the mount point.
// Looking a file up, stat and open answer at once, as they would on a share that hung between
// the listing and the read.
func Hung(t *testing.T, size int, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	dev, err := os.OpenFile("/dev/fuse", os.O_RDWR, 0)
	if err != nil {
		t.Fatalf("fusetest: opening /dev/fuse (run the tests as root, as .ci/run does): %v", err)
	}
	opts := fmt.Sprintf("fd=%d,rootmode=40000,user_id=0,group_id=0,allow_other", dev.Fd())
	if err := syscall.Mount("fzlint-hung", dir, "fuse.fzlint-hung", syscall.MS_NOSUID|syscall.MS_NODEV, opts); err != nil {
		dev.Close()
		t.Fatalf("fusetest: mounting a FUSE file system needs root (CAP_SYS_ADMIN), as .ci/run has: %v", err)
	}
	s := &server{dev: dev, size: uint64(size), nodes: map[string]uint64{}}
	for i, n := range names {
		s.nodes[n] = uint64(i + 2)
	}
	go s.serve()
	// Once the mount is detached and the processes that used it are gone, the kernel ends
	// the connection: the reads still waiting fail and the server's read of the device ends
	// (the device is closed by the server then, so its descriptor cannot be reused under it).
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

type server struct {
	dev   *os.File
	size  uint64
	nodes map[string]uint64 // name → node id (the root is 1)
}

func (s *server) serve() {
	defer s.dev.Close()
	buf := make([]byte, 1<<20+4096)
	for {
		n, err := syscall.Read(int(s.dev.Fd()), buf)
		if err != nil {
			if errors.Is(err, syscall.EINTR) || errors.Is(err, syscall.ENOENT) || errors.Is(err, syscall.EAGAIN) {
				continue // interrupted, or a request withdrawn before it was read
			}
			return // ENODEV: unmounted
		}
		if n < inHeader {
			continue
		}
		req := buf[:n]
		op := binary.LittleEndian.Uint32(req[4:])
		unique := binary.LittleEndian.Uint64(req[8:])
		node := binary.LittleEndian.Uint64(req[16:])
		body := req[inHeader:]
		switch op {
		case opInit:
			out := make([]byte, 64)
			binary.LittleEndian.PutUint32(out[0:], 7)  // major
			binary.LittleEndian.PutUint32(out[4:], 31) // minor
			binary.LittleEndian.PutUint32(out[8:], binary.LittleEndian.Uint32(body[8:]))
			binary.LittleEndian.PutUint32(out[20:], 1<<16) // max_write
			binary.LittleEndian.PutUint32(out[24:], 1)     // time_gran
			s.reply(unique, 0, out)
		case opLookup:
			id, ok := s.nodes[string(body[:max(0, len(body)-1)])]
			if node != 1 || !ok {
				s.reply(unique, -int32(syscall.ENOENT), nil)
				continue
			}
			out := make([]byte, 40+attrSize)
			binary.LittleEndian.PutUint64(out[0:], id)
			s.attr(out[40:], id)
			s.reply(unique, 0, out)
		case opGetattr:
			out := make([]byte, 16+attrSize)
			s.attr(out[16:], node)
			s.reply(unique, 0, out)
		case opOpen:
			out := make([]byte, 16)
			binary.LittleEndian.PutUint32(out[8:], 1) // FOPEN_DIRECT_IO: every read asks
			s.reply(unique, 0, out)
		case opRead:
			// Not answered: the reader waits until it is interrupted.
		case opInterr:
			// A signal for the reader (its process exits): the read fails with EINTR, as a
			// daemon stuck on the data but still serving interrupts answers. Without this, a
			// process whose read was sent cannot exit until the file system answers.
			s.reply(binary.LittleEndian.Uint64(body), -int32(syscall.EINTR), nil)
		case opForget, opBForget, opDestroy:
			// No reply.
		case opFlush, opRelease:
			s.reply(unique, 0, nil)
		default:
			s.reply(unique, -int32(syscall.ENOSYS), nil)
		}
	}
}

// attr fills a fuse_attr: the root is a directory, every other node a regular file of size
// bytes, owned by root.
func (s *server) attr(b []byte, node uint64) {
	binary.LittleEndian.PutUint64(b[0:], node)
	mode, nlink, size := uint32(syscall.S_IFDIR|0o755), uint32(2), uint64(0)
	if node != 1 {
		mode, nlink, size = syscall.S_IFREG|0o644, 1, s.size
	}
	binary.LittleEndian.PutUint64(b[8:], size)
	binary.LittleEndian.PutUint64(b[16:], (size+511)/512)
	binary.LittleEndian.PutUint32(b[60:], mode)
	binary.LittleEndian.PutUint32(b[64:], nlink)
	binary.LittleEndian.PutUint32(b[80:], 4096) // blksize
}

func (s *server) reply(unique uint64, errno int32, body []byte) {
	out := make([]byte, outHeader+len(body))
	binary.LittleEndian.PutUint32(out[0:], uint32(len(out)))
	binary.LittleEndian.PutUint32(out[4:], uint32(errno))
	binary.LittleEndian.PutUint64(out[8:], unique)
	copy(out[outHeader:], body)
	syscall.Write(int(s.dev.Fd()), out)
}
