package rules

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"

	"github.com/fzlint/fzlint/internal/suggest"
)

// validate checks what the decoder cannot: references between tables, required values and
// known rule ids. complete is false for a user's overlay, which may leave things out.
func (s *Set) validate(name, src string, md toml.MetaData, opts Options, complete bool) error {
	fail := func(msg string, key ...string) error {
		return &FileError{File: name, Line: locate(src, toml.Key(key)), Key: strings.Join(key, "."), Msg: msg}
	}
	if len(opts.RuleIDs) > 0 {
		known := map[string]bool{}
		for _, id := range opts.RuleIDs {
			known[id] = true
		}
		ids := make([]string, 0, len(s.Severity))
		for id := range s.Severity {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			if !known[id] {
				hint := ""
				if near := suggest.Closest(id, opts.RuleIDs); near != "" {
					hint = fmt.Sprintf("; did you mean %q?", near)
				}
				return fail(fmt.Sprintf("unknown rule %q in [severity]%s (see `fzlint rules`)", id, hint), "severity", id)
			}
			if s.Severity[id] == Unset {
				return fail(fmt.Sprintf("no severity for rule %q", id), "severity", id)
			}
		}
	}
	ids := map[string]bool{}
	for _, p := range s.Parts {
		if p.ID == "" {
			return fail("a [[parts]] table has no id", "parts")
		}
		if ids[p.ID] {
			return fail(fmt.Sprintf("part %q is defined twice", p.ID), "parts", "id")
		}
		ids[p.ID] = true
		if complete && len(p.Patterns) == 0 {
			return fail(fmt.Sprintf("part %q has no patterns", p.ID), "parts", "patterns")
		}
		if p.RequiredFrom != 0 && p.RequiredUntil != 0 && p.RequiredUntil < p.RequiredFrom {
			return fail(fmt.Sprintf("part %q: required_until %d is before required_from %d", p.ID, p.RequiredUntil, p.RequiredFrom), "parts", "required_until")
		}
		if complete && p.Template == "" {
			return fail(fmt.Sprintf("part %q has no template", p.ID), "parts", "template")
		}
	}
	if complete {
		for _, p := range s.Parts {
			for _, id := range p.FoldedInto {
				if !ids[id] {
					return fail(fmt.Sprintf("part %q: folded_into names unknown part %q", p.ID, id), "parts", "folded_into")
				}
			}
		}
		for _, o := range s.Order {
			for _, id := range []string{o.First, o.Then} {
				if !ids[id] {
					return fail(fmt.Sprintf("[[order]] names unknown part %q", id), "order", "first")
				}
			}
		}
		for name, p := range s.Profiles {
			if p.Deadline.IsZero() {
				return fail(fmt.Sprintf("profile %q has no deadline", name), "profiles", name)
			}
		}
		for _, need := range []string{"government", "department"} {
			if _, ok := s.Profiles[need]; !ok {
				return fail(fmt.Sprintf("no [profiles.%s] table", need), "profiles")
			}
		}
		if s.Duties.MinGroups > len(s.Duties.Groups) {
			return fail(fmt.Sprintf("duties.min_groups is %d but only %d groups are listed", s.Duties.MinGroups, len(s.Duties.Groups)), "duties", "min_groups")
		}
	}
	// Entries of lists that a table of a user's file adds whole: one that leaves out what the
	// check reads would fail on every report (a relation without expr) or never match (a
	// title requirement without pattern: every title lacks it).
	for _, r := range s.Relations {
		if r.Expr.Op == "" {
			return fail("a [[relations]] entry needs expr (e.g. expr = \"办结 <= 收到\")", "relations")
		}
	}
	for _, list := range []struct {
		key   string
		items []NamedPattern
	}{{"required", s.Title.Required}, {"forbidden", s.Title.Forbidden}} {
		for _, t := range list.items {
			if !t.Pattern.Valid() || t.Name == "" {
				return fail(fmt.Sprintf("a [[title.%s]] entry needs pattern and name", list.key), "title", list.key)
			}
		}
	}
	for _, g := range s.Duties.Groups {
		if g.Name == "" || len(g.Patterns) == 0 {
			return fail("a [[duties.groups]] entry needs name and patterns", "duties", "groups")
		}
	}
	for name := range s.Profiles {
		if name != "government" && name != "department" {
			hint := ""
			if near := suggest.Closest(name, []string{"government", "department"}); near != "" {
				hint = fmt.Sprintf("; did you mean %q?", near)
			}
			return fail(fmt.Sprintf("unknown profile %q: profiles are government and department%s", name, hint), "profiles", name)
		}
	}
	// A line is matched against the placeholder patterns only if it holds a trigger: a pattern
	// that names none of them could never fire, and nothing would say so.
	if t := s.Placeholders.Triggers; t != "" {
		for _, p := range s.Placeholders.Patterns {
			if !strings.ContainsAny(p.String(), t) {
				return fail(fmt.Sprintf("placeholder pattern %q holds none of the triggers %q, so it would never be tried: add to [placeholders] triggers a character every match holds", p.String(), t), "placeholders", "patterns")
			}
		}
	}
	labels := map[string]bool{}
	for _, l := range s.Numbers.Labels {
		if l.Name == "" || len(l.Words) == 0 {
			return fail("a [[numbers.labels]] entry needs a name and words", "numbers", "labels")
		}
		labels[l.Name] = true
	}
	if complete {
		for _, r := range s.Relations {
			for _, l := range r.Expr.Labels() {
				if !labels[l] {
					return fail(fmt.Sprintf("relation %q uses label %q, which [numbers] does not define", r.Expr, l), "relations", "expr")
				}
			}
		}
		for _, r := range s.Rates {
			for _, l := range append([]string{r.Numerator}, r.Denominators...) {
				if !labels[l] {
					return fail(fmt.Sprintf("rate %q uses label %q, which [numbers] does not define", r.Name, l), "rates", "numerator")
				}
			}
			if len(r.Words) == 0 || len(r.Denominators) == 0 {
				return fail(fmt.Sprintf("rate %q needs words and denominators", r.Name), "rates", "name")
			}
		}
		if len(s.Numbers.Labels) > 0 && s.Numbers.MaxGap <= 0 {
			return fail("numbers.max_gap must be positive", "numbers", "max_gap")
		}
	}
	for _, t := range s.StaleTerms {
		if t.Term == "" || (t.StaleFrom == 0 && t.CurrentFrom == 0) {
			return fail(fmt.Sprintf("stale term %q needs a term and stale_from or current_from", t.Term), "stale_terms", "term")
		}
		if len(t.Words) > 0 && (len(t.Words) < 2 || t.MinWords < 2 || t.MinWords > len(t.Words)) {
			return fail(fmt.Sprintf("stale term %q: min_words must be between 2 and the %d words", t.Term, len(t.Words)), "stale_terms", "min_words")
		}
	}
	for _, f := range s.TermMatching.Fold {
		if len([]rune(f)) != 2 {
			return fail(fmt.Sprintf("term_matching.fold entry %q: want two characters, the first matched as the second", f), "term_matching", "fold")
		}
	}
	for _, w := range s.WrongTerms {
		if w.Wrong == "" || w.Right == "" || w.Wrong == w.Right {
			return fail(fmt.Sprintf("wrong term %q needs a different right term", w.Wrong), "wrong_terms", "wrong")
		}
	}
	for _, p := range s.Pairs {
		if p.Open == "" || p.Close == "" {
			return fail("a [[pairs]] entry needs open and close", "pairs", "open")
		}
	}
	for _, m := range s.Punctuation.Marks {
		if len([]rune(m.Half)) != 1 || len([]rune(m.Full)) != 1 {
			return fail(fmt.Sprintf("punctuation mark %q → %q: both must be one character", m.Half, m.Full), "punctuation", "marks")
		}
	}
	if err := s.PII.validate(fail); err != nil {
		return err
	}
	if err := s.Copies.validate(fail, md); err != nil {
		return err
	}
	// Limits that a zero or negative value would turn into false findings (every line taken
	// for chrome, every title too long): checked where the file sets them, and in a complete set.
	for _, n := range []struct {
		key []string
		v   int
	}{
		{[]string{"document", "chrome_max_chars"}, s.Document.ChromeMaxChars},
		{[]string{"document", "title_max_chars"}, s.Document.TitleMaxChars},
		{[]string{"repeated", "max_len"}, s.Repeated.MaxLen},
	} {
		if n.v <= 0 && (complete || md.IsDefined(n.key...)) {
			return fail(fmt.Sprintf("%s must be a positive number, not %d", strings.Join(n.key, "."), n.v), n.key...)
		}
	}
	// Each list of patterns is matched as one alternation: patterns that compile alone may
	// together exceed what the regexp package accepts, which must be this file's error.
	if err := checkUnions(reflect.ValueOf(s).Elem(), nil, fail); err != nil {
		return err
	}
	if md.IsDefined("version") && s.Version != 1 {
		return fail(fmt.Sprintf("unsupported version %d: this fzlint reads version 1", s.Version), "version")
	}
	return nil
}

