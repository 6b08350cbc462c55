//go:build unix

package batch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// Expand says which files a walk listed as regular files (their entries' types, which do not
// follow links): those the reader need not stat again. A link, a FIFO, a file named on the
// command line and a folder that could not be listed are not.
func TestExpandSaysWhichFilesAreListedAsRegular(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	for _, f := range []string{"a.txt", "sub/b.docx", "sub.txt"} {
		os.MkdirAll(filepath.Dir(at(f)), 0o755)
		if err := os.WriteFile(at(f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outside, linked := filepath.Join(t.TempDir(), "c.txt"), filepath.Join(t.TempDir(), "d.txt")
	for _, f := range []string{outside, linked} {
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(linked, at("link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(at("fifo.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	files, listed, _ := Expand([]string{dir, outside}, nil)
	var got []string
	for i, f := range files {
		name := filepath.ToSlash(strings.TrimPrefix(f, dir+string(filepath.Separator)))
		if f == outside {
			name = "c.txt"
		}
		if listed[i] {
			name += "+"
		}
		got = append(got, name)
	}
	// Sorted as paths ("sub.txt" before "sub/b.docx"), the named file last and not listed.
	want := "a.txt+ fifo.txt link.txt sub.txt+ sub/b.docx+ c.txt"
	if strings.Join(got, " ") != want {
		t.Errorf("Expand = %s\nwant     %s", strings.Join(got, " "), want)
	}
}

// A file is checked once however many ways it is named — twice on the command line, on the
// command line and found by a walk, through a symbolic link — and each repeat is listed as
// skipped with the first path; a link to a directory met in a walk is skipped, not read, and
// so is fzlint's own annotated copy (报告.fzlint.docx) in a walk, though not when named.
func TestExpandChecksAFileOnce(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	for _, f := range []string{"sub/a.txt", "sub/b.txt", "shared/c.txt", "sub/报告.fzlint.docx"} {
		os.MkdirAll(filepath.Dir(at(f)), 0o755)
		if err := os.WriteFile(at(f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(at("sub/a.txt"), at("sub/link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(at("shared"), at("sub/shared")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	files, _, skipped := Expand([]string{"sub", "sub/b.txt", "./sub/a.txt", "sub/a.txt", "sub/报告.fzlint.docx"}, nil)
	if got, want := strings.Join(files, " "), "sub/a.txt sub/b.txt sub/报告.fzlint.docx"; got != want {
		t.Errorf("files %s, want %s", got, want)
	}
	var got []string
	for _, s := range skipped {
		got = append(got, s.Path+": "+s.Reason)
	}
	for _, want := range []string{
		"sub/link.txt: 与 sub/a.txt 是同一个文件",
		"sub/shared: 指向目录的符号链接",
		"sub/报告.fzlint.docx: fzlint 生成的批注副本",
		"sub/b.txt: 与 sub/b.txt 是同一个文件",
		"./sub/a.txt: 与 sub/a.txt 是同一个文件",
		"sub/a.txt: 与 sub/a.txt 是同一个文件",
	} {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, want) }) {
			t.Errorf("skipped %q, want one starting %q", got, want)
		}
	}
}

// A summary page an earlier run of --report left in the folder is not a report: a walk lists it
// as skipped; a page of another maker is checked.
func TestExpandLeavesOutAnEarlierSummaryPage(t *testing.T) {
	dir := t.TempDir()
	summary := "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n" + SummaryGenerator + "v1\">\n<title>汇总</title>"
	for name, data := range map[string]string{"汇总-1月.html": summary, "报告.html": "<html><body><p>某县人民政府关于2024年度法治政府建设情况的报告</p></body></html>"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, _, skipped := Expand([]string{dir}, nil)
	if len(files) != 1 || filepath.Base(files[0]) != "报告.html" || len(skipped) != 1 || !strings.Contains(skipped[0].Reason, "检查汇总") {
		t.Errorf("files %q, skipped %+v", files, skipped)
	}
}
