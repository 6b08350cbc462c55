package input

import (
	"strings"
	"testing"
)

// A file of many short lines is refused before its lines are made (issue 11.18): 62 MB of
// one-character lines took 6.8 GiB.
func TestTooManyLines(t *testing.T) {
	for _, tc := range []struct {
		text string
		ok   bool
	}{
		{strings.Repeat("一\n", maxLines), true},
		{strings.Repeat("一\n", maxLines+1), false},
		{strings.Repeat("一\r\n", maxLines+1), false},
		{strings.Repeat("一\r", maxLines+1), false},
		{strings.Repeat("一\n\r", maxLines/2+1), false}, // maxLines+2 lines, each count ≤ maxLines
		{strings.Repeat("一\n", 15<<20), false},
	} {
		_, err := Read("r.txt", []byte(tc.text))
		if tc.ok != (err == nil) || (err != nil && !strings.Contains(err.Error(), "行数过多")) {
			t.Errorf("%d bytes: err = %v, want ok %v", len(tc.text), err, tc.ok)
		}
	}
}
