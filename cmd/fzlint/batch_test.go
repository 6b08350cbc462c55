package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/docxgen"
)

type jsonRun struct {
	Files []struct {
		Path        string `json:"path"`
		Error       *string
		Diagnostics []struct {
			Rule, Message string
		} `json:"diagnostics"`
	} `json:"files"`
	Summary struct {
		Files, Unreadable int
	} `json:"summary"`
}

func runJSON(t *testing.T, args ...string) (jsonRun, int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"check", "--format", "json"}, args...), strings.NewReader(""), &out, &errb)
	var res jsonRun
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("output is not JSON (%v):\n%s\nstderr: %s", err, out.String(), errb.String())
	}
	return res, code, errb.String()
}

func TestBatchWithBadFilesChecksEveryGoodFileAndNamesEachBadOne(t *testing.T) {
	seed, err := os.ReadFile("../../testdata/seeds/003_7f633bab698fbd83.txt")
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile("../../testdata/html/003_7f633bab698fbd83.gbk.html")
	if err != nil {
		t.Fatal(err)
	}
	txt, _ := input.DecodeText(seed)
	dir := t.TempDir()
	write := func(rel string, data []byte, mode os.FileMode) string {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := map[string]bool{}
	for _, name := range []string{"a/01.txt", "a/02.md", "b/03.txt", "c/04.txt"} {
		write(name, seed, 0o644)
		good[name] = true
	}
	write("b/05.docx", docxgen.NumberedReport(txt.Lines), 0o644)
	good["b/05.docx"] = true
	write("b/06.html", page, 0o644)
	good["b/06.html"] = true

	bad := map[string]string{
		"a/corrupt.docx": "ZIP 压缩包已损坏",
		"a/empty.txt":    "文件为空",
		"a/binary.txt":   "二进制文件",
		"a/bomb.docx":    "过大",
		"a/nodoc.docx":   "缺少正文",
		"a/loop.txt":     "符号链接循环",
	}
	write("a/corrupt.docx", []byte("PK\x03\x04 not really a zip"), 0o644)
	write("a/empty.txt", nil, 0o644)
	write("a/binary.txt", []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 3, 0, 0}, 0o644)
	write("a/bomb.docx", docxgen.Bomb("word/document.xml", 100), 0o644)
	write("a/nodoc.docx", docxgen.Zip(map[string]string{"word/styles.xml": docxgen.Styles(nil)}), 0o644)
	if err := os.Symlink("loop.txt", filepath.Join(dir, "a/loop.txt")); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		write("a/secret.txt", seed, 0o000)
		bad["a/secret.txt"] = "没有读取权限"
	}
	// Not reports, or ignored: never listed.
	write("x.txt/inner.txt", seed, 0o644) // a directory named x.txt is walked, not read
	good["x.txt/inner.txt"] = true
	write("a/~$01.docx", []byte("lock"), 0o644)
	write("a/photo.jpg", []byte("\xff\xd8\xff"), 0o644)
	write(".fzlintignore", []byte("# old drafts\nold/\n*.bak.txt\n"), 0o644)
	write("old/07.txt", []byte("XX"), 0o644)
	write("c/08.bak.txt", []byte("XX"), 0o644)

	res, code, stderr := runJSON(t, "--jobs", "3", dir)
	if code != exitTrouble {
		t.Errorf("exit %d, want %d (an unreadable file)", code, exitTrouble)
	}
	seen := map[string]bool{}
	for _, f := range res.Files {
		rel := filepath.ToSlash(strings.TrimPrefix(f.Path, dir+string(filepath.Separator)))
		seen[rel] = true
		switch {
		case good[rel]:
			if f.Error != nil {
				t.Errorf("%s: a good file was not read: %s", rel, *f.Error)
			}
			if len(f.Diagnostics) == 0 {
				t.Errorf("%s: no findings; seed 003 has some", rel)
			}
		case bad[rel] != "":
			if f.Error == nil || !strings.Contains(*f.Error, bad[rel]) {
				t.Errorf("%s: error %v, want one saying %q", rel, f.Error, bad[rel])
			}
			if len(f.Diagnostics) != 1 || f.Diagnostics[0].Rule != "input/unreadable" {
				t.Errorf("%s: diagnostics %v, want one input/unreadable", rel, f.Diagnostics)
			}
		default:
			t.Errorf("%s listed; it should have been skipped (ignored, a lock file, or not a report)", rel)
		}
	}
	for name := range good {
		if !seen[name] {
			t.Errorf("%s was not checked", name)
		}
	}
	for name := range bad {
		if !seen[name] {
			t.Errorf("%s was not reported", name)
		}
	}
	if res.Summary.Unreadable != len(bad) || res.Summary.Files != len(good)+len(bad) {
		t.Errorf("summary %+v, want %d files, %d unreadable", res.Summary, len(good)+len(bad), len(bad))
	}
	if strings.Contains(stderr, "panic") || strings.Contains(stderr, "检查中") {
		t.Errorf("stderr: %s", stderr)
	}
}

func TestFilesGivenByNameAreReadWhateverTheyAre(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "x.txt"), 0o755)
	os.WriteFile(filepath.Join(dir, "r.doc"), []byte("\xd0\xcf\x11\xe0"), 0o644)
	os.WriteFile(filepath.Join(dir, "r.pdf"), []byte("%PDF-1.7"), 0o644)
	res, code, _ := runJSON(t, filepath.Join(dir, "r.doc"), filepath.Join(dir, "gone.txt"), filepath.Join(dir, "r.pdf"))
	if code != exitTrouble || len(res.Files) != 3 {
		t.Fatalf("exit %d, %d files", code, len(res.Files))
	}
	for i, want := range []string{"另存为 .docx", "文件不存在", "PDF"} {
		if e := res.Files[i].Error; e == nil || !strings.Contains(*e, want) {
			t.Errorf("file %d: error %v, want one saying %q", i, e, want)
		}
	}
	if _, err := input.ReadFile(filepath.Join(dir, "x.txt")); err == nil || !strings.Contains(err.Error(), "是目录") {
		t.Errorf("reading a directory named x.txt: %v", err)
	}
	if _, err := input.ReadFile("/dev/zero"); err == nil || !input.IsUnreadable(err) {
		t.Errorf("reading a device: %v", err)
	}
}
