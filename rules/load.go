package rules

import (
	"encoding"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/BurntSushi/toml"
)

// FileError is a mistake in a rules or config file, at a line of it. Users fix these, so the message
// says exactly what is wrong.
type FileError struct {
	File string
	Line int // 1-based; 0 when unknown
	Key  string
	Msg  string
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Options carry what validation needs to know from outside the rules file.
type Options struct {
	// RuleIDs are the ids of every rule; a severity for any other id is an error.
	RuleIDs []string
}

// Load reads a complete rule set (the embedded defaults, or a file given with --rules).
func Load(name string, data []byte, opts Options) (*Set, error) {
	var s Set
	src := string(data)
	md, err := toml.Decode(src, &s)
	if err != nil {
		return nil, tomlError(name, src, err)
	}
	if err := undecoded(name, src, md); err != nil {
		return nil, err
	}
	s.Sources = []string{name}
	if err := s.validate(name, src, md, opts, true); err != nil {
		return nil, err
	}
	return &s, nil
}

// Overlay reads a user's config (.fzlint.toml) and merges it over base, returning a new set;
// base is not changed. Scalars replace, plain lists are extended, and lists of tables are
// merged by their key (a table with the key of an existing one replaces it).
func Overlay(base *Set, name string, data []byte, opts Options) (*Set, error) {
	var user Set
	src := string(data)
	md, err := toml.Decode(src, &user)
	if err != nil {
		return nil, tomlError(name, src, err)
	}
	if err := undecoded(name, src, md); err != nil {
		return nil, err
	}
	merged := base.clone()
	mergeValue(reflect.ValueOf(merged).Elem(), reflect.ValueOf(&user).Elem(), md, nil)
	if md.IsDefined("placeholders", "triggers") {
		// A set of characters, extended as lists are: a user's pattern needs its own trigger
		// added, and replacing the set would leave every built-in pattern untried.
		merged.Placeholders.Triggers = base.Placeholders.Triggers
		for _, r := range user.Placeholders.Triggers {
			if !strings.ContainsRune(merged.Placeholders.Triggers, r) {
				merged.Placeholders.Triggers += string(r)
			}
		}
	}
	merged.Sources = append(append([]string(nil), base.Sources...), name)
	if err := user.validate(name, src, md, opts, false); err != nil {
		return nil, err
	}
	if err := merged.validate(name, src, md, opts, true); err != nil {
		return nil, err
	}
	return merged, nil
}

// tomlError turns a decoder error into an Error with the line it names.
func tomlError(name, src string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if pe.LastKey != "" && !strings.Contains(msg, pe.LastKey) {
			msg = fmt.Sprintf("%s: %s", pe.LastKey, msg)
		}
		line := pe.Position.Line
		// The lexer has often moved past the newline that ends the faulty line.
		if st := pe.Position.Start; st > 0 && st <= len(src) {
			l := strings.Count(src[:st], "\n") + 1
			if st < len(src) && src[st] == '\n' || st == len(src) {
				line = l
			}
		}
		return &FileError{File: name, Line: line, Key: pe.LastKey, Msg: msg}
	}
	msg := err.Error()
	line := 0
	// Type errors ("toml: line 12 (last key "a.b"): incompatible types") carry the line and the
	// key in the text.
	if _, e := fmt.Sscanf(msg, "toml: line %d", &line); e == nil {
		if i := strings.Index(msg, "): "); i >= 0 {
			key := ""
			if k := strings.Index(msg, "(last key "); k >= 0 && k < i {
				key = strings.Trim(msg[k+len("(last key "):i], `"`)
			}
			msg = msg[i+3:]
			if key != "" {
				msg = key + ": " + msg
			}
		}
	}
	return &FileError{File: name, Line: line, Msg: strings.TrimPrefix(msg, "toml: ")}
}

