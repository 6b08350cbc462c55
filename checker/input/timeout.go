package input

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// A file that calls itself regular may still never answer: a FUSE mount whose daemon hangs, a
// network share whose server went away. Go cannot cancel such a read, so each file is read on
// a goroutine of its own, and a caller that waited long enough moves on: the file is
// unreadable ("读取超时"), the batch goes on. The goroutine stays stuck in the kernel; at most
// maxStuck may be, after which no file is read any more (each says why), so that a dead mount
// cannot take one thread per file of a batch of thousands. The goroutine, its channels and its
// timer cost 3–5 µs of CPU a file (BenchmarkReadFile, bounded against direct), under 1 % of
// checking it.

// DefaultReadTimeout is how long finding and opening a file may take, and then reading it, plus
// a second per MB of its size: far more than a local disk or a working network share needs.
const DefaultReadTimeout = 30 * time.Second

// maxStuck is how many reads that ran out of time may still be hanging before no file is read.
const maxStuck = 8

var readTimeout atomic.Int64

func init() { readTimeout.Store(int64(DefaultReadTimeout)) }

// SetReadTimeout sets the time a file may take to open, and then to read plus a second per MB
// (--read-timeout). It applies to every read that starts afterwards.
func SetReadTimeout(d time.Duration) {
	if d > 0 {
		readTimeout.Store(int64(d))
	}
}

// openAndRead opens path, checks what it is (listed: as openRegular), says its size and reads it
// into spare's storage (grown as needed); the tests replace it with one that hangs.
var openAndRead = func(path string, listed bool, spare []byte, size func(int64)) ([]byte, error) {
	f, n, err := openRegular(path, listed)
	if err != nil {
		return spare[:0], err
	}
	defer f.Close()
	if n > maxBytes {
		return spare[:0], tooLarge(n)
	}
	size(n)
	return readAll(f, n, spare)
}

// readAll reads f, whose size fstat gave as size, to its end into spare's storage (grown as
// needed), or refuses it once it holds more than maxBytes. Sized from fstat, the buffer takes the
// file in one read (io.ReadAll would grow it from 512 bytes), with room to spare: a read that
// returns the size fstat gave, short of the room offered, has read the file to its end (a
// regular file's read stops short only there), so the read that would return 0 at the end is
// left out, one system call a file. A file that grew meanwhile is read on to its end.
func readAll(f io.Reader, size int64, spare []byte) ([]byte, error) {
	data := slices.Grow(spare[:0], int(size)+bytes.MinRead)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		room := data[len(data):cap(data)]
		m, err := f.Read(room)
		data = data[:len(data)+m]
		switch {
		case err == io.EOF:
			return data, nil
		case err != nil:
			return data[:0], openError(err)
		case len(data) > maxBytes:
			return data[:0], tooLarge(int64(len(data)))
		case m < len(room) && int64(len(data)) == size:
			return data, nil
		}
	}
}

// stuck holds the reads that ran out of time and have not returned, by path.
var stuck struct {
	sync.Mutex
	n     int
	paths map[string]int
}

// aRead is one read in flight; finished and abandoned are guarded by stuck's lock.
type aRead struct {
	finished, abandoned bool
	data                []byte
	err                 error
}

// readBounded is openAndRead within the read timeout. On time it returns what openAndRead
// returned (data holds spare's storage, even with an error); out of time it returns nil and
// an *Unreadable, and the read, still hanging, keeps spare.
func readBounded(path string, listed bool, spare []byte) ([]byte, error) {
	stuck.Lock()
	if stuck.paths[path] > 0 {
		stuck.Unlock()
		return nil, &Unreadable{"读取超时：此前读取它时已超时且仍未返回（所在的磁盘、网络盘或挂载点无响应）"}
	}
	if stuck.n >= maxStuck {
		n := stuck.n
		stuck.Unlock()
		return nil, &Unreadable{fmt.Sprintf("未读取：已有 %d 个文件读取超时且仍未返回（所在的磁盘、网络盘或挂载点无响应），不再读取其他文件", n)}
	}
	stuck.Unlock()

	timeout := time.Duration(readTimeout.Load())
	r := &aRead{}
	sizes := make(chan int64, 1)
	done := make(chan struct{})
	go func() {
		data, err := openAndRead(path, listed, spare, func(n int64) { sizes <- n })
		stuck.Lock()
		r.data, r.err, r.finished = data, err, true
		if r.abandoned {
			stuck.n--
			if stuck.paths[path]--; stuck.paths[path] == 0 {
				delete(stuck.paths, path)
			}
		}
		stuck.Unlock()
		close(done)
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		select {
		case n := <-sizes:
			// Opened: now the read gets the timeout again, and a second per MB.
			timer.Reset(timeout + time.Duration(n>>20)*time.Second)
			continue
		case <-done:
			return r.data, r.err
		case <-timer.C:
		}
		stuck.Lock()
		if r.finished {
			stuck.Unlock()
			<-done
			return r.data, r.err
		}
		r.abandoned = true
		stuck.n++
		if stuck.paths == nil {
			stuck.paths = map[string]int{}
		}
		stuck.paths[path]++
		stuck.Unlock()
		return nil, &Unreadable{fmt.Sprintf("读取超时：%s 内未能读完（所在的磁盘、网络盘或挂载点无响应），已跳过，其他文件照常检查", timeout)}
	}
}
