package input

import (
	"bytes"
	"compress/flate"
	"io"
	"math/bits"
	"math/rand/v2"
	"testing"
)

// TestInflateLongCodes: inflate reads as compress/flate does streams whose codes are longer
// than a table's first bits, read through subtables: bytes drawn with probabilities from 1/2
// down to 2^-40 (literal codes of 1 to 15 bits), and copies from distances as unevenly drawn
// (distance codes of many lengths), at every level of compress/flate.
func TestInflateLongCodes(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	// uneven returns k with probability 2^-(k+1).
	uneven := func() int { return bits.TrailingZeros64(r.Uint64() | 1<<40) }
	var data []byte
	for len(data) < 300_000 {
		if r.IntN(4) > 0 || len(data) < 1<<15 {
			data = append(data, byte(uneven()))
			continue
		}
		dist := 1 + r.IntN(1<<min(uneven(), 15))
		for range 3 + uneven()*4 {
			data = append(data, data[len(data)-dist])
		}
	}
	for _, level := range []int{flate.HuffmanOnly, flate.BestSpeed, 5, flate.BestCompression} {
		var b bytes.Buffer
		w, _ := flate.NewWriter(&b, level)
		w.Write(data)
		w.Close()
		want, err := io.ReadAll(flate.NewReader(bytes.NewReader(b.Bytes())))
		if err != nil || !bytes.Equal(want, data) {
			t.Fatalf("level %d: compress/flate reads back %d bytes, %v", level, len(want), err)
		}
		got, ok := inflate(nil, b.Bytes(), len(data))
		if !ok || !bytes.Equal(got, data) {
			t.Errorf("level %d: inflate ok %v, %d bytes differ", level, ok, diffCount(got, data))
		}
	}
}

func diffCount(a, b []byte) int {
	n := max(len(a), len(b)) - min(len(a), len(b))
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}
