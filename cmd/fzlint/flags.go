package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/fzlint/fzlint/internal/suggest"
	"github.com/spf13/pflag"
)

// newFlags returns the flag set of a subcommand, in the conventional style (pflag): --name
// VALUE or --name=VALUE, short forms such as -q, repeated flags that add up. usage is the
// synopsis line; more, if set, prints what follows the flag list in --help.
func (e *env) newFlags(cmd, usage string, more func()) *pflag.FlagSet {
	fs := pflag.NewFlagSet(cmd, pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "Usage: %s\n\nFlags:\n%s", usage, flagUsages(fs))
		if more != nil {
			more()
		}
	}
	return fs
}

// parseFlags parses a subcommand's arguments: flags may come before, between or after the
// paths, and "--" ends them. It returns the other arguments, or ok false with the exit status:
// 0 after --help, 2 after a usage error (printed, with a "did you mean" where one is near).
// A long flag written with one dash (-format, Go's flag style) is read as --format.
func (e *env) parseFlags(fs *pflag.FlagSet, args []string) (rest []string, code int, ok bool) {
	if fs.Lookup("help") == nil {
		fs.BoolP("help", "h", false, "show this help") // last in the list
	}
	args = append([]string(nil), args...)
	for i, a := range args {
		if a == "--" {
			break
		}
		if len(a) > 2 && a[0] == '-' && a[1] != '-' {
			name, _, _ := strings.Cut(a[1:], "=")
			if len(name) > 1 && fs.Lookup(name) != nil {
				args[i] = "-" + a
			}
		}
	}
	err := fs.Parse(args)
	if help, _ := fs.GetBool("help"); help && err == nil {
		// --help was asked for: the answer goes to stdout, as any other output would.
		fs.Usage()
		return nil, exitOK, false
	}
	if err != nil {
		msg := err.Error()
		var ne *pflag.NotExistError
		if errors.As(err, &ne) && ne.GetSpecifiedName() != "" {
			var names []string
			fs.VisitAll(func(f *pflag.Flag) {
				if !f.Hidden {
					names = append(names, f.Name)
				}
			})
			if s := suggest.Closest(ne.GetSpecifiedName(), names); s != "" {
				msg += fmt.Sprintf(" (did you mean --%s?)", s)
			}
		}
		fmt.Fprintf(e.stderr, "fzlint %s: %s\nRun 'fzlint %s --help' for the flags.\n", fs.Name(), msg, fs.Name())
		return nil, exitTrouble, false
	}
	return fs.Args(), 0, true
}

// flagUsages lists the flags as GNU tools do: "  -q, --quiet" or "      --format FORMAT", the
// descriptions aligned. (pflag's own list writes every boolean as --fix[=true|false].)
func flagUsages(fs *pflag.FlagSet) string {
	var names, usages []string
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name := "      --" + f.Name
		if f.Shorthand != "" {
			name = "  -" + f.Shorthand + ", --" + f.Name
		}
		varname, usage := pflag.UnquoteUsage(f)
		if f.Value.Type() != "bool" && varname != "" {
			name += " " + varname
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		names, usages = append(names, name), append(usages, usage)
		width = max(width, len(name))
	})
	var b strings.Builder
	for i := range names {
		fmt.Fprintf(&b, "%-*s   %s\n", width, names[i], usages[i])
	}
	return b.String()
}

// splitLists splits comma-separated lists given once or more (--disable a,b --disable c).
func splitLists(values []string) []string {
	var out []string
	for _, v := range values {
		out = append(out, splitList(v)...)
	}
	return out
}
