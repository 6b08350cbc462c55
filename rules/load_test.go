package rules_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	fzlint "github.com/fzlint/fzlint"
	"github.com/fzlint/fzlint/rules"
)

var ids = []string{"structure/missing-section", "language/punctuation-width"}

func TestDefaultRulesLoad(t *testing.T) {
	rs, err := rules.Load("rules.toml", fzlint.DefaultRules, rules.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.Parts) != 5 || rs.Profiles["department"].Deadline != (rules.MonthDay{Month: 3, Day: 1}) {
		t.Errorf("unexpected default set: %d parts, department deadline %+v", len(rs.Parts), rs.Profiles["department"].Deadline)
	}
}

// TestLoadErrors: a malformed rules file is an error that names the file and the line.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"syntax", "version = 1\n[document\nchrome = []\n", 2, ""},
		{"unknown key", "version = 1\n\n[document]\nchrom = ['x']\n", 4, `unknown key "document.chrom"`},
		{"unknown table", "version = 1\n[nosuch]\nx = 1\n", 2, `unknown key "nosuch"`},
		{"bad regexp", "version = 1\n[document]\nchrome = [\n  'ok',\n  '(unclosed',\n]\n", 3, "bad regular expression"},
		{"bad severity", "version = 1\n[severity]\n\"structure/missing-section\" = \"fatal\"\n", 3, "unknown severity"},
		{"unknown rule", "version = 1\n[severity]\n\"structure/nope\" = \"off\"\n", 3, `unknown rule "structure/nope"`},
		{"a mistyped rule", "version = 1\n[severity]\n\"structure/misssing-section\" = \"off\"\n", 3, `unknown rule "structure/misssing-section" in [severity]; did you mean "structure/missing-section"?`},
		{"bad deadline", "version = 1\n[profiles.government]\ndeadline = \"13-01\"\n", 3, "bad month-day"},
		{"wrong type", "version = 1\n[document]\nchrome_max_chars = \"eighty\"\n", 3, "chrome_max_chars"},
		{"bad version", "version = 2\n", 1, "unsupported version 2"},
		{"bad date", "version = 1\n[[stale_terms]]\nterm = \"x\"\nstale_from = 2021\nstale_date = \"2021-13-01\"\n", 5, "bad date"},
		{"bad fold", "version = 1\n[term_matching]\nfold = ['（']\n", 3, "want two characters"},
		{"too few words", "version = 1\n[[stale_terms]]\nterm = \"x\"\nstale_from = 2021\nwords = ['a', 'b']\nmin_words = 3\n", 6, "min_words must be between 2"},
		{"folded into unknown part", "version = 1\n[[parts]]\nid = \"duties\"\npatterns = ['x']\ntemplate = \"x\"\nfolded_into = ['nosuch']\n", 6, `folded_into names unknown part "nosuch"`},
		{"year range backwards", "version = 1\n[[parts]]\nid = \"duties\"\nrequired_from = 2019\nrequired_until = 2017\n", 5, "required_until 2017 is before required_from 2019"},
		// Limits a zero or negative value would turn into false findings (issue 11.22).
		{"zero chrome_max_chars", "version = 1\n[document]\nchrome_max_chars = 0\n", 3, "document.chrome_max_chars must be a positive number, not 0"},
		{"negative title_max_chars", "version = 1\n[document]\n\ntitle_max_chars = -5\n", 4, "document.title_max_chars must be a positive number, not -5"},
		{"zero max_len", "version = 1\n[repeated]\nmax_len = 0\n", 3, "repeated.max_len must be a positive number"},
		// Two patterns that compile alone but not as one alternation (issue 11.13).
		{"patterns too large together", "version = 1\n[placeholders]\npatterns = [\n'" + hugePattern("甲") + "',\n'" + hugePattern("乙") + "',\n]\n", 3, "the patterns of placeholders.patterns together: error parsing regexp: expression too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := rules.Overlay(mustDefault(t), ".fzlint.toml", []byte(tt.src), rules.Options{RuleIDs: ids})
			var fe *rules.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("want a *rules.FileError, got %v", err)
			}
			if fe.File != ".fzlint.toml" || fe.Line != tt.line || !strings.Contains(fe.Error(), tt.msg) {
				t.Errorf("got %q (line %d), want line %d and %q", fe.Error(), fe.Line, tt.line, tt.msg)
			}
			if !strings.HasPrefix(fe.Error(), ".fzlint.toml:") {
				t.Errorf("error does not start with file:line: %q", fe.Error())
			}
		})
	}
}

