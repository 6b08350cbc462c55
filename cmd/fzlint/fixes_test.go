package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/fix"
	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/linttest"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func defaultLinter(t *testing.T) *checker.Linter { return linttest.DefaultLinter(t) }

func gb18030(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestApplyFixes drives the --fix and --diff path with a finding that carries a fix, as the
// fixable language rules produce: the file keeps its encoding and each line its own end.
func TestApplyFixes(t *testing.T) {
	const before = "2024年度某县法治政府建设情况报告\r\n推进法制政府建设,成效明显。\n（一）强化组织领导\r\n"
	const after = "2024年度某县法治政府建设情况报告\r\n推进法治政府建设，成效明显。\n（一）强化组织领导\r\n"
	diags := []checker.Diagnostic{
		{Rule: "language/term-misuse", Line: 2, Column: 3, EndLine: 2, EndColumn: 7, Fix: &checker.Fix{New: "法治政府"}},
		{Rule: "language/punctuation-width", Line: 2, Column: 9, EndLine: 2, EndColumn: 10, Fix: &checker.Fix{New: "，"}},
		{Rule: "language/punctuation-width", Line: 3, Column: 1, EndLine: 3, EndColumn: 2, Fix: &checker.Fix{New: "("}}, // refused: a heading ordinal
	}
	l := defaultLinter(t)
	setup := func(t *testing.T, name string) (string, []byte, *input.Text) {
		path := filepath.Join(t.TempDir(), name)
		data := gb18030(t, before)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		text, err := input.DecodeText(data)
		if err != nil {
			t.Fatal(err)
		}
		return path, data, text
	}
	t.Run("--fix rewrites the file in its encoding and line ends", func(t *testing.T) {
		path, data, text := setup(t, "r.txt")
		c := &fileChecker{fix: true}
		fr := c.applyFixes(l, path, data, text, checker.Result{Path: path, Diagnostics: diags}, true)
		if fr.fixErr != nil || fr.fixes != 2 {
			t.Fatalf("fixes %d, err %v", fr.fixes, fr.fixErr)
		}
		got, _ := os.ReadFile(path)
		if want := gb18030(t, after); !bytes.Equal(got, want) {
			t.Errorf("file is\n%q\nwant\n%q", got, want)
		}
		if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
			t.Errorf("mode %v", info.Mode().Perm())
		}
		for _, d := range fr.Diagnostics {
			if d.Fix != nil {
				t.Errorf("the re-check still has a fixable finding: %+v", d)
			}
		}
	})
	t.Run("--diff prints the change and writes nothing", func(t *testing.T) {
		path, data, text := setup(t, "r.txt")
		c := &fileChecker{diff: true}
		fr := c.applyFixes(l, path, data, text, checker.Result{Path: path, Diagnostics: diags}, true)
		var out, errb bytes.Buffer
		rep := &fixReport{stdout: &out, stderr: &errb, diff: true}
		rep.add(&fr)
		if code := rep.finish(exitOK); code != exitFindings {
			t.Errorf("exit %d, want 1", code)
		}
		// The lines are the file's bytes (GB18030, each with its own line end), so that the
		// patch applies.
		want := "--- a/" + path + "\n+++ b/" + path + "\n@@ -1,3 +1,3 @@\n " + string(gb18030(t, "2024年度某县法治政府建设情况报告\r\n")) +
			"-" + string(gb18030(t, "推进法制政府建设,成效明显。\n")) + "+" + string(gb18030(t, "推进法治政府建设，成效明显。\n")) +
			" " + string(gb18030(t, "（一）强化组织领导\r\n"))
		if out.String() != want {
			t.Errorf("diff\n%s\nwant\n%s", out.String(), want)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
			t.Error("--diff changed the file")
		}
		if !strings.Contains(errb.String(), "2 处可以自动修复") {
			t.Errorf("stderr %q", errb.String())
		}
	})
	t.Run("an edit made while fzlint works is kept, and the run says so (exit 2)", func(t *testing.T) {
		path, data, text := setup(t, "r.txt")
		edited := append(append([]byte(nil), data...), gb18030(t, "起草人刚加的一行\n")...)
		if err := os.WriteFile(path, edited, 0o600); err != nil {
			t.Fatal(err)
		}
		c := &fileChecker{fix: true}
		fr := c.applyFixes(l, path, data, text, checker.Result{Path: path, Diagnostics: diags}, true)
		if got, _ := os.ReadFile(path); !bytes.Equal(got, edited) {
			t.Errorf("the edit was lost: the file is\n%q", got)
		}
		var errb bytes.Buffer
		rep := &fixReport{stderr: &errb}
		rep.add(&fr)
		if code := rep.finish(exitFindings); code != exitTrouble {
			t.Errorf("exit %d, want 2", code)
		}
		if !strings.Contains(errb.String(), path) || !strings.Contains(errb.String(), "检查期间被修改") {
			t.Errorf("stderr %q does not name the file and the reason", errb.String())
		}
	})
	t.Run("a .docx or stdin is never rewritten", func(t *testing.T) {
		for _, tc := range []struct {
			name    string
			inPlace bool
		}{{"r.docx", true}, {"r.txt", false}} {
			path, data, text := setup(t, tc.name)
			c := &fileChecker{fix: true}
			fr := c.applyFixes(l, path, data, text, checker.Result{Path: path, Diagnostics: diags}, tc.inPlace)
			if !fr.notFixed || fr.fixes != 0 {
				t.Errorf("%s: notFixed %v fixes %d", tc.name, fr.notFixed, fr.fixes)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
				t.Errorf("%s was changed", tc.name)
			}
			var errb bytes.Buffer
			rep := &fixReport{stderr: &errb}
			rep.add(&fr)
			rep.add(&fr)
			rep.finish(exitOK)
			if n := strings.Count(errb.String(), "未修复"); n != 1 {
				t.Errorf("the note was printed %d times: %q", n, errb.String())
			}
		}
	})
}

