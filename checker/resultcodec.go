package checker

import (
	"encoding/binary"
	"errors"
	"strings"
)

// A batch with the cross-file stage checks each file once and keeps its finished Result on disk
// until every file's facts are in (the stage's findings may add to any file): AppendResult and
// DecodeResult write and read it back as it was, field for field (nil and empty kept apart, so
// that every renderer prints the same bytes). A result with Err set is not encoded: the file is
// read again instead.

// errEncoded is returned for bytes that AppendResult did not write.
var errEncoded = errors.New("checker: not an encoded result")

// AppendResult appends the encoding of r to b. r.Err must be nil.
func AppendResult(b []byte, r *Result) []byte {
	if r.Err != nil {
		panic("checker: AppendResult of a result with an error")
	}
	e := encoder{b}
	e.str(r.Path)
	e.flag(r.Report != nil)
	if rep := r.Report; rep != nil {
		e.int(rep.Year)
		e.str(rep.Profile)
		e.str(rep.Title)
		e.str(rep.Unit)
		e.len(len(rep.Sections), rep.Sections == nil)
		for k, v := range rep.Sections {
			e.str(k)
			e.int(v)
		}
		e.strs(rep.PartIDs)
		e.len(len(rep.PartNames), rep.PartNames == nil)
		for k, v := range rep.PartNames {
			e.str(k)
			e.str(v)
		}
		e.len(len(rep.Optional), rep.Optional == nil)
		for k, v := range rep.Optional {
			e.str(k)
			e.flag(v)
		}
		e.flag(rep.Score != nil)
		if s := rep.Score; s != nil {
			e.str(s.Date)
			e.int(s.Causes)
			e.int(s.Duties)
			e.int(s.DutiesOf)
			e.int(s.Statistics)
		}
	}
	e.len(len(r.Diagnostics), r.Diagnostics == nil)
	for i := range r.Diagnostics {
		d := &r.Diagnostics[i]
		e.str(d.Rule)
		e.int(int(d.Severity))
		e.int(d.Page)
		e.int(d.EndPage)
		e.int(d.Line)
		e.int(d.Column)
		e.int(d.EndLine)
		e.int(d.EndColumn)
		e.str(d.Message)
		e.str(d.Suggestion)
		e.str(d.Template)
		e.int(int(d.Hint))
		e.len(len(d.Diff), d.Diff == nil)
		for _, op := range d.Diff {
			e.int(op.Op)
			e.str(op.Text)
		}
		e.flag(d.Fix != nil)
		if f := d.Fix; f != nil {
			e.str(f.New)
			e.len(len(f.Edits), f.Edits == nil)
			for _, ed := range f.Edits {
				e.int(ed.Line)
				e.int(ed.Column)
				e.int(ed.EndColumn)
				e.str(ed.New)
			}
		}
	}
	e.strs(r.Source)
	return e.b
}

// DecodeResult returns the result AppendResult encoded in data. The strings of Source share
// one allocation; every other string has its own, so that what a renderer keeps (a unit, a
// message) does not keep the rest alive.
func DecodeResult(data []byte) (Result, error) {
	return (&decoder{b: data}).result()
}

// A ResultDecoder decodes results as DecodeResult does, but gives the names that recur from
// one result to the next (rule IDs, the report's profile, its parts' IDs and names) one copy
// for all the results it decodes: most of a result's strings, allocated once, not once a
// result. It keeps at most maxNames of them. It is not safe for concurrent use.
type ResultDecoder struct {
	names map[string]string
	// The last report's part IDs, part names and optional parts: the rule set's, shared by
	// its reports (Report.PartIDs), and given one copy here too while they stay the same.
	partIDs   []string
	partNames map[string]string
	optional  map[string]bool
}

// maxNames bounds the names a ResultDecoder keeps (a rule set has a few hundred).
const maxNames = 4096

// Decode returns the result AppendResult encoded in data.
func (rd *ResultDecoder) Decode(data []byte) (Result, error) {
	if rd.names == nil {
		rd.names = map[string]string{}
	}
	return (&decoder{b: data, names: rd.names, rd: rd}).result()
}

func (d *decoder) result() (Result, error) {
	var r Result
	r.Path = d.str()
	if d.flag() {
		rep := &Report{}
		rep.Year = d.int()
		rep.Profile = d.name()
		rep.Title = d.str()
		rep.Unit = d.str()
		if n, ok := d.len(); ok {
			rep.Sections = make(map[string]int, n)
			for range n {
				k := d.name()
				rep.Sections[k] = d.int()
			}
		}
		rep.PartIDs = d.partIDs()
		var lastNames *map[string]string
		var lastOptional *map[string]bool
		if d.rd != nil {
			lastNames, lastOptional = &d.rd.partNames, &d.rd.optional
		}
		rep.PartNames = readMap(d, lastNames, d.name)
		rep.Optional = readMap(d, lastOptional, d.flag)
		if d.flag() {
			rep.Score = &Scorecard{Date: d.str()}
			rep.Score.Causes = d.int()
			rep.Score.Duties = d.int()
			rep.Score.DutiesOf = d.int()
			rep.Score.Statistics = d.int()
		}
		r.Report = rep
	}
	if n, ok := d.len(); ok {
		r.Diagnostics = make([]Diagnostic, n)
		for i := range r.Diagnostics {
			x := &r.Diagnostics[i]
			x.Rule = d.name()
			x.Severity = Severity(d.int())
			x.Page = d.int()
			x.EndPage = d.int()
			x.Line = d.int()
			x.Column = d.int()
			x.EndLine = d.int()
			x.EndColumn = d.int()
			x.Message = d.str()
			x.Suggestion = d.str()
			x.Template = d.name()
			x.Hint = Hint(d.int())
			if n, ok := d.len(); ok {
				x.Diff = make([]DiffOp, n)
				for j := range x.Diff {
					x.Diff[j].Op = d.int()
					x.Diff[j].Text = d.str()
				}
			}
			if d.flag() {
				x.Fix = &Fix{New: d.str()}
				if n, ok := d.len(); ok {
					x.Fix.Edits = make([]Edit, n)
					for j := range x.Fix.Edits {
						ed := &x.Fix.Edits[j]
						ed.Line, ed.Column, ed.EndColumn = d.int(), d.int(), d.int()
						ed.New = d.str()
					}
				}
			}
		}
	}
	r.Source = d.strs()
	if d.err != nil || len(d.b) != 0 {
		return Result{}, errEncoded
	}
	return r, nil
}

