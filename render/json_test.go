package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
)

// The JSON document of SPEC §6. Field names and shapes are a contract with users' scripts.
type jsonFile struct {
	Path        string           `json:"path"`
	Report      *jsonReport      `json:"report"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	Error       *string          `json:"error"`
}

type jsonReport struct {
	Year      *int         `json:"year"`
	Profile   string       `json:"profile"`
	Title     *string      `json:"title"`
	Sections  orderedParts `json:"sections"`
	Scorecard *jsonScore   `json:"scorecard,omitempty"`
}

type jsonScore struct {
	Date        *string `json:"date"`
	OnTime      *bool   `json:"on_time"`
	Causes      *bool   `json:"causes"`
	Duties      int     `json:"duties"`
	DutiesOf    int     `json:"duties_of"`
	Statistics  int     `json:"statistics"`
	Consistency int     `json:"consistency"`
	Language    int     `json:"language"`
	Copied      int     `json:"copied"`
}

func triState(v int) *bool {
	if v < 0 {
		return nil
	}
	b := v == 1
	return &b
}

type jsonDiagnostic struct {
	Rule       string `json:"rule"`
	Severity   string `json:"severity"`
	Page       int    `json:"page,omitempty"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	EndPage    int    `json:"end_page,omitempty"`
	EndLine    int    `json:"end_line"`
	EndColumn  int    `json:"end_column"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion"`
	Template   string `json:"template"`
}

// orderedParts writes the sections map with its keys in template order (a Go map would sort
// them alphabetically), with null for a missing part.
type orderedParts struct {
	ids   []string
	lines map[string]int
}

func (o orderedParts) MarshalJSON() ([]byte, error) { return o.append(nil), nil }

func (o orderedParts) append(b []byte) []byte {
	b = append(b, '{')
	for i, id := range o.ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, id)
		b = append(b, ':')
		b = appendIntOrNull(b, o.lines[id])
	}
	return append(b, '}')
}

// JSONFile converts a result to its SPEC §6 form; the summary report reuses it.
func jsonFileOf(r *checker.Result) jsonFile {
	f := jsonFile{Path: r.Path, Diagnostics: []jsonDiagnostic{}}
	if r.Report != nil {
		rep := &jsonReport{Profile: r.Report.Profile, Sections: orderedParts{r.Report.PartIDs, r.Report.Sections}}
		if r.Report.Year > 0 {
			y := r.Report.Year
			rep.Year = &y
		}
		if r.Report.Title != "" {
			t := r.Report.Title
			rep.Title = &t
		}
		if sc := r.Report.Score; sc != nil {
			js := &jsonScore{OnTime: triState(onTime(r)), Causes: triState(sc.Causes), Duties: sc.Duties,
				DutiesOf: sc.DutiesOf, Statistics: sc.Statistics}
			js.Consistency, js.Language, js.Copied = r.Tally()
			if sc.Date != "" {
				js.Date = &sc.Date
			}
			rep.Scorecard = js
		}
		f.Report = rep
	}
	for _, d := range r.Diagnostics {
		f.Diagnostics = append(f.Diagnostics, jsonDiagnostic{
			Rule: d.Rule, Severity: d.Severity.String(),
			Page: d.Page, Line: d.Line, Column: d.Column, EndPage: d.EndPage, EndLine: d.EndLine, EndColumn: d.EndColumn,
			Message: d.Message, Suggestion: d.Suggestion, Template: d.Template,
		})
	}
	if r.Err != nil {
		e := r.Err.Error()
		f.Error = &e
	}
	return f
}

