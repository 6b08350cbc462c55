package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker"
)

// The JSON document of SPEC §6. Field names and shapes are a contract with users' scripts;
// a file's element is written by appendJSONFile.
type jsonSummary struct {
	Files      int `json:"files"`
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Infos      int `json:"infos"`
	Unreadable int `json:"unreadable"`
	Skipped    int `json:"skipped"`
}

// jsonSkip is an element of "skipped": a file a directory walk left out, and why.
type jsonSkip struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
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
	return a.addRaw(bytes.TrimSuffix(a.buf.Bytes(), []byte("\n")))
}

// addRaw adds an element already encoded with the array's indentation.
func (a *jsonArray) addRaw(b []byte) error {
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
	buf   []byte
}

func newJSON(w io.Writer, _ Options) Renderer {
	j := &jsonOut{w: bufio.NewWriterSize(w, machineBuffer)}
	j.files = jsonArray{w: j.w, indent: "    "}
	j.w.WriteString("{\n  \"version\": 1,\n  \"files\": [")
	return j
}

// File writes one file's element. The shape is fixed, so it is written by hand: encoding/json
// with indentation was a tenth of a batch's time. TestJSONFileMatchesEncoding holds it to
// what encoding/json writes.
func (j *jsonOut) File(r *checker.Result) error {
	j.buf = appendJSONFile(j.buf[:0], r, j.files.indent)
	return j.files.addRaw(j.buf)
}

// appendJSONFile appends a result as encoding/json would indent jsonFileOf(r) with the prefix
// indent and two spaces per level.
func appendJSONFile(b []byte, r *checker.Result, indent string) []byte {
	in1, in2, in3 := indent+"  ", indent+"    ", indent+"      "
	b = append(b, "{\n"...)
	b = appendKey(b, in1, "path")
	b = appendString(b, r.Path)
	b = append(b, ",\n"...)
	b = appendKey(b, in1, "report")
	if rep := r.Report; rep == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, "{\n"...)
		b = appendKey(b, in2, "year")
		b = appendIntOrNull(b, rep.Year)
		b = append(b, ",\n"...)
		b = appendKey(b, in2, "profile")
		b = appendString(b, rep.Profile)
		b = append(b, ",\n"...)
		b = appendKey(b, in2, "title")
		if rep.Title == "" {
			b = append(b, "null"...)
		} else {
			b = appendString(b, rep.Title)
		}
		b = append(b, ",\n"...)
		b = appendKey(b, in2, "sections")
		if len(rep.PartIDs) == 0 {
			b = append(b, "{}"...)
		} else {
			b = append(b, '{')
			for i, id := range rep.PartIDs {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, '\n')
				b = append(b, in3...)
				b = appendString(b, id)
				b = append(b, ": "...)
				b = appendIntOrNull(b, rep.Sections[id])
			}
			b = appendClose(b, in2, '}')
		}
		if rep.Score != nil {
			b = append(b, ",\n"...)
			b = appendKey(b, in2, "scorecard")
			b = appendScorecard(b, r, in3)
			b = appendClose(b, in2, '}')
		}
		b = appendClose(b, in1, '}')
	}
	b = append(b, ",\n"...)
	b = appendKey(b, in1, "diagnostics")
	if len(r.Diagnostics) == 0 {
		b = append(b, "[]"...)
	} else {
		b = append(b, '[')
		for i := range r.Diagnostics {
			d := &r.Diagnostics[i]
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '\n')
			b = append(b, in2...)
			b = append(b, "{\n"...)
			// page and end_page only in fixed-layout files (.pdf, .ofd), where a line is a
			// line of its page.
			first := true
			for _, f := range [...]struct {
				key      string
				s        string
				n        int
				num, opt bool
			}{
				{"rule", d.Rule, 0, false, false}, {"severity", d.Severity.String(), 0, false, false},
				{"page", "", d.Page, true, true}, {"line", "", d.Line, true, false}, {"column", "", d.Column, true, false},
				{"end_page", "", d.EndPage, true, true}, {"end_line", "", d.EndLine, true, false}, {"end_column", "", d.EndColumn, true, false},
				{"message", Message(*d), 0, false, false}, {"suggestion", d.Suggestion, 0, false, false}, {"template", d.Template, 0, false, false},
			} {
				if f.opt && f.n == 0 {
					continue
				}
				if !first {
					b = append(b, ",\n"...)
				}
				first = false
				b = appendKey(b, in3, f.key)
				if f.num {
					b = strconv.AppendInt(b, int64(f.n), 10)
				} else {
					b = appendString(b, f.s)
				}
			}
			b = appendClose(b, in2, '}')
		}
		b = appendClose(b, in1, ']')
	}
	b = append(b, ",\n"...)
	b = appendKey(b, in1, "error")
	if r.Err == nil {
		b = append(b, "null"...)
	} else {
		b = appendString(b, r.Err.Error())
	}
	return appendClose(b, indent, '}')
}

