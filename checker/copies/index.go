package copies

import (
	"encoding/binary"
	"hash/maphash"
	"os"
	"slices"
	"sort"
	"unsafe"

	"github.com/fzlint/fzlint/internal/tempfile"
)

// Config is what rules.toml says about copying ([copies]).
type Config struct {
	Similarity float64 // estimated share of shingles two paragraphs must have in common
	// MaxReports is the most reports that may share a text for it to count as copying: text
	// more reports hold is a shared template or formula (boilerplate).
	MaxReports int
}

// File is what the stage knows of one report.
type File struct {
	Unit string // the reporting unit, "" when unknown
	Year int    // the report year, 0 when unknown
}

// Para is one paragraph as the index keeps it: its line in the document model, where it stands
// in the file (page and line, for a message that names it) and its signature.
type Para struct {
	Line, Page, SrcLine int32
	Sig                 Sig
}

// Index collects the signatures of a batch's paragraphs. It keeps one chunk of them in memory
// and writes each full chunk to a temporary file (removed by Close), so that a batch of any
// size takes the same memory; only what Find compares is read back. Add is not safe for
// concurrent use.
type Index struct {
	files   []fileRef
	chunk   []Para   // the paragraphs not yet written
	written int      // paragraphs in full chunks, before chunk
	store   *os.File // the full chunks, nil until one is written
	kept    [][]Para // the full chunks, when no temporary file could be written
	buf     []byte   // a chunk's bytes, reused
	seed    maphash.Seed
	// peakKeys is the most band keys Find held at once (for tests: memory stays bounded).
	peakKeys int
}

// fileRef is what the index keeps of a report: 16 bytes.
type fileRef struct {
	unit  uint64 // a hash of the unit, 0 when unknown
	year  int32
	first uint32 // its first paragraph
}

// The sizes of the index's pieces: a chunk of paragraphs (300 KB in memory, written band by
// band; the index holds one being filled and a buffer to write it), and the most memory the keys
// of one band take while Find sorts them (a batch whose keys take more sorts them in as many
// parts). Variables, so that tests can make them small.
var (
	chunkParas     = 1 << 12
	partitionBytes = 4 << 20
)

// chunkBytes is the size of a written chunk: each band's bins for every paragraph, then their
// places (line, page, source line).
func chunkBytes() int64 { return int64(chunkParas) * (Bins*2 + 12) }

// Grow makes room for n more reports, so that a batch that knows its size keeps no spare room.
func (ix *Index) Grow(n int) { ix.files = slices.Grow(ix.files, n) }

// AddFile registers a report and returns its number, for Add.
func (ix *Index) AddFile(f File) int {
	if len(ix.files) == 0 {
		ix.seed = maphash.MakeSeed()
	}
	r := fileRef{year: int32(f.Year), first: uint32(ix.written + len(ix.chunk))}
	if f.Unit != "" {
		r.unit = maphash.String(ix.seed, f.Unit) | 1
	}
	ix.files = append(ix.files, r)
	return len(ix.files) - 1
}

// Add records a paragraph of the last file added (file must be that file's number).
func (ix *Index) Add(file int, p Para) {
	if file != len(ix.files)-1 {
		panic("copies: Add to a file other than the last one added")
	}
	ix.chunk = append(ix.chunk, p)
	if len(ix.chunk) == chunkParas {
		ix.spill()
	}
}