// undecoded reports the first key the schema does not know.
func undecoded(name, src string, md toml.MetaData) error {
	keys := md.Undecoded()
	if len(keys) == 0 {
		return nil
	}
	k := keys[0]
	return &FileError{File: name, Line: locate(src, k), Key: k.String(), Msg: fmt.Sprintf("unknown key %q", k.String())}
}

// locate finds the line of a key in TOML source: the line that defines it under its table, or
// the table's header. It returns 0 when the key cannot be found.
func locate(src string, key toml.Key) int {
	if len(key) == 0 {
		return 0
	}
	want := strings.Join(key, ".")
	var table string
	best, bestLen := 0, 0
	for i, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || t[0] == '#' {
			continue
		}
		var full string
		switch {
		case strings.HasPrefix(t, "[["):
			table = normKey(strings.TrimSuffix(strings.TrimPrefix(t[:strings.Index(t+"]]", "]]")], "[["), "]]"))
			full = table
		case t[0] == '[':
			table = normKey(strings.Trim(t[:strings.Index(t+"]", "]")+1], "[]"))
			full = table
		default:
			eq := strings.Index(t, "=")
			if eq <= 0 {
				continue
			}
			full = normKey(t[:eq])
			if table != "" {
				full = table + "." + full
			}
		}
		if full == want {
			return i + 1
		}
		if strings.HasPrefix(want, full+".") && len(full) > bestLen {
			best, bestLen = i+1, len(full)
		}
	}
	return best
}

// normKey turns a TOML key as written (`a . "b/c"`) into the dotted form toml.Key.String uses
// for plain keys (`a.b/c`).
func normKey(k string) string {
	parts := strings.Split(k, ".")
	var out []string
	for i := 0; i < len(parts); i++ {
		p := strings.TrimSpace(parts[i])
		// A quoted key may contain dots: join until the closing quote.
		if strings.HasPrefix(p, `"`) && !(len(p) > 1 && strings.HasSuffix(p, `"`)) {
			for i+1 < len(parts) {
				i++
				p += "." + parts[i]
				if strings.HasSuffix(strings.TrimSpace(parts[i]), `"`) {
					break
				}
			}
			p = strings.TrimSpace(p)
		}
		out = append(out, strings.Trim(p, `"'`))
	}
	return strings.Join(out, ".")
}

// clone copies a set deeply enough that merging into the copy leaves the original unchanged.
func (s *Set) clone() *Set {
	c := cloneValue(reflect.ValueOf(s).Elem())
	out := c.Addr().Interface().(*Set)
	return out
}

// textType is implemented by values decoded from one TOML string (Regexp, Expr, MonthDay,
// Severity); they are copied and replaced whole.
var textType = reflect.TypeOf((*encoding.TextMarshaler)(nil)).Elem()

func cloneValue(v reflect.Value) reflect.Value {
	out := reflect.New(v.Type()).Elem()
	if v.Type().Implements(textType) {
		out.Set(v)
		return out
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if out.Field(i).CanSet() {
				out.Field(i).Set(cloneValue(v.Field(i)))
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			return out
		}
		s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			s.Index(i).Set(cloneValue(v.Index(i)))
		}
		out.Set(s)
	case reflect.Map:
		if v.IsNil() {
			return out
		}
		m := reflect.MakeMapWithSize(v.Type(), v.Len())
		for _, k := range v.MapKeys() {
			m.SetMapIndex(k, cloneValue(v.MapIndex(k)))
		}
		out.Set(m)
	default:
		out.Set(v)
	}
	return out
}

