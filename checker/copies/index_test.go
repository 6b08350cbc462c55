package copies

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// randomBatch makes a batch of reports whose paragraphs are drawn from a small pool of
// signatures with a few bins changed each: buckets of every size, partners near and far, units
// repeated over years. It fills both the Index and the reference.
func randomBatch(rng *rand.Rand, ix *Index, ref *refIndex) {
	pool := make([]Sig, 1+rng.IntN(12))
	for i := range pool {
		for j := range pool[i] {
			pool[i][j] = uint16(rng.IntN(1 << 16))
		}
	}
	units := []string{"", "甲县", "乙县", "丙区"}
	for range 2 + rng.IntN(30) {
		f := File{Unit: units[rng.IntN(len(units))], Year: []int{0, 2022, 2023, 2024}[rng.IntN(4)]}
		i := ix.AddFile(f)
		ref.files = append(ref.files, f)
		for line := range rng.IntN(9) {
			s := pool[rng.IntN(len(pool))]
			for range rng.IntN(14) {
				s[rng.IntN(Bins)] = uint16(rng.IntN(1 << 16))
			}
			ix.Add(i, Para{Line: int32(line + 1), Page: int32(line * 7), SrcLine: int32(line + 1000), Sig: s})
			ref.paras = append(ref.paras, refPara{uint32(i), uint32(line + 1), s})
		}
	}
}

// The index finds exactly what the in-memory index of before found, whether it keeps its
// signatures in memory or writes them in chunks and sorts each band in parts.
func TestIndexFindsWhatTheInMemoryIndexFound(t *testing.T) {
	for _, small := range []bool{false, true} {
		if small {
			defer func(c, p int) { chunkParas, partitionBytes = c, p }(chunkParas, partitionBytes)
			chunkParas, partitionBytes = 5, 100
		}
		rng := rand.New(rand.NewPCG(1, 2))
		matches := 0
		for round := range 200 {
			var ix Index
			var ref refIndex
			randomBatch(rng, &ix, &ref)
			for _, c := range []Config{{Similarity: 0.6, MaxReports: 4}, {Similarity: 0.3, MaxReports: 2}} {
				want := ref.Find(c)
				got := ix.Find(c)
				for i := range got {
					m := &got[i]
					if m.OtherPage != (m.OtherLine-1)*7 || m.OtherSrcLine != m.OtherLine-1+1000 {
						t.Fatalf("round %d: the partner's place is not its own: %+v", round, *m)
					}
					m.OtherPage, m.OtherSrcLine = 0, 0
				}
				if len(want) == 0 {
					want = nil
				}
				if len(got) == 0 {
					got = nil
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("round %d (small chunks %v), %+v:\n got %+v\nwant %+v", round, small, c, got, want)
				}
				matches += len(got)
			}
			if small && ix.store == nil && ix.written > 0 {
				t.Fatal("full chunks were kept in memory, not written")
			}
			ix.Close()
		}
		if matches < 1000 {
			t.Errorf("only %d matches in all: the batches test little", matches)
		}
	}
}

// Find holds at most limit band keys at once, or one range of keys when that holds more: a
// paragraph that every report of a batch has (its keys all the same) does not make a part
// grow past the bound. Before, the parts were cut by remainder, assuming keys spread evenly,
// and the part holding such a paragraph grew to several times the bound.
func TestFindKeepsTheKeysItSortsBounded(t *testing.T) {
	defer func(c, p int) { chunkParas, partitionBytes = c, p }(chunkParas, partitionBytes)
	chunkParas, partitionBytes = 64, 256*16 // parts of 256 keys
	const reports, own = 1000, 3
	rng := rand.New(rand.NewPCG(3, 4))
	var shared Sig
	for j := range shared {
		shared[j] = uint16(rng.IntN(1 << 16))
	}
	var ix Index
	defer ix.Close()
	for r := range reports {
		i := ix.AddFile(File{Unit: fmt.Sprint("单位", r), Year: 2024})
		ix.Add(i, Para{Line: 1, Sig: shared})
		for line := range own {
			var s Sig
			for j := range s {
				s[j] = uint16(rng.IntN(1 << 16))
			}
			ix.Add(i, Para{Line: int32(line + 2), Sig: s})
		}
	}
	if got := ix.Find(Config{Similarity: 0.6, MaxReports: 4}); len(got) != 0 {
		t.Errorf("the paragraph every report has is boilerplate, not copying: %d matches", len(got))
	}
	// The shared paragraph's range holds its 1,000 keys and about one of the others'.
	if bound := reports + 16; ix.peakKeys > bound || ix.peakKeys < reports {
		t.Errorf("Find held up to %d keys at once, want %d to %d", ix.peakKeys, reports, bound)
	}
}
