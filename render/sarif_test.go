package render

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/fzlint/fzlint/checker"
)

// The parts of SARIF 2.1.0 the tests read; decoding is strict about types, so a wrong type in
// the output fails here.
type sarifDoc struct {
	Schema  *string `json:"$schema"`
	Version *string `json:"version"`
	Runs    []struct {
		Tool *struct {
			Driver *struct {
				Name           *string     `json:"name"`
				Version        string      `json:"version"`
				InformationURI string      `json:"informationUri"`
				Rules          []sarifRule `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		ColumnKind  string        `json:"columnKind"`
		Results     []sarifResult `json:"results"`
		Invocations []struct {
			ExecutionSuccessful        *bool               `json:"executionSuccessful"`
			ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

var sarifLevels = []string{"none", "note", "warning", "error"}

// validateSARIF checks what the SARIF 2.1.0 schema requires of the properties fzlint writes,
// and what GitHub code scanning needs on top (rules for every ruleId, relative URIs, regions).
func validateSARIF(t *testing.T, data []byte) sarifDoc {
	t.Helper()
	var doc sarifDoc
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("not a SARIF log fzlint means to write: %v\n%s", err, data)
	}
	if doc.Schema == nil || !strings.HasPrefix(*doc.Schema, "https://") {
		t.Errorf("$schema = %v", doc.Schema)
	}
	if doc.Version == nil || *doc.Version != "2.1.0" {
		t.Fatalf("version = %v, want 2.1.0", doc.Version)
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(doc.Runs))
	}
	run := doc.Runs[0]
	if run.Tool == nil || run.Tool.Driver == nil || run.Tool.Driver.Name == nil || *run.Tool.Driver.Name != "fzlint" {
		t.Fatal("run.tool.driver.name must be fzlint")
	}
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind = %q", run.ColumnKind)
	}
	rules := run.Tool.Driver.Rules
	ids := map[string]int{}
	for i, r := range rules {
		if r.ID == "" || r.Name == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" ||
			r.Help.Text == "" || r.Help.Markdown == "" {
			t.Errorf("rule %d incomplete: %+v", i, r)
		}
		if !slices.Contains(sarifLevels, r.DefaultConfiguration.Level) {
			t.Errorf("rule %s: level %q", r.ID, r.DefaultConfiguration.Level)
		}
		if _, dup := ids[r.ID]; dup {
			t.Errorf("rule %s twice", r.ID)
		}
		ids[r.ID] = i
	}
	if len(rules) != len(checker.Checks()) {
		t.Errorf("%d rules, want every check (%d)", len(rules), len(checker.Checks()))
	}
	for i, res := range run.Results {
		where := fmt.Sprintf("result %d (%s)", i, res.RuleID)
		if res.Message.Text == "" {
			t.Errorf("%s: no message.text", where)
		}
		idx, ok := ids[res.RuleID]
		if !ok {
			t.Errorf("%s: ruleId not in tool.driver.rules", where)
		}
		if res.RuleIndex == nil || *res.RuleIndex != idx {
			t.Errorf("%s: ruleIndex %v, want %d", where, res.RuleIndex, idx)
		}
		if !slices.Contains(sarifLevels, res.Level) {
			t.Errorf("%s: level %q", where, res.Level)
		}
		if len(res.Locations) != 1 {
			t.Fatalf("%s: %d locations", where, len(res.Locations))
		}
		pl := res.Locations[0].PhysicalLocation
		checkArtifact(t, where, pl.ArtifactLocation)
		r := pl.Region
		if r == nil || r.StartLine < 1 || r.StartColumn < 1 || r.EndLine < r.StartLine || r.EndColumn < 1 ||
			(r.EndLine == r.StartLine && r.EndColumn < r.StartColumn) {
			t.Errorf("%s: bad region %+v", where, r)
		}
		if fp := res.PartialFingerprints[fingerprintKey]; !strings.Contains(fp, ":") {
			t.Errorf("%s: partialFingerprints %v", where, res.PartialFingerprints)
		}
	}
	if len(run.Invocations) != 1 || run.Invocations[0].ExecutionSuccessful == nil {
		t.Fatalf("want one invocation with executionSuccessful: %+v", run.Invocations)
	}
	for _, n := range run.Invocations[0].ToolExecutionNotifications {
		if n.Message.Text == "" || !slices.Contains(sarifLevels, n.Level) || len(n.Locations) != 1 {
			t.Errorf("bad notification %+v", n)
		}
		checkArtifact(t, "notification", n.Locations[0].PhysicalLocation.ArtifactLocation)
	}
	return doc
}

func checkArtifact(t *testing.T, where string, a sarifArtifactLocation) {
	t.Helper()
	if a.URIBaseID != "%SRCROOT%" || strings.Contains(a.URI, `\`) || strings.HasPrefix(a.URI, "/") {
		t.Errorf("%s: artifact %+v is not relative to %%SRCROOT%% with forward slashes", where, a)
	}
	if _, err := url.Parse(a.URI); err != nil {
		t.Errorf("%s: uri %q: %v", where, a.URI, err)
	}
}

func TestSARIFSeeds(t *testing.T) {
	results := append(seedResults(t), unreadable("testdata/旧稿.doc", "不支持 .doc 格式，请另存为 .docx"))
	data := renderAll(t, "sarif", results, Options{Version: "1.2.3"})
	doc := validateSARIF(t, data)
	run := doc.Runs[0]
	if run.Tool.Driver.Version != "1.2.3" || run.Tool.Driver.InformationURI == "" {
		t.Errorf("driver version/informationUri: %q %q", run.Tool.Driver.Version, run.Tool.Driver.InformationURI)
	}

	// Every finding of the JSON output is a result, at the same place (the seeds are all in the
	// Basic Multilingual Plane, where UTF-16 and rune columns agree).
	var js struct {
		Files []jsonFile `json:"files"`
	}
	if err := json.Unmarshal(renderAll(t, "json", results, Options{}), &js); err != nil {
		t.Fatal(err)
	}
	key := func(path, rule string, l, c, el, ec int) string {
		return fmt.Sprintf("%s %s %d:%d-%d:%d", path, rule, l, c, el, ec)
	}
	want := map[string]string{}
	for _, f := range js.Files {
		for _, d := range f.Diagnostics {
			want[key(f.Path, d.Rule, d.Line, d.Column, d.EndLine, d.EndColumn)] = d.Message
		}
	}
	if len(want) < 10 {
		t.Fatalf("only %d findings on the seeds", len(want))
	}
	got := 0
	for _, res := range run.Results {
		loc := res.Locations[0].PhysicalLocation
		path, err := url.PathUnescape(loc.ArtifactLocation.URI)
		if err != nil {
			t.Fatal(err)
		}
		r := loc.Region
		k := key(path, res.RuleID, r.StartLine, r.StartColumn, r.EndLine, r.EndColumn)
		msg, ok := want[k]
		if !ok {
			t.Errorf("result %s is not in the JSON output", k)
			continue
		}
		if !strings.HasPrefix(res.Message.Text, msg) {
			t.Errorf("%s: message %q, want %q", k, res.Message.Text, msg)
		}
		got++
	}
	if got != len(want) || len(run.Results) != len(want) {
		t.Errorf("%d results, %d matched, JSON has %d findings", len(run.Results), got, len(want))
	}

	notes := run.Invocations[0].ToolExecutionNotifications
	if len(notes) != 1 || notes[0].Level != "error" || !strings.Contains(notes[0].Message.Text, ".doc") ||
		notes[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "testdata/%E6%97%A7%E7%A8%BF.doc" {
		t.Errorf("unreadable file notification: %+v", notes)
	}
}

func TestSARIFEmpty(t *testing.T) {
	doc := validateSARIF(t, renderAll(t, "sarif", nil, Options{}))
	if doc.Runs[0].Results == nil {
		t.Error("results must be an empty array, not absent")
	}
}

func TestSARIFColumnsAreUTF16(t *testing.T) {
	// 𠀀 (U+20000, CJK extension B) is one rune but two UTF-16 code units.
	line := "𠀀𠀀法制政府建设"
	res := checker.Result{Path: "a.txt", Source: []string{line}, Diagnostics: []checker.Diagnostic{{
		Rule: "structure/title", Severity: checker.Error, Line: 1, Column: 3, EndLine: 1, EndColumn: 7, Message: "m",
	}}}
	doc := validateSARIF(t, renderAll(t, "sarif", []checker.Result{res}, Options{}))
	r := doc.Runs[0].Results[0].Locations[0].PhysicalLocation.Region
	if r.StartColumn != 5 || r.EndColumn != 9 {
		t.Errorf("region %+v, want columns 5-9 in UTF-16 code units", r)
	}
}

func TestUTF16Column(t *testing.T) {
	for _, c := range []struct {
		line     string
		col, ans int
	}{
		{"", 1, 1}, {"", 3, 3}, {"abc", 4, 4}, {"法治", 2, 2}, {"𠀀a", 2, 3}, {"𠀀a", 3, 4}, {"𠀀", 5, 6}, {"x", 0, 1},
	} {
		if got := utf16Column(c.line, c.col); got != c.ans {
			t.Errorf("utf16Column(%q, %d) = %d, want %d", c.line, c.col, got, c.ans)
		}
	}
}

// The columns a SARIF output counts once a line agree with utf16Column, line after line and
// column after column in any order, on invalid UTF-8 too.
func FuzzUTF16Columns(f *testing.F) {
	f.Add("法治𠀀a\xffb", "", 3, 9)
	f.Add("", "𠀀𠀀", 1, 2)
	f.Fuzz(func(t *testing.T, a, b string, c1, c2 int) {
		var u utf16Columns
		for _, q := range []struct {
			line string
			col  int
		}{{a, c1 % 64}, {a, c2 % 64}, {b, c1 % 64}, {a, c2 % 64}, {b, c2 % 64}} {
			if got, want := u.of(q.line, q.col), utf16Column(q.line, q.col); got != want {
				t.Fatalf("of(%q, %d) = %d, want %d", q.line, q.col, got, want)
			}
		}
	})
}

func TestSARIFArtifact(t *testing.T) {
	for _, c := range []struct{ path, uri, base string }{
		{"testdata/seeds/a.txt", "testdata/seeds/a.txt", "%SRCROOT%"},
		{"./报告 2024.txt", "%E6%8A%A5%E5%91%8A%202024.txt", "%SRCROOT%"},
		{"a#1%.txt", "a%231%25.txt", "%SRCROOT%"},
		{"c:d.txt", "./c:d.txt", "%SRCROOT%"},
		{"/srv/报告.txt", "file:///srv/%E6%8A%A5%E5%91%8A.txt", ""},
	} {
		got := sarifArtifact(c.path)
		if got.URI != c.uri || got.URIBaseID != c.base {
			t.Errorf("sarifArtifact(%q) = %+v, want %q %q", c.path, got, c.uri, c.base)
		}
	}
}

func TestSARIFFingerprints(t *testing.T) {
	d := checker.Diagnostic{Rule: "content/empty-section", Severity: checker.Warning, Line: 2, Column: 3, EndLine: 2, EndColumn: 7, Message: "m"}
	moved := d
	moved.Line, moved.EndLine = 3, 3
	a := checker.Result{Path: "a.txt", Source: []string{"x", "　　建立建立制度"}, Diagnostics: []checker.Diagnostic{d}}
	// The same line after a line was inserted above it, and a second identical line.
	b := checker.Result{Path: "a.txt", Source: []string{"x", "y", "　　建立建立制度", "　　建立建立制度"}, Diagnostics: []checker.Diagnostic{moved, moved}}
	b.Diagnostics[1].Line, b.Diagnostics[1].EndLine = 4, 4
	fa := validateSARIF(t, renderAll(t, "sarif", []checker.Result{a}, Options{})).Runs[0].Results
	fb := validateSARIF(t, renderAll(t, "sarif", []checker.Result{b}, Options{})).Runs[0].Results
	pa, pb0, pb1 := fa[0].PartialFingerprints[fingerprintKey], fb[0].PartialFingerprints[fingerprintKey], fb[1].PartialFingerprints[fingerprintKey]
	if pa != pb0 {
		t.Errorf("fingerprint changed when the line moved: %s vs %s", pa, pb0)
	}
	if pb0 == pb1 {
		t.Errorf("two findings on identical lines share a fingerprint %s", pb0)
	}
}

// utf16Column is the count utf16Columns replaced, from the line's start for each column: it
// returns the 1-based UTF-16 column of a 1-based rune column of a line. Columns
// past the end of the line (or of an unknown line) count one unit per rune.
func utf16Column(line string, col int) int {
	if col < 1 {
		return 1
	}
	units, runes := 0, 0
	for _, r := range line {
		if runes == col-1 {
			break
		}
		units += utf16.RuneLen(r) // ranging gives U+FFFD for bad bytes, never -1
		runes++
	}
	return units + (col - 1 - runes) + 1
}
