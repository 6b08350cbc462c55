package checker

import (
	"testing"

	"github.com/fzlint/fzlint/rules"
)

func TestMasker(t *testing.T) {
	cfg := &rules.PII{IDCard: true, Mobile: true, MobilePrefixes: []string{"139"}}
	m := masker{cfg: cfg}
	m.add("电话13987654321，身份证44030419850612341X", digitRuns("电话13987654321，身份证44030419850612341X"))
	m.add("身份证440304198506123412", digitRuns("身份证440304198506123412"))
	tests := []struct{ in, want string }{
		{"电话13987654321。", "电话139****4321。"},
		{"身份证号440304198506123412，", "身份证号440304********3412，"},
		{"话1398765;传真", "话*******;传真"},                   // a quote that cut the number: the piece is hidden
		{"…0419850612341", "…*************"},             // a piece of the ID
		{"共2024件，1234567元，0612", "共2024件，1234567元，0612"}, // other numbers stay
		{"没有数字", "没有数字"},
	}
	for _, tc := range tests {
		if got := m.mask(tc.in); got != tc.want {
			t.Errorf("mask(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	t.Run("a heading diff is masked as one text", func(t *testing.T) {
		ops := []DiffOp{{0, "成效"}, {1, "1398"}, {-1, "139"}, {0, "7654321"}}
		got := m.maskDiff(ops)
		want := []DiffOp{{0, "成效"}, {1, "139*"}, {-1, "139"}, {0, "***4321"}}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("got %v, want %v", got, want)
			}
		}
	})
	t.Run("nothing is masked when the rule set says there is no personal data", func(t *testing.T) {
		off := masker{cfg: &rules.PII{}}
		if got := off.mask("电话13987654321"); got != "电话13987654321" {
			t.Errorf("got %q", got)
		}
	})
}
