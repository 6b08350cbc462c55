package fold

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFoldsTraditionalCharacters(t *testing.T) {
	for in, want := range map[string]string{
		"黨的十九大精神":             "党的十九大精神",
		"深入實施「八五」普法規劃":        "深入实施「八五」普法规划",
		"推進法治政府建設的主要舉措和成效":    "推进法治政府建设的主要举措和成效",
		"爲民辦實事，為基層減負":         "为民办实事，为基层减负",
		"2024年，全縣辦理行政覆議案件12件": "2024年，全县办理行政覆议案件12件",
	} {
		got, changed := String(in)
		if got != want || !changed {
			t.Errorf("String(%q) = %q, %v; want %q", in, got, changed, want)
		}
	}
}

// The rule set is written in simplified characters: folding must leave every phrase of it as
// it is, or a phrase could no longer match the folded text.
func TestRuleSetIsAlreadyFolded(t *testing.T) {
	data, err := os.ReadFile("../../rules.toml")
	if err != nil {
		t.Fatal(err)
	}
	if got, changed := String(string(data)); changed {
		for i, r := range string(data) {
			if g, _ := utf8.DecodeRuneInString(got[i:]); g != r {
				t.Errorf("rules.toml holds %q, which folds to %q", r, g)
			}
		}
	}
}

// plainFold is the fold written the obvious way, rune by rune.
func plainFold(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 1<<16 && table[r] != 0 {
			r = rune(table[r])
		}
		b.WriteRune(r)
	}
	return b.String()
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"黨的十九大精神", "abc", "\xe9\xbb", "\xe9\xbb\xa8\xf0\x9f\x98\x80後", "\xed\xa0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, changed := String(s)
		if len(got) != len(s) || changed != (got != s) {
			t.Fatalf("String(%q) = %q, %v", s, got, changed)
		}
		if utf8.ValidString(s) {
			if want := plainFold(s); got != want {
				t.Fatalf("String(%q) = %q, want %q", s, got, want)
			}
			if utf8.RuneCountInString(got) != utf8.RuneCountInString(s) {
				t.Fatalf("rune count changed: %q", got)
			}
		}
	})
}

func BenchmarkString(b *testing.B) {
	data, err := os.ReadFile("../../testdata/seeds/000_4c1585aa5a4d5d00.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := string(data)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		String(s)
	}
}

// Valid is utf8.Valid, and says whether String changes the text, for any bytes.
func FuzzValid(f *testing.F) {
	for _, s := range []string{"", "abc", "黨的十九大精神", "党的十九大精神", "\xe9\xbb", "\xe9\xbb\xa8\xf0\x9f\x98\x80後",
		"\xed\xa0\x80", "\xe0\xa0\x80", "\xe0\x80\x80", "a\xffb", "2024年，全縣辦理", "ＡＢＣ１２３", "é后"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		valid, folds := Valid(p)
		if valid != utf8.Valid(p) {
			t.Fatalf("Valid(%q) = %v, utf8.Valid %v", p, valid, !valid)
		}
		if !valid {
			return
		}
		if _, changed := String(string(p)); folds != changed {
			t.Fatalf("Valid(%q) says folds %v, String changed %v", p, folds, changed)
		}
	})
}

// Every character of the table is seen by Valid, whatever its neighbours.
func TestValidSeesEveryFoldedCharacter(t *testing.T) {
	once.Do(load)
	n := 0
	for r := rune(0); r < 1<<16; r++ {
		if table[r] == 0 {
			continue
		}
		n++
		for _, s := range []string{string(r), "a" + string(r), "后" + string(r) + "1", "é" + string(r)} {
			if valid, folds := Valid([]byte(s)); !valid || !folds {
				t.Fatalf("Valid(%q) = %v, %v", s, valid, folds)
			}
		}
		simple := string(rune(table[r]))
		_, changed := String(simple)
		if valid, folds := Valid([]byte(simple)); !valid || folds != changed {
			t.Fatalf("Valid(%q), the simplified form of %q = %v, %v; String changes it: %v", simple, r, valid, folds, changed)
		}
	}
	if n < 1000 {
		t.Fatalf("only %d characters fold", n)
	}
}
