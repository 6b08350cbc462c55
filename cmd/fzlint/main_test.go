package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
)

const seedDir = "../../testdata/seeds"

func seed(name string) string { return filepath.Join(seedDir, name) }

// runCLI runs fzlint in-process and returns the exit status and both streams.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	clean := writeTemp(t, "clean.txt", skeletonWithoutPlaceholders(t))
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"seed with errors", []string{"check", seed("000_4c1585aa5a4d5d00.txt")}, exitFindings},
		{"fail-on none", []string{"check", "--fail-on", "none", seed("000_4c1585aa5a4d5d00.txt")}, exitOK},
		{"disabled rules", []string{"check", "--disable", "structure/missing-section", seed("000_4c1585aa5a4d5d00.txt")}, exitOK},
		{"fail-on warning", []string{"check", "--fail-on", "warning", "--disable", "structure/missing-section", seed("000_4c1585aa5a4d5d00.txt")}, exitFindings},
		{"clean file", []string{"check", clean}, exitOK},
		{"flags after paths", []string{"check", seed("000_4c1585aa5a4d5d00.txt"), "--fail-on", "none"}, exitOK},
		{"missing file", []string{"check", "nosuch.txt"}, exitTrouble},
		{"unknown flag", []string{"check", "--nosuch", clean}, exitTrouble},
		{"unknown rule", []string{"check", "--disable", "nosuch/rule", clean}, exitTrouble},
		{"bad fail-on", []string{"check", "--fail-on", "fatal", clean}, exitTrouble},
		{"bad format", []string{"check", "--format", "xml", clean}, exitTrouble},
		{"no paths", []string{"check"}, exitTrouble},
		{"unknown command", []string{"lint"}, exitTrouble},
		{"version", []string{"version"}, exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errs)
			}
		})
	}
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// skeletonWithoutPlaceholders is `fzlint template` output with its prompts filled in.
func skeletonWithoutPlaceholders(t *testing.T) string {
	code, out, errs := runCLI(t, "", "template", "--year", "2024", "--unit", "某县人民政府")
	if code != exitOK {
		t.Fatalf("template: exit %d: %s", code, errs)
	}
	return strings.NewReplacer("【请填写：", "", "】", "。").Replace(out)
}

// TestTemplatePassesStructure: the skeleton passes every structural and content rule.
func TestTemplatePassesStructure(t *testing.T) {
	for _, profile := range []string{"government", "department"} {
		code, out, _ := runCLI(t, "", "template", "--year", "2024", "--profile", profile)
		if code != exitOK {
			t.Fatalf("template exit %d", code)
		}
		p := writeTemp(t, "t.txt", out)
		code, got, errs := runCLI(t, "", "check", "--format", "plain", "--profile", profile, "--fail-on", "none", p)
		if code != exitOK {
			t.Fatalf("check: exit %d: %s", code, errs)
		}
		for _, l := range strings.Split(got, "\n") {
			if strings.Contains(l, "[structure/") || strings.Contains(l, "[content/") {
				t.Errorf("%s skeleton: %s", profile, l)
			}
		}
	}
}

// TestTemplateFollowsYear: the skeleton has the parts of its year's structure (the duties part
// from 2019 on, rules.toml required_from), numbered without a gap, and no rule but the
// placeholder one finds anything in it, whatever the year.
func TestTemplateFollowsYear(t *testing.T) {
	for _, tc := range []struct {
		year   string
		duties bool
		plan   string
	}{
		{"2017", false, "三、2018年度推进法治政府建设的主要安排"},
		{"2018", false, "三、2019年度推进法治政府建设的主要安排"},
		{"2019", true, "四、2020年度推进法治政府建设的主要安排"},
		{"2020", true, "四、2021年度推进法治政府建设的主要安排"},
		{"2026", true, "四、2027年度推进法治政府建设的主要安排"},
	} {
		t.Run(tc.year, func(t *testing.T) {
			code, out, errs := runCLI(t, "", "template", "--year", tc.year)
			if code != exitOK {
				t.Fatalf("template: exit %d: %s", code, errs)
			}
			if got := strings.Contains(out, "第一责任人职责"); got != tc.duties {
				t.Errorf("duties part present = %v, want %v:\n%s", got, tc.duties, out)
			}
			if !strings.Contains(out, "\n"+tc.plan+"\n") {
				t.Errorf("no heading %q:\n%s", tc.plan, out)
			}
			p := writeTemp(t, "t.txt", out)
			_, got, errs := runCLI(t, "", "check", "--format", "plain", "--fail-on", "none", p)
			for _, l := range strings.Split(strings.TrimSpace(got), "\n") {
				if l != "" && !strings.Contains(l, "[language/placeholder]") {
					t.Errorf("%s skeleton: %s", tc.year, l)
				}
			}
			if errs == "" {
				t.Errorf("no summary on stderr")
			}
		})
	}
}

