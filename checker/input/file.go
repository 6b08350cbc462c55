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
// directory, a device or pipe (reading one could block or never end), a file larger than a
// report can be. Every error is an *Unreadable with a reason in Chinese.
func ReadFile(path string) ([]byte, error) {
	return ReadFileInto(path, new(bytes.Buffer))
}

// ReadFileInto is ReadFile reading into buf, emptied first, for a batch that reuses one buffer
// per worker. The bytes returned are buf's: they are valid until buf is used again. Nothing
// that Read returns refers to them.
func ReadFileInto(path string, buf *bytes.Buffer) ([]byte, error) {
	buf.Reset()
	info, err := os.Stat(path)
	if err != nil {
		return nil, openError(err)
	}
	switch {
	case info.IsDir():
		return nil, &Unreadable{"是目录，不是文件"}
	case !info.Mode().IsRegular():
		return nil, &Unreadable{"不是普通文件（设备、管道或套接字）"}
	case info.Size() > maxBytes:
		return nil, &Unreadable{fmt.Sprintf("文件过大（%d MB），不像是一份报告", info.Size()>>20)}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, openError(err)
	}
	defer f.Close()
	// Sized from Stat, the buffer takes the file in one read (io.ReadAll would grow it from 512
	// bytes); the limit holds if the file grows meanwhile.
	buf.Grow(int(info.Size()) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, maxBytes+1)); err != nil {
		return nil, openError(err)
	}
	data := buf.Bytes()
	if len(data) > maxBytes {
		return nil, &Unreadable{"文件过大，不像是一份报告"}
	}
	return data, nil
}

// openError says in Chinese why a file could not be opened or read.
func openError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Unreadable{"文件不存在（或已被删除）"}
	case errors.Is(err, fs.ErrPermission):
		return &Unreadable{"没有读取权限"}
	case errors.Is(err, syscall.ELOOP):
		return &Unreadable{"符号链接循环，无法打开"}
	case errors.Is(err, syscall.EISDIR):
		return &Unreadable{"是目录，不是文件"}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &Unreadable{"读取失败：" + err.Error()}
}
