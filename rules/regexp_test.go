package rules

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	fzlint "github.com/fzlint/fzlint"
)

// FuzzRegexp holds a Regexp, checked when decoded and compiled on first use, to regexp.Compile
// when it is decoded: the same patterns refused with the same message, the same regexp, and a
// plain phrase's literal prefix, known without compiling, the compiled regexp's.
func FuzzRegexp(f *testing.F) {
	for _, s := range []string{"人民政府", "^当前位置", "人民政府$", "a.b", "(", "x{2000}", "", "\ufffd", "a\ufffd", "\xff", " \t\n#", "(?i)K", "首页|主页"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var r Regexp
		err := r.UnmarshalText([]byte(src))
		want, wantErr := regexp.Compile(src)
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("%q: error %v, regexp.Compile's %v", src, err, wantErr)
		}
		if err != nil {
			old := "bad regular expression " + strconv.Quote(src) + ": " + strings.TrimPrefix(wantErr.Error(), "error parsing regexp: ")
			if err.Error() != old {
				t.Fatalf("%q: error %q, want %q", src, err, old)
			}
			return
		}
		// A phrase is found by the regexp exactly where it occurs; a plain phrase is one, and
		// known without parsing as with.
		phrase, ok := r.Phrase()
		if parsed, pok := (Regexp{&pattern{src: src}}).Phrase(); parsed != phrase || pok != ok {
			t.Fatalf("%q: Phrase %q %v, parsed %q %v", src, phrase, ok, parsed, pok)
		}
		if isLiteral(src) && (!ok || phrase != src) {
			t.Fatalf("%q: a plain phrase, but Phrase %q %v", src, phrase, ok)
		}
		if ok {
			text := "x" + phrase + "y" + phrase + "\n" + phrase
			if got, w := want.FindAllStringIndex(text, -1), occurrences(text, phrase); !reflect.DeepEqual(got, w) {
				t.Fatalf("%q: phrase %q, but the regexp matches %v in %q, not %v", src, phrase, got, text, w)
			}
		}
		if r.String() != src || r.Re().String() != want.String() || r.Re().NumSubexp() != want.NumSubexp() {
			t.Fatalf("%q: compiled as %q", src, r.Re())
		}
		if got, w := r.Re().FindAllStringIndex(src+src, -1), want.FindAllStringIndex(src+src, -1); !reflect.DeepEqual(got, w) {
			t.Fatalf("%q: matches %v, want %v", src, got, w)
		}
	})
}

// occurrences are the leftmost, non-overlapping occurrences of phrase in text.
func occurrences(text, phrase string) [][]int {
	var out [][]int
	for i := 0; ; {
		j := strings.Index(text[i:], phrase)
		if j < 0 {
			return out
		}
		out = append(out, []int{i + j, i + j + len(phrase)})
		i += j + len(phrase)
	}
}

// FuzzPatternsCheck holds the check of a list's alternation, which parses it, to compiling it
// (what Any does).
func FuzzPatternsCheck(f *testing.F) {
	f.Add("a,b")
	f.Add("a{1000},b{1000},c{1000}")
	f.Add(strings.Repeat("[一-龥]{1000}", 20) + "," + strings.Repeat("[一-龥]{1000}", 20))
	f.Fuzz(func(t *testing.T, list string) {
		var ps Patterns
		for _, src := range strings.Split(list, ",") {
			var r Regexp
			if r.UnmarshalText([]byte(src)) != nil {
				return
			}
			ps = append(ps, r)
		}
		_, want := ps.union()
		if got := ps.check(); (got == nil) != (want == nil) || got != nil && got.Error() != want.Error() {
			t.Fatalf("%q: check %v, compiling %v", list, got, want)
		}
	})
}

// No pattern of the default rules is compiled when decoded, the plain phrases among them (most
// of them) are known without compiling, and the phrases are those the compiled patterns said.
func TestDefaultPatternsCompileLazily(t *testing.T) {
	s, err := Load(fzlint.DefaultRulesName, fzlint.DefaultRules, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var all []Regexp
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch {
		case v.Type() == reflect.TypeOf(Regexp{}):
			if r := v.Interface().(Regexp); r.Valid() {
				all = append(all, r)
			}
		case v.Kind() == reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case v.Kind() == reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case v.Kind() == reflect.Map:
			for _, k := range v.MapKeys() {
				walk(v.MapIndex(k))
			}
		}
	}
	walk(reflect.ValueOf(s).Elem())
	literal := 0
	for _, r := range all {
		if r.p.re != nil {
			t.Fatalf("%q compiled when decoded", r)
		}
		if r.p.literal {
			literal++
		}
		// The default patterns that are phrases are those whose regexp has a complete literal
		// prefix (none of them is anchored at both ends, as ^打印$, which has one too).
		phrase, ok := r.Phrase()
		wp, wc := regexp.MustCompile(r.String()).LiteralPrefix()
		if ok != (wc && wp != "") || ok && phrase != wp {
			t.Errorf("%q: Phrase %q %v, compiled's literal prefix %q %v", r, phrase, ok, wp, wc)
		}
		if r.p.literal && r.p.re != nil {
			t.Errorf("%q: a plain phrase compiled", r)
		}
	}
	if len(all) < 100 || literal < len(all)/2 {
		t.Errorf("%d patterns, %d plain phrases: want many, most of them plain", len(all), literal)
	}
	// Compiled once, whoever asks first.
	r := all[len(all)-1]
	var wg sync.WaitGroup
	res := make([]*regexp.Regexp, 8)
	for i := range res {
		wg.Add(1)
		go func() { defer wg.Done(); res[i] = r.Re() }()
	}
	wg.Wait()
	for _, re := range res {
		if re != res[0] || re == nil {
			t.Fatal("Re gave different regexps")
		}
	}
}
