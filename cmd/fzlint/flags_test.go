package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// rulesFired runs check --format json and returns the rules of the findings.
func rulesFired(t *testing.T, args ...string) []string {
	t.Helper()
	code, out, errs := runCLI(t, "", append([]string{"check", "--format", "json", "--fail-on", "none"}, args...)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		Files []struct {
			Diagnostics []struct{ Rule string }
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, f := range doc.Files {
		for _, d := range f.Diagnostics {
			rules = append(rules, d.Rule)
		}
	}
	return rules
}

func TestRepeatedDisableAndEnableAddUp(t *testing.T) {
	report := writeTemp(t, "r.txt", piiReport)
	all := rulesFired(t, report)
	if !slices.Contains(all, "security/pii") || !slices.Contains(all, "consistency/number-relation") {
		t.Fatalf("the report should fire both rules: %v", all)
	}
	repeated := rulesFired(t, "--disable", "security/pii", report, "--disable", "consistency")
	if slices.Contains(repeated, "security/pii") || slices.ContainsFunc(repeated, func(r string) bool { return strings.HasPrefix(r, "consistency/") }) {
		t.Errorf("a repeated --disable kept only one: %v", repeated)
	}
	if commas := rulesFired(t, "--disable", "security/pii,consistency", report); !slices.Equal(commas, repeated) {
		t.Errorf("--disable a --disable b gives %v, --disable a,b gives %v", repeated, commas)
	}
	enabled := rulesFired(t, "--disable", "security/pii,consistency", "--enable", "security/pii", "--enable", "consistency/number-relation", report)
	if !slices.Contains(enabled, "security/pii") || !slices.Contains(enabled, "consistency/number-relation") || slices.Contains(enabled, "consistency/percent-range") {
		t.Errorf("a repeated --enable kept only one: %v", enabled)
	}
	if oneDash := rulesFired(t, "-disable", "security/pii", "-disable=consistency", report); !slices.Equal(oneDash, repeated) {
		t.Errorf("Go-style -disable gives %v, want %v", oneDash, repeated)
	}
}

func TestHelpIsConventional(t *testing.T) {
	for _, args := range [][]string{{"check", "--help"}, {"check", "-h"}, {"check", "x.txt", "--help"}} {
		code, out, errs := runCLI(t, "", args...)
		if code != exitOK || errs != "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
		for _, want := range []string{"Usage: fzlint check", "\n      --format format ", "\n  -q, --quiet ", "\n      --fix ", "\n  -h, --help "} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: help lacks %q:\n%s", args, want, out)
			}
		}
		if strings.Contains(out, "annotate-strict") || strings.Contains(out, "[=true|false]") || strings.Contains(out, "\n  -format") {
			t.Errorf("%v: help shows an internal flag or single-dash style:\n%s", args, out)
		}
	}
	// The help names every format read; annotate, made of check, names itself.
	if _, out, _ := runCLI(t, "", "check", "--help"); !strings.Contains(out, "Files: .txt .md .docx .doc .wps .odt .pdf .ofd .html .htm;") {
		t.Errorf("check --help does not list the formats read:\n%s", out)
	}
	if code, _, errs := runCLI(t, "", "annotate"); code != exitTrouble || errs != "fzlint annotate: no files given (name the .docx to annotate)\n" {
		t.Errorf("annotate with no file: exit %d, stderr %q", code, errs)
	}
	for _, cmd := range []string{"template", "init", "annotate"} {
		if code, out, _ := runCLI(t, "", cmd, "--help"); code != exitOK || !strings.Contains(out, "Usage: fzlint "+cmd) {
			t.Errorf("%s --help: exit %d\n%s", cmd, code, out)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	report := writeTemp(t, "r.txt", piiReport)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"chek", report}, `unknown command "chek" (did you mean check?)`},
		{[]string{"explian", "security/pii"}, "did you mean explain?"},
		{[]string{"check", "--fromat", "json", report}, "unknown flag: --fromat (did you mean --format?)"},
		{[]string{"check", report, "--disable", "languge/punctuation-width"}, "did you mean language/punctuation-width?"},
		{[]string{"check", "--enable", "punctuation-width", report}, "did you mean language/punctuation-width?"},
		{[]string{"explain", "content/duty-coverage"}, "did you mean content/duties-coverage?"},
	}
	for _, tc := range tests {
		code, _, errs := runCLI(t, "", tc.args...)
		if code != exitTrouble || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tc.args, code, errs, tc.want)
		}
	}
	if _, _, errs := runCLI(t, "", "frobnicate"); strings.Contains(errs, "did you mean") {
		t.Errorf("a name near nothing got a suggestion: %q", errs)
	}
}
