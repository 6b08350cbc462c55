package fix_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/fzlint/fzlint/checker/fix"
)

// writeOld makes a file holding "old" with the given mode and returns its path.
func writeOld(t *testing.T, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "报告.txt")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

// wantRefused checks that WriteFile refused and left the file with want and no temporary file.
func wantRefused(t *testing.T, err error, path, want string) {
	t.Helper()
	var r *fix.Refused
	if !errors.As(err, &r) {
		t.Fatalf("err = %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(path); string(b) != want {
		t.Errorf("content = %q, want %q (untouched)", b, want)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".fzlint-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// An edit made between the read and the write is kept: the file is not replaced (issue 11.1).
func TestWriteFileRefusesAFileEditedMeanwhile(t *testing.T) {
	for _, tc := range []struct{ name, now string }{
		{"a line appended", "old\nnew line typed by the drafter"},
		{"same size, other bytes", "olD"},
		{"emptied", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeOld(t, 0o644)
			if err := os.WriteFile(path, []byte(tc.now), 0o644); err != nil {
				t.Fatal(err)
			}
			wantRefused(t, fix.WriteFile(path, []byte("fixed"), []byte("old")), path, tc.now)
		})
	}
	t.Run("replaced by another file (an editor's atomic save) with the same bytes", func(t *testing.T) {
		path := writeOld(t, 0o644)
		other := path + ".new"
		os.WriteFile(other, []byte("old"), 0o644)
		if err := os.Rename(other, path); err != nil {
			t.Fatal(err)
		}
		// Same bytes: nothing is lost by replacing it, and the write goes ahead.
		if err := fix.WriteFile(path, []byte("fixed"), []byte("old")); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(path); string(b) != "fixed" {
			t.Errorf("content = %q", b)
		}
	})
}

// Owner, group and every mode bit (setgid too) are kept (issue 11.2).
func TestWriteFileKeepsOwnerGroupAndMode(t *testing.T) {
	path := writeOld(t, 0o640)
	const uid, gid = 4242, 4343
	chownErr := os.Chown(path, uid, gid)
	if err := os.Chmod(path, 0o640|os.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	err := fix.WriteFile(path, []byte("new"), []byte("old"))
	if chownErr != nil {
		// Not root: the file stays ours, and the mode must still be kept.
		if err != nil {
			t.Fatal(err)
		}
	} else if err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("content = %q", b)
	}
	if info.Mode()&(os.ModePerm|os.ModeSetgid) != 0o640|os.ModeSetgid {
		t.Errorf("mode = %v, want -rw-r----- with setgid", info.Mode())
	}
	if chownErr == nil {
		st := info.Sys().(*syscall.Stat_t)
		if st.Uid != uid || st.Gid != gid {
			t.Errorf("owner = %d:%d, want %d:%d", st.Uid, st.Gid, uid, gid)
		}
	}
}

func mustStat(t *testing.T, path string) *syscall.Stat_t {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Sys().(*syscall.Stat_t)
}

// A file with another hard link is not split into two (issue 11.3).
func TestWriteFileRefusesHardLinks(t *testing.T) {
	path := writeOld(t, 0o644)
	other := filepath.Join(filepath.Dir(path), "副本.txt")
	if err := os.Link(path, other); err != nil {
		t.Fatal(err)
	}
	err := fix.WriteFile(path, []byte("new"), []byte("old"))
	wantRefused(t, err, path, "old")
	if b, _ := os.ReadFile(other); string(b) != "old" {
		t.Errorf("other link = %q", b)
	}
	if st := mustStat(t, path); st.Nlink != 2 {
		t.Errorf("links = %d, want 2 (still one file)", st.Nlink)
	}
}

// chmod 444 means no, even for root (issue 11.4).
func TestWriteFileRefusesReadOnlyFiles(t *testing.T) {
	for _, mode := range []os.FileMode{0o444, 0o400, 0o464} {
		path := writeOld(t, mode)
		wantRefused(t, fix.WriteFile(path, []byte("new"), []byte("old")), path, "old")
		if info, _ := os.Stat(path); info.Mode().Perm() != mode {
			t.Errorf("mode = %v, want %v", info.Mode().Perm(), mode)
		}
	}
}
