package rules

import (
	"fmt"
	"strings"
)

// Expr is a relation between labelled numbers: a sum of labels, a comparison, another sum.
//
//	办结 <= 收到
//	受理 + 不予受理 == 收到
//
// It is parsed when the rules file is decoded, so a bad expression is an error at its line.
type Expr struct {
	Left, Right []string // labels added up on each side
	Op          string   // <=, <, ==, >=, >
	src         string
}

var exprOps = []string{"<=", ">=", "==", "<", ">"}

// UnmarshalText parses an expression.
func (e *Expr) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	for _, op := range exprOps {
		i := strings.Index(s, op)
		if i < 0 {
			continue
		}
		left, err := parseSum(s[:i])
		if err != nil {
			return fmt.Errorf("bad expression %q: %v", s, err)
		}
		right, err := parseSum(s[i+len(op):])
		if err != nil {
			return fmt.Errorf("bad expression %q: %v", s, err)
		}
		*e = Expr{Left: left, Right: right, Op: op, src: s}
		return nil
	}
	return fmt.Errorf("bad expression %q: no comparison (want one of <= < == >= >)", s)
}

func parseSum(s string) ([]string, error) {
	var out []string
	for _, term := range strings.Split(s, "+") {
		t := strings.TrimSpace(term)
		if t == "" {
			return nil, fmt.Errorf("empty term")
		}
		if strings.ContainsAny(t, "<>=!*/()- \t") {
			return nil, fmt.Errorf("bad label %q (labels are added with + and compared with <= < == >= >)", t)
		}
		out = append(out, t)
	}
	return out, nil
}

// MarshalText writes the expression back.
func (e Expr) MarshalText() ([]byte, error) { return []byte(e.src), nil }

func (e Expr) String() string { return e.src }

// Labels returns every label the expression uses.
func (e Expr) Labels() []string { return append(append([]string(nil), e.Left...), e.Right...) }

// Holds evaluates the relation on the sums of both sides.
func (e Expr) Holds(left, right float64) bool {
	const eps = 1e-9
	switch e.Op {
	case "<=":
		return left <= right+eps
	case "<":
		return left < right-eps
	case "==":
		return left-right < eps && right-left < eps
	case ">=":
		return left >= right-eps
	case ">":
		return left > right+eps
	}
	return false
}
