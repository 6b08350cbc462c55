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
	"github.com/xuri/excelize/v2"
)

type jsonRun struct {
	Files []struct {
		Path        string `json:"path"`
		Error       *string
		Diagnostics []struct {
			Rule, Message string
		} `json:"diagnostics"`
	} `json:"files"`
	Skipped []struct {
		Path, Reason string
	} `json:"skipped"`
	Summary struct {
		Files, Unreadable, Skipped int
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
	write("a/材料.zip", []byte("PK\x05\x06"+strings.Repeat("\x00", 18)), 0o644)
	write("a/notes.out", []byte("x"), 0o644)
	write(".git/HEAD", []byte("ref"), 0o644)
	write("c/.DS_Store", []byte("x"), 0o644)
	write("b/报告.rtf", []byte("{\\rtf1 x}"), 0o644)
	bad["b/报告.rtf"] = "不支持的文件类型"

	xlsx := filepath.Join(t.TempDir(), "汇总.xlsx")
	res, code, stderr := runJSON(t, "--jobs", "3", "--report", xlsx, dir)
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
	countEveryFile(t, dir, res)

	// The supervisor's table has a row for every file, checked, unreadable or skipped.
	status := summaryStatus(t, xlsx)
	if len(status) != len(res.Files)+len(res.Skipped) {
		t.Errorf("the table has %d rows, the run %d files and %d skipped", len(status), len(res.Files), len(res.Skipped))
	}
	for _, k := range res.Skipped {
		if status[k.Path] != "跳过："+k.Reason {
			t.Errorf("%s: table says %q, want 跳过：%s", k.Path, status[k.Path], k.Reason)
		}
	}
	for _, f := range []string{"a/~$01.docx", "a/photo.jpg", "a/材料.zip", ".git", "old", "c/08.bak.txt"} {
		if _, ok := status[filepath.Join(dir, filepath.FromSlash(f))]; !ok {
			t.Errorf("%s is not in the table", f)
		}
	}
}

// countEveryFile checks that every regular file under dir is in the run's "files" or
// "skipped", or under a directory listed in "skipped", exactly once; and that each skipped
// entry has a reason and the summary counts them.
func countEveryFile(t *testing.T, dir string, res jsonRun) {
	t.Helper()
	listed := map[string]int{}
	for _, f := range res.Files {
		listed[f.Path]++
	}
	var skippedDirs []string
	for _, k := range res.Skipped {
		if k.Reason == "" {
			t.Errorf("%s skipped without a reason", k.Path)
		}
		if info, err := os.Stat(k.Path); err == nil && info.IsDir() {
			skippedDirs = append(skippedDirs, k.Path+string(filepath.Separator))
			continue
		}
		listed[k.Path]++
	}
	onDisk := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		onDisk++
		under := 0
		for _, sd := range skippedDirs {
			if strings.HasPrefix(p, sd) {
				under++
			}
		}
		if n := listed[p] + under; n != 1 {
			t.Errorf("%s is listed %d times (files, skipped, or under a skipped directory), want once", p, n)
		}
		return nil
	})
	if onDisk == 0 {
		t.Fatal("no file on disk")
	}
	if res.Summary.Skipped != len(res.Skipped) {
		t.Errorf("summary counts %d skipped, the list has %d", res.Summary.Skipped, len(res.Skipped))
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

// summaryStatus reads the .xlsx summary's 汇总 sheet: each file's path (the first column) and its
// status (the last), the totals row left out.
func summaryStatus(t *testing.T, xlsx string) map[string]string {
	t.Helper()
	book, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, err := book.GetRows("汇总")
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, row := range rows[1:] {
		if len(row) > 0 && !strings.HasPrefix(row[0], "合计") {
			status[row[0]] = row[len(row)-1]
		}
	}
	return status
}
