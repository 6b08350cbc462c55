package suggest

import "testing"

func TestClosest(t *testing.T) {
	commands := []string{"check", "rules", "explain", "template", "init", "annotate", "version", "help"}
	rules := []string{"language/punctuation-width", "language/term-misuse", "content/duties-coverage", "security/pii"}
	tests := []struct {
		s    string
		in   []string
		want string
	}{
		{"chekc", commands, "check"},
		{"chek", commands, "check"},
		{"rule", commands, "rules"},
		{"explian", commands, "explain"},
		{"templates", commands, "template"},
		{"frobnicate", commands, ""},
		{"x", commands, ""},
		{"language/punctuaton-width", rules, "language/punctuation-width"},
		{"punctuation-width", rules, "language/punctuation-width"},
		{"content/duty-coverage", rules, "content/duties-coverage"},
		{"languge/term-misuse", rules, "language/term-misuse"},
		{"security/email", rules, ""},
		{"", rules, ""},
	}
	for _, tc := range tests {
		if got := Closest(tc.s, tc.in); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}
