package annotate

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/linttest"
)

// soffice runs LibreOffice headless with a profile of its own (so that it does not wait for
// another LibreOffice running on the machine). It fails the test when LibreOffice is missing:
// CI installs it (.ci/run).
func soffice(t *testing.T, profile string, args ...string) {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatalf("LibreOffice (soffice) is needed for this test: %v", err)
	}
	// Not a timed assertion: a guard so that a hung LibreOffice fails the test instead of the
	// whole run.
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{"-env:UserInstallation=file://" + profile, "--headless", "--norestore"}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice %v: %v\n%s", args, err, out)
	}
}

// odt is what a converted .odt holds: its paragraphs' text (comments left out) and its
// comments.
type odt struct {
	paras    []string
	comments []*odtComment
}

type odtComment struct {
	creator, body, anchored string
}

// readODT reads content.xml of an .odt: paragraphs (text:p and text:h, a text box's
// paragraphs on their own) and office:annotation ranges with the text between the annotation
// and its annotation-end in the paragraph where it starts.
func readODT(t *testing.T, path string) odt {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var content []byte
	for _, f := range zr.File {
		if f.Name == "content.xml" {
			rc, _ := f.Open()
			content, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	type para struct {
		id   int
		text strings.Builder
	}
	type open struct {
		c    *odtComment
		para int
		text strings.Builder
	}
	var (
		res    odt
		stack  []*para
		nextID int
		skip   int
		depth  int
		ann    *odtComment // the annotation whose body is being read
		annDep int
		annPar int // paragraphs read in its body
		byName = map[string]*open{}
		inCr   bool
	)
	write := func(s string) {
		if ann != nil {
			if inCr {
				ann.creator += s
			} else if annPar == 1 {
				ann.body += s
			}
			return
		}
		if len(stack) == 0 {
			return
		}
		top := stack[len(stack)-1]
		top.text.WriteString(s)
		for _, o := range byName {
			if o.para == top.id {
				o.text.WriteString(s)
			}
		}
	}
	d := xml.NewDecoder(bytes.NewReader(content))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			depth++
			if skip > 0 {
				continue
			}
			switch e.Name.Local {
			case "tracked-changes", "number":
				skip = depth
			case "annotation":
				ann, annDep, annPar = &odtComment{}, depth, 0
				byName[attr(e, "name")] = &open{c: ann, para: stack[len(stack)-1].id}
			case "annotation-end":
				if o := byName[attr(e, "name")]; o != nil {
					o.c.anchored = o.text.String()
					delete(byName, attr(e, "name"))
				}
			case "creator":
				inCr = ann != nil
			case "p", "h":
				if ann != nil {
					annPar++
					continue
				}
				nextID++
				stack = append(stack, &para{id: nextID})
			case "s":
				n := 1
				if c := attr(e, "c"); c != "" {
					n, _ = strconv.Atoi(c)
				}
				write(strings.Repeat(" ", n))
			case "tab":
				write("\t")
			}
		case xml.EndElement:
			if skip == depth {
				skip = 0
				depth--
				continue
			}
			if skip > 0 {
				depth--
				continue
			}
			switch e.Name.Local {
			case "annotation":
				if ann != nil && depth == annDep {
					res.comments = append(res.comments, ann)
					ann = nil
				}
			case "creator":
				inCr = false
			case "p", "h":
				if ann == nil && len(stack) > 0 {
					res.paras = append(res.paras, stack[len(stack)-1].text.String())
					stack = stack[:len(stack)-1]
				}
			}
			depth--
		case xml.CharData:
			if skip == 0 {
				write(string(e))
			}
		}
	}
	// A comment whose range LibreOffice did not keep has no annotation-end: its anchored
	// text stays empty, and the comparison below fails.
	return res
}