// appendClose puts a closing bracket on a line of its own.
func appendClose(b []byte, indent string, c byte) []byte {
	b = append(b, '\n')
	b = append(b, indent...)
	return append(b, c)
}

func appendKey(b []byte, indent, key string) []byte {
	b = append(b, indent...)
	b = append(b, '"')
	b = append(b, key...)
	return append(b, "\": "...)
}

func appendIntOrNull(b []byte, n int) []byte {
	if n <= 0 {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// appendString appends s as a JSON string escaped as encoding/json does by default: quotes,
// backslashes and control characters, <, > and & (HTML-safe), U+2028 and U+2029, and invalid
// UTF-8 as U+FFFD.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		// Chinese text is three-byte characters: one whose lead byte is E1 or E3 to EF but ED
		// (surrogates) and whose next two bytes continue it is valid and needs no escape (U+2028
		// and U+2029 are led by E2, overlong forms by E0).
		if i+2 < len(s) && (c == 0xE1 || c >= 0xE3 && c <= 0xEF && c != 0xED) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, "\\ufffd"...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func (j *jsonOut) Close(s Summary) error {
	j.files.end()
	j.w.WriteString("],\n  \"skipped\": [")
	skipped := jsonArray{w: j.w, indent: "    "}
	for _, k := range s.Skipped {
		if err := skipped.add(jsonSkip(k)); err != nil {
			return err
		}
	}
	skipped.end()
	sum, _ := json.Marshal(jsonSummary{s.Files, s.Errors, s.Warnings, s.Infos, s.Unreadable, len(s.Skipped)})
	j.w.WriteString("],\n  \"summary\": ")
	j.w.Write(sum)
	j.w.WriteString("\n}\n")
	return j.w.Flush()
}

// appendScorecard appends the scorecard's fields (the columns of the summary tables, README
// "The scorecard"), without the closing brace: date and on_time, causes (null without a
// deficiencies part), duties of duties_of, statistics, and the findings on consistency,
// language and copies.
func appendScorecard(b []byte, r *checker.Result, indent string) []byte {
	sc := r.Report.Score
	cons, lang, copied := r.Tally()
	b = append(b, "{\n"...)
	b = appendKey(b, indent, "date")
	if sc.Date == "" {
		b = append(b, "null"...)
	} else {
		b = appendString(b, sc.Date)
	}
	b = append(b, ",\n"...)
	b = appendKey(b, indent, "on_time")
	b = appendTriState(b, onTime(r))
	b = append(b, ",\n"...)
	b = appendKey(b, indent, "causes")
	b = appendTriState(b, sc.Causes)
	for _, f := range []struct {
		key string
		n   int
	}{{"duties", sc.Duties}, {"duties_of", sc.DutiesOf}, {"statistics", sc.Statistics},
		{"consistency", cons}, {"language", lang}, {"copied", copied}} {
		b = append(b, ",\n"...)
		b = appendKey(b, indent, f.key)
		b = strconv.AppendInt(b, int64(f.n), 10)
	}
	return b
}

// appendTriState appends true (1), false (0) or null (-1).
func appendTriState(b []byte, v int) []byte {
	switch v {
	case 1:
		return append(b, "true"...)
	case 0:
		return append(b, "false"...)
	}
	return append(b, "null"...)
}
