package main

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// piiReport holds a valid 身份证号 and mobile numbers where findings quote text: the title (and
// so the unit), a heading (its template diff), number-relation, rate and percent sentences,
// a punctuation-width sample, lines changed by --diff and context lines around a change.
const piiReport = `某县13987654321人民政府关于2024年度法治政府建设情况的报告

2024年，我县深入推进法治政府建设，联系人身份证号440304198506123412。
一、2024年度推进法治政府建设的主要举措和成效13987654321
（一）完善制度。全年收到行政复议申请13987654321件，办结13987654322件。
（二）化解争议。全年收到行政复议申请100件，办结50件，办结率13987654321%。
（三）群众满意。群众满意率13987654321%。
联系电话13987654321;传真0719-1234567
本行无误。
联系人13987654321。
本行需要修正,请改。
联系人身份证440304198506123412。
二、2024年度推进法治政府建设存在的不足和原因
存在不足，原因是重视不够。
三、2024年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况
主要负责人履行第一责任人职责。
四、2025年度推进法治政府建设的主要安排
继续推进。
`

// leaks returns the pieces of personal data found in out: any seven digits in a row of the
// numbers in piiReport (a mask shows at most the first six or the last four).
func leaks(out string) []string {
	var found []string
	for _, n := range []string{"13987654321", "13987654322", "440304198506123412"} {
		for i := 0; i+7 <= len(n); i++ {
			if strings.Contains(out, n[i:i+7]) {
				found = append(found, n[i:i+7])
			}
		}
	}
	return found
}

// TestNoOutputLeaksPersonalData looks for personal data the way a leak would be found: every
// --format, every --report kind, the baseline file and --diff, each grepped for the digits.
func TestNoOutputLeaksPersonalData(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("r.txt", []byte(piiReport), 0o644); err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T, what, out string) {
		t.Helper()
		if l := leaks(out); len(l) > 0 {
			t.Errorf("%s shows personal data %q:\n%s", what, l, out)
		}
	}
	for _, format := range []string{"pretty", "plain", "json", "sarif", "github"} {
		t.Run("--format "+format, func(t *testing.T) {
			code, out, errs := runCLI(t, "", "check", "--format", format, "r.txt")
			if code != exitFindings || !strings.Contains(out, "security/pii") {
				t.Fatalf("exit %d, no security/pii finding:\n%s\n%s", code, out, errs)
			}
			check(t, "stdout", out)
			check(t, "stderr", errs)
			// the masks are there: the numbers were quoted, not left out
			if !strings.Contains(out, "139****4321") || !strings.Contains(out, "440304********3412") {
				t.Errorf("no masked number in the output:\n%s", out)
			}
		})
	}
	grepSideOutputs(t, dir, check)
	t.Run("--diff", func(t *testing.T) {
		code, out, errs := runCLI(t, "", "check", "--diff", "r.txt")
		if code != exitFindings || !strings.Contains(out, "+联系电话139****4321；传真") || !strings.Contains(out, " 联系人139****4321。") {
			t.Fatalf("exit %d; want the changed line and a context line, masked:\n%s\n%s", code, out, errs)
		}
		check(t, "stdout", out)
		check(t, "stderr", errs)
		if !strings.Contains(errs, "不能直接用 git apply") {
			t.Errorf("stderr does not say that the masked diff will not apply: %q", errs)
		}
	})
	t.Run("a rule turned off or a finding suppressed does not unmask", func(t *testing.T) {
		code, out, errs := runCLI(t, "", "check", "--format", "json", "--disable", "security/pii", "r.txt")
		if code != exitFindings {
			t.Fatalf("exit %d: %s", code, errs)
		}
		check(t, "stdout", out)
	})
}

// piiFormsReport writes personal numbers the other ways reports write them: full-width digits,
// groups, the country code, letters glued to the number; each on a line --fix changes (a
// half-width comma), so that --diff shows it, and in the title.
const piiFormsReport = `某县１３６１２３４９８７６人民政府关于2024年度法治政府建设情况的报告

2024年，我县深入推进法治政府建设,联系人身份证号３２０１０２１９８００１０１１０６Ｘ。
一、2024年度推进法治政府建设的主要举措和成效
联系人张某,手机158-8765-4321,电话+86 138 2468 1357。
联系人李某,手机177 1234 9876,身份证510107 19900308 4512。
联系人王某,Tel15912340000,ID620102197511200035,手机8613755501234。
二、2024年度推进法治政府建设存在的不足和原因
存在不足，原因是重视不够。
三、2024年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况
主要负责人履行第一责任人职责。
四、2025年度推进法治政府建设的主要安排
继续推进。
`

