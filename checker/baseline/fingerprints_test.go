package baseline

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
)

// plainFingerprint is Fingerprint as it was, reading the line for each finding: baselines
// written before must keep matching.
func plainFingerprint(source []string, d checker.Diagnostic) string {
	var line, target string
	if d.Line >= 1 && d.Line <= len(source) {
		line = source[d.Line-1]
	}
	if d.Line == 1 && d.Column == 1 && d.EndLine == 1 && d.EndColumn == 1 {
		line, target = "", strings.Map(dropDigit, d.Message+d.Hint.CommandLine())
	} else {
		from, to := d.Column-1, d.EndColumn-1
		runes := []rune(line)
		if d.EndLine != d.Line {
			to = len(runes)
		}
		if from >= 0 && from <= to && to <= len(runes) {
			target = string(runes[from:to])
		}
	}
	h := sha256.New()
	h.Write([]byte(strings.Map(dropSpace, line)))
	h.Write([]byte{0})
	h.Write([]byte(strings.Map(dropSpace, target)))
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// Fingerprints, which keeps the last line read, gives each finding of a result the fingerprint
// the plain code gives it, whatever the order of lines and columns.
func FuzzFingerprints(f *testing.F) {
	f.Add("一、依法 行政\n第二行,有问题\n\xff坏", "消息12", 1, 1, 2, 3, 1, 2)
	f.Fuzz(func(t *testing.T, text, msg string, l1, c1, l2, c2, e1, e2 int) {
		source := strings.Split(text, "\n")
		var fps Fingerprints
		for _, d := range []checker.Diagnostic{
			{Line: l1 % 5, Column: c1 % 9, EndLine: l1 % 5, EndColumn: c1%9 + e1%4, Message: msg},
			{Line: l2 % 5, Column: c2 % 9, EndLine: l2%5 + e2%2, EndColumn: c2 % 9, Message: msg},
			{Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Message: msg},
			{Line: l1 % 5, Column: c2 % 9, EndLine: l1 % 5, EndColumn: c2%9 + 1, Message: msg},
		} {
			if got, want := fps.Of(source, d), plainFingerprint(source, d); got != want {
				t.Fatalf("%+v: %s, want %s", d, got, want)
			}
		}
	})
}
