package annotate

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/docxgen"
	"github.com/fzlint/fzlint/internal/linttest"
)

var testDate = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// part returns one part of a .docx archive (nil when absent).
func part(t testing.TB, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	return nil
}

// wellFormed fails unless every XML part of the archive parses.
func wellFormed(t testing.TB, data []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		b := part(t, data, f.Name)
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed: %v", f.Name, err)
			}
		}
	}
}

// anchored reads an annotated document.xml on its own (encoding/xml, not the reader's walk)
// and returns, for each comment id, the text between its range markers in the paragraph where
// the range starts, as the reader would see it, and whether it has exactly one start, one
// end and one reference.
func anchored(t testing.TB, doc []byte, mine map[string]bool) map[string]string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	type open struct {
		para int
		text strings.Builder
	}
	// An open run: its depth, and whether w:vanish hides it.
	type run struct {
		depth  int
		hidden bool
	}
	var (
		opened  = map[string]*open{}
		out     = map[string]string{}
		count   = map[string][3]int{}
		paras   []int // ids of the open paragraphs
		nextID  int
		skip    int
		depth   int
		inT     bool
		rPr     int // depth of the open w:rPr of the innermost run, 0 when none
		pending []string
		// The open runs, innermost last (a run may hold a text box whose paragraphs hold
		// runs, and go on after it).
		runs []run
	)
	hidden := func() bool { return len(runs) > 0 && runs[len(runs)-1].hidden }
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			depth++
			if skip > 0 {
				continue
			}
			if strings.HasSuffix(e.Name.Local, "Change") { // a tracked change's old properties, as the walk skips them
				skip = depth
				continue
			}
			switch e.Name.Local {
			case "Fallback", "moveFrom", "del", "instrText", "delText":
				skip = depth
				continue
			case "p":
				nextID++
				paras = append(paras, nextID)
			case "r":
				runs = append(runs, run{depth: depth})
			case "rPr":
				if len(runs) > 0 && runs[len(runs)-1].depth == depth-1 {
					rPr = depth
				}
			case "vanish":
				if rPr > 0 && rPr == depth-1 {
					runs[len(runs)-1].hidden = true
				}
			case "t":
				inT = true
			case "tab":
				if len(runs) > 0 && !hidden() {
					for _, o := range opened {
						if o.para == paras[len(paras)-1] {
							o.text.WriteByte('\t')
						}
					}
				}
			case "commentRangeStart":
				id := attr(e, "id")
				c := count[id]
				c[0]++
				count[id] = c
				opened[id] = &open{para: paras[len(paras)-1]}
			case "commentRangeEnd":
				id := attr(e, "id")
				c := count[id]
				c[1]++
				count[id] = c
				if o := opened[id]; o != nil {
					out[id] = o.text.String()
					delete(opened, id)
				}
			case "commentReference":
				id := attr(e, "id")
				c := count[id]
				c[2]++
				count[id] = c
			}
		case xml.EndElement:
			if skip > 0 { // nothing of a subtree passed over was opened: nothing closes
				if skip == depth {
					skip = 0
				}
				depth--
				continue
			}
			depth--
			switch e.Name.Local {
			case "p":
				paras = paras[:len(paras)-1]
			case "t":
				inT = false
			case "rPr":
				if rPr == depth+1 {
					rPr = 0
				}
			case "r":
				if len(runs) > 0 {
					runs = runs[:len(runs)-1]
				}
			}
		case xml.CharData:
			if skip > 0 || !inT || hidden() || len(paras) == 0 {
				continue
			}
			for _, o := range opened {
				if o.para == paras[len(paras)-1] {
					o.text.WriteString(strings.NewReplacer("\n", " ", "\r", " ").Replace(string(e)))
				}
			}
		}
	}
	_ = pending
	for id, c := range count {
		if mine != nil && !mine[id] {
			continue // not a comment of this test's: a fuzzed document may hold any markers
		}
		if c != [3]int{1, 1, 1} {
			t.Errorf("comment %s has %d starts, %d ends, %d references", id, c[0], c[1], c[2])
		}
	}
	for id := range opened {
		if mine == nil || mine[id] {
			t.Errorf("range %s never closed", id)
		}
	}
	return out
}

