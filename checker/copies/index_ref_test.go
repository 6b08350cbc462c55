package copies

import (
	"slices"
	"sort"
)

// refIndex is the index as it was when it kept every signature in memory (commit 9c62e8b):
// the disk-backed Index must find exactly what it finds.
type refIndex struct {
	files []File
	paras []refPara
}

type refPara struct {
	file, line uint32
	sig        Sig
}

func refSameUnit(a, b File) bool { return a.Unit != "" && a.Unit == b.Unit }

func (ix *refIndex) Find(c Config) []Match {
	if len(ix.files) < 2 || len(ix.paras) < 2 {
		return nil
	}
	// Candidate pairs: within a bucket, each paragraph meets the bucket's first paragraph of
	// another report (two at most), not every other one: a bucket's paragraphs agree on a
	// whole band, so they are alike, and the pairs stay as many as the paragraphs.
	type pair struct{ a, b uint32 }
	seen := map[pair]struct{}{}
	var pairs []pair
	add := func(a, b uint32) {
		if a > b {
			a, b = b, a
		}
		if _, ok := seen[pair{a, b}]; !ok {
			seen[pair{a, b}] = struct{}{}
			pairs = append(pairs, pair{a, b})
		}
	}
	keys := make([]keyed, len(ix.paras))
	var files []uint32
	for b := 0; b < Bands; b++ {
		for i := range ix.paras {
			keys[i] = keyed{ix.paras[i].sig.band(b), uint32(i)}
		}
		slices.SortFunc(keys, keyed.compare)
		for lo := 0; lo < len(keys); {
			hi := lo + 1
			for hi < len(keys) && keys[hi].key == keys[lo].key {
				hi++
			}
			run := keys[lo:hi]
			lo = hi
			if len(run) < 2 {
				continue
			}
			files = files[:0]
			for _, k := range run {
				if f := ix.paras[k.p].file; !slices.Contains(files, f) {
					files = append(files, f)
					if len(files) > c.MaxReports {
						break
					}
				}
			}
			// One report repeating itself is no copy; many sharing a text is boilerplate.
			if len(files) < 2 || len(files) > c.MaxReports {
				continue
			}
			first := run[0].p
			second := uint32(len(ix.paras))
			for _, k := range run {
				if ix.paras[k.p].file != ix.paras[first].file {
					second = k.p
					break
				}
			}
			for _, k := range run {
				for _, r := range []uint32{first, second} {
					if r < uint32(len(ix.paras)) && ix.paras[r].file != ix.paras[k.p].file {
						add(k.p, r)
					}
				}
			}
		}
	}
	// The closest partner of each paragraph, and the other reports that repeat it.
	type best struct {
		other int
		sim   float64
		more  []uint32
	}
	bests := map[uint32]*best{}
	note := func(p, q uint32, sim float64) {
		b := bests[p]
		if b == nil {
			b = &best{other: -1}
			bests[p] = b
		}
		if f := ix.paras[q].file; !slices.Contains(b.more, f) {
			b.more = append(b.more, f)
		}
		if sim > b.sim || (sim == b.sim && int(q) < b.other) {
			b.other, b.sim = int(q), sim
		}
	}
	for _, pr := range pairs {
		a, b := pr.a, pr.b
		sim := ix.paras[a].sig.Similarity(&ix.paras[b].sig)
		if sim < c.Similarity {
			continue
		}
		fa, fb := ix.files[ix.paras[a].file], ix.files[ix.paras[b].file]
		switch {
		case refSameUnit(fa, fb) && fa.Year != 0 && fb.Year != 0 && fa.Year != fb.Year:
			// The later report repeats the earlier one.
			if fa.Year > fb.Year {
				note(a, b, sim)
			} else {
				note(b, a, sim)
			}
		default:
			note(a, b, sim)
			note(b, a, sim)
		}
	}
	out := make([]Match, 0, len(bests))
	for p, b := range bests {
		me, other := ix.paras[p], ix.paras[b.other]
		m := Match{File: int(me.file), Line: int(me.line), Other: int(other.file), OtherLine: int(other.line),
			Similarity: b.sim, OtherMore: len(b.more) - 1}
		fa, fb := ix.files[me.file], ix.files[other.file]
		if refSameUnit(fa, fb) && fa.Year > fb.Year && fb.Year != 0 {
			m.Kind, m.OtherYear = LastYear, fb.Year
		}
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}
