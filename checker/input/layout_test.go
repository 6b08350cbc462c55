//go:build !fzlintpage

package input

import "testing"

// What a line break keeps together at the start of a line: an opening mark with what follows
// it (〔2016〕23 of a document number, “《…), up to the first character a line may break after.
func TestLeadWidthKeepsAnOpeningMarkWithWhatFollows(t *testing.T) {
	for _, c := range []struct {
		text string
		want int // characters
	}{
		{"〔2016〕23号），明确", 8},
		{"（一）依法", 3},
		{"“三项制度”", 2},
		{"法治", 1},
		{"2016年", 4},
	} {
		var row []glyph
		for i, r := range []rune(c.text) {
			row = append(row, glyph{X: float64(12 * i), W: 12, Size: 12, Text: string(r)})
		}
		if got := leadWidth(row); got != float64(12*c.want) {
			t.Errorf("leadWidth(%q) = %g, want %d characters", c.text, got, c.want)
		}
	}
}
