package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/internal/corpus"
	"github.com/fzlint/fzlint/internal/docxgen"
)

// A batch run with the cross-file stage checks each file in a worker's workspace and takes it
// back, overwritten, once the file's result is encoded. With one worker, every file reuses the
// same workspace: anything that kept a slice of a file past its release (in a result, the
// facts of the cross-file stage, a cache) would print differently from the same batch checked
// without workspaces, where every file's text is a copy of its own.
func TestWorkspaceReuseChangesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("checks 80 generated reports twice")
	}
	// Generated reports, in every format and encoding gencorpus writes.
	generated := t.TempDir()
	if _, err := corpus.Generate(80, generated, 3, seedDir); err != nil {
		t.Fatal(err)
	}
	// The seeds as Word would write them, one after another: a .docx's lines are cut from the
	// text the workspace keeps for it.
	for _, name := range []string{"000_4c1585aa5a4d5d00.txt", "001_82d8d1cc76649ea2.txt", "002_21c7d6ccdca8baa6.txt"} {
		text, err := os.ReadFile(seed(name))
		if err != nil {
			t.Fatal(err)
		}
		docx := docxgen.WordReport(strings.Split(string(text), "\n"))
		if err := os.WriteFile(filepath.Join(generated, "word-"+strings.TrimSuffix(name, ".txt")+".docx"), docx, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A paragraph copied between two reports, and a report copied as the next year's: the
	// cross-file stage's findings come from the facts it keeps of each file. (Alone: the
	// generated reports share their seeds' paragraphs, which makes them formulas.)
	copies, _ := plantedCopy(t)
	last, err := os.ReadFile(seed("002_21c7d6ccdca8baa6.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"c.txt": string(last), "d.txt": strings.ReplaceAll(string(last), "2022", "2023")} {
		if err := os.WriteFile(filepath.Join(copies, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, dir := range []string{generated, copies} {
		args := []string{"check", "-q", "--format", "json", "--jobs", "1", dir}
		_, reused, _ := runCLI(t, "", args...)
		reuseWorkspaces = false
		_, copied, _ := runCLI(t, "", args...)
		reuseWorkspaces = true
		if got, want := jsonFilesWithout(t, reused, "no rule/"), jsonFilesWithout(t, copied, "no rule/"); got != want {
			t.Errorf("with workspaces reused, the batch prints\n%s\nwithout\n%s", got, want)
		}
		if len(reused) < 10000 {
			t.Errorf("the batch printed too little to compare:\n%s", reused)
		}
	}
	for _, rule := range []string{"batch/copied-paragraph", "batch/same-as-last-year"} {
		if _, out, _ := runCLI(t, "", "check", "-q", "--format", "json", copies); !strings.Contains(out, rule) {
			t.Errorf("no %s finding to compare:\n%s", rule, out)
		}
	}
}