// spill writes the full chunk out (or keeps it, when there is no temporary file to write).
func (ix *Index) spill() {
	if ix.store == nil && ix.kept == nil {
		if f, err := tempfile.Create("", "fzlint-copies-*"); err == nil {
			ix.store = f
		}
	}
	if ix.store != nil {
		b := ix.buf[:0]
		for band := range Bands {
			for i := range ix.chunk {
				for _, v := range ix.chunk[i].Sig[band*Rows : (band+1)*Rows] {
					b = binary.LittleEndian.AppendUint16(b, v)
				}
			}
		}
		for i := range ix.chunk {
			p := &ix.chunk[i]
			b = binary.LittleEndian.AppendUint32(b, uint32(p.Line))
			b = binary.LittleEndian.AppendUint32(b, uint32(p.Page))
			b = binary.LittleEndian.AppendUint32(b, uint32(p.SrcLine))
		}
		ix.buf = b
		if _, err := ix.store.WriteAt(b, int64(ix.written/chunkParas)*chunkBytes()); err == nil {
			ix.written += len(ix.chunk)
			ix.chunk = ix.chunk[:0]
			return
		}
		// No room on the disk: keep what was written, and the rest in memory.
		ix.kept = make([][]Para, ix.written/chunkParas)
		for k := range ix.kept {
			ix.kept[k] = ix.readChunk(k, nil)
		}
		ix.store.Close()
		tempfile.Remove(ix.store.Name())
		ix.store = nil
	}
	ix.kept = append(ix.kept, ix.chunk)
	ix.written += len(ix.chunk)
	ix.chunk = make([]Para, 0, chunkParas)
}

// readChunk reads the k-th written chunk into buf; with a write since, it is read as written.
func (ix *Index) readChunk(k int, buf []Para) []Para {
	if ix.store == nil {
		return ix.kept[k]
	}
	b := ix.buf[:chunkBytes()]
	if _, err := ix.store.ReadAt(b, int64(k)*chunkBytes()); err != nil {
		panic("copies: reading back the index: " + err.Error())
	}
	if cap(buf) < chunkParas {
		buf = make([]Para, chunkParas)
	}
	buf = buf[:chunkParas]
	for band := range Bands {
		seg := b[band*chunkParas*Rows*2:]
		for i := range buf {
			for r := range Rows {
				buf[i].Sig[band*Rows+r] = binary.LittleEndian.Uint16(seg[(i*Rows+r)*2:])
			}
		}
	}
	places := b[Bands*chunkParas*Rows*2:]
	for i := range buf {
		buf[i].Line = int32(binary.LittleEndian.Uint32(places[i*12:]))
		buf[i].Page = int32(binary.LittleEndian.Uint32(places[i*12+4:]))
		buf[i].SrcLine = int32(binary.LittleEndian.Uint32(places[i*12+8:]))
	}
	return buf
}

// bandKeys calls fn with the key of band b of every paragraph, in order.
func (ix *Index) bandKeys(b int, fn func(p uint32, key uint64)) {
	var seg []byte
	for k := 0; k < ix.written/chunkParas; k++ {
		base := uint32(k * chunkParas)
		if ix.store == nil {
			for i := range ix.kept[k] {
				fn(base+uint32(i), ix.kept[k][i].Sig.band(b))
			}
			continue
		}
		if seg == nil {
			seg = make([]byte, chunkParas*Rows*2)
		}
		if _, err := ix.store.ReadAt(seg, int64(k)*chunkBytes()+int64(b*chunkParas*Rows*2)); err != nil {
			panic("copies: reading back the index: " + err.Error())
		}
		// A band's bins as written, little-endian, are its key (Sig.band).
		for i := range chunkParas {
			fn(base+uint32(i), binary.LittleEndian.Uint64(seg[i*Rows*2:]))
		}
	}
	for i := range ix.chunk {
		fn(uint32(ix.written+i), ix.chunk[i].Sig.band(b))
	}
}

// paras returns the paragraphs numbered ids (sorted, no repeats), reading back the chunks that
// hold them one at a time: a copy of each is kept, not the chunks.
func (ix *Index) paras(ids []uint32) map[uint32]Para {
	out := make(map[uint32]Para, len(ids))
	var chunk []Para
	loaded := -1
	for _, id := range ids {
		if int(id) >= ix.written {
			out[id] = ix.chunk[int(id)-ix.written]
			continue
		}
		if k := int(id) / chunkParas; k != loaded {
			chunk, loaded = ix.readChunk(k, chunk), k
		}
		out[id] = chunk[int(id)%chunkParas]
	}
	return out
}