func TestFixFlags(t *testing.T) {
	clean := writeTemp(t, "clean.txt", skeletonWithoutPlaceholders(t))
	for _, args := range [][]string{
		{"--fix", "--diff"},
		{"--write-baseline", filepath.Join(t.TempDir(), "b.json"), "--diff"},
		{"--write-baseline", filepath.Join(t.TempDir(), "b.json"), "--baseline", "x.json"},
		{"--baseline", filepath.Join(t.TempDir(), "nosuch.json")},
	} {
		if code, _, errs := runCLI(t, "", append([]string{"check", clean}, args...)...); code != exitTrouble {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errs)
		}
	}
	// Nothing to fix: --diff exits 0 and --fix leaves the file alone.
	data, _ := os.ReadFile(clean)
	if code, out, _ := runCLI(t, "", "check", "--diff", clean); code != exitOK || out != "" {
		t.Errorf("--diff on a clean file: exit %d, output %q", code, out)
	}
	if code, _, _ := runCLI(t, "", "check", "--fix", clean); code != exitOK {
		t.Errorf("--fix on a clean file: exit %d", code)
	}
	if got, _ := os.ReadFile(clean); !bytes.Equal(got, data) {
		t.Error("--fix changed a clean file")
	}
}

// TestBaseline: a baseline written on a seed silences its findings; after lines are inserted
// above them and one defect is added, only that defect is reported.
func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(seed("000_4c1585aa5a4d5d00.txt"))
	if err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(dir, "报送", "r.txt")
	os.MkdirAll(filepath.Dir(report), 0o755)
	os.WriteFile(report, data, 0o644)
	base := filepath.Join(dir, "fzlint-baseline.json")

	code, out, errs := runCLI(t, "", "check", "--write-baseline", base, report)
	if code != exitOK || out != "" || !strings.Contains(errs, "条问题写入基线") {
		t.Fatalf("--write-baseline: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	var b struct {
		Version int
		Entries []struct{ Rule, File, Fingerprint string }
	}
	raw, _ := os.ReadFile(base)
	if err := json.Unmarshal(raw, &b); err != nil || b.Version != 1 || len(b.Entries) == 0 {
		t.Fatalf("baseline file: %v\n%s", err, raw)
	}
	for _, e := range b.Entries {
		if e.File != "报送/r.txt" || e.Fingerprint == "" || e.Rule == "" {
			t.Errorf("entry %+v", e)
		}
	}
	if code, out, _ := runCLI(t, "", "check", "--format", "plain", "--baseline", base, report); code != exitOK || out != "" {
		t.Fatalf("with the baseline: exit %d\n%s", code, out)
	}

	// Insert lines above the findings, and one defect: a gap in the numbering of (一).
	lines := strings.Split(string(data), "\n")
	var edited []string
	for i, l := range lines {
		edited = append(edited, l)
		if i == 0 {
			edited = append(edited, "", "全年共召开专题会议研究法治政府建设工作。")
		}
		if strings.HasPrefix(l, "2.细化法治建设工作任务举措") {
			edited = append(edited, "4.加强法治督察。")
		}
	}
	os.WriteFile(report, []byte(strings.Join(edited, "\n")), 0o644)
	code, out, _ = runCLI(t, "", "check", "--format", "plain", "--baseline", base, report)
	got := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitFindings || len(got) != 1 || !strings.Contains(got[0], "r.txt:8:1:") || !strings.Contains(got[0], "[structure/heading-numbering]") {
		t.Errorf("exit %d, want only the new defect on line 8:\n%s", code, out)
	}
	// Without the baseline, the old findings are all there.
	_, all, _ := runCLI(t, "", "check", "--format", "plain", report)
	if n := strings.Count(all, "\n"); n != len(b.Entries)+1 {
		t.Errorf("%d findings without the baseline, want %d", n, len(b.Entries)+1)
	}
}

