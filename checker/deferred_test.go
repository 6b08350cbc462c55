package checker

import (
	"slices"
	"strings"
	"testing"
)

// plainDeferred is Pass.deferred as it was: every prior finding read for each question.
func plainDeferred(p *Pass, n, col, end int) bool {
	for _, d := range p.prior {
		if d.Line == n && d.EndLine == n && d.Column < end && col < d.EndColumn && slices.Contains(p.check.Defers, d.Rule) {
			return true
		}
	}
	return false
}

// FuzzDeferred holds Pass.deferred to the plain loop for prior findings and questions made of
// the fuzzer's bytes: four bytes a finding (rule, line, column, length; a length of 0 to 3 past
// the line makes it end on the next), then three a question (line, column, length), across
// two checks in turn on one pass.
func FuzzDeferred(f *testing.F) {
	f.Add([]byte{0, 1, 3, 2, 1, 1, 5, 4, 2, 2, 1, 9}, []byte{1, 2, 2, 1, 5, 1, 1, 9, 3, 2, 1, 1})
	f.Add([]byte{0, 1, 1, 200, 0, 1, 1, 1, 1, 1, 4, 4}, []byte{1, 3, 1, 1, 0, 5})
	rules := []string{"consistency/rate-mismatch", "consistency/plan-year", "language/term-misuse"}
	checks := []*Check{
		{ID: "a", Defers: rules[:1]},
		{ID: "b", Defers: rules[1:]},
	}
	f.Fuzz(func(t *testing.T, prior, asks []byte) {
		var ds []Diagnostic
		for i := 0; i+3 < len(prior); i += 4 {
			line, col, n := int(prior[i+1]%4)+1, int(prior[i+2]%16)+1, int(prior[i+3])
			d := Diagnostic{Rule: rules[int(prior[i])%len(rules)], Line: line, Column: col, EndLine: line, EndColumn: col + n%8}
			if n >= 252 {
				d.EndLine++
			}
			ds = append(ds, d)
		}
		p := &Pass{prior: ds}
		for _, ch := range checks {
			p.check = ch
			for i := 0; i+2 < len(asks); i += 3 {
				n, col := int(asks[i]%5), int(asks[i+1]%20)
				end := col + int(asks[i+2]%6)
				if got, want := p.deferred(n, col, end), plainDeferred(p, n, col, end); got != want {
					t.Fatalf("%s: deferred(%d, %d, %d) = %v, want %v; prior %v", ch.ID, n, col, end, got, want, ds)
				}
			}
		}
	})
}

// BenchmarkDeferredLongLine runs percent-range after rate-mismatch on one line of 5,000
// sentences that both report: 5,000 questions to deferred over 5,000 prior findings.
func BenchmarkDeferredLongLine(b *testing.B) {
	rs, _ := defaultStale(b)
	c := Compile(rs)
	d := NewDocument("x.txt", []string{strings.Repeat("共调解各类矛盾纠纷2604件，调解成功2552件，成功率120%。", 5000)}, "UTF-8", c, Options{})
	p := &Pass{Doc: d, Rules: c.Set, m: c.m, check: rateMismatch}
	runRateMismatch(p)
	prior := slices.Clone(p.diags)
	if len(prior) != 5000 {
		b.Fatalf("%d rate-mismatch findings", len(prior))
	}
	for b.Loop() {
		p = &Pass{Doc: d, Rules: c.Set, m: c.m, check: percentRange, prior: prior}
		runPercentRange(p)
	}
}