// Find sorts the keys of a band in parts cut by the keys' top bits (topBits of them).
const (
	topBits   = 12
	topRanges = 1 << topBits
	topShift  = 64 - topBits
)

// cutParts cuts the ranges of top bits counted in hist into parts of at most limit keys (a
// single range may hold more), appending to bounds where each part starts and then the end;
// it returns the bounds and the most keys a part holds.
func cutParts(hist []int, limit int, bounds []int) ([]int, int) {
	most, inPart := 0, 0
	bounds = append(bounds, 0)
	for t, c := range hist {
		if inPart > 0 && inPart+c > limit {
			bounds = append(bounds, t)
			inPart = 0
		}
		inPart += c
		most = max(most, inPart)
	}
	return append(bounds, len(hist)), most
}

// fileOf returns the number of the file paragraph p belongs to.
func (ix *Index) fileOf(p uint32) uint32 {
	return uint32(sort.Search(len(ix.files), func(i int) bool { return ix.files[i].first > p }) - 1)
}

// Close removes the index's temporary file.
func (ix *Index) Close() {
	if ix.store != nil {
		ix.store.Close()
		tempfile.Remove(ix.store.Name())
		ix.store = nil
	}
}

// keyed is a paragraph's key in one band.
type keyed struct {
	key uint64
	p   uint32
}

// compare orders keys by key, then by paragraph.
func (x keyed) compare(y keyed) int {
	switch {
	case x.key < y.key:
		return -1
	case x.key > y.key:
		return 1
	}
	return int(x.p) - int(y.p)
}

// Kind says how two reports that share a paragraph are related.
type Kind int

const (
	// Copied: two reports of different units (or of units fzlint could not tell apart).
	Copied Kind = iota
	// LastYear: the partner is the same unit's report of an earlier year.
	LastYear
)

// Match is a paragraph of File (at Line) that stands nearly the same in Other (at OtherLine).
// Also counts the further reports that hold it.
type Match struct {
	File, Line       int
	Other, OtherLine int
	// OtherPage and OtherSrcLine are where the partner stands in its file (Para.Page, SrcLine).
	OtherPage, OtherSrcLine int
	Similarity              float64
	Kind                    Kind
	OtherYear, OtherMore    int
}