func mustDefault(t *testing.T) *rules.Set {
	t.Helper()
	rs, err := rules.Load("rules.toml", fzlint.DefaultRules, rules.Options{RuleIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestOverlay: a user's config changes parts of the defaults without copying them.
func TestOverlay(t *testing.T) {
	base := mustDefault(t)
	src := `
[severity]
"language/punctuation-width" = "off"

[profiles.department]
deadline = "04-01"

[document]
chrome = ['^本页责任编辑']
chrome_max_chars = 100

[[parts]]
id = "other"
name = "其他事项"
ordinal = 5
template = "其他事项"
patterns = ['^其他事项']
`
	rs, err := rules.Overlay(base, ".fzlint.toml", []byte(src), rules.Options{RuleIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	if rs.Severity["language/punctuation-width"] != rules.Off {
		t.Error("severity not overridden")
	}
	if rs.Profiles["department"].Deadline.Month != 4 || rs.Profiles["government"].Deadline.Month != 4 {
		t.Errorf("profiles: %+v", rs.Profiles)
	}
	if n := len(rs.Document.Chrome); n != len(base.Document.Chrome)+1 {
		t.Errorf("chrome list has %d patterns, want the %d defaults plus one", n, len(base.Document.Chrome))
	}
	if rs.Document.ChromeMaxChars != 100 || rs.Document.TitleMaxChars != base.Document.TitleMaxChars {
		t.Errorf("scalars: chrome_max_chars %d title_max_chars %d", rs.Document.ChromeMaxChars, rs.Document.TitleMaxChars)
	}
	if len(rs.Parts) != len(base.Parts) {
		t.Fatalf("parts: %d, want %d (replaced by id, not appended)", len(rs.Parts), len(base.Parts))
	}
	for _, p := range rs.Parts {
		if p.ID == "other" && p.Name != "其他事项" {
			t.Errorf("part other not replaced: %+v", p.Name)
		}
	}
	// The base is unchanged.
	if base.Profiles["department"].Deadline.Month != 3 || len(base.Document.Chrome) == len(rs.Document.Chrome) {
		t.Error("overlay changed the base set")
	}
}

// TestOverlayAddsDomain: a user's config adds stale terms, wrong terms, relations and
// placeholders to the defaults; a bad expression or an unknown label is an error at its line.
func TestOverlayAddsDomain(t *testing.T) {
	base := mustDefault(t)
	src := `
[[stale_terms]]
term = "旧提法"
stale_from = 2020
current = "新提法"

[[wrong_terms]]
wrong = "依法制县"
right = "依法治县"

[[relations]]
expr = "成功 + 撤诉 <= 调解"
note = "自定义"

[placeholders]
triggers = "〇"
patterns = ['〇〇县']
`
	rs, err := rules.Overlay(base, ".fzlint.toml", []byte(src), rules.Options{RuleIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.StaleTerms) != len(base.StaleTerms)+1 || len(rs.WrongTerms) != len(base.WrongTerms)+1 ||
		len(rs.Relations) != len(base.Relations)+1 || len(rs.Placeholders.Patterns) != len(base.Placeholders.Patterns)+1 {
		t.Errorf("not added: %d stale, %d wrong, %d relations, %d placeholders", len(rs.StaleTerms), len(rs.WrongTerms), len(rs.Relations), len(rs.Placeholders.Patterns))
	}
	if rs.Placeholders.Triggers != base.Placeholders.Triggers+"〇" {
		t.Errorf("triggers %q, want the built-in ones and 〇", rs.Placeholders.Triggers)
	}
	last := rs.Relations[len(rs.Relations)-1].Expr
	if last.Op != "<=" || len(last.Left) != 2 || last.Right[0] != "调解" {
		t.Errorf("relation parsed as %+v", last)
	}
	// Replacing a default by its key.
	rs, err = rules.Overlay(base, ".fzlint.toml", []byte("[[wrong_terms]]\nwrong = \"法制政府\"\nright = \"法治型政府\"\n"), rules.Options{RuleIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.WrongTerms) != len(base.WrongTerms) || rs.WrongTerms[0].Right != "法治型政府" {
		t.Errorf("wrong term not replaced by key: %+v", rs.WrongTerms[0])
	}

	for _, tt := range []struct{ src, msg string }{
		{"\n[[relations]]\nexpr = \"办结 <> 收到\"\n", "bad expression"},
		{"\n[[relations]]\nexpr = \"办结 +  <= 收到\"\n", "bad expression"},
		{"\n[[relations]]\nexpr = \"结办 <= 收到\"\n", `uses label "结办"`},
	} {
		_, err := rules.Overlay(base, ".fzlint.toml", []byte(tt.src), rules.Options{RuleIDs: ids})
		var fe *rules.FileError
		if !errors.As(err, &fe) || fe.Line != 3 || !strings.Contains(fe.Msg, tt.msg) {
			t.Errorf("%q: got %v, want line 3 and %q", tt.src, err, tt.msg)
		}
	}
}

// hugePattern is a pattern that compiles alone, but not twice in one alternation.
func hugePattern(first string) string { return first + strings.Repeat("[一-龥]{1000}", 1800) }

// A complete rule set (--rules) is held to the same: no zero limits, no union too large.
func TestLoadRefusesZeroLimitsAndHugeUnions(t *testing.T) {
	src := string(fzlint.DefaultRules)
	for _, tc := range []struct{ from, to, msg string }{
		{"chrome_max_chars = 80", "chrome_max_chars = 0", "chrome_max_chars must be a positive number"},
		{"max_len = 4", "max_len = -1", "repeated.max_len must be a positive number"},
		{"[placeholders]\n", "[placeholders]\nclosing_unused = 1\n", "unknown key"},
	} {
		if !strings.Contains(src, tc.from) {
			t.Fatalf("rules.toml no longer holds %q", tc.from)
		}
		_, err := rules.Load("rules.toml", []byte(strings.Replace(src, tc.from, tc.to, 1)), rules.Options{})
		if err == nil || !strings.Contains(err.Error(), tc.msg) || !strings.HasPrefix(err.Error(), "rules.toml:") {
			t.Errorf("%s: err = %v, want rules.toml:LINE: …%s", tc.to, err, tc.msg)
		}
	}
}

// BenchmarkOverlayManyTables merges a config of n [[wrong_terms]] tables: linear in n since
// tables are matched by key through a map (8,000 took 26 s when each was compared with all).
func BenchmarkOverlayManyTables(b *testing.B) {
	base, err := rules.Load("rules.toml", fzlint.DefaultRules, rules.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{8000, 50000} {
		var src strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&src, "[[wrong_terms]]\nwrong = \"错词%d\"\nright = \"正词%d\"\n", i, i)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for range b.N {
				set, err := rules.Overlay(base, ".fzlint.toml", []byte(src.String()), rules.Options{})
				if err != nil || len(set.WrongTerms) < n {
					b.Fatal(err)
				}
			}
		})
	}
}

// An entry a user's file adds whole must hold what the check reads: a relation without expr
// (every report with numbers failed with an internal error), a title requirement without
// pattern, a duty without patterns are errors at their line, and so is a profile fzlint never
// selects (a misspelt [profiles.goverment] was accepted and its deadline lost).
func TestOverlayRefusesIncompleteEntries(t *testing.T) {
	base := mustDefault(t)
	for _, tc := range []struct{ src, want string }{
		{"version = 1\n\n[[relations]]\nnote = \"x\"\n", ".fzlint.toml:3: a [[relations]] entry needs expr"},
		{"[[title.required]]\nname = \"x\"\n", ".fzlint.toml:1: a [[title.required]] entry needs pattern and name"},
		{"[[title.forbidden]]\npattern = '草稿'\n", ".fzlint.toml:1: a [[title.forbidden]] entry needs pattern and name"},
		{"[[duties.groups]]\nname = \"x\"\n", ".fzlint.toml:1: a [[duties.groups]] entry needs name and patterns"},
		{"\n[profiles.goverment]\ndeadline = \"02-01\"\n", `.fzlint.toml:2: unknown profile "goverment": profiles are government and department; did you mean "government"?`},
		{"[placeholders]\npatterns = ['待填']\n", `.fzlint.toml:2: placeholder pattern "待填" holds none of the triggers`},
	} {
		_, err := rules.Overlay(base, ".fzlint.toml", []byte(tc.src), rules.Options{RuleIDs: ids})
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.src, err, tc.want)
		}
	}
}