type encoder struct{ b []byte }

func (e *encoder) int(v int)    { e.b = binary.AppendVarint(e.b, int64(v)) }
func (e *encoder) uint(v int)   { e.b = binary.AppendUvarint(e.b, uint64(v)) }
func (e *encoder) str(s string) { e.uint(len(s)); e.b = append(e.b, s...) }

func (e *encoder) flag(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

// len writes a slice's or map's length, keeping nil apart from empty.
func (e *encoder) len(n int, isNil bool) {
	if isNil {
		e.uint(0)
	} else {
		e.uint(n + 1)
	}
}

func (e *encoder) strs(ss []string) {
	e.len(len(ss), ss == nil)
	for _, s := range ss {
		e.str(s)
	}
}

// decoder reads what encoder wrote; past a fault every read returns zero and err is set.
// names, when not nil, holds the names met so far (ResultDecoder).
type decoder struct {
	b     []byte
	err   error
	names map[string]string
	rd    *ResultDecoder // nil for DecodeResult
}

func (d *decoder) fail() { d.err, d.b = errEncoded, nil }

func (d *decoder) int() int {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *decoder) uint() int {
	v, n := binary.Uvarint(d.b)
	if n <= 0 || v > uint64(len(d.b)) {
		// No length or count can exceed the bytes left: each element takes one at least.
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *decoder) flag() bool {
	if len(d.b) == 0 || d.b[0] > 1 {
		d.fail()
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

// bytes returns the next string's bytes, not copied.
func (d *decoder) bytes() []byte {
	n := d.uint()
	if n > len(d.b) {
		d.fail()
		return nil
	}
	s := d.b[:n]
	d.b = d.b[n:]
	return s
}

func (d *decoder) str() string { return string(d.bytes()) }

// name reads a string that recurs from one result to the next: with names, it is the copy met
// before (looking it up allocates nothing), or the string is kept, while there is room.
func (d *decoder) name() string {
	b := d.bytes()
	if d.names == nil {
		return string(b)
	}
	if s, ok := d.names[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(d.names) < maxNames {
		d.names[s] = s
	}
	return s
}

// nameList reads a list of names.
func (d *decoder) nameList() []string {
	n, ok := d.len()
	if !ok {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.name()
	}
	return out
}

// partIDs reads Report.PartIDs: the ResultDecoder's copy of the last report's when they are
// the same.
func (d *decoder) partIDs() []string {
	if d.rd != nil && len(d.rd.partIDs) > 0 {
		at := d.b
		if n, ok := d.len(); ok && n == len(d.rd.partIDs) {
			same := true
			for _, id := range d.rd.partIDs {
				same = same && string(d.bytes()) == id
			}
			if same && d.err == nil {
				return d.rd.partIDs
			}
		}
		d.b = at // read them again
	}
	ids := d.nameList()
	if d.rd != nil && len(ids) > 0 {
		d.rd.partIDs = ids
	}
	return ids
}

// readMap reads a map whose values read reads. With last set (a ResultDecoder's), a map of the
// same pairs as *last, each key once, is *last, and nothing is allocated; another map becomes
// *last.
func readMap[V comparable](d *decoder, last *map[string]V, read func() V) map[string]V {
	at := d.b
	n, ok := d.len()
	if !ok {
		return nil
	}
	const most = 16 // a rule set has a handful of parts
	if last != nil && n > 0 && n == len(*last) && n <= most {
		var keys [most][]byte
		same := true
		for i := 0; i < n && same; i++ {
			k := d.bytes()
			v, found := (*last)[string(k)]
			same = found && v == read()
			for _, seen := range keys[:i] {
				same = same && string(seen) != string(k)
			}
			keys[i] = k
		}
		if same && d.err == nil {
			return *last
		}
		d.b = at // read them again
		d.len()
	}
	m := make(map[string]V, n)
	for range n {
		k := d.name()
		m[k] = read()
	}
	if last != nil && n > 0 {
		*last = m
	}
	return m
}

// len reads a length written by encoder.len: ok is false for nil.
func (d *decoder) len() (n int, ok bool) {
	n = d.uint()
	return n - 1, n > 0
}

// strs reads a list of strings, all in one allocation.
func (d *decoder) strs() []string {
	n, ok := d.len()
	if !ok {
		return nil
	}
	out := make([]string, n)
	// Two passes: the first finds the bytes of every string, the second slices one copy.
	start, size := d.b, 0
	for range out {
		size += len(d.bytes())
	}
	if d.err != nil {
		return nil
	}
	var all strings.Builder
	all.Grow(size)
	rest := decoder{b: start}
	ends := make([]int, n)
	for i := range out {
		all.Write(rest.bytes())
		ends[i] = all.Len()
	}
	s, prev := all.String(), 0
	for i := range out {
		out[i], prev = s[prev:ends[i]], ends[i]
	}
	return out
}
