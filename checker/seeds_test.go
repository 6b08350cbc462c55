package checker_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/internal/linttest"
	"github.com/fzlint/fzlint/render"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

var update = flag.Bool("update", false, "rewrite the golden .out files (review the diff line by line before committing)")

func seedFiles(t testing.TB) []string {
	files, err := filepath.Glob("../testdata/seeds/*.txt")
	if err != nil || len(files) != 5 {
		t.Fatalf("want the five seed reports in testdata/seeds, found %d (%v)", len(files), err)
	}
	return files
}

// plainOutput renders a result as the golden files hold it: the plain format, file base name.
func plainOutput(r checker.Result) string {
	var b strings.Builder
	for _, d := range r.Diagnostics {
		b.WriteString(render.PlainLine(filepath.Base(r.Path), d))
		b.WriteByte('\n')
	}
	return b.String()
}

// TestSeedGolden compares the findings on each real report with its reviewed golden file.
// Every line of a .out file is a finding a careful reader would defend to the drafter.
func TestSeedGolden(t *testing.T) {
	l := linterFor(t)
	for _, f := range seedFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := plainOutput(l.CheckBytes(f, data, checker.Options{}))
			golden := strings.TrimSuffix(f, ".txt") + ".out"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./checker -update, then review the file)", err)
			}
			if got != string(want) {
				t.Errorf("findings differ from %s\n--- want\n%s--- got\n%s", golden, want, got)
			}
		})
	}
}

// TestSeedReports checks the document model on the real reports: the line of every part, the
// report year and the profile, as a reader of each report finds them.
func TestSeedReports(t *testing.T) {
	type parts map[string]int // part id → heading line; absent parts are 0
	tests := []struct {
		file    string
		year    int
		profile string
		title   string
		parts   parts
	}{
		{"000_4c1585aa5a4d5d00.txt", 2024, "government", "", parts{"measures": 2, "deficiencies": 22, "plan": 24}},
		{"001_82d8d1cc76649ea2.txt", 2020, "government", "盘州市人民政府2020年法治政府建设工作报告", parts{"measures": 12, "deficiencies": 30, "duties": 34, "plan": 38}},
		{"002_21c7d6ccdca8baa6.txt", 2022, "government", "通州湾示范区2022年法治政府建设情况报告", parts{"measures": 10, "duties": 22, "deficiencies": 26, "plan": 30}},
		{"003_7f633bab698fbd83.txt", 2024, "government", "", parts{"duties": 2, "measures": 4, "deficiencies": 19, "plan": 21}},
		{"004_8e2bfd6529608b47.txt", 2024, "department", "", parts{"measures": 2, "deficiencies": 7, "plan": 9}},
	}
	l := linterFor(t)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("../testdata/seeds", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			r := l.CheckBytes(tt.file, data, checker.Options{}).Report
			if r.Year != tt.year || r.Profile != tt.profile || r.Title != tt.title {
				t.Errorf("year %d profile %s title %q; want %d %s %q", r.Year, r.Profile, r.Title, tt.year, tt.profile, tt.title)
			}
			for _, id := range []string{"measures", "deficiencies", "duties", "plan", "other"} {
				if r.Sections[id] != tt.parts[id] {
					t.Errorf("part %s at line %d, want %d", id, r.Sections[id], tt.parts[id])
				}
			}
		})
	}
}

// TestEncodingsGiveSameFindings: the same report as GB18030, UTF-16 (LE and BE, with a BOM and without),
// UTF-8 with BOM, CRLF and CR gives the same findings, plus input/encoding where the file is
// not UTF-8.
func TestEncodingsGiveSameFindings(t *testing.T) {
	l := linterFor(t)
	for _, f := range seedFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want := plainOutput(l.CheckBytes("seed.txt", data, checker.Options{}))
		gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(data)
		if err != nil {
			t.Fatal(err)
		}
		u16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(data)
		u16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes(data)
		variants := map[string][]byte{
			"GB18030":  gb,
			"UTF-16LE": u16le,
			"UTF-16BE": u16be,
			// Without a BOM (iconv -t utf-16le): Chinese text's code units, not only ASCII's,
			// tell the byte order.
			"UTF-16LE without BOM": u16le[2:],
			"UTF-16BE without BOM": u16be[2:],
			"BOM":                  append([]byte{0xEF, 0xBB, 0xBF}, data...),
			"CRLF":                 bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n")),
			"CR":                   bytes.ReplaceAll(data, []byte("\n"), []byte("\r")),
			"U+3000":               bytes.ReplaceAll(data, []byte("\n"), []byte("\n\u3000\u3000")),
		}
		for name, v := range variants {
			res := l.CheckBytes("seed.txt", v, checker.Options{})
			var kept []checker.Diagnostic
			sawEncoding := false
			for _, d := range res.Diagnostics {
				if d.Rule == "input/encoding" {
					sawEncoding = true
					continue
				}
				kept = append(kept, d)
			}
			res.Diagnostics = kept
			got, want := plainOutput(res), want
			if name == "U+3000" {
				// Indentation moves columns; compare rule and line only.
				got, want = stripColumns(got), stripColumns(want)
			}
			if got != want {
				t.Errorf("%s as %s: findings differ\n--- utf-8\n%s--- %s\n%s", filepath.Base(f), name, want, name, got)
			}
			if wantEnc := name == "GB18030" || strings.HasPrefix(name, "UTF-16"); sawEncoding != wantEnc {
				t.Errorf("%s as %s: input/encoding reported = %v, want %v", filepath.Base(f), name, sawEncoding, wantEnc)
			}
		}
	}
}

func stripColumns(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		parts := strings.SplitN(l, ":", 4)
		if len(parts) == 4 {
			l = parts[0] + ":" + parts[1] + parts[3][strings.LastIndex(parts[3], " ["):]
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// BenchmarkCheck measures checking the five seed reports with every rule on;
// BenchmarkCheckCore with only the structure, content and input rules, to show what the
// language and consistency rules cost.
func BenchmarkCheck(b *testing.B) { benchmarkSeeds(b, noFixLinter(b, nil)) }

// noFixLinter is a linter as `fzlint check` builds it without --fix or --diff; with ids, only
// those rules run.
func noFixLinter(b *testing.B, ids []string) *checker.Linter {
	return linttest.Linter(b, checker.Selection{NoFixes: true}, ids...)
}

func BenchmarkCheckCore(b *testing.B) {
	var core []string
	for _, c := range checker.Checks() {
		if strings.HasPrefix(c.ID, "structure/") || strings.HasPrefix(c.ID, "content/") || strings.HasPrefix(c.ID, "input/") {
			core = append(core, c.ID)
		}
	}
	benchmarkSeeds(b, noFixLinter(b, core))
}

func benchmarkSeeds(b *testing.B, l *checker.Linter) {
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	var inputs [][]byte
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, data)
		size += len(data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range inputs {
			l.CheckBytes("seed.txt", data, checker.Options{})
		}
	}
}
