package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
)

func TestGitHubEscaping(t *testing.T) {
	res := checker.Result{Path: "submissions/a,b:c%.txt", Diagnostics: []checker.Diagnostic{
		{Rule: "structure/title", Severity: checker.Error, Line: 3, Column: 2, EndLine: 3, EndColumn: 9,
			Message: "100% 完成\r\n第二行：a,b"},
		{Rule: "structure/section-order", Severity: checker.Warning, Line: 5, Column: 1, Message: "w"},
		{Rule: "structure/heading-template", Severity: checker.Info, Line: 7, Column: 4, EndLine: 8, EndColumn: 1, Message: "i",
			Suggestion: "二、存在的不足和原因"},
	}}
	var stderr bytes.Buffer
	got := string(renderAll(t, "github", []checker.Result{res}, Options{Stderr: &stderr}))
	want := "::error file=submissions/a%2Cb%3Ac%25.txt,line=3,col=2,endLine=3,endColumn=9,title=structure/title::100%25 完成%0D%0A第二行：a,b\n" +
		"::warning file=submissions/a%2Cb%3Ac%25.txt,line=5,col=1,endLine=5,endColumn=1,title=structure/section-order::w\n" +
		"::notice file=submissions/a%2Cb%3Ac%25.txt,line=7,col=4,endLine=8,endColumn=1,title=structure/heading-template::i（建议：二、存在的不足和原因）\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if !strings.Contains(stderr.String(), "检查了 1 个文件") {
		t.Errorf("summary on stderr: %q", stderr.String())
	}
}

func TestGitHubSeeds(t *testing.T) {
	results := seedResults(t)
	out := strings.Split(strings.TrimSuffix(string(renderAll(t, "github", results, Options{Quiet: true})), "\n"), "\n")
	n := 0
	for _, r := range results {
		n += len(r.Diagnostics)
	}
	if len(out) != n {
		t.Fatalf("%d commands for %d findings", len(out), n)
	}
	for _, l := range out {
		if !strings.HasPrefix(l, "::error file=") && !strings.HasPrefix(l, "::warning file=") && !strings.HasPrefix(l, "::notice file=") {
			t.Errorf("not a workflow command: %q", l)
		}
	}
}