// TestFixSeeds runs --fix on GB18030 + CRLF copies of the seeds with the fixable rules: only
// what they flagged changes, encoding and line ends stay, and a second run has nothing to fix.
func TestFixSeeds(t *testing.T) {
	var fixable []string
	for _, c := range checker.Checks() {
		if c.Fixable {
			fixable = append(fixable, c.ID)
		}
	}
	if len(fixable) == 0 {
		t.Skip("no fixable rule registered yet")
	}
	l := defaultLinter(t)
	seeds, _ := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	for _, s := range seeds {
		t.Run(filepath.Base(s), func(t *testing.T) {
			utf8, _ := os.ReadFile(s)
			crlf := strings.ReplaceAll(strings.ReplaceAll(string(utf8), "\r\n", "\n"), "\n", "\r\n")
			path := filepath.Join(t.TempDir(), filepath.Base(s))
			os.WriteFile(path, gb18030(t, crlf), 0o644)
			// line → rune ranges a fixable rule flagged, in the text and in the text as fixed so
			// far (a fix can make another possible).
			flagged := map[int][][2]int{}
			text, _ := input.DecodeText(gb18030(t, crlf))
			for pass := 0; pass < 10; pass++ {
				edits := fix.Edits(l.CheckText(path, text, checker.Options{}).Diagnostics)
				for _, e := range edits {
					flagged[e.Line] = append(flagged[e.Line], [2]int{e.Column - 1, e.EndColumn - 1})
				}
				text.Lines = fix.Apply(text.Lines, edits).Lines
			}
			if code, _, errs := runCLI(t, "", "check", "--fix", "--fail-on", "none", path); code != exitOK {
				t.Fatalf("--fix: exit %d: %s", code, errs)
			}
			data, _ := os.ReadFile(path)
			text, err := input.DecodeText(data)
			if err != nil || text.Encoding != input.GB18030 {
				t.Fatalf("after --fix: %v, encoding %v", err, text.Encoding)
			}
			if slices.ContainsFunc(text.Ends, func(e string) bool { return e != "\r\n" && e != "" }) {
				t.Error("line ends changed")
			}
			old := strings.Split(strings.TrimSuffix(crlf, "\r\n"), "\r\n")
			if len(text.Lines) != len(old) {
				t.Fatalf("%d lines, had %d", len(text.Lines), len(old))
			}
			if len(flagged) > 0 && slices.Equal(old, text.Lines) {
				t.Error("--fix changed nothing, though fixable rules flagged lines")
			}
			for i := range old {
				if old[i] != text.Lines[i] && !onlyInRanges(old[i], text.Lines[i], flagged[i+1]) {
					t.Errorf("line %d changed outside what the fixable rules flagged:\n- %s\n+ %s", i+1, old[i], text.Lines[i])
				}
			}
			if code, out, _ := runCLI(t, "", "check", "--diff", path); code != exitOK || out != "" {
				t.Errorf("second run: exit %d, still something to fix:\n%s", code, out)
			}
		})
	}
}