// validate checks [pii]: separators are one character that is not a digit; the groups of a
// grouping add up to the length of the number; the country code is digits.
func (p *PII) validate(fail func(string, ...string) error) error {
	for _, sep := range p.Separators {
		if r := []rune(sep); len(r) != 1 || unicode.IsDigit(r[0]) {
			return fail(fmt.Sprintf("pii.separators entry %q: want one character that is not a digit", sep), "pii", "separators")
		}
	}
	for _, g := range []struct {
		key    string
		groups [][]int
		digits int
	}{{"id_groups", p.IDGroups, 18}, {"mobile_groups", p.MobileGroups, 11}} {
		for _, gs := range g.groups {
			sum := 0
			for _, n := range gs {
				if n < 1 {
					sum = -1
					break
				}
				sum += n
			}
			if sum != g.digits || len(gs) < 2 {
				return fail(fmt.Sprintf("pii.%s entry %v: want two or more groups of digits that add up to %d", g.key, gs, g.digits), "pii", g.key)
			}
		}
	}
	for _, f := range p.NotMobileBetween {
		if len(f) != 2 || f[0] == "" || f[1] == "" {
			return fail(fmt.Sprintf("pii.not_mobile_between entry %q: want two words, the one before and the one after", f), "pii", "not_mobile_between")
		}
	}
	for _, c := range p.CountryCode {
		if c < '0' || c > '9' {
			return fail(fmt.Sprintf("pii.country_code %q: want digits", p.CountryCode), "pii", "country_code")
		}
	}
	return nil
}