// Find returns, for every paragraph that another report of the batch (nearly) repeats, one
// Match naming its closest partner, sorted by file and line. A paragraph repeated from the
// same unit's earlier report is reported on the later report only; between different units,
// on both sides. It is linear in the batch: paragraphs meet only in the buckets of their
// signatures' bands, and a bucket that more than MaxReports reports share is passed over.
func (ix *Index) Find(c Config) []Match {
	n := ix.written + len(ix.chunk)
	if len(ix.files) < 2 || n < 2 {
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
	// The paragraphs of a bucket: each meets the bucket's first paragraph and the first of
	// another report, unless the bucket is one report's or boilerplate.
	var files, runFiles []uint32
	bucket := func(run []keyed) {
		files, runFiles = files[:0], runFiles[:0]
		for _, k := range run {
			f := ix.fileOf(k.p)
			runFiles = append(runFiles, f)
			if !slices.Contains(files, f) {
				files = append(files, f)
				if len(files) > c.MaxReports {
					break
				}
			}
		}
		// One report repeating itself is no copy; many sharing a text is boilerplate.
		if len(files) < 2 || len(files) > c.MaxReports {
			return
		}
		// The first paragraph of the bucket, and the first of another report.
		first, second := 0, -1
		for i := range run {
			if runFiles[i] != runFiles[first] {
				second = i
				break
			}
		}
		for i, k := range run {
			for _, r := range []int{first, second} {
				if r >= 0 && runFiles[r] != runFiles[i] {
					add(k.p, run[r].p)
				}
			}
		}
	}
	// A band's keys are counted by their top bits first, then placed by them (the keys of a
	// range of top bits together, in the order of the paragraphs), so that only the keys of
	// one range are sorted at a time: a bucket never spans two. So that memory stays bounded
	// whatever the batch, the ranges are cut into parts of at most limit keys each, placed and
	// sorted one after another; only a single range can hold more (one paragraph in every
	// report: the keys of a bucket are all the same).
	limit := max(1, partitionBytes/int(unsafe.Sizeof(keyed{})))
	var keys []keyed
	hist := make([]int, topRanges)
	var bounds []int // the parts of a band: ranges from bounds[i] to bounds[i+1]
	for b := 0; b < Bands; b++ {
		clear(hist)
		ix.bandKeys(b, func(_ uint32, key uint64) { hist[key>>topShift]++ })
		var most int
		bounds, most = cutParts(hist, limit, bounds[:0])
		if cap(keys) < most {
			keys = make([]keyed, 0, max(most, min(n, limit)))
		}
		ix.peakKeys = max(ix.peakKeys, cap(keys))
		for part := 0; part+1 < len(bounds); part++ {
			from, to := uint64(bounds[part]), uint64(bounds[part+1])
			// hist[t] becomes where the keys of range t go, then where they end.
			at := 0
			for t := from; t < to; t++ {
				hist[t], at = at, at+hist[t]
			}
			keys = keys[:at]
			ix.bandKeys(b, func(p uint32, key uint64) {
				if t := key >> topShift; t >= from && t < to {
					keys[hist[t]] = keyed{key, p}
					hist[t]++
				}
			})
			start := 0
			for t := from; t < to; t++ {
				r := keys[start:hist[t]]
				start = hist[t]
				slices.SortFunc(r, keyed.compare)
				for lo := 0; lo < len(r); {
					hi := lo + 1
					for hi < len(r) && r[hi].key == r[lo].key {
						hi++
					}
					if hi-lo > 1 {
						bucket(r[lo:hi])
					}
					lo = hi
				}
			}
		}
	}
	if len(pairs) == 0 {
		return nil
	}
	// The paragraphs the pairs name, read back once.
	ids := make([]uint32, 0, 2*len(pairs))
	for _, pr := range pairs {
		ids = append(ids, pr.a, pr.b)
	}
	slices.Sort(ids)
	paras := ix.paras(slices.Compact(ids))
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
		if f := ix.fileOf(q); !slices.Contains(b.more, f) {
			b.more = append(b.more, f)
		}
		if sim > b.sim || (sim == b.sim && int(q) < b.other) {
			b.other, b.sim = int(q), sim
		}
	}
	for _, pr := range pairs {
		a, b := pr.a, pr.b
		pa, pb := paras[a], paras[b]
		sim := pa.Sig.Similarity(&pb.Sig)
		if sim < c.Similarity {
			continue
		}
		fa, fb := ix.files[ix.fileOf(a)], ix.files[ix.fileOf(b)]
		switch {
		case sameUnit(fa, fb) && fa.year != 0 && fb.year != 0 && fa.year != fb.year:
			// The later report repeats the earlier one.
			if fa.year > fb.year {
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
		me, other := paras[p], paras[uint32(b.other)]
		mf, of := ix.fileOf(p), ix.fileOf(uint32(b.other))
		m := Match{File: int(mf), Line: int(me.Line), Other: int(of), OtherLine: int(other.Line),
			OtherPage: int(other.Page), OtherSrcLine: int(other.SrcLine),
			Similarity: b.sim, OtherMore: len(b.more) - 1}
		fa, fb := ix.files[mf], ix.files[of]
		if sameUnit(fa, fb) && fa.year > fb.year && fb.year != 0 {
			m.Kind, m.OtherYear = LastYear, int(fb.year)
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

func sameUnit(a, b fileRef) bool { return a.unit != 0 && a.unit == b.unit }
