package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
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
				return fail(fmt.Sprintf("unknown rule %q in [severity] (see `fzlint rules`)", id), "severity", id)
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
		if complete && p.Template == "" {
			return fail(fmt.Sprintf("part %q has no template", p.ID), "parts", "template")
		}
	}
	if complete {
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
	if md.IsDefined("version") && s.Version != 1 {
		return fail(fmt.Sprintf("unsupported version %d: this fzlint reads version 1", s.Version), "version")
	}
	return nil
}
