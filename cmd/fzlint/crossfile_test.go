package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A batch with a paragraph copied between two reports reports it on both sides, in the JSON
// as in any format; the same report checked alone pays nothing and says nothing of copies.
func TestBatchReportsCopiedParagraphs(t *testing.T) {
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
	b = strings.Replace(b, "\n", "\n"+strings.ReplaceAll(para, "盘州市", "通州湾示范区")+"\n", 1)
	for name, s := range map[string]string{"a.txt": a, "b.txt": b} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, out, _ := runCLI(t, "", "check", "--format", "json", dir)
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
	_, alone, _ := runCLI(t, "", "check", "--format", "json", filepath.Join(dir, "b.txt"))
	if strings.Contains(alone, "batch/") {
		t.Errorf("a single file's check reports copies:\n%s", alone)
	}
}
