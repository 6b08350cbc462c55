package input_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/docxgen"
	"github.com/fzlint/fzlint/internal/fixedgen"
	"github.com/fzlint/fzlint/internal/linttest"
)

// The five seed reports as .docx with Word's automatic numbering (docxgen), converted by
// LibreOffice to the formats other readers read. The conversion is slow, so it runs once for
// the package, every format in one soffice run per format.
var (
	converted     = map[string]string{} // "003_….pdf" → path
	convertOnce   sync.Once
	convertErr    error
	convertedDir  string
	convertedExts = []string{"pdf", "odt"}
)

func seedNames(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("../../testdata/seeds/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".txt"))
	}
	return names
}

// libreOffice returns the path of seed name converted to ext by LibreOffice.
func libreOffice(t *testing.T, name, ext string) string {
	t.Helper()
	convertOnce.Do(func() {
		if _, err := exec.LookPath("soffice"); err != nil {
			convertErr = err
			return
		}
		convertedDir, convertErr = os.MkdirTemp("", "fzlint-lo-")
		if convertErr != nil {
			return
		}
		var docs []string
		for _, n := range seedNames(t) {
			_, lines := readSeed(t, "../../testdata/seeds/"+n+".txt")
			p := filepath.Join(convertedDir, n+".docx")
			if convertErr = os.WriteFile(p, docxgen.NumberedReport(lines), 0o644); convertErr != nil {
				return
			}
			docs = append(docs, p)
		}
		for _, ext := range convertedExts {
			cmd := exec.Command("soffice", append([]string{"--headless", "-env:UserInstallation=file://" + convertedDir + "/profile", "--convert-to", ext, "--outdir", convertedDir}, docs...)...)
			if out, err := cmd.CombinedOutput(); err != nil {
				convertErr = err
				convertErr = &exec.Error{Name: "soffice: " + string(out), Err: err}
				return
			}
		}
	})
	if convertErr != nil {
		t.Fatalf("LibreOffice (soffice) is needed to make the test files: %v", convertErr)
	}
	p := filepath.Join(convertedDir, name+"."+ext)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("LibreOffice did not write %s: %v", p, err)
	}
	return p
}

func TestMain(m *testing.M) {
	code := m.Run()
	if convertedDir != "" {
		os.RemoveAll(convertedDir)
	}
	os.Exit(code)
}

// Each seed converted by LibreOffice from its auto-numbered .docx reads as the paragraphs of
// the .txt (numbers of the headings included) and gives the findings of the .txt; so does an
// .ofd holding the words of the PDF where poppler places them.
func TestLibreOfficeConversionsHaveTheFindingsOfTheText(t *testing.T) {
	l := linttest.DefaultLinter(t)
	for _, ext := range append(convertedExts, "ofd") {
		for _, name := range seedNames(t) {
			t.Run(ext+"/"+name, func(t *testing.T) {
				text, lines := readSeed(t, "../../testdata/seeds/"+name+".txt")
				var data []byte
				var err error
				if ext == "ofd" {
					data = fixedgen.OFDOfPDF(t, libreOffice(t, name, "pdf"))
				} else if data, err = os.ReadFile(libreOffice(t, name, ext)); err != nil {
					t.Fatal(err)
				}
				got, err := input.Read("r."+ext, data)
				if err != nil {
					t.Fatal(err)
				}
				// The paragraphs are the .txt's (whitespace aside: a space LibreOffice does not
				// draw, or that poppler's words leave out, is not in the layout).
				var want, paras []string
				for _, l := range lines {
					if s := noSpace(l); s != "" {
						want = append(want, s)
					}
				}
				for _, l := range got.Lines {
					if s := noSpace(l); s != "" {
						paras = append(paras, s)
					}
				}
				if strings.Join(paras, "\n") != strings.Join(want, "\n") {
					t.Errorf("paragraphs differ from the .txt's\n got: %q\nwant: %q", paras, want)
				}
				gotF, wantF := findings(t, l, "r."+ext, data), findings(t, l, "r.txt", []byte(text))
				if ext == "ofd" {
					// The words poppler gives carry no spaces: columns after one shift.
					gotF, wantF = loose(gotF), loose(wantF)
				}
				sameFindings(t, gotF, wantF)
			})
		}
	}
}

func noSpace(s string) string {
	return strings.Join(strings.Fields(s), "")
}

var column = regexp.MustCompile(` col \d+:`)

// loose is findings without columns and whitespace.
func loose(fs []string) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = noSpace(column.ReplaceAllString(f, ":"))
	}
	return out
}
