// Package batch runs the checker over many files: it expands directories in sorted order,
// checks files on a bounded pool of workers, and hands results back in input order, so output
// does not depend on the number of workers and memory does not grow with the batch.
package batch

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/input"
)

// Expand turns the paths given on the command line into the files to check, in order: a file
// is taken as given (whatever its extension: an unsupported one is reported, not skipped), a
// directory is walked recursively in sorted order. What the walk leaves out by rule — hidden
// files and directories, Word lock files, paths listed in .fzlintignore, the assets folder of
// a saved page, kinds that cannot hold a report — is returned in skipped with the reason, so
// that every regular file under a walked directory is either checked or listed. A path that
// cannot be read is returned as it is, so that reading it later reports why. listed[i] says
// whether files[i] was listed by a walk as a regular file (its entry's type, not a link), which
// input.ReadListedFileInto need not ask again.
func Expand(paths []string, ignored func(path string, dir bool) bool) (files []string, listed []bool, skipped []checker.Skip) {
	for _, p := range paths {
		if p == "-" {
			files, listed = append(files, p), append(listed, false)
			continue
		}
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			files, listed = append(files, p), append(listed, false)
			continue
		}
		// A symbolic link to a directory named on the command line is walked as the directory
		// (WalkDir would not follow it); links met inside the walk are not followed to
		// directories, so a loop cannot hold the walk, and a link to a file is read as the file.
		root := p
		if l, err := os.Lstat(p); err == nil && l.Mode()&fs.ModeSymlink != 0 {
			root = p + string(filepath.Separator)
		}
		type foundFile struct {
			path    string
			regular bool // its entry is a regular file's
		}
		var found []foundFile
		var left []checker.Skip
		walkErr := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				// A directory that cannot be listed (the root too) is reported as unreadable
				// when read, with the reason.
				found = append(found, foundFile{path: path})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if path == root {
					return nil
				}
				reason := ""
				switch {
				case strings.HasPrefix(name, "."):
					reason = "隐藏目录，其中的文件都不检查"
				case savedPageAssets(path):
					reason = "网页另存时附带的资源目录（图片、脚本），其中的文件都不检查"
				case ignored != nil && ignored(path, true):
					reason = "列在 " + IgnoreFile + " 中，其中的文件都不检查"
				}
				if reason != "" {
					left = append(left, checker.Skip{Path: path, Reason: reason})
					return fs.SkipDir
				}
				return nil
			}
			reason := input.SkipReason(name)
			switch {
			case reason != "":
			case name == IgnoreFile || name == ".fzlint.toml":
				reason = "fzlint 的配置文件"
			case strings.HasSuffix(strings.ToLower(name), AnnotatedSuffix):
				reason = "fzlint 生成的批注副本（原稿另行检查）"
			case input.KindOf(name) == input.KindHTML && d.Type().IsRegular() && isSummaryPage(path):
				reason = "fzlint 生成的检查汇总（--report），不是报告"
			case d.Type()&fs.ModeSymlink != 0 && isDir(path):
				reason = "指向目录的符号链接：遍历时不跟随（要检查那个目录，请直接指定它）"
			case strings.HasPrefix(name, "."):
				reason = "隐藏文件"
			case ignored != nil && ignored(path, false):
				reason = "列在 " + IgnoreFile + " 中"
			}
			if reason != "" {
				left = append(left, checker.Skip{Path: path, Reason: reason})
				return nil
			}
			found = append(found, foundFile{path, d.Type().IsRegular()})
			return nil
		})
		if walkErr != nil {
			found = append(found, foundFile{path: p})
		}
		slices.SortFunc(found, func(a, b foundFile) int { return strings.Compare(a.path, b.path) })
		sort.Slice(left, func(i, j int) bool { return left[i].Path < left[j].Path })
		for _, f := range found {
			files, listed = append(files, f.path), append(listed, f.regular)
		}
		skipped = append(skipped, left...)
	}
	if len(paths) > 1 || slices.Contains(listed, false) {
		// One walked directory lists each path once: only another path given, or a link, can
		// name a file twice (and a batch of 100,000 files pays no map of their paths).
		files, listed, skipped = dropRepeats(files, listed, skipped)
	}
	return files, listed, skipped
}