func TestPlainFormat(t *testing.T) {
	code, out, errs := runCLI(t, "", "check", "--format", "plain", seed("004_8e2bfd6529608b47.txt"))
	if code != exitFindings {
		t.Fatalf("exit %d", code)
	}
	lineRE := regexp.MustCompile(`^[^:]+:\d+:\d+: (error|warning|info): .+ \[[a-z]+/[a-z-]+\]$`)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("too few findings:\n%s", out)
	}
	for _, l := range lines {
		if !lineRE.MatchString(l) {
			t.Errorf("not path:line:col: severity: message [rule]: %q", l)
		}
	}
	if !strings.Contains(errs, "检查了 1 个文件") {
		t.Errorf("no summary on stderr: %q", errs)
	}
	_, _, errs = runCLI(t, "", "check", "-q", "--format", "plain", seed("004_8e2bfd6529608b47.txt"))
	if errs != "" {
		t.Errorf("-q still printed %q", errs)
	}
}

// TestJSONFormat checks the SPEC §6 document shape on a batch with an unreadable file.
func TestJSONFormat(t *testing.T) {
	bad := writeTemp(t, "empty.txt", "")
	code, out, _ := runCLI(t, "", "check", "--format", "json", seed("000_4c1585aa5a4d5d00.txt"), bad, seed("004_8e2bfd6529608b47.txt"))
	if code != exitTrouble {
		t.Errorf("exit %d, want 2 (an unreadable file)", code)
	}
	var doc struct {
		Version int `json:"version"`
		Files   []struct {
			Path   string `json:"path"`
			Report *struct {
				Year     int             `json:"year"`
				Profile  string          `json:"profile"`
				Title    *string         `json:"title"`
				Sections map[string]*int `json:"sections"`
			} `json:"report"`
			Diagnostics []map[string]any `json:"diagnostics"`
			Error       *string          `json:"error"`
		} `json:"files"`
		Summary map[string]int `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, out)
	}
	if doc.Version != 1 || len(doc.Files) != 3 {
		t.Fatalf("version %d, %d files", doc.Version, len(doc.Files))
	}
	if doc.Files[0].Path != seed("000_4c1585aa5a4d5d00.txt") || doc.Files[1].Path != bad {
		t.Errorf("files out of input order: %s, %s", doc.Files[0].Path, doc.Files[1].Path)
	}
	f0 := doc.Files[0]
	if f0.Report == nil || f0.Report.Year != 2024 || f0.Report.Profile != "government" || f0.Error != nil {
		t.Fatalf("file 0 report: %+v", f0.Report)
	}
	if s := f0.Report.Sections; s["duties"] != nil || s["measures"] == nil || *s["measures"] != 2 || *s["plan"] != 24 {
		t.Errorf("sections: %v", s)
	}
	for _, k := range []string{"rule", "severity", "line", "column", "end_line", "end_column", "message", "suggestion", "template"} {
		if _, ok := f0.Diagnostics[0][k]; !ok {
			t.Errorf("diagnostic lacks %q", k)
		}
	}
	if doc.Files[1].Error == nil || doc.Files[1].Diagnostics[0]["rule"] != "input/unreadable" {
		t.Errorf("empty file: %+v", doc.Files[1])
	}
	if doc.Files[2].Report.Profile != "department" {
		t.Errorf("004 profile %q", doc.Files[2].Report.Profile)
	}
	if doc.Summary["files"] != 3 || doc.Summary["unreadable"] != 1 || doc.Summary["errors"] < 3 {
		t.Errorf("summary %v", doc.Summary)
	}
}

func TestStdin(t *testing.T) {
	data, err := os.ReadFile(seed("002_21c7d6ccdca8baa6.txt"))
	if err != nil {
		t.Fatal(err)
	}
	_, fromFile, _ := runCLI(t, "", "check", "--format", "plain", seed("002_21c7d6ccdca8baa6.txt"))
	_, fromStdin, _ := runCLI(t, string(data), "check", "--format", "plain", "-")
	want := strings.ReplaceAll(fromFile, seed("002_21c7d6ccdca8baa6.txt"), "<stdin>")
	// Only the hint differs: --fix cannot rewrite stdin, --diff prints its fixes.
	want = strings.ReplaceAll(want, checker.HintFix.CommandLine(), checker.HintDiff.CommandLine())
	if fromStdin != want || fromStdin == "" {
		t.Errorf("stdin output differs:\n%s\nwant:\n%s", fromStdin, want)
	}
}

func TestPrettyNoColor(t *testing.T) {
	_, out, _ := runCLI(t, "", "check", "--format", "pretty", seed("004_8e2bfd6529608b47.txt"))
	if strings.Contains(out, "\x1b[") {
		t.Error("colour escapes written to a non-terminal")
	}
	// The heading's diff is the edit from the heading (下一年度) to the template (2025年度).
	for _, want := range []string{"structure/missing-section", "模板对比：[-下一-]{+2025+}年度推进", "^^", "检查了 1 个文件"} {
		if !strings.Contains(out, want) {
			t.Errorf("pretty output lacks %q:\n%s", want, out)
		}
	}
}

// TestBadRulesFile: a malformed --rules or .fzlint.toml exits 2 naming file and line.
func TestBadRulesFile(t *testing.T) {
	bad := writeTemp(t, "bad.toml", "version = 1\n[document]\nchrome = ['(']\n")
	code, out, errs := runCLI(t, "", "check", "--rules", bad, seed("000_4c1585aa5a4d5d00.txt"))
	if code != exitTrouble || out != "" || !strings.Contains(errs, bad+":3:") || !strings.Contains(errs, "bad regular expression") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".fzlint.toml"), []byte("[severity]\n\"structure/nope\" = \"off\"\n"), 0o644)
	report := filepath.Join(dir, "sub", "r.txt")
	os.MkdirAll(filepath.Dir(report), 0o755)
	os.WriteFile(report, []byte(skeletonWithoutPlaceholders(t)), 0o644)
	code, _, errs = runCLI(t, "", "check", report)
	if code != exitTrouble || !strings.Contains(errs, ".fzlint.toml:2:") || !strings.Contains(errs, "structure/nope") {
		t.Errorf("discovered config: exit %d, stderr %q", code, errs)
	}
}

// TestConfigDiscovery: the nearest .fzlint.toml applies to the files below it only.
func TestConfigDiscovery(t *testing.T) {
	dir := t.TempDir()
	data, _ := os.ReadFile(seed("000_4c1585aa5a4d5d00.txt"))
	for _, sub := range []string{"a", "b"} {
		os.MkdirAll(filepath.Join(dir, sub), 0o755)
		os.WriteFile(filepath.Join(dir, sub, "r.txt"), data, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "a", ".fzlint.toml"), []byte("[severity]\n\"structure/missing-section\" = \"off\"\n"), 0o644)
	_, out, _ := runCLI(t, "", "check", "--format", "plain", dir)
	if strings.Contains(out, filepath.Join(dir, "a", "r.txt")+":4:69") {
		t.Errorf("config in a/ not applied:\n%s", out)
	}
	if !strings.Contains(out, filepath.Join(dir, "b", "r.txt")+":4:69: error") {
		t.Errorf("config in a/ leaked into b/:\n%s", out)
	}
}

func TestRulesAndExplain(t *testing.T) {
	code, out, _ := runCLI(t, "", "rules")
	if code != exitOK || !strings.Contains(out, "structure/missing-section") || !strings.Contains(out, "error") {
		t.Errorf("rules: %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "", "explain", "structure/heading-numbering")
	if code != exitOK || !strings.Contains(out, "错误示例") || !strings.Contains(out, "正确示例") {
		t.Errorf("explain: %d\n%s", code, out)
	}
	if code, _, _ := runCLI(t, "", "explain", "nosuch"); code != exitTrouble {
		t.Errorf("explain unknown rule: exit %d", code)
	}
}

func TestInit(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(dir)
	if code, _, errs := runCLI(t, "", "init"); code != exitOK {
		t.Fatalf("init: %s", errs)
	}
	if code, _, _ := runCLI(t, "", "init"); code != exitTrouble {
		t.Error("init overwrote an existing file")
	}
	// The starter file is valid and changes nothing.
	os.WriteFile("r.txt", []byte(skeletonWithoutPlaceholders(t)), 0o644)
	if code, out, errs := runCLI(t, "", "check", "r.txt"); code != exitOK {
		t.Errorf("check with the starter config: %d %s %s", code, out, errs)
	}
}

// TestBinary builds the real binary and runs it as a user would: a batch with an unreadable
// file still reports every other file, and exits 2.
func TestBinary(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	data, _ := os.ReadFile(seed("001_82d8d1cc76649ea2.txt"))
	os.WriteFile(filepath.Join(dir, "a.txt"), data, 0o644)
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte{0x00, 0x01, 0x02, 0xff, 0x00}, 0o644)
	os.WriteFile(filepath.Join(dir, "c.md"), data, 0o644)
	cmd := exec.Command(bin, "check", "--format", "plain", dir)
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	exitErr, ok := err.(*exec.ExitError)
	if !ok || exitErr.ExitCode() != exitTrouble {
		t.Fatalf("want exit 2, got %v\n%s", err, errb.String())
	}
	for _, want := range []string{"a.txt:", "b.txt:1:1: error: 无法读取：二进制文件", "c.md:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if i, j := strings.Index(out.String(), "a.txt:"), strings.Index(out.String(), "c.md:"); i > j {
		t.Error("files not in sorted order")
	}
}

// TestConfigAddsTerms: a .fzlint.toml adds a wrong term and moves a deadline, and checks see it.
func TestConfigAddsTerms(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".fzlint.toml"), []byte("[[wrong_terms]]\nwrong = \"依法制县\"\nright = \"依法治县\"\n\n[profiles.government]\ndeadline = \"03-01\"\n"), 0o644)
	report := strings.Replace(skeletonWithoutPlaceholders(t), "现将有关情况报告如下", "全面推进依法制县，现将有关情况报告如下", 1)
	report = strings.Replace(report, "2025年2月20日", "2025年3月10日", 1)
	p := filepath.Join(dir, "r.txt")
	os.WriteFile(p, []byte(report), 0o644)
	_, out, _ := runCLI(t, "", "check", "--format", "plain", p)
	if !strings.Contains(out, "“依法制县”应为“依法治县” [language/term-misuse]") {
		t.Errorf("added wrong term not reported:\n%s", out)
	}
	if !strings.Contains(out, "晚于政府年度报告的报送期限（2025年3月1日前）") {
		t.Errorf("overridden deadline not applied:\n%s", out)
	}
}

// TestForceExclude: files named on the command line are checked even when .fzlintignore lists
// them, unless --force-exclude is given (as pre-commit hooks want).
func TestForceExclude(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(dir)
	data, _ := os.ReadFile(filepath.Join(wd, seed("000_4c1585aa5a4d5d00.txt")))
	os.MkdirAll("drafts", 0o755)
	os.WriteFile(filepath.Join("drafts", "old.txt"), data, 0o644)
	os.WriteFile("new.txt", data, 0o644)
	os.WriteFile(".fzlintignore", []byte("drafts/\n"), 0o644)
	_, out, _ := runCLI(t, "", "check", "--format", "plain", "drafts/old.txt", "new.txt")
	if !strings.Contains(out, "drafts/old.txt:") {
		t.Errorf("a named file was skipped without --force-exclude:\n%s", out)
	}
	_, out, _ = runCLI(t, "", "check", "--format", "plain", "--force-exclude", "drafts/old.txt", "new.txt")
	if strings.Contains(out, "drafts/old.txt:") || !strings.Contains(out, "new.txt:") {
		t.Errorf("--force-exclude did not apply .fzlintignore:\n%s", out)
	}
}