// encodeReference is what appendJSONFile must write: encoding/json's indented encoding of
// jsonFileOf.
func encodeReference(t testing.TB, r *checker.Result, indent string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent(indent, "  ")
	if err := enc.Encode(jsonFileOf(r)); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// The hand-written encoder writes byte for byte what encoding/json writes, for every shape of
// result and for every string encoding/json escapes.
func TestJSONFileMatchesEncoding(t *testing.T) {
	sections := map[string]int{"measures": 2, "deficiencies": 22, "plan": 24}
	ids := []string{"measures", "deficiencies", "duties", "plan", "other"}
	tricky := "引号\"反斜杠\\ <b>&amp; 换行\n回车\r制表\t\x01\x1f\b\f 行分隔\u2028段分隔\u2029 坏字节\xff\xfe 全角“”《》 emoji 😀"
	for name, r := range map[string]*checker.Result{
		"no report, no findings": {Path: "a.txt"},
		"unreadable":             {Path: "坏/b.docx", Err: errors.New("不是有效的 .docx：zip: not a valid zip file"), Diagnostics: []checker.Diagnostic{{Rule: "input/unreadable", Severity: checker.Error, Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Message: "无法读取"}}},
		"full": {Path: "submissions/县司法局 <2024>.txt", Report: &checker.Report{Year: 2024, Profile: "government", Title: tricky, Sections: sections, PartIDs: ids},
			Diagnostics: []checker.Diagnostic{
				{Rule: "structure/title", Severity: checker.Warning, Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Message: tricky, Suggestion: "武当山特区关于2024年度法治政府建设情况的报告"},
				{Rule: "language/punctuation-width", Severity: checker.Info, Line: 3, Column: 6, EndLine: 3, EndColumn: 7, Message: "半角", Template: tricky},
			}},
		"no year, no title, no parts": {Path: "c.md", Report: &checker.Report{Profile: "department"}},
		"a scorecard": {Path: "e.txt", Report: &checker.Report{Year: 2024, Profile: "government", Sections: sections, PartIDs: ids,
			Score: &checker.Scorecard{Date: "2025-02-05", Causes: 0, Duties: 4, DutiesOf: 6, Statistics: 72}},
			Diagnostics: []checker.Diagnostic{{Rule: "consistency/rate-mismatch", Severity: checker.Error, Line: 9, Column: 2, EndLine: 9, EndColumn: 4, Message: "率"}}},
		"a scorecard without date or parts": {Path: "f.txt", Report: &checker.Report{Profile: "department", Score: &checker.Scorecard{Causes: -1}}},
		"a page of a pdf": {Path: "d.pdf", Report: &checker.Report{Profile: "department"}, Diagnostics: []checker.Diagnostic{
			{Rule: "language/term-misuse", Severity: checker.Error, Page: 2, Line: 14, Column: 3, EndPage: 2, EndLine: 14, EndColumn: 7, Message: "法制政府"}}},
	} {
		for _, indent := range []string{"", "    "} {
			want := encodeReference(t, r, indent)
			if got := appendJSONFile(nil, r, indent); !bytes.Equal(got, want) {
				t.Errorf("%s, indent %q:\ngot  %s\nwant %s", name, indent, got, want)
			}
		}
	}
}

func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "普通文字", "\"\\<>&\n\x00\u2028", "\xff\xc3", "😀\xed\xa0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}

// A finding in a PDF names its page in plain output, where path:line:col has no room for it.
func TestPlainLineNamesThePageOfAFixedLayoutFile(t *testing.T) {
	d := checker.Diagnostic{Rule: "language/term-misuse", Severity: checker.Error, Page: 2, Line: 14, Column: 3, Message: "“法制政府”应为“法治政府”"}
	if got, want := PlainLine("r.pdf", d), "r.pdf:14:3: error: 第2页第14行：“法制政府”应为“法治政府” [language/term-misuse]"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	d.Page = 0
	if got := PlainLine("r.txt", d); strings.Contains(got, "页") {
		t.Errorf("a text file's line names a page: %s", got)
	}
}

// BenchmarkJSONString escapes the lines of the seed reports, Chinese text as the messages and
// quotes of findings are.
func BenchmarkJSONString(b *testing.B) {
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	var text strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text.Write(data)
	}
	lines := strings.Split(text.String(), "\n")
	b.SetBytes(int64(text.Len()))
	var buf []byte
	for b.Loop() {
		for _, l := range lines {
			buf = appendString(buf[:0], l)
		}
	}
}
