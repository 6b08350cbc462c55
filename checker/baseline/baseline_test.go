package baseline_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/baseline"
)

func diag(rule string, line, col, end int) checker.Diagnostic {
	return checker.Diagnostic{Rule: rule, Line: line, Column: col, EndLine: line, EndColumn: end, Message: "第3行有问题"}
}

func TestFingerprint(t *testing.T) {
	src := []string{"标题", "本县XX单位开展工作。", "\u3000\u3000本县XX单位开展工作。 ", "其他XX"}
	fp := func(d checker.Diagnostic) string { return baseline.Fingerprint(src, d) }
	if fp(diag("a/b", 2, 3, 5)) != fp(diag("a/b", 3, 5, 7)) {
		t.Error("the same text moved and re-indented has another fingerprint")
	}
	if fp(diag("a/b", 2, 3, 5)) == fp(diag("a/b", 4, 3, 5)) {
		t.Error("different lines share a fingerprint")
	}
	if fp(diag("a/b", 2, 3, 5)) == fp(diag("a/b", 2, 1, 3)) {
		t.Error("different targets on a line share a fingerprint")
	}
	doc := diag("a/b", 1, 1, 1)
	moved := doc
	moved.Message = "第4行有问题"
	if baseline.Fingerprint(src, doc) != baseline.Fingerprint([]string{"新的第一行"}, moved) {
		t.Error("a document-level finding depends on line 1 or on the numbers in its message")
	}
}

func TestFilterCountsOccurrences(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "r.txt")
	src := []string{"本县XX单位开展工作。", "本县XX单位开展工作。"}
	res := &checker.Result{Path: path, Source: src, Diagnostics: []checker.Diagnostic{diag("a/b", 1, 3, 5)}}
	w, err := baseline.NewWriter(filepath.Join(dir, "baseline.json"))
	if err != nil {
		t.Fatal(err)
	}
	w.Add(res)
	if err := w.Write(); err != nil {
		t.Fatal(err)
	}
	b, err := baseline.Load(filepath.Join(dir, "baseline.json"))
	if err != nil {
		t.Fatal(err)
	}
	// The same finding on an identical line is new: the baseline recorded one.
	res.Diagnostics = []checker.Diagnostic{diag("a/b", 1, 3, 5), diag("a/b", 2, 3, 5), diag("c/d", 1, 3, 5)}
	got := b.Filter(res)
	if len(got) != 2 || got[0].Line != 2 || got[1].Rule != "c/d" {
		t.Errorf("kept %+v", got)
	}
	// Another file with the same text is not covered.
	res.Path = filepath.Join(dir, "r.txt")
	if got := b.Filter(res); len(got) != 3 {
		t.Errorf("kept %d findings of another file", len(got))
	}
}

func TestLoadRejectsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"bad.json":       "{",
		"unknown.json":   `{"version":1,"entries":[],"extra":1}`,
		"v2.json":        `{"version":2,"entries":[]}`,
		"null.json":      `null`,
		"empty.json":     `{}`,
		"noentries.json": `{"version":1}`,
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		if _, err := baseline.Load(p); err == nil {
			t.Errorf("%s loaded", name)
		}
	}
}

// TestFingerprintOfAWholeDocumentFindingKeepsItsHint: a finding about the whole document is
// identified by its message, which said 「；可用 --year 指定报告年度」 until the hint became a field
// of its own; a baseline written then still matches it.
func TestFingerprintOfAWholeDocumentFindingKeepsItsHint(t *testing.T) {
	src := []string{"某县2024年法治政府建设情况"}
	whole := checker.Diagnostic{Rule: "structure/year-unknown", Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Message: "无法确定报告年度"}
	old := whole
	old.Message += "；可用 --year 指定报告年度"
	whole.Hint = checker.HintYear
	if baseline.Fingerprint(src, whole) != baseline.Fingerprint(src, old) {
		t.Error("a baseline written when the hint was in the message no longer matches")
	}
	whole.Hint = checker.NoHint
	if baseline.Fingerprint(src, whole) == baseline.Fingerprint(src, old) {
		t.Error("the fingerprint does not depend on the message")
	}
}
