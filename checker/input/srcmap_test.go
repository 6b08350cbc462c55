package input

import "testing"

func TestSourceMapLocatesAndComposes(t *testing.T) {
	// The file: two physical lines, "abc" and "de"; a reader joined them into one logical line.
	joined := &SourceMap{Lines: [][]Span{{
		{Col: 0, N: 3, Src: Pos{Line: 1, Col: 1}},
		{Col: 3, N: 2, Src: Pos{Line: 2, Col: 1}},
	}}}
	for _, c := range []struct {
		col  int
		want Pos
	}{{1, Pos{Line: 1, Col: 1}}, {3, Pos{Line: 1, Col: 3}}, {4, Pos{Line: 2, Col: 1}}, {5, Pos{Line: 2, Col: 2}}, {6, Pos{Line: 2, Col: 3}}} {
		if got := joined.Locate(1, c.col); got != c.want {
			t.Errorf("Locate(1, %d) = %+v, want %+v", c.col, got, c.want)
		}
	}
	// A second step split the logical line "abcde" after "ab": line 2 is "cde".
	split := &SourceMap{Lines: [][]Span{
		{{Col: 0, N: 2, Src: Pos{Line: 1, Col: 1}}},
		{{Col: 0, N: 3, Src: Pos{Line: 1, Col: 3}}},
	}}
	both := joined.Compose(split)
	for _, c := range []struct {
		line, col int
		want      Pos
	}{{1, 2, Pos{Line: 1, Col: 2}}, {2, 1, Pos{Line: 1, Col: 3}}, {2, 2, Pos{Line: 2, Col: 1}}, {2, 3, Pos{Line: 2, Col: 2}}} {
		if got := both.Locate(c.line, c.col); got != c.want {
			t.Errorf("composed Locate(%d, %d) = %+v, want %+v", c.line, c.col, got, c.want)
		}
	}
	var id *SourceMap
	if got := id.Locate(7, 3); got != (Pos{Line: 7, Col: 3}) {
		t.Errorf("nil map: %+v", got)
	}
	if got := Identity([]int{4}).Locate(1, 4); got != (Pos{Line: 1, Col: 4}) {
		t.Errorf("identity: %+v", got)
	}
}
