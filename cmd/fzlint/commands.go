package main

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/internal/suggest"
	"github.com/fzlint/fzlint/rules"
)

// defaultSet is the built-in rule set.
func defaultSet() *rules.Set { return rules.Defaults() }

func (e *env) rules(args []string) int {
	if len(args) > 0 {
		fmt.Fprintln(e.stderr, "fzlint rules: takes no arguments")
		return exitTrouble
	}
	rs := defaultSet()
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tFIX\tDESCRIPTION")
	for _, c := range checker.Checks() {
		sev := c.Severity
		if s, ok := rs.Severity[c.ID]; ok {
			sev = s
		}
		fix := ""
		if c.Fixable {
			fix = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.ID, sev, fix, c.Summary)
	}
	tw.Flush()
	return exitOK
}

func (e *env) explain(args []string) int {
	if len(args) != 1 {
		fmt.Fprintln(e.stderr, "usage: fzlint explain RULE   (see `fzlint rules` for the ids)")
		return exitTrouble
	}
	c := checker.Lookup(args[0])
	if c == nil {
		hint := ""
		if s := suggest.Closest(args[0], checker.RuleIDs()); s != "" {
			hint = fmt.Sprintf("; did you mean %s?", s)
		}
		fmt.Fprintf(e.stderr, "fzlint explain: unknown rule %q%s (see `fzlint rules`)\n", args[0], hint)
		return exitTrouble
	}
	fmt.Fprintf(e.stdout, "%s  (默认级别：%s)\n\n%s\n\n%s\n", c.ID, c.Severity, c.Summary, c.Doc)
	if c.Bad != "" {
		fmt.Fprintf(e.stdout, "\n错误示例：\n%s\n", indent(c.Bad))
	}
	if c.Good != "" {
		fmt.Fprintf(e.stdout, "\n正确示例：\n%s\n", indent(c.Good))
	}
	return exitOK
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

func (e *env) template(args []string) int {
	fs := e.newFlags("template", "fzlint template [--year Y] [--profile P] [--unit NAME]", nil)
	year := fs.Int("year", 0, "report year `Y` (default: last year)")
	profile := fs.String("profile", "government", "`profile`: government|department")
	unit := fs.String("unit", "", "the reporting unit's `name`")
	if rest, code, ok := e.parseFlags(fs, args); !ok {
		return code
	} else if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "fzlint template: takes no arguments, got %q\n", rest[0])
		return exitTrouble
	}
	if *profile != "government" && *profile != "department" {
		fmt.Fprintf(e.stderr, "fzlint template: --profile must be government or department, not %q\n", *profile)
		return exitTrouble
	}
	y := *year
	if y == 0 {
		y = currentYear() - 1
	}
	if y < 2000 || y > 2099 {
		fmt.Fprintf(e.stderr, "fzlint template: --year %d is not a plausible report year\n", y)
		return exitTrouble
	}
	fmt.Fprint(e.stdout, checker.Skeleton(defaultSet(), y, *profile, *unit))
	return exitOK
}

func (e *env) initConfig(args []string) int {
	fs := e.newFlags("init", "fzlint init [--force]", nil)
	force := fs.Bool("force", false, "overwrite an existing .fzlint.toml")
	if rest, code, ok := e.parseFlags(fs, args); !ok {
		return code
	} else if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "fzlint init: takes no arguments, got %q\n", rest[0])
		return exitTrouble
	}
	if _, err := os.Stat(configName); err == nil && !*force {
		fmt.Fprintf(e.stderr, "fzlint init: %s already exists (use --force to overwrite)\n", configName)
		return exitTrouble
	}
	if err := os.WriteFile(configName, []byte(starterConfig), 0o644); err != nil {
		fmt.Fprintf(e.stderr, "fzlint init: %v\n", err)
		return exitTrouble
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", configName)
	return exitOK
}
