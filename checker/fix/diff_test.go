package fix_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker/fix"
)

func numbered(n int) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("第%d行", i+1)
	}
	return lines
}

func TestUnified(t *testing.T) {
	changed := func(n int, at ...int) []string {
		lines := numbered(n)
		for _, i := range at {
			lines[i-1] += "，已修复"
		}
		return lines
	}
	tests := []struct {
		name     string
		old, new []string
		want     string
	}{
		{"equal texts give no output", numbered(5), numbered(5), ""},
		{"one change in the middle has three lines of context", numbered(10), changed(10, 5), `--- a.txt
+++ a.txt
@@ -2,7 +2,7 @@
 第2行
 第3行
 第4行
-第5行
+第5行，已修复
 第6行
 第7行
 第8行
`},
		{"a change on the first line has context after it only", numbered(3), changed(3, 1), `--- a.txt
+++ a.txt
@@ -1,3 +1,3 @@
-第1行
+第1行，已修复
 第2行
 第3行
`},
		{"distant changes make two hunks", numbered(20), changed(20, 2, 18), `--- a.txt
+++ a.txt
@@ -1,5 +1,5 @@
 第1行
-第2行
+第2行，已修复
 第3行
 第4行
 第5行
@@ -15,6 +15,6 @@
 第15行
 第16行
 第17行
-第18行
+第18行，已修复
 第19行
 第20行
`},
		{"close changes share a hunk", numbered(12), changed(12, 3, 9), `--- a.txt
+++ a.txt
@@ -1,12 +1,12 @@
 第1行
 第2行
-第3行
+第3行，已修复
 第4行
 第5行
 第6行
 第7行
 第8行
-第9行
+第9行，已修复
 第10行
 第11行
 第12行
`},
		{"an inserted line counts in the new range only", []string{"甲"}, []string{"甲", "乙"}, `--- a.txt
+++ a.txt
@@ -1 +1,2 @@
 甲
+乙
`},
		{"a file emptied has an empty new range", []string{"甲"}, nil, `--- a.txt
+++ a.txt
@@ -1 +0,0 @@
-甲
`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			if err := fix.Unified(&b, "a.txt", tc.old, tc.new, 3); err != nil {
				t.Fatal(err)
			}
			if b.String() != tc.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tc.want)
			}
		})
	}
}
