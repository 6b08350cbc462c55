package rules_test

import (
	"errors"
	"testing"

	fzlint "github.com/fzlint/fzlint"
	"github.com/fzlint/fzlint/rules"
)

// FuzzRulesLoad: any rules file is loaded or refused with a FileError; never a panic. Overlay
// is fuzzed with the same input over the defaults, as a user's .fzlint.toml.
func FuzzRulesLoad(f *testing.F) {
	f.Add(fzlint.DefaultRules)
	for _, s := range []string{
		"version = 1\n[severity]\n\"language/placeholder\" = \"off\"\n",
		"[[parts]]\nid = \"x\"\npatterns = ['(']\n",
		"[document]\nchrome = ['^a', '[']\n",
		"version = \"one\"\n[[relations]]\nexpr = '办结 <= 收到 +'\n",
		"a = [1, 2\n", "\xff\xfe", "[profiles.government]\ndeadline = \"13-40\"\n",
	} {
		f.Add([]byte(s))
	}
	base, err := rules.Load(fzlint.DefaultRulesName, fzlint.DefaultRules, rules.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, load := range []func() (*rules.Set, error){
			func() (*rules.Set, error) { return rules.Load("r.toml", data, rules.Options{}) },
			func() (*rules.Set, error) { return rules.Overlay(base, ".fzlint.toml", data, rules.Options{}) },
		} {
			s, err := load()
			if err == nil && s == nil {
				t.Fatal("no set and no error")
			}
			var fe *rules.FileError
			if err != nil && !errors.As(err, &fe) {
				t.Fatalf("error %T is not a FileError: %v", err, err)
			}
		}
	})
}
