package input_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
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
	code := linttest.Run(m)
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

// A third-level ordinal above 1 (not a number such as 2.5万), and a second-level one above 一.
var (
	thirdLevel  = regexp.MustCompile(`^[2-9][.．、][^0-9]`)
	secondLevel = regexp.MustCompile(`^[（(][二三四五六七八][）)]`)
)

// restarted is a seed's lines with one number skipped: the first third-level one above 1 made
// one more (2. made 3.), else the first second-level one above 一 ((二) made (三)); nil when
// there is none. docxgen numbers that heading by a numbering instance that restarts at it, and
// the headings after it by that instance, as a drafter's "set numbering value" in Word does.
func restarted(lines []string) []string {
	const digits = "一二三四五六七八九"
	for _, re := range []*regexp.Regexp{thirdLevel, secondLevel} {
		for i, l := range lines {
			m := re.FindString(l)
			if m == "" {
				continue
			}
			out := slices.Clone(lines)
			if re == thirdLevel {
				out[i] = string(l[0]+1) + l[1:]
			} else {
				r := []rune(l)
				r[1] = []rune(digits)[strings.IndexRune(digits, r[1])/3+1]
				out[i] = string(r)
			}
			return out
		}
	}
	return nil
}

// The seeds with a restarted list (restarted) as auto-numbered .docx, and as .odt and .doc
// LibreOffice writes from it: each paragraph of each, with the number its reader gives it, is
// where LibreOffice's PDF of that file shows it (its first twelve characters, spaces aside, are
// in the PDF's text). LibreOffice numbers an .odt or .doc as it wrote it, which is not always
// the .docx's numbers (it may write a continued list as one it cannot find), so the PDF and not
// the .txt is the reference. The same with the rest of the list moved to the restarting
// instance (docxgen.MovedReport), as .odt only: LibreOffice writes it as one list in two list
// styles, nested lists of the second restarting under each heading of the first. (Its .docx is
// not checked: the .docx reader applies a start override at each restart of the level, as
// Word's numbering was taken to, and LibreOffice at the first only; nor its .doc: LibreOffice
// counts a level no paragraph of its list had as its start, the .doc reader as Word does not.)
func TestLibreOfficeShowsARestartedListAsRead(t *testing.T) {
	dir := t.TempDir()
	var docs []string
	for _, name := range seedNames(t) {
		_, lines := readSeed(t, "../../testdata/seeds/"+name+".txt")
		lines = restarted(lines)
		if lines == nil {
			continue
		}
		for _, d := range []struct {
			name string
			docx []byte
		}{{name, docxgen.NumberedReport(lines)}, {name + "-moved", docxgen.MovedReport(lines)}} {
			if !strings.Contains(string(unzipPart(t, d.docx, "word/numbering.xml")), "startOverride") {
				t.Fatalf("%s: the .docx restarts no list; the test would not exercise one", d.name)
			}
			p := filepath.Join(dir, d.name+".docx")
			if err := os.WriteFile(p, d.docx, 0o644); err != nil {
				t.Fatal(err)
			}
			docs = append(docs, p)
		}
	}
	if len(docs) < 6 {
		t.Fatalf("%d seeds have a list to restart", len(docs)/2)
	}
	// Each format converted to PDF from a directory of its own (the PDFs' names collide).
	var files []string
	for _, ext := range []string{"docx", "odt", "doc"} {
		sub := filepath.Join(dir, ext)
		if ext == "docx" {
			sub = dir
		} else {
			soffice(t, dir, append([]string{"--convert-to", ext, "--outdir", sub}, docs...)...)
		}
		var in []string
		for _, d := range docs {
			if ext != "odt" && strings.HasSuffix(d, "-moved.docx") {
				continue
			}
			in = append(in, filepath.Join(sub, strings.TrimSuffix(filepath.Base(d), ".docx")+"."+ext))
		}
		soffice(t, dir, append([]string{"--convert-to", "pdf", "--outdir", sub}, in...)...)
		files = append(files, in...)
	}
	for _, f := range files {
		shownAsRead(t, f, strings.TrimPrefix(f, dir))
	}
}

// shownAsRead checks that LibreOffice's PDF of file f, beside it, shows each paragraph fzlint
// reads in f (its first 12 characters, spaces aside), and returns the PDF's text without spaces.
func shownAsRead(t *testing.T, f, label string) string {
	t.Helper()
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	txt, err := input.Read(f, data)
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", strings.TrimSuffix(f, filepath.Ext(f))+".pdf", "-").Output()
	if err != nil {
		t.Fatalf("%s: no PDF from LibreOffice, or no pdftotext (Debian poppler-utils): %v", label, err)
	}
	shown := noSpace(string(out))
	for i, l := range txt.Lines {
		start := []rune(noSpace(l))
		start = start[:min(len(start), 12)]
		if !strings.Contains(shown, string(start)) {
			t.Errorf("%s paragraph %d: %q is not in LibreOffice's PDF of it", label, i+1, string(start))
		}
	}
	return shown
}

// The Word-like reports the benchmarks and tests read (docxgen.WordReport) are files Word's
// readers open: LibreOffice opens each seed's, and its PDF shows every paragraph as fzlint reads
// it, the numbers of the headings included. (Until 2 December the document named a footer its
// package did not hold, and LibreOffice refused every one of them.)
func TestLibreOfficeOpensTheWordLikeReports(t *testing.T) {
	dir := t.TempDir()
	var docs []string
	for _, name := range seedNames(t) {
		_, lines := readSeed(t, "../../testdata/seeds/"+name+".txt")
		p := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(p, docxgen.WordReport(lines), 0o644); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, p)
	}
	soffice(t, dir, append([]string{"--convert-to", "pdf", "--outdir", dir}, docs...)...)
	for _, d := range docs {
		if shown := shownAsRead(t, d, filepath.Base(d)); !strings.Contains(shown, "—1—") {
			t.Errorf("%s: no page number in the footer of LibreOffice's PDF", filepath.Base(d))
		}
	}
}

// soffice runs LibreOffice headless with a profile in dir; the test fails without it.
func soffice(t *testing.T, dir string, args ...string) {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatalf("LibreOffice (soffice) is needed for this test: %v", err)
	}
	args = append([]string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile")}, args...)
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice %v: %v\n%s", args, err, out)
	}
}
