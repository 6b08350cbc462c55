package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
)

// A batch with a paragraph copied between two reports reports it on both sides, in the JSON
// as in any format; the same report checked alone pays nothing and says nothing of copies.
func TestBatchReportsCopiedParagraphs(t *testing.T) {
	dir, _ := plantedCopy(t)
	_, out, _ := runCLI(t, "", "check", "--format", "json", dir)
	checkCopiedBothSides(t, out)
	_, alone, _ := runCLI(t, "", "check", "--format", "json", filepath.Join(dir, "b.txt"))
	if strings.Contains(alone, "batch/") {
		t.Errorf("a single file's check reports copies:\n%s", alone)
	}
}

// plantedCopy writes a.txt and b.txt, two seed reports, b holding a paragraph of a with its
// unit changed before its part 一, and returns their directory and b's text.
func plantedCopy(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	read := func(name string) string {
		data, err := os.ReadFile(seed(name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	a := read("001_82d8d1cc76649ea2.txt")
	b := read("002_21c7d6ccdca8baa6.txt")
	var para string
	for _, l := range strings.Split(a, "\n") {
		if len([]rune(l)) > 100 {
			para = l
			break
		}
	}
	// The copy opens b's body, before its part 一 (above the title it would be the site's).
	b = strings.Replace(b, "\n一、", "\n"+strings.ReplaceAll(para, "盘州市", "通州湾示范区")+"\n一、", 1)
	for name, s := range map[string]string{"a.txt": a, "b.txt": b} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, b
}

// checkCopiedBothSides checks that the JSON output of plantedCopy's batch reports the copy
// once on each side, naming the other file.
func checkCopiedBothSides(t *testing.T, out string) {
	t.Helper()
	var doc struct {
		Files []struct {
			Path        string
			Diagnostics []struct {
				Rule    string
				Line    int
				Message string
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	found := map[string]int{}
	for _, f := range doc.Files {
		for _, d := range f.Diagnostics {
			if d.Rule == "batch/copied-paragraph" {
				other := "b.txt"
				if strings.HasSuffix(f.Path, "b.txt") {
					other = "a.txt"
				}
				if !strings.Contains(d.Message, other) {
					t.Errorf("%s:%d: the message does not name %s: %s", f.Path, d.Line, other, d.Message)
				}
				found[filepath.Base(f.Path)]++
			}
		}
	}
	if found["a.txt"] != 1 || found["b.txt"] != 1 {
		t.Errorf("copied-paragraph findings per file: %v, want one on each side", found)
	}
}

// Stdin takes no part in the cross-file stage (it has no path a message could name), even with
// a report of the batch that shares its paragraph.
func TestBatchLeavesStdinOutOfCopies(t *testing.T) {
	dir, b := plantedCopy(t)
	_, out, _ := runCLI(t, b, "check", "--format", "json", filepath.Join(dir, "a.txt"), "-")
	if strings.Contains(out, "batch/") {
		t.Errorf("stdin took part in the cross-file stage:\n%s", out)
	}
}

// A batch checks each file once and prints the results it kept on disk: each file's entry is
// the one it gets checked alone, but for the cross-file findings (and the summary), in every
// output format.
func TestBatchPrintsWhatEachFileGetsAlone(t *testing.T) {
	dir, _ := plantedCopy(t)
	for _, name := range []string{"000_4c1585aa5a4d5d00.txt", "003_7f633bab698fbd83.txt", "004_8e2bfd6529608b47.txt"} {
		data, err := os.ReadFile(seed(name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	for _, format := range []string{"json", "plain", "sarif", "pretty", "github"} {
		_, batchOut, _ := runCLI(t, "", append([]string{"check", "-q", "--format", format, "--disable", "batch"}, names...)...)
		var alone strings.Builder
		for _, n := range names {
			_, out, _ := runCLI(t, "", "check", "-q", "--format", format, n)
			alone.WriteString(out)
		}
		_, withStage, _ := runCLI(t, "", append([]string{"check", "-q", "--format", format}, names...)...)
		switch format {
		case "json":
			if got, want := jsonFilesWithout(t, withStage, "batch/"), jsonFilesWithout(t, batchOut, "batch/"); got != want {
				t.Errorf("json: the batch with the stage prints, copies left out:\n%s\nwithout the stage:\n%s", got, want)
			}
		case "pretty", "sarif":
			// The copies add lines (a finding, its quote; a result, a rule); nothing else changes.
			if missing := notInOrder(strings.Split(batchOut, "\n"), strings.Split(withStage, "\n")); missing != "" {
				t.Errorf("%s: the batch with the stage lacks %q of what it prints without:\n%s", format, missing, withStage)
			}
		case "plain", "github":
			// Line by line: the batch's lines are the files' own, plus the copies.
			var kept []string
			for _, l := range strings.Split(withStage, "\n") {
				if !strings.Contains(l, "batch/") && !strings.Contains(l, "批次") && !strings.Contains(l, "照搬") {
					kept = append(kept, l)
				}
			}
			if got := strings.Join(kept, "\n"); got != batchOut {
				t.Errorf("%s: the batch with the stage prints, copies left out:\n%s\nwithout the stage:\n%s", format, got, batchOut)
			}
			if format == "plain" && batchOut != alone.String() {
				t.Errorf("plain: the batch prints\n%s\nthe files alone\n%s", batchOut, alone.String())
			}
		}
		if !strings.Contains(withStage, "batch/copied-paragraph") {
			t.Errorf("%s: no copy found:\n%s", format, withStage)
		}
	}
	// A baseline written by a batch records each finding as a file's own check sees it.
	bl := filepath.Join(t.TempDir(), "baseline.json")
	if code, _, errOut := runCLI(t, "", append([]string{"check", "-q", "--write-baseline", bl}, names...)...); code != 0 {
		t.Fatalf("--write-baseline: exit %d: %s", code, errOut)
	}
	for _, n := range names {
		if code, out, _ := runCLI(t, "", "check", "-q", "--format", "plain", "--baseline", bl, n); code != 0 || out != "" {
			t.Errorf("%s against the batch's baseline: exit %d:\n%s", n, code, out)
		}
	}
}

// jsonFilesWithout returns the files of a JSON output, without the findings of rules that start
// with prefix, as indented JSON.
func jsonFilesWithout(t *testing.T, out, prefix string) string {
	t.Helper()
	var doc struct{ Files []map[string]any }
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, f := range doc.Files {
		ds, _ := f["diagnostics"].([]any)
		kept := []any{}
		for _, d := range ds {
			if !strings.HasPrefix(d.(map[string]any)["rule"].(string), prefix) {
				kept = append(kept, d)
			}
		}
		f["diagnostics"] = kept
	}
	b, err := json.MarshalIndent(doc.Files, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// notInOrder returns the first of want's lines that got does not hold in the same order, or ""
// when got holds them all.
func notInOrder(want, got []string) string {
	for _, w := range want {
		for len(got) > 0 && got[0] != w {
			got = got[1:]
		}
		if len(got) == 0 {
			return w
		}
		got = got[1:]
	}
	return ""
}

// The result store gives back each stored result as it was added, read in blocks in the
// batch's order past the results that are not stored or not asked for (a file checked again),
// results larger than a block included; once a read fails, every later one fails.
func TestResultStoreReadsBackInOrder(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	s := newResultStore(6)
	if s == nil {
		t.Fatal("no temporary file")
	}
	defer s.close()
	big := strings.Repeat("长段落", storeBlock/3)
	results := make([]checker.Result, 6)
	for i := range results {
		r := checker.Result{Path: fmt.Sprintf("%d.txt", i), Diagnostics: []checker.Diagnostic{{Rule: "x/y", Line: i + 1, Message: "第" + strconv.Itoa(i) + "处"}}}
		if i == 2 {
			r.Source = []string{big, big} // two blocks and more
		}
		results[i] = r
		if i == 1 {
			s.add(nil) // not stored (unreadable, or --annotate)
			continue
		}
		s.add(checker.AppendResult(nil, &r))
	}
	s.finish()
	for i, want := range results {
		if s.stored(i) != (i != 1) {
			t.Fatalf("stored(%d) = %v", i, s.stored(i))
		}
		if i == 1 || i == 3 { // 3 is checked again: its bytes are passed over
			continue
		}
		got, err := s.get(i)
		if err != nil {
			t.Fatalf("get(%d): %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("get(%d) = %+v, want %+v", i, got, want)
		}
	}

	// A store whose file fails to read: the first read and every later one fail.
	f := newResultStore(3)
	defer f.close()
	for i := range 3 {
		r := checker.Result{Path: big[:3*i], Source: []string{big}}
		f.add(checker.AppendResult(nil, &r))
	}
	f.finish()
	f.f.Close()
	for i := range 3 {
		if _, err := f.get(i); err == nil {
			t.Errorf("get(%d) of a closed store: no error", i)
		}
	}
}
