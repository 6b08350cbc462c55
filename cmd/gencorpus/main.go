// Command gencorpus writes a corpus of varied reports derived from the real ones in
// testdata/seeds (see internal/corpus), for benchmarks and batch runs:
//
//	go run ./cmd/gencorpus -n 10000 -o /tmp/corpus
//	time fzlint check -q --format json /tmp/corpus > /dev/null
//
// The same -seed gives the same corpus.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/fzlint/fzlint/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of reports to write")
	out := flag.String("o", "", "output directory (created)")
	seed := flag.Uint64("seed", 1, "random seed: the same seed gives the same corpus")
	seeds := flag.String("seeds", "testdata/seeds", "directory of real reports (.txt) to derive from")
	flag.Parse()
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -n N -o DIR [-seed S] [-seeds testdata/seeds]")
		os.Exit(2)
	}
	total, err := corpus.Generate(*n, *out, *seed, *seeds)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gencorpus: %d reports, %.1f MB in %s\n", *n, float64(total)/1e6, *out)
}
