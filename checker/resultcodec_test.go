package checker_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/fzlint/fzlint/checker"
)

// fill sets every field reachable from v to a value of its own (n counts up), so that a field
// the codec forgets, or one added to Result later and not encoded, comes back different.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d·字", *n))
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(*n) * -3)
	case reflect.Uint8:
		v.SetUint(uint64(*n%250 + 1))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).Name == "Err" || !v.Field(i).CanSet() {
				continue // an error is not encoded: the file is read again
			}
			fill(v.Field(i), n)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(s.Index(i), n)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for range 2 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, n)
			fill(e, n)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	default:
		panic("fill: add a case for " + v.Kind().String() + " (and encode the field)")
	}
}

// shared decodes the results of every test, as one batch's store does.
var shared checker.ResultDecoder

func roundTrip(t *testing.T, r checker.Result) {
	t.Helper()
	enc := checker.AppendResult(nil, &r)
	got, err := checker.DecodeResult(enc)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, r) {
		t.Errorf("round trip changed the result:\n got %#v\nwant %#v", got, r)
	}
	if again, err := shared.Decode(enc); err != nil || !reflect.DeepEqual(again, r) {
		t.Errorf("a ResultDecoder that decoded other results decodes %#v (%v), want %#v", again, err, r)
	}
}

// A ResultDecoder's names stay bounded, and results with more names than it keeps decode as
// they do alone.
func TestResultDecoderKeepsFewNames(t *testing.T) {
	var rd checker.ResultDecoder
	for round := range 3 {
		rep := &checker.Report{Sections: map[string]int{}, PartNames: map[string]string{}}
		for i := range 3000 {
			rep.Sections[fmt.Sprintf("第%d部分", round*1000+i)] = i
			rep.PartNames[fmt.Sprintf("p%d", i)] = fmt.Sprintf("名称%d", i%7)
		}
		r := checker.Result{Path: "a", Report: rep, Diagnostics: []checker.Diagnostic{{Rule: "a/b", Template: "t"}}}
		got, err := rd.Decode(checker.AppendResult(nil, &r))
		if err != nil || !reflect.DeepEqual(got, r) {
			t.Fatalf("round %d: decoded %v", round, err)
		}
	}
	if n := checker.ResultDecoderNames(&rd); n > 4096 {
		t.Errorf("the decoder keeps %d names", n)
	}
}

func TestResultCodecKeepsEveryField(t *testing.T) {
	var r checker.Result
	n := 0
	fill(reflect.ValueOf(&r).Elem(), &n)
	roundTrip(t, r)
	// nil and empty are told apart (JSON prints null for one and [] for the other).
	roundTrip(t, checker.Result{Path: "a"})
	roundTrip(t, checker.Result{Path: "a", Diagnostics: []checker.Diagnostic{}, Source: []string{}, Report: &checker.Report{Sections: map[string]int{}}})
	roundTrip(t, checker.Result{Diagnostics: []checker.Diagnostic{{Diff: []checker.DiffOp{}, Fix: &checker.Fix{Edits: []checker.Edit{}}}}, Source: []string{"", "", "x"}})
}

func TestResultCodecKeepsRealResults(t *testing.T) {
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	rules, _ := filepath.Glob("../testdata/rules/*.txt")
	files = append(files, rules...)
	if len(files) < 10 {
		t.Fatalf("too few test files: %v", files)
	}
	l := linterFor(t)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, opt := range []checker.Options{{}, {Scorecard: true}} {
			roundTrip(t, l.CheckBytes(f, data, opt))
		}
	}
}

func FuzzDecodeResult(f *testing.F) {
	var r checker.Result
	n := 0
	fill(reflect.ValueOf(&r).Elem(), &n)
	f.Add(checker.AppendResult(nil, &r))
	f.Add(checker.AppendResult(nil, &checker.Result{Path: "x"}))
	var rd checker.ResultDecoder
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := checker.DecodeResult(data)
		if named, nerr := rd.Decode(data); (nerr == nil) != (err == nil) || !reflect.DeepEqual(named, r) {
			t.Fatalf("DecodeResult gives %#v (%v), a ResultDecoder %#v (%v)", r, err, named, nerr)
		}
		if err != nil {
			return
		}
		// What decodes encodes back to the same bytes, except for map order: decode again.
		again, err := checker.DecodeResult(checker.AppendResult(nil, &r))
		if err != nil || !reflect.DeepEqual(again, r) {
			t.Fatalf("decoded %#v, which does not round-trip (%v)", r, err)
		}
	})
}

// BenchmarkResultCodec encodes and decodes the results of the seeds as a batch with the
// cross-file stage stores them (without their lines, as for JSON).
func BenchmarkResultCodec(b *testing.B) {
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	l := linterFor(b)
	var results []checker.Result
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		r := l.CheckBytes(f, data, checker.Options{})
		r.Source = nil
		results = append(results, r)
	}
	var rd checker.ResultDecoder
	for _, dec := range []struct {
		name   string
		decode func([]byte) (checker.Result, error)
	}{{"DecodeResult", checker.DecodeResult}, {"ResultDecoder", rd.Decode}} {
		b.Run(dec.name, func(b *testing.B) {
			b.ReportAllocs()
			var buf []byte
			for b.Loop() {
				for i := range results {
					buf = checker.AppendResult(buf[:0], &results[i])
					if _, err := dec.decode(buf); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// A ResultDecoder gives the reports it decodes one copy of their parts' IDs and names and of
// their optional parts while they stay the same, as the checker's reports share them; a
// report with other ones gets its own.
func TestResultDecoderSharesTheParts(t *testing.T) {
	l := linterFor(t)
	var rd checker.ResultDecoder
	var reports []*checker.Report
	for _, f := range seedFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r := l.CheckBytes(f, data, checker.Options{Year: 2023})
		got, err := rd.Decode(checker.AppendResult(nil, &r))
		if err != nil || !reflect.DeepEqual(got, r) {
			t.Fatalf("%s: decoded %v", f, err)
		}
		reports = append(reports, got.Report)
	}
	first := reports[0]
	for _, rep := range reports[1:] {
		if &rep.PartIDs[0] != &first.PartIDs[0] || reflect.ValueOf(rep.PartNames).Pointer() != reflect.ValueOf(first.PartNames).Pointer() ||
			reflect.ValueOf(rep.Optional).Pointer() != reflect.ValueOf(first.Optional).Pointer() {
			t.Fatal("the reports of one rule set and year do not share their parts")
		}
	}
	other := checker.Result{Path: "x", Report: &checker.Report{PartIDs: []string{"a"}, PartNames: map[string]string{"a": "甲"}, Optional: map[string]bool{}}}
	got, err := rd.Decode(checker.AppendResult(nil, &other))
	if err != nil || !reflect.DeepEqual(got, other) {
		t.Fatalf("a report with other parts decodes as %#v (%v)", got.Report, err)
	}
}
