package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

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
	Year     *int         `json:"year"`
	Profile  string       `json:"profile"`
	Title    *string      `json:"title"`
	Sections orderedParts `json:"sections"`
}

type jsonDiagnostic struct {
	Rule       string `json:"rule"`
	Severity   string `json:"severity"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	EndLine    int    `json:"end_line"`
	EndColumn  int    `json:"end_column"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion"`
	Template   string `json:"template"`
}

type jsonSummary struct {
	Files      int `json:"files"`
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Infos      int `json:"infos"`
	Unreadable int `json:"unreadable"`
}

// orderedParts writes the sections map with its keys in template order (a Go map would sort
// them alphabetically), with null for a missing part.
type orderedParts struct {
	ids   []string
	lines map[string]int
}

func (o orderedParts) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, id := range o.ids {
		if i > 0 {
			b = append(b, ',')
		}
		k, _ := json.Marshal(id)
		b = append(b, k...)
		b = append(b, ':')
		if n := o.lines[id]; n > 0 {
			v, _ := json.Marshal(n)
			b = append(b, v...)
		} else {
			b = append(b, "null"...)
		}
	}
	return append(b, '}'), nil
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
		f.Report = rep
	}
	for _, d := range r.Diagnostics {
		f.Diagnostics = append(f.Diagnostics, jsonDiagnostic{
			Rule: d.Rule, Severity: d.Severity.String(),
			Line: d.Line, Column: d.Column, EndLine: d.EndLine, EndColumn: d.EndColumn,
			Message: d.Message, Suggestion: d.Suggestion, Template: d.Template,
		})
	}
	if r.Err != nil {
		e := r.Err.Error()
		f.Error = &e
	}
	return f
}

// jsonArray writes the elements of an indented JSON array as they come; the caller writes the
// brackets.
type jsonArray struct {
	w      *bufio.Writer
	indent string // of the elements
	n      int
	// One encoder and buffer serve every element: a batch writes thousands, and
	// json.MarshalIndent would allocate two fresh buffers for each.
	buf bytes.Buffer
	enc *json.Encoder
}

func (a *jsonArray) add(v any) error {
	if a.enc == nil {
		a.enc = json.NewEncoder(&a.buf)
		a.enc.SetIndent(a.indent, "  ")
	}
	a.buf.Reset()
	if err := a.enc.Encode(v); err != nil {
		return err
	}
	b := bytes.TrimSuffix(a.buf.Bytes(), []byte("\n"))
	if a.n > 0 {
		a.w.WriteByte(',')
	}
	a.n++
	a.w.WriteString("\n" + a.indent)
	_, err := a.w.Write(b)
	return err
}

// end puts the closing bracket of a non-empty array on its own line.
func (a *jsonArray) end() {
	if a.n > 0 {
		a.w.WriteString("\n" + a.indent[:len(a.indent)-2])
	}
}

// jsonOut streams the document: the header, each file as it comes, then the summary, so a
// batch of thousands of files is never held in memory.
type jsonOut struct {
	w     *bufio.Writer
	files jsonArray
}

func newJSON(w io.Writer, _ Options) Renderer {
	j := &jsonOut{w: bufio.NewWriter(w)}
	j.files = jsonArray{w: j.w, indent: "    "}
	j.w.WriteString("{\n  \"version\": 1,\n  \"files\": [")
	return j
}

func (j *jsonOut) File(r *checker.Result) error { return j.files.add(jsonFileOf(r)) }

func (j *jsonOut) Close(s Summary) error {
	j.files.end()
	sum, _ := json.Marshal(jsonSummary{s.Files, s.Errors, s.Warnings, s.Infos, s.Unreadable})
	j.w.WriteString("],\n  \"summary\": ")
	j.w.Write(sum)
	j.w.WriteString("\n}\n")
	return j.w.Flush()
}
