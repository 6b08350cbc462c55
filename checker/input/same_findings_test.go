package input_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/docxgen"
	"github.com/fzlint/fzlint/internal/linttest"
)

const seed003 = "../../testdata/seeds/003_7f633bab698fbd83.txt"

func readSeed(t testing.TB, path string) (string, []string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	txt, err := input.DecodeText(data)
	if err != nil {
		t.Fatal(err)
	}
	return string(data), txt.Lines
}

var lineRef = regexp.MustCompile(`第[\d、页第]+(行，第[\d、页第]+)*(等\d+)?行`) // line numbers move with the chrome above

// findings describes each diagnostic by the text of its line rather than its number, so that a
// page with chrome lines above the report compares equal to the report's text.
func findings(t *testing.T, l *checker.Linter, name string, data []byte) []string {
	t.Helper()
	txt, err := input.Read(name, data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	res := l.CheckText(name, txt, checker.Options{})
	var out []string
	for _, d := range res.Diagnostics {
		n, col := d.Line, d.Column
		if d.Page > 0 {
			n, col = logicalOf(txt.Map, d.Page, d.Line, d.Column)
		}
		line := ""
		if n >= 1 && n <= len(txt.Lines) {
			line = strings.TrimSpace(txt.Lines[n-1])
		}
		out = append(out, fmt.Sprintf("%s %s col %d: %s (%s)", d.Severity, d.Rule, col, lineRef.ReplaceAllString(d.Message, "第N行"), line))
	}
	return out
}

// logicalOf finds the paragraph (1-based) and column that a page position of a fixed-layout
// file came from, by the reader's map.
func logicalOf(m *input.SourceMap, page, line, col int) (int, int) {
	for i, spans := range m.Lines {
		for _, s := range spans {
			if s.Src.Page == page && s.Src.Line == line && col >= s.Src.Col && col <= s.Src.Col+s.N {
				return i + 1, s.Col + col - s.Src.Col + 1
			}
		}
	}
	return 0, 0
}

func sameFindings(t *testing.T, got, want []string) {
	t.Helper()
	if len(want) == 0 {
		t.Fatal("the reference text has no findings: the comparison would prove nothing")
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings differ\n got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestDocxWithAutomaticNumberingHasTheFindingsOfTheText(t *testing.T) {
	text, lines := readSeed(t, seed003)
	docx := docxgen.NumberedReport(lines)
	txt, err := input.DecodeDocx(docx)
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, txt.Lines, lines)
	// The headings really are numbered by Word, not typed.
	if strings.Contains(string(unzipPart(t, docx, "word/document.xml")), "一、") {
		t.Fatal("document.xml holds typed ordinals; the test would not exercise numbering")
	}
	l := linttest.DefaultLinter(t)
	sameFindings(t, findings(t, l, "r.docx", docx), findings(t, l, "r.txt", []byte(text)))
}

// The seeds with a number skipped (restarted) as docxgen writes them, plain and as Word does:
// the restarted heading numbered by an instance of its own, the rest by the list's first, so
// they read as their text, numbers included, with the text's findings.
func TestDocxOfARestartedListReadsAsItsText(t *testing.T) {
	l := linttest.DefaultLinter(t)
	for _, name := range seedNames(t) {
		_, lines := readSeed(t, "../../testdata/seeds/"+name+".txt")
		if lines = restarted(lines); lines == nil {
			continue
		}
		text := strings.Join(lines, "\n")
		for _, docx := range [][]byte{docxgen.NumberedReport(lines), docxgen.WordReport(lines)} {
			txt, err := input.DecodeDocx(docx)
			if err != nil {
				t.Fatal(err)
			}
			sameLines(t, txt.Lines, lines)
			sameFindings(t, findings(t, l, "r.docx", docx), findings(t, l, "r.txt", []byte(text)))
		}
	}
}

// A real file: seed 003 written by LibreOffice 7.4 from testdata/docx/003_….fodt
// (soffice --headless --convert-to docx), a
// document whose headings use outline numbering (一、 and (一) from the Heading 1/2 styles).
func TestLibreOfficeDocxHasTheFindingsOfTheText(t *testing.T) {
	text, lines := readSeed(t, seed003)
	data, err := os.ReadFile("../../testdata/docx/003_7f633bab698fbd83.libreoffice.docx")
	if err != nil {
		t.Fatal(err)
	}
	txt, err := input.DecodeDocx(data)
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, txt.Lines, lines)
	l := linttest.DefaultLinter(t)
	sameFindings(t, findings(t, l, "r.docx", data), findings(t, l, "r.txt", []byte(text)))
}

// The seeds as Word writes them (docxgen.WordReport: Word's markup around every paragraph and
// run, and styles.xml and numbering.xml of the size Word's are) read as their text, with the
// same findings.
func TestWordDocxHasTheLinesAndFindingsOfTheText(t *testing.T) {
	l := linttest.DefaultLinter(t)
	for _, name := range seedNames(t) {
		text, lines := readSeed(t, "../../testdata/seeds/"+name+".txt")
		docx := docxgen.WordReport(lines)
		for _, part := range []string{"word/styles.xml", "word/numbering.xml"} {
			if n := len(unzipPart(t, docx, part)); n < 30_000 {
				t.Fatalf("%s is %d bytes: not the size of Word's", part, n)
			}
		}
		txt, err := input.DecodeDocx(docx)
		if err != nil {
			t.Fatal(err)
		}
		sameLines(t, txt.Lines, lines)
		sameFindings(t, findings(t, l, "r.docx", docx), findings(t, l, "r.txt", []byte(text)))
	}
}
