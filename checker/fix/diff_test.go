package fix_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker/fix"
	"github.com/fzlint/fzlint/checker/input"
)

func numbered(n int) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("第%d行", i+1)
	}
	return lines
}

func changed(n int, at ...int) []string {
	lines := numbered(n)
	for _, i := range at {
		lines[i-1] += "，已修复"
	}
	return lines
}

func ends(n int, end string) []string {
	e := make([]string, n)
	for i := range e {
		e[i] = end
	}
	return e
}

// hideSecret masks the word 秘密 the way personal data is masked.
func hideSecret(s string) string { return strings.ReplaceAll(s, "秘密", "**") }

func TestPatchWrite(t *testing.T) {
	withSecret := func(lines []string, at ...int) []string {
		for _, i := range at {
			lines[i-1] += "秘密"
		}
		return lines
	}
	tests := []struct {
		name       string
		p          fix.Patch
		want       string
		masked     int
		notInBytes bool
	}{
		{"equal texts give no output", fix.Patch{Old: numbered(5), New: numbered(5), Ends: ends(5, "\n")}, "", 0, false},
		{"one change in the middle has three lines of context",
			fix.Patch{Old: numbered(10), New: changed(10, 5), Ends: ends(10, "\n")}, `--- a/a.txt
+++ b/a.txt
@@ -2,7 +2,7 @@
 第2行
 第3行
 第4行
-第5行
+第5行，已修复
 第6行
 第7行
 第8行
`, 0, false},
		{"a change on the first line has context after it only",
			fix.Patch{Old: numbered(3), New: changed(3, 1), Ends: ends(3, "\n")}, `--- a/a.txt
+++ b/a.txt
@@ -1,3 +1,3 @@
-第1行
+第1行，已修复
 第2行
 第3行
`, 0, false},
		{"distant changes make two hunks, close ones share one",
			fix.Patch{Old: numbered(20), New: changed(20, 2, 4, 18), Ends: ends(20, "\n")}, `--- a/a.txt
+++ b/a.txt
@@ -1,7 +1,7 @@
 第1行
-第2行
+第2行，已修复
 第3行
-第4行
+第4行，已修复
 第5行
 第6行
 第7行
@@ -15,6 +15,6 @@
 第15行
 第16行
 第17行
-第18行
+第18行，已修复
 第19行
 第20行
`, 0, false},
		{"a last line without a line end is marked, as a change and as context",
			fix.Patch{Old: numbered(2), New: changed(2, 1), Ends: []string{"\n", ""}}, `--- a/a.txt
+++ b/a.txt
@@ -1,2 +1,2 @@
-第1行
+第1行，已修复
 第2行
\ No newline at end of file
`, 0, false},
		{"CRLF line ends are kept in every line",
			fix.Patch{Old: numbered(2), New: changed(2, 2), Ends: ends(2, "\r\n")},
			"--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n 第1行\r\n-第2行\r\n+第2行，已修复\r\n", 0, false},
		{"a file with CR line ends is one line for patch",
			fix.Patch{Old: numbered(2), New: changed(2, 1), Ends: []string{"\r", "\r"}},
			"--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-第1行\r第2行\r\n\\ No newline at end of file\n+第1行，已修复\r第2行\r\n\\ No newline at end of file\n", 0, false},
		{"the BOM is on the first line",
			fix.Patch{Old: numbered(1), New: changed(1, 1), Ends: ends(1, "\n"), Encoding: input.UTF8BOM, BOM: true},
			"--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-\ufeff第1行\n+\ufeff第1行，已修复\n", 0, false},
		{"GB18030 lines are in GB18030",
			fix.Patch{Old: []string{"甲"}, New: []string{"乙"}, Ends: ends(1, "\n"), Encoding: input.GB18030},
			"--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-\xbc\xd7\n+\xd2\xd2\n", 0, false},
		{"UTF-16 lines are shown in UTF-8, and said not to be the file's bytes",
			fix.Patch{Old: []string{"甲"}, New: []string{"乙"}, Ends: ends(1, "\n"), Encoding: input.UTF16LE, BOM: true},
			"--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-甲\n+乙\n", 0, true},
		{"context stops before a masked line, as many lines before the change as after",
			fix.Patch{Old: withSecret(numbered(10), 3), New: withSecret(changed(10, 5), 3), Ends: ends(10, "\n"), Mask: hideSecret}, `--- a/a.txt
+++ b/a.txt
@@ -4,3 +4,3 @@
 第4行
-第5行
+第5行，已修复
 第6行
`, 0, false},
		{"a masked line between two changes splits the hunk",
			fix.Patch{Old: withSecret(numbered(9), 5), New: withSecret(changed(9, 3, 7), 5), Ends: ends(9, "\n"), Mask: hideSecret}, `--- a/a.txt
+++ b/a.txt
@@ -2,3 +2,3 @@
 第2行
-第3行
+第3行，已修复
 第4行
@@ -6,3 +6,3 @@
 第6行
-第7行
+第7行，已修复
 第8行
`, 0, false},
		{"a changed line holding personal data is shown masked, and counted",
			fix.Patch{Old: withSecret(numbered(1), 1), New: withSecret(changed(1, 1), 1), Ends: ends(1, "\n"), Mask: hideSecret},
			"--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-第1行**\n+第1行，已修复**\n", 1, false},
		{"masked lines on both sides of a change are shown masked rather than leave no context",
			fix.Patch{Old: withSecret(numbered(3), 1, 3), New: withSecret(changed(3, 2), 1, 3), Ends: ends(3, "\n"), Mask: hideSecret},
			"--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n 第1行**\n-第2行\n+第2行，已修复\n 第3行**\n", 1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			tc.p.Path = "a.txt"
			if tc.p.Encoding == "" {
				tc.p.Encoding = input.UTF8
			}
			st, err := tc.p.Write(&b, 3)
			if err != nil {
				t.Fatal(err)
			}
			if b.String() != tc.want {
				t.Errorf("got\n%q\nwant\n%q", b.String(), tc.want)
			}
			if st.Masked != tc.masked || st.NotBytes != tc.notInBytes {
				t.Errorf("stats %+v, want %d masked, not bytes %v", st, tc.masked, tc.notInBytes)
			}
		})
	}
}