// validate checks [copies]: similarity is above 0 and at most 1; min_chars is positive;
// max_reports is at least 2.
func (c *Copies) validate(fail func(string, ...string) error, md toml.MetaData) error {
	if md.IsDefined("copies", "min_chars") && c.MinChars < 1 {
		return fail(fmt.Sprintf("copies.min_chars must be at least 1, not %d", c.MinChars), "copies", "min_chars")
	}
	if md.IsDefined("copies", "max_reports") && c.MaxReports < 2 {
		return fail(fmt.Sprintf("copies.max_reports must be at least 2, not %d", c.MaxReports), "copies", "max_reports")
	}
	if md.IsDefined("copies", "similarity") && !(c.Similarity > 0 && c.Similarity <= 1) {
		return fail(fmt.Sprintf("copies.similarity must be above 0 and at most 1, not %g", c.Similarity), "copies", "similarity")
	}
	return nil
}

var patternsType = reflect.TypeOf(Patterns(nil))

// checkUnions compiles the alternation of every list of patterns in v (path is its TOML key).
func checkUnions(v reflect.Value, path []string, fail func(string, ...string) error) error {
	if v.Type() == patternsType {
		if err := v.Interface().(Patterns).check(); err != nil {
			return fail(fmt.Sprintf("the patterns of %s together: %v", strings.Join(path, "."), err), path...)
		}
		return nil
	}
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			name := strings.Split(t.Field(i).Tag.Get("toml"), ",")[0]
			if name == "" || name == "-" || !t.Field(i).IsExported() {
				continue
			}
			if err := checkUnions(v.Field(i), append(append([]string(nil), path...), name), fail); err != nil {
				return err
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			if err := checkUnions(v.Index(i), path, fail); err != nil {
				return err
			}
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			if err := checkUnions(v.MapIndex(k), append(append([]string(nil), path...), fmt.Sprint(k.Interface())), fail); err != nil {
				return err
			}
		}
	}
	return nil
}