// TestLibreOffice is the test of what a drafter sees: each seed report made into a .docx by
// LibreOffice, and the Word-style file, annotated, then opened by LibreOffice (converted to
// .odt): one comment per finding, each on the text the finding is about, and every paragraph
// of the original unchanged.
func TestLibreOffice(t *testing.T) {
	dir := t.TempDir()
	profile := filepath.Join(dir, "profile")
	src, docx, conv := filepath.Join(dir, "src"), filepath.Join(dir, "docx"), filepath.Join(dir, "odt")
	for _, d := range []string{src, docx, conv} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	seeds := seedTexts(t)
	var txts []string
	for name, text := range seeds {
		p := filepath.Join(src, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		txts = append(txts, p)
	}
	sort.Strings(txts)
	soffice(t, profile, append([]string{"--infilter=Text (encoded):UTF8,LF,,,", "--convert-to", "docx:MS Word 2007 XML", "--outdir", docx}, txts...)...)
	if err := os.WriteFile(filepath.Join(docx, "word-style.docx"), wordStyle(t), 0o644); err != nil {
		t.Fatal(err)
	}
	originals, _ := filepath.Glob(filepath.Join(docx, "*.docx"))
	if len(originals) != len(seeds)+1 {
		t.Fatalf("LibreOffice made %d .docx files from %d seeds", len(originals)-1, len(seeds))
	}
	l := linttest.DefaultLinter(t)
	type job struct {
		name  string
		lines []string
		anc   *input.DocxAnchors
		diags []checker.Diagnostic
	}
	var jobs []job
	var toConvert []string
	for _, p := range originals {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out := roundTrip(t, filepath.Base(p), data) // the fzlint read-back and anchors, in XML
		txt, err := input.Read(p, data)
		if err != nil {
			t.Fatal(err)
		}
		res := l.CheckText(p, txt, checker.Options{})
		if len(res.Diagnostics) == 0 {
			t.Fatalf("%s: no findings to annotate", p)
		}
		annotated := strings.TrimSuffix(p, ".docx") + ".fzlint.docx"
		if err := os.WriteFile(annotated, out, 0o644); err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, job{strings.TrimSuffix(filepath.Base(p), ".docx"), txt.Lines, txt.Docx, res.Diagnostics})
		toConvert = append(toConvert, p, annotated)
	}
	soffice(t, profile, append([]string{"--convert-to", "odt", "--outdir", conv}, toConvert...)...)
	for _, j := range jobs {
		orig := readODT(t, filepath.Join(conv, j.name+".odt"))
		ann := readODT(t, filepath.Join(conv, j.name+".fzlint.odt"))
		if !reflect.DeepEqual(orig.paras, ann.paras) {
			t.Errorf("%s: the paragraphs changed:\n%q\n%q", j.name, orig.paras, ann.paras)
		}
		var got, want []string
		for _, c := range ann.comments {
			if c.creator == Author {
				got = append(got, c.anchored+" ← "+c.body)
			}
		}
		for _, d := range j.diags {
			want = append(want, strings.TrimSpace(wantODT(j.lines, j.anc, d))+" ← 【"+severityName(d.Severity)+"】"+strings.ReplaceAll(d.Message, "\n", " "))
		}
		sort.Strings(got)
		sort.Strings(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: LibreOffice shows %d comments by fzlint, want %d:\n got %q\nwant %q", j.name, len(got), len(want), got, want)
		}
		for i := range got {
			got[i] = strings.TrimSpace(got[i])
		}
		others := 0
		for _, c := range orig.comments {
			if c.creator != Author {
				others++
			}
		}
		kept := 0
		for _, c := range ann.comments {
			if c.creator != Author {
				kept++
			}
		}
		if kept != others {
			t.Errorf("%s: %d comments of others before, %d after", j.name, others, kept)
		}
		t.Logf("%s: %d findings, %d comments by fzlint in LibreOffice, %d of others kept", j.name, len(j.diags), len(got), kept)
	}
}

// wantODT is the text LibreOffice shows under a finding's comment: the finding's characters,
// or the paragraph's text (the number Word draws is not text in LibreOffice either).
func wantODT(lines []string, anc *input.DocxAnchors, d checker.Diagnostic) string {
	return want(lines, anc, d)
}