// formLeaks returns the pieces of the numbers in piiFormsReport that out shows: any seven
// digits in a row, read as the detector reads them (full-width digits as digits, the
// separators between digits left out).
func formLeaks(out string) []string {
	var b strings.Builder
	rs := []rune(out)
	for i, r := range rs {
		switch {
		case r >= '０' && r <= '９':
			b.WriteRune('0' + r - '０')
		case strings.ContainsRune(" -.－．　\u00a0", r) && i > 0 && i+1 < len(rs) && isAnyDigit(rs[i-1]) && isAnyDigit(rs[i+1]):
		default:
			b.WriteRune(r)
		}
	}
	shown := b.String()
	var found []string
	for _, n := range []string{"13612349876", "32010219800101106", "15887654321", "13824681357", "17712349876", "510107199003084512", "15912340000", "620102197511200035", "13755501234"} {
		for i := 0; i+7 <= len(n); i++ {
			if strings.Contains(shown, n[i:i+7]) {
				found = append(found, n[i:i+7])
			}
		}
	}
	return found
}

func isAnyDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// TestNoOutputLeaksPersonalDataInAnyForm greps every --format, every --report kind, the
// baseline file and --diff for the digits of numbers written in full width, in groups, after
// +86 or after letters.
func TestNoOutputLeaksPersonalDataInAnyForm(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("r.txt", []byte(piiFormsReport), 0o644); err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T, what, out string) {
		t.Helper()
		if l := formLeaks(out); len(l) > 0 {
			t.Errorf("%s shows personal data %q:\n%s", what, l, out)
		}
	}
	for _, format := range []string{"pretty", "plain", "json", "sarif", "github"} {
		t.Run("--format "+format, func(t *testing.T) {
			code, out, errs := runCLI(t, "", "check", "--format", format, "r.txt")
			if code != exitFindings || strings.Count(out, "security/pii") < 9 {
				t.Fatalf("exit %d, want nine security/pii findings or more:\n%s\n%s", code, out, errs)
			}
			check(t, "stdout", out)
			check(t, "stderr", errs)
			for _, mask := range []string{"３２０１０２＊＊＊＊＊＊＊＊１０６Ｘ", "１３６＊＊＊＊９８７６", "158-****-4321", "+86 138 **** 1357", "177 **** 9876", "510107 ******** 4512", "159****0000", "620102********0035", "86137****1234"} {
				if !strings.Contains(out, mask) {
					t.Errorf("no %s in the output:\n%s", mask, out)
				}
			}
		})
	}
	grepSideOutputs(t, dir, check)
	t.Run("--diff", func(t *testing.T) {
		code, out, errs := runCLI(t, "", "check", "--diff", "r.txt")
		if code != exitFindings || !strings.Contains(out, "+联系人张某，手机158-****-4321，电话+86 138 **** 1357。") {
			t.Fatalf("exit %d; want the changed line, masked:\n%s\n%s", code, out, errs)
		}
		check(t, "stdout", out)
		check(t, "stderr", errs)
	})
	t.Run("a rule turned off does not unmask", func(t *testing.T) {
		code, out, errs := runCLI(t, "", "check", "--format", "json", "--disable", "security/pii", "r.txt")
		if code != exitFindings && code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		check(t, "stdout", out)
	})
}

// grepSideOutputs runs check over what a check of r.txt (in the working directory dir) writes
// besides its output: every --report kind (each part of the .xlsx) and the baseline file, which
// must record the security/pii findings.
func grepSideOutputs(t *testing.T, dir string, check func(t *testing.T, what, out string)) {
	for _, ext := range []string{"xlsx", "csv", "html", "json"} {
		t.Run("--report ."+ext, func(t *testing.T) {
			path := "summary." + ext
			if code, _, errs := runCLI(t, "", "check", "--format", "json", "--report", path, "r.txt"); code != exitFindings {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if ext != "xlsx" {
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				check(t, path, string(data))
				return
			}
			zr, err := zip.OpenReader(path)
			if err != nil {
				t.Fatal(err)
			}
			defer zr.Close()
			for _, f := range zr.File {
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				data, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					t.Fatal(err)
				}
				check(t, path+":"+f.Name, string(data))
			}
		})
	}
	t.Run("the baseline file", func(t *testing.T) {
		path := filepath.Join(dir, "baseline.json")
		if code, _, errs := runCLI(t, "", "check", "--write-baseline", path, "r.txt"); code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		check(t, "baseline", string(data))
		if !strings.Contains(string(data), "security/pii") {
			t.Errorf("the baseline has no security/pii entry:\n%s", data)
		}
	})
}