// AnnotatedSuffix ends the name of the annotated copy fzlint writes beside a .docx (报告.fzlint.docx):
// a walk leaves it out, since the original it copies is checked.
const AnnotatedSuffix = ".fzlint.docx"

// SummaryGenerator is how the summary page of --report names its maker in its head (render
// writes it; a walk leaves such a page out, as an earlier run may have left it in the folder).
const SummaryGenerator = `<meta name="generator" content="fzlint `

// isSummaryPage reports whether the page at path begins as fzlint's summary does.
func isSummaryPage(path string) bool {
	return bytes.Contains(input.Head(path, 2048), []byte(SummaryGenerator))
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// dropRepeats keeps the first of the paths that name one file — given twice, given and found
// by a walk, or named through a symbolic link — so that no file is checked twice (nor said to
// copy itself); each repeat is listed as skipped. Paths are compared absolute and cleaned, and
// a symbolic link (one named on the command line, or an entry a walk did not list as regular)
// by where it leads: no other file is asked about.
func dropRepeats(files []string, listed []bool, skipped []checker.Skip) ([]string, []bool, []checker.Skip) {
	if len(files) < 2 {
		return files, listed, skipped
	}
	wd, _ := os.Getwd()
	first := make(map[string]string, len(files))
	keptFiles, keptListed := files[:0], listed[:0]
	for i, p := range files {
		key := p
		if p != "-" {
			key = identity(p, wd, !listed[i])
		}
		if f, ok := first[key]; ok && p != "-" {
			skipped = append(skipped, checker.Skip{Path: p, Reason: "与 " + f + " 是同一个文件，只检查一次"})
			continue
		}
		first[key] = p
		keptFiles, keptListed = append(keptFiles, p), append(keptListed, listed[i])
	}
	return keptFiles, keptListed, skipped
}

// identity is the cleaned path of a file, made absolute from the working directory wd (one
// Getwd for the batch: it costs two system calls); when mayLink, of the file a symbolic link at
// path leads to.
func identity(path, wd string, mayLink bool) string {
	if mayLink {
		if l, err := os.Lstat(path); err == nil && l.Mode()&fs.ModeSymlink != 0 {
			if r, err := filepath.EvalSymlinks(path); err == nil {
				path = r
			}
		}
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(wd, path)
	}
	return filepath.Clean(path)
}

// savedPageAssets reports whether a directory holds the images, scripts and frames of a web
// page saved beside it ("报告_files" next to "报告.html", or "报告.files" as Word names it).
func savedPageAssets(dir string) bool {
	base := filepath.Base(dir)
	stem := strings.TrimSuffix(strings.TrimSuffix(base, "_files"), ".files")
	if stem == base || stem == "" {
		return false
	}
	for _, ext := range []string{".html", ".htm", ".mht"} {
		if _, err := os.Stat(filepath.Join(filepath.Dir(dir), stem+ext)); err == nil {
			return true
		}
	}
	return false
}

// Run calls work for each item on jobs workers and calls emit with the results in the order of
// items. At most 32×jobs results wait for their turn, so memory stays bounded.
func Run[T, R any](items []T, jobs int, work func(T) R, emit func(R)) {
	RunN(len(items), jobs, func(i int) R { return work(items[i]) }, emit)
}

// RunN is Run over the items numbered 0 to n-1, for a batch that keeps its items in another
// form than a slice.
func RunN[R any](n, jobs int, work func(int) R, emit func(R)) {
	if jobs < 1 {
		jobs = 1
	}
	type slot struct {
		i int
		r R
	}
	// A window of tokens keeps workers from running far ahead of the slowest file: a long
	// one (a large .docx) does not stop the others, and the results waiting behind it stay
	// few. out holds the whole window, so a worker never waits for the one emitting.
	const perWorker = 32
	in := make(chan int)
	out := make(chan slot, perWorker*jobs)
	var wg sync.WaitGroup
	window := make(chan struct{}, perWorker*jobs)
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range in {
				out <- slot{i, work(i)}
			}
		}()
	}
	go func() {
		for i := range n {
			window <- struct{}{}
			in <- i
		}
		close(in)
		wg.Wait()
		close(out)
	}()
	pending := map[int]R{}
	next := 0
	for s := range out {
		pending[s.i] = s.r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			emit(r)
			next++
			<-window
		}
	}
}
