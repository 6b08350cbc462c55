package rules

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Severity is how serious a finding is. The zero value is "not set".
type Severity int

// Severities, from least to most serious. Off disables a rule.
const (
	Unset Severity = iota
	Off
	Info
	Warning
	Error
)

var severityNames = map[Severity]string{Off: "off", Info: "info", Warning: "warning", Error: "error"}

// ParseSeverity reads "error", "warning", "info" or "off".
func ParseSeverity(s string) (Severity, error) {
	for sev, name := range severityNames {
		if name == s {
			return sev, nil
		}
	}
	return Unset, fmt.Errorf("unknown severity %q: want error, warning, info or off", s)
}

func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return "unset"
}

// UnmarshalText makes a bad severity in a TOML file an error at its line.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Regexp is a regular expression of a rules file. It is checked when the file is decoded, and
// compiled when it is first used: most patterns are plain phrases, which the checks find with
// their phrase matchers, and a run uses few of the others. The zero value is no pattern.
type Regexp struct {
	p *pattern // shared by the copies of a Regexp
}

type pattern struct {
	src     string
	literal bool // src is a plain phrase: it matches itself and nothing else
	once    sync.Once
	re      *regexp.Regexp
}

// maxLiteral bounds the plain phrases that are not parsed: a longer one could exceed what the
// regexp package accepts, which must be the file's error.
const maxLiteral = 1 << 16

// UnmarshalText checks the pattern; a bad pattern is an error at its line.
func (r *Regexp) UnmarshalText(b []byte) error {
	src := string(b)
	literal := isLiteral(src)
	if !literal {
		// Compiling fails where parsing does (regexp.Compile parses, then compiles what
		// parsed), with the same error.
		if _, err := syntax.Parse(src, syntax.Perl); err != nil {
			return fmt.Errorf("bad regular expression %q: %v", b, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		}
	}
	r.p = &pattern{src: src, literal: literal}
	return nil
}

// isLiteral reports whether src, as a regular expression, is a plain phrase: not empty, no
// character the syntax gives a meaning (those regexp.QuoteMeta escapes), valid UTF-8 without
// U+FFFD (see Phrase), and short.
func isLiteral(src string) bool {
	return src != "" && len(src) <= maxLiteral && !strings.ContainsAny(src, `\.+*?()|[]{}^$`) &&
		utf8.ValidString(src) && !strings.ContainsRune(src, utf8.RuneError)
}

// Re returns the compiled regular expression, nil for no pattern.
func (r Regexp) Re() *regexp.Regexp {
	if r.p == nil {
		return nil
	}
	r.p.once.Do(func() { r.p.re = regexp.MustCompile(r.p.src) })
	return r.p.re
}

// String returns the pattern's source text.
func (r Regexp) String() string {
	if r.p == nil {
		return ""
	}
	return r.p.src
}

// Phrase returns the phrase the pattern is: when it matches that phrase wherever it occurs and
// nothing else, as 人民政府 or (人民政府), not ^人民政府$. A plain phrase is known without
// parsing; a phrase with U+FFFD is not one (the regexp would match a byte that is not UTF-8).
func (r Regexp) Phrase() (string, bool) {
	if r.p == nil {
		return "", false
	}
	if r.p.literal {
		return r.p.src, true
	}
	re, err := syntax.Parse(r.p.src, syntax.Perl)
	if err != nil {
		return "", false
	}
	re = re.Simplify()
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re.Op != syntax.OpLiteral || re.Flags&syntax.FoldCase != 0 || len(re.Rune) == 0 || slices.Contains(re.Rune, utf8.RuneError) {
		return "", false
	}
	return string(re.Rune), true
}

// MarshalText writes the pattern back.
func (r Regexp) MarshalText() ([]byte, error) {
	if r.p == nil {
		return nil, nil
	}
	return []byte(r.p.src), nil
}

// Valid reports whether a pattern was given.
func (r Regexp) Valid() bool { return r.p != nil }

// Patterns is a list of regular expressions, matched as one alternation so that a line is
// scanned once whatever the length of the list.
type Patterns []Regexp

// Any returns one regexp that matches wherever any pattern of the list matches, or nil for an
// empty list. Loading a rule set checks that every list's alternation compiles (check), and a
// part of a list compiles if the whole does.
func (ps Patterns) Any() *regexp.Regexp {
	re, err := ps.union()
	if err != nil {
		panic("rules: a pattern list that was not validated: " + err.Error())
	}
	return re
}

// check reports whether the alternation of the list compiles: whether it parses, as Any
// compiles what parses.
func (ps Patterns) check() error {
	if len(ps) == 0 {
		return nil
	}
	_, err := syntax.Parse(ps.source(), syntax.Perl)
	return err
}

func (ps Patterns) union() (*regexp.Regexp, error) {
	if len(ps) == 0 {
		return nil, nil
	}
	return regexp.Compile(ps.source())
}

// source is the alternation of the list.
func (ps Patterns) source() string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = "(?:" + p.String() + ")"
	}
	return strings.Join(parts, "|")
}

// MonthDay is a day of the year written "MM-DD".
type MonthDay struct {
	Month, Day int
}

// UnmarshalText reads "MM-DD".
func (m *MonthDay) UnmarshalText(b []byte) error {
	var month, day int
	if _, err := fmt.Sscanf(string(b), "%d-%d", &month, &day); err != nil || month < 1 || month > 12 || day < 1 || day > 31 {
		return fmt.Errorf("bad month-day %q: want MM-DD, e.g. \"04-01\"", b)
	}
	m.Month, m.Day = month, day
	return nil
}

// MarshalText writes "MM-DD".
func (m MonthDay) MarshalText() ([]byte, error) {
	return []byte(fmt.Sprintf("%02d-%02d", m.Month, m.Day)), nil
}

// IsZero reports whether no date was set.
func (m MonthDay) IsZero() bool { return m.Month == 0 }

// Day is a calendar date written "YYYY-MM-DD".
type Day struct {
	Year, Month, Day int
}

// UnmarshalText reads "YYYY-MM-DD".
func (d *Day) UnmarshalText(b []byte) error {
	var y, m, dd int
	if n, err := fmt.Sscanf(string(b), "%4d-%2d-%2d", &y, &m, &dd); err != nil || n != 3 || len(b) != 10 || y < 1900 || m < 1 || m > 12 || dd < 1 || dd > 31 {
		return fmt.Errorf("bad date %q: want YYYY-MM-DD, e.g. \"2021-08-12\"", b)
	}
	*d = Day{y, m, dd}
	return nil
}

// MarshalText writes "YYYY-MM-DD".
func (d Day) MarshalText() ([]byte, error) {
	return []byte(fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)), nil
}

// IsZero reports whether no date was set.
func (d Day) IsZero() bool { return d.Year == 0 }
