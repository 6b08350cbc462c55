package linttest

import (
	"flag"
	"testing"
)

// Run runs a package's tests as its TestMain does, fuzzing minimizing few (MinimizeFew), and
// returns the exit code for os.Exit.
func Run(m *testing.M) int {
	flag.Parse()
	MinimizeFew()
	return m.Run()
}

// MinimizeFew makes fuzzing (-fuzz) minimize each new input in 100 tries, unless
// -fuzzminimizetime says otherwise; call it after flag.Parse (Run does). Go's fuzzer
// minimizes every input that reaches new code for up to 60 s by default, byte by byte, and the
// seeds of fzlint's targets are whole reports and archives of kilobytes whose bytes mostly
// cannot go: a minute of FuzzCheck ran 13 inputs, FuzzODT 17 and then none. What is saved of a
// failure is the same, only less minimized.
func MinimizeFew() {
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.fuzzminimizetime" })
	if fuzz := flag.Lookup("test.fuzz"); !given && fuzz != nil && fuzz.Value.String() != "" {
		flag.Set("test.fuzzminimizetime", "100x")
	}
}