// onlyInRanges reports whether two lines differ only inside ranges (same rune length), or, for
// a change of length, whether the line was flagged at all.
func onlyInRanges(a, b string, ranges [][2]int) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ranges) == 0 {
		return false
	}
	if len(ra) != len(rb) {
		return true
	}
	for i := range ra {
		if ra[i] == rb[i] {
			continue
		}
		if !slices.ContainsFunc(ranges, func(r [2]int) bool { return i >= r[0] && i < r[1] }) {
			return false
		}
	}
	return true
}

// --fix on a read-only file, or one with a second hard link, changes nothing and says why with
// exit status 2; the other files are still fixed (issue 11.3, 11.4).
func TestFixRefusals(t *testing.T) {
	dir := t.TempDir()
	const text = "2024年度某县法治政府建设情况报告\n推进法制政府建设,成效明显。\n"
	readOnly := filepath.Join(dir, "a只读.txt")
	linked := filepath.Join(dir, "b链接.txt")
	plain := filepath.Join(dir, "c普通.txt")
	for _, p := range []string{readOnly, linked, plain} {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Chmod(readOnly, 0o444)
	if err := os.Link(linked, filepath.Join(dir, "链接副本.txt.bak")); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCheck(t, "--fix", "--fail-on", "none", readOnly, linked, plain)
	if code != exitTrouble {
		t.Errorf("exit %d, want 2", code)
	}
	for _, p := range []string{readOnly, linked} {
		if b, _ := os.ReadFile(p); string(b) != text {
			t.Errorf("%s was changed:\n%s", p, b)
		}
	}
	if b, _ := os.ReadFile(plain); !strings.Contains(string(b), "法治政府建设，") {
		t.Errorf("the writable file was not fixed:\n%s", b)
	}
	for _, want := range []string{readOnly + ": 修复未写入：文件是只读的", linked + ": 修复未写入：文件有 2 个硬链接"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

// A text from standard input is offered --diff, which prints its fixes, not --fix, which
// refuses it; a file on disk is still offered --fix.
func TestStdinIsOfferedDiffNotFix(t *testing.T) {
	text := "关于2023年法治政府建设情况的报告\n一、主要举措和成效\n我们开展工作,取得成效。\n"
	fixHint := checker.HintFix.CommandLine()
	diffHint := checker.HintDiff.CommandLine()
	_, out, _ := runCLI(t, text, "check", "-")
	if !strings.Contains(out, "工作,取得") || strings.Contains(out, fixHint) || !strings.Contains(out, diffHint) {
		t.Errorf("stdin: want the comma's finding offering %q, not %q:\n%s", diffHint, fixHint, out)
	}
	_, out, _ = runCLI(t, text, "check", "--diff", "-")
	if !strings.Contains(out, "+我们开展工作，取得成效。") {
		t.Errorf("--diff on stdin printed no fix, so offering it is wrong:\n%s", out)
	}
	_, out, _ = runCLI(t, "", "check", writeTemp(t, "r.txt", text))
	if !strings.Contains(out, fixHint) || strings.Contains(out, diffHint) {
		t.Errorf("a .txt file: want %q offered:\n%s", fixHint, out)
	}
}

// A .docx saved under a .txt name is read as the .docx it is, and --fix leaves it as it is,
// saying why in terms of what it holds, not of its name.
func TestFixLeavesAMisnamedDocxAlone(t *testing.T) {
	docx, err := os.ReadFile("../../testdata/docx/003_7f633bab698fbd83.libreoffice.docx")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "报告.txt")
	if err := os.WriteFile(path, docx, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "", "check", "--fix", path)
	if code == exitTrouble || !strings.Contains(stderr, "扩展名是 .txt 而内容是这些格式的也不修改") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, docx) {
		t.Error("the file was changed")
	}
}
