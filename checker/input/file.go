package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// ReadFile reads a file to check, refusing what cannot be a report before reading it: a
// directory, a device or pipe (reading one could block or never end), a file of the kernel's
// pseudo-filesystems (/proc, /sys: /proc/kmsg blocks), a file larger than a report can be.
// A file that does not answer in time (a hung FUSE or network mount) is given up on
// (readBounded). Every error is an *Unreadable with a reason in Chinese.
func ReadFile(path string) ([]byte, error) {
	return ReadFileInto(path, new(bytes.Buffer))
}

// ReadSideFile reads a file that configures a run (--rules, --config, --baseline, a
// .fzlint.toml or .fzlintignore found beside the reports) with the checks a report gets:
// what ReadFile refuses is refused here, with the same reasons.
func ReadSideFile(path string) ([]byte, error) {
	return ReadFile(path)
}

// ReadFileInto is ReadFile reading into buf, emptied first, for a batch that reuses one buffer
// per worker. The bytes returned are buf's: they are valid until buf is used again. Nothing
// that Read returns refers to them.
func ReadFileInto(path string, buf *bytes.Buffer) ([]byte, error) {
	return readInto(path, false, buf)
}

// ReadListedFileInto is ReadFileInto for a file that a directory listing gave as a regular file
// (fs.DirEntry.Type, which does not follow links): what the listing said is not asked again
// before opening it, and a link found in its place instead is checked as ReadFileInto checks
// any path. Whatever the file has become since, only a regular file is read.
func ReadListedFileInto(path string, buf *bytes.Buffer) ([]byte, error) {
	return readInto(path, true, buf)
}

func readInto(path string, listed bool, buf *bytes.Buffer) ([]byte, error) {
	buf.Reset()
	// The read owns buf's storage until it returns; one that never does keeps it, and buf
	// starts afresh.
	spare := buf.AvailableBuffer()
	*buf = bytes.Buffer{}
	data, err := readBounded(path, listed, spare)
	if data != nil {
		*buf = *bytes.NewBuffer(data)
	}
	if err != nil {
		return nil, err
	}
	return data, nil
}

// ReadStdin reads standard input with the size limit of a file.
func ReadStdin(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return nil, openError(err)
	}
	if len(data) > maxBytes {
		return nil, tooLarge(int64(len(data)))
	}
	return data, nil
}

func tooLarge(size int64) error {
	if size <= maxBytes {
		return &Unreadable{"文件过大，不像是一份报告"}
	}
	return &Unreadable{fmt.Sprintf("文件过大（超过 %d MB），不像是一份报告", maxBytes>>20)}
}

// notRegular is the reason a file of this kind is not read, nil for a regular file: a
// directory (saying whether it could be listed) or anything else that is not a plain file.
func notRegular(path string, dir, regular bool) error {
	switch {
	case dir:
		return dirError(path)
	case !regular:
		return &Unreadable{"不是普通文件（设备、管道或套接字）"}
	}
	return nil
}

// The reasons a file that was opened is not read.
var (
	errReplaced = &Unreadable{"文件在读取时被替换，请重试"}
	errPseudoFS = &Unreadable{"是系统的虚拟文件（/proc、/sys 之类），不是报告"}
)

// dirError is the reason a directory given as a file cannot be read: a directory that cannot
// be listed says why, so that a folder the user may not read is not taken for a mistake.
func dirError(path string) error {
	d, err := os.Open(path)
	if err == nil {
		_, err = d.ReadDir(1)
		d.Close()
		if err == io.EOF {
			err = nil
		}
	}
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return &Unreadable{"目录无法列出：没有读取权限"}
		}
		return &Unreadable{"目录无法列出：" + unwrapPath(err).Error()}
	}
	return &Unreadable{"是目录，不是文件"}
}

// openError says in Chinese why a file could not be opened or read.
func openError(err error) error {
	var u *Unreadable
	switch {
	case errors.As(err, &u):
		return err
	case errors.Is(err, fs.ErrNotExist):
		return &Unreadable{"文件不存在（或已被删除）"}
	case errors.Is(err, fs.ErrPermission):
		return &Unreadable{"没有读取权限"}
	case errors.Is(err, syscall.ELOOP):
		return &Unreadable{"符号链接循环，无法打开"}
	case errors.Is(err, syscall.EISDIR):
		return &Unreadable{"是目录，不是文件"}
	case errors.Is(err, syscall.EAGAIN):
		return &Unreadable{"读取会阻塞（不是普通文件）"}
	}
	return &Unreadable{"读取失败：" + unwrapPath(err).Error()}
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