// mergeValue merges the keys of user that the file defined (md) into dst. path is the TOML key
// path of v.
func mergeValue(dst, user reflect.Value, md toml.MetaData, path []string) {
	if dst.Type().Implements(textType) {
		dst.Set(user)
		return
	}
	switch dst.Kind() {
	case reflect.Struct:
		t := dst.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := strings.Split(f.Tag.Get("toml"), ",")[0]
			if name == "" || name == "-" {
				continue
			}
			p := append(append([]string(nil), path...), name)
			if !md.IsDefined(p...) {
				continue
			}
			if key := f.Tag.Get("merge"); key != "" && f.Type.Kind() == reflect.Slice {
				dst.Field(i).Set(mergeKeyed(dst.Field(i), user.Field(i), strings.Split(key, ",")))
				continue
			}
			mergeValue(dst.Field(i), user.Field(i), md, p)
		}
	case reflect.Map:
		if dst.IsNil() {
			dst.Set(reflect.MakeMap(dst.Type()))
		}
		for _, k := range user.MapKeys() {
			p := append(append([]string(nil), path...), k.String())
			cur := dst.MapIndex(k)
			if cur.IsValid() && cur.Kind() == reflect.Struct {
				c := reflect.New(cur.Type()).Elem()
				c.Set(cur)
				mergeValue(c, user.MapIndex(k), md, p)
				dst.SetMapIndex(k, c)
				continue
			}
			dst.SetMapIndex(k, user.MapIndex(k))
		}
	case reflect.Slice:
		dst.Set(appendUnique(dst, user))
	default:
		dst.Set(user)
	}
}

// mergeKeyed merges two lists of tables by the fields named in keys: a user's table replaces
// the first one with its key, or is appended. The keys are looked up in a map, so that a config
// of thousands of tables merges in linear time.
func mergeKeyed(dst, user reflect.Value, keys []string) reflect.Value {
	out := reflect.MakeSlice(dst.Type(), 0, dst.Len()+user.Len())
	out = reflect.AppendSlice(out, dst)
	index := make(map[string]int, out.Len()+user.Len())
	for j := 0; j < out.Len(); j++ {
		if k, ok := tableKey(out.Index(j), keys); ok {
			if _, seen := index[k]; !seen {
				index[k] = j
			}
		}
	}
	for i := 0; i < user.Len(); i++ {
		u := user.Index(i)
		k, ok := tableKey(u, keys)
		if j, found := index[k]; ok && found {
			out.Index(j).Set(u)
			continue
		}
		out = reflect.Append(out, u)
		if ok {
			index[k] = out.Len() - 1
		}
	}
	return out
}

// tableKey is the key of a table: its fields named in keys, written out; ok is false when a
// field is missing.
func tableKey(v reflect.Value, keys []string) (string, bool) {
	var b strings.Builder
	for _, k := range keys {
		f := fieldByTOML(v, k)
		if !f.IsValid() {
			return "", false
		}
		b.WriteString(fmt.Sprint(f.Interface()))
		b.WriteByte(0)
	}
	return b.String(), true
}

func fieldByTOML(v reflect.Value, name string) reflect.Value {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if strings.Split(t.Field(i).Tag.Get("toml"), ",")[0] == name {
			return v.Field(i)
		}
	}
	return reflect.Value{}
}

func appendUnique(dst, user reflect.Value) reflect.Value {
	out := reflect.MakeSlice(dst.Type(), 0, dst.Len()+user.Len())
	out = reflect.AppendSlice(out, dst)
	seen := map[string]bool{}
	for i := 0; i < dst.Len(); i++ {
		seen[fmt.Sprint(dst.Index(i).Interface())] = true
	}
	for i := 0; i < user.Len(); i++ {
		k := fmt.Sprint(user.Index(i).Interface())
		if !seen[k] {
			seen[k] = true
			out = reflect.Append(out, user.Index(i))
		}
	}
	return out
}

// Defaults returns the built-in rule set: rules.toml, as Load(fzlint.DefaultRulesName,
// fzlint.DefaultRules, …) reads it, without decoding and validating the file again at every
// start. defaults_gen.go is generated from rules.toml, and TestDefaultsAreRulesToml fails when it
// is stale or when Defaults differs from Load's set; package checker's tests check its rule
// ids. Each call returns a new set, which the caller may change.
func Defaults() *Set {
	return defaultSet()
}
