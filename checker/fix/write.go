package fix

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/tempfile"
)

// Refused is the error of a file that WriteFile would not replace, with the reason in Chinese;
// the file is left exactly as it was.
type Refused struct{ Reason string }

func (e *Refused) Error() string { return e.Reason }

// WriteFile replaces a file's content, which was read as the bytes read, with data. It refuses,
// leaving the file as it is, when replacing it would lose or change anything the user has:
//
//   - the file changed since it was read (an edit made while fzlint ran): it is read again, just
//     before it is replaced, and must still be byte for byte what was read, with the same size,
//     modification time and inode as a moment before;
//   - the file is read-only (no write permission: chmod 444 means no);
//   - the file has other hard links (replacing it would leave them with the old text);
//   - its owner and group cannot be kept (a file of another user, when not run as root).
//
// The data goes to a temporary file in the same directory, which takes the file's owner, group
// and mode (setuid, setgid and sticky bits included), is synced and renamed over it
// (tempfile.Replace), so that a crash leaves either the old file or the new one, never half of
// each. A symbolic link is
// followed: the file it points to is replaced and the link is kept. Extended attributes (ACLs,
// SELinux labels) are not copied.
func WriteFile(path string, data, read []byte) error {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return &Refused{"不是普通文件，未修改"}
	}
	own := ownerOf(info)
	if own.links > 1 {
		return &Refused{fmt.Sprintf("文件有 %d 个硬链接，替换它会使其他链接仍是旧内容；未修改（可先用 --diff 查看修改，手工改正）", own.links)}
	}
	if !writable(path, info, own) {
		return &Refused{"文件是只读的（没有写权限），未修改"}
	}
	return tempfile.Replace(path, data, func(tmp *os.File) error {
		// The owner first: changing it clears the setuid and setgid bits that chmod then sets.
		if err := keepOwner(tmp, own); err != nil {
			return &Refused{"无法保持文件的属主和属组（" + err.Error() + "），未修改"}
		}
		return tmp.Chmod(info.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky))
	}, func() error {
		// The last look before the rename: the file must still be the one that was read.
		return unchanged(path, info, read)
	})
}

// errChanged is the refusal of a file edited while fzlint worked on it.
var errChanged = &Refused{"文件在检查期间被修改过，未覆盖（修改已保留；请重新运行 fzlint check --fix）"}

// unchanged checks that the file at path holds the bytes read and is still the file of info
// (same inode, size and modification time) once they have been compared, so that the window in
// which an edit could be lost is only the rename's.
func unchanged(path string, info os.FileInfo, read []byte) error {
	now, err := input.ReadFile(path)
	if err != nil || !bytes.Equal(now, read) {
		return errChanged
	}
	after, err := os.Stat(path)
	if err != nil || !os.SameFile(info, after) || after.Size() != info.Size() || !after.ModTime().Equal(info.ModTime()) {
		return errChanged
	}
	return nil
}