// want is the text a finding's comment should be anchored on.
func want(lines []string, anc *input.DocxAnchors, d checker.Diagnostic) string {
	line := min(max(d.Line, 1), len(lines))
	r := []rune(lines[line-1])
	prefix := anc.Paras[line-1].Prefix
	c0, c1 := d.Column-1, d.EndColumn-1
	if c1 > len(r) {
		c1 = len(r)
	}
	if c0 < prefix || c1 <= c0 {
		return string(r[prefix:])
	}
	return string(r[c0:c1])
}

// commentIDs lists the ids of the comments in comments.xml by author.
func commentIDs(t testing.TB, comments []byte) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	d := xml.NewDecoder(bytes.NewReader(comments))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("comments.xml: %v", err)
		}
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "comment" {
			out[attr(e, "author")] = append(out[attr(e, "author")], attr(e, "id"))
		}
	}
}

// roundTrip annotates a .docx with the default rules and checks what every annotated file
// must show: well-formed parts, one comment per finding anchored on its text, the same text
// and findings when read back. It returns the annotated file.
func roundTrip(t testing.TB, name string, data []byte) []byte {
	t.Helper()
	l := linttest.DefaultLinter(t)
	txt, err := input.Read(name, data)
	if err != nil {
		t.Fatal(err)
	}
	res := l.CheckText(name, txt, checker.Options{})
	out, n, err := Docx(data, txt, res.Diagnostics, Options{Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(res.Diagnostics) {
		t.Errorf("%d comments for %d findings", n, len(res.Diagnostics))
	}
	wellFormed(t, out)
	doc := part(t, out, "word/document.xml")
	got := anchored(t, doc, nil)
	ids := commentIDs(t, part(t, out, "word/comments.xml"))[Author]
	if len(ids) != len(res.Diagnostics) {
		t.Fatalf("comments.xml has %d comments by fzlint, want %d", len(ids), len(res.Diagnostics))
	}
	for i, d := range res.Diagnostics {
		w := want(txt.Lines, txt.Docx, d)
		if g, ok := got[ids[i]]; !ok || g != w {
			t.Errorf("%s:%d:%d-%d %s: anchored on %q, want %q", name, d.Line, d.Column, d.EndColumn, d.Rule, g, w)
		}
	}
	back, err := input.Read(name, out)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Lines, txt.Lines) {
		t.Errorf("the annotated file reads differently")
	}
	res2 := l.CheckText(name, back, checker.Options{})
	if !reflect.DeepEqual(strip(res2.Diagnostics), strip(res.Diagnostics)) {
		t.Errorf("the annotated file gives other findings")
	}
	return out
}

// strip drops what findings hold beyond what a reader sees, for comparison.
func strip(ds []checker.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, strconv.Itoa(d.Line)+":"+strconv.Itoa(d.Column)+"-"+strconv.Itoa(d.EndColumn)+" "+d.Rule+" "+d.Message)
	}
	return out
}

func seedTexts(t testing.TB) map[string]string {
	paths, _ := filepath.Glob("../../testdata/seeds/*.txt")
	if len(paths) != 5 {
		t.Fatalf("want the five seeds, got %v", paths)
	}
	out := map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = string(b)
	}
	return out
}

func TestSeedsNumbered(t *testing.T) {
	seeds := seedTexts(t)
	names := make([]string, 0, len(seeds))
	for n := range seeds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		data := docxgen.NumberedReport(strings.Split(strings.ReplaceAll(seeds[n], "\r\n", "\n"), "\n"))
		out := roundTrip(t, n+".docx", data)
		// A second run replaces fzlint's comments instead of adding to them.
		again := roundTrip(t, n+".docx", out)
		if a, b := len(commentIDs(t, part(t, out, "word/comments.xml"))[Author]), len(commentIDs(t, part(t, again, "word/comments.xml"))[Author]); a != b {
			t.Errorf("%s: %d comments after the first run, %d after the second", n, a, b)
		}
	}
}
