package input

import (
	"encoding/binary"
	"math/bits"
	"sync"
)

// inflate decodes the raw DEFLATE stream src (RFC 1951) into dst's array, grown to size bytes,
// and says whether src is a stream that compress/flate reads without error and that holds
// exactly size bytes up to the end of its final block (bytes after it are not looked at, as
// archive/zip does not look at them). A part of an archive held in memory is decoded here in
// one call, straight into the buffer the part is read into: a streaming inflater writes into
// its window and copies out of it at every Read. Anything else, a stream it refuses included,
// is left to the streaming inflater, which says what is wrong; FuzzInflateWhole holds it to
// compress/flate.
func inflate(dst, src []byte, size int) ([]byte, bool) {
	if cap(dst) < size {
		dst = make([]byte, size)
	}
	d := wholeInflaters.Get().(*wholeInflater)
	defer wholeInflaters.Put(d)
	d.src, d.pos, d.bits, d.n = src, 0, 0, 0
	out := dst[:size]
	o := 0
	for final := false; !final; {
		d.refill()
		if d.n < 3 {
			return nil, false
		}
		final = d.bits&1 == 1
		kind := d.bits >> 1 & 3
		d.bits >>= 3
		d.n -= 3
		var ok bool
		switch kind {
		case 0:
			o, ok = d.stored(out, o)
		case 1:
			o, ok = d.block(out, o, &fixedLit, &fixedDist)
		case 2:
			if !d.tables() {
				return nil, false
			}
			o, ok = d.block(out, o, &d.lit, &d.dist)
		}
		if !ok {
			return nil, false
		}
	}
	if o != size {
		return nil, false
	}
	return out, true
}

// wholeInflater is the state of inflate: a bit reader over the stream and the tables of the
// block being read.
type wholeInflater struct {
	src  []byte
	pos  int    // the next byte of src to load
	bits uint64 // n bits not yet read, first in the lowest bit; above them, bytes from pos on
	n    uint

	lit, dist, codes huffTable
	lengths          [maxLit + maxDist]uint8
}

var wholeInflaters = sync.Pool{New: func() any { return new(wholeInflater) }}

const (
	maxLit  = 286 // literal/length symbols a stream may use (287 and 288 are refused)
	maxDist = 30
)

// refill loads bytes until at least 56 bits are held or src is read to its end.
func (d *wholeInflater) refill() {
	d.pos, d.bits, d.n = refill(d.src, d.pos, d.bits, d.n)
}

// refill is wholeInflater.refill on the reader's state passed by value, which block keeps in
// local variables: the compiler then holds them in registers instead of writing them back to
// the inflater after every symbol.
func refill(src []byte, pos int, bits uint64, n uint) (int, uint64, uint) {
	if pos+8 <= len(src) {
		// The bits above n are those of src[pos:] already: loading them again changes nothing.
		bits |= binary.LittleEndian.Uint64(src[pos:]) << n
		return pos + int(63-n)>>3, bits, n | 56
	}
	for n <= 56 && pos < len(src) {
		bits |= uint64(src[pos]) << n
		pos++
		n += 8
	}
	return pos, bits, n
}

// take reads k bits (k ≤ n).
func (d *wholeInflater) take(k uint) uint64 {
	var v uint64
	v, d.bits, d.n = take(d.bits, d.n, k)
	return v
}

// take is wholeInflater.take on the reader's state passed by value, as block holds it (see
// refill): the k bits read, and the bits and count left.
func take(bits uint64, n, k uint) (uint64, uint64, uint) {
	return bits & (1<<k - 1), bits >> k, n - k
}

// stored copies a stored block.
func (d *wholeInflater) stored(out []byte, o int) (int, bool) {
	// The block starts at the next byte: the bits held go back to src.
	d.bits >>= d.n & 7
	d.n -= d.n & 7
	d.pos -= int(d.n >> 3)
	d.bits, d.n = 0, 0
	if d.pos+4 > len(d.src) {
		return o, false
	}
	n := int(binary.LittleEndian.Uint16(d.src[d.pos:]))
	if uint16(n) != ^binary.LittleEndian.Uint16(d.src[d.pos+2:]) {
		return o, false
	}
	d.pos += 4
	if d.pos+n > len(d.src) || o+n > len(out) {
		return o, false
	}
	copy(out[o:], d.src[d.pos:d.pos+n])
	d.pos += n
	return o + n, true
}

// codeOrder is the order of the code length code's lengths in a dynamic block's header.
var codeOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// tables reads the header of a dynamic block into d.lit and d.dist, refusing what
// compress/flate refuses.
func (d *wholeInflater) tables() bool {
	d.refill()
	if d.n < 14 {
		return false
	}
	nlit := int(d.take(5)) + 257
	ndist := int(d.take(5)) + 1
	nclen := int(d.take(4)) + 4
	if nlit > maxLit || ndist > maxDist {
		return false
	}
	var clens [19]uint8
	for i := 0; i < nclen; i++ {
		d.refill()
		if d.n < 3 {
			return false
		}
		clens[codeOrder[i]] = uint8(d.take(3))
	}
	if !d.codes.build(clens[:], 7) {
		return false
	}
	lengths := d.lengths[:nlit+ndist]
	for i := 0; i < len(lengths); {
		d.refill()
		x, ok := d.sym(&d.codes)
		if !ok {
			return false
		}
		if x < 16 {
			lengths[i] = uint8(x)
			i++
			continue
		}
		var rep int
		var k uint
		var b uint8
		switch x {
		case 16:
			if i == 0 {
				return false
			}
			rep, k, b = 3, 2, lengths[i-1]
		case 17:
			rep, k = 3, 3
		case 18:
			rep, k = 11, 7
		default:
			return false
		}
		if d.n < k {
			return false
		}
		rep += int(d.take(k))
		if i+rep > len(lengths) {
			return false
		}
		for j := 0; j < rep; j++ {
			lengths[i] = b
			i++
		}
	}
	return d.lit.build(lengths[:nlit], 10) && d.dist.build(lengths[nlit:], 8)
}

// sym reads a symbol of table t from the bits held.
func (d *wholeInflater) sym(t *huffTable) (int, bool) {
	v, k := t.code(d.bits)
	if k == 0 || k > d.n {
		return 0, false
	}
	d.bits >>= k
	d.n -= k
	return v, true
}

// code returns the symbol whose code begins bits, and the length of the code (0: none).
func (h *huffTable) code(bits uint64) (int, uint) {
	e := h.t[bits&h.mask]
	if e&subTable != 0 {
		e = h.t[int(e>>16)+int(bits>>h.primary)&(1<<(e>>8&15)-1)]
	}
	return int(e >> 16), uint(e & 31)
}

// block decodes the symbols of a compressed block up to its end. The bit reader's state is
// held in local variables while it does (see refill), and put back in d when it returns.
func (d *wholeInflater) block(out []byte, o int, lit, dist *huffTable) (_ int, ok bool) {
	src, pos, bits, n := d.src, d.pos, d.bits, d.n
	for {
		if n < 48 {
			pos, bits, n = refill(src, pos, bits, n)
		}
		v, k := lit.code(bits)
		if k == 0 || k > n {
			break
		}
		bits >>= k
		n -= k
		if v < 256 {
			if o >= len(out) {
				break
			}
			out[o] = byte(v)
			o++
			continue
		}
		if v == 256 {
			ok = true
			break
		}
		if v >= maxLit {
			break
		}
		length := int(lengthBase[v-257])
		if k := uint(lengthExtra[v-257]); k > 0 {
			if n < k {
				break
			}
			var extra uint64
			extra, bits, n = take(bits, n, k)
			length += int(extra)
		}
		dc, k := dist.code(bits)
		if k == 0 || k > n || dc >= maxDist {
			break
		}
		bits >>= k
		n -= k
		distance := int(distBase[dc])
		if k := uint(distExtra[dc]); k > 0 {
			if n < k {
				break
			}
			var extra uint64
			extra, bits, n = take(bits, n, k)
			distance += int(extra)
		}
		if distance > o || o+length > len(out) {
			break
		}
		if distance >= length {
			copy(out[o:o+length], out[o-distance:])
		} else {
			for i := 0; i < length; i++ {
				out[o+i] = out[o-distance+i]
			}
		}
		o += length
	}
	d.pos, d.bits, d.n = pos, bits, n
	return o, ok
}

var (
	lengthBase  [29]uint16
	lengthExtra [29]uint8
	distBase    [30]uint16
	distExtra   [30]uint8
)

// The fixed codes of block type 1. The distance table has 32 codes of 5 bits, so that the
// codes 30 and 31 are read and then refused, as compress/flate refuses them.
var fixedLit, fixedDist huffTable

func init() {
	codeBases(lengthBase[:28], lengthExtra[:28], 3, 8, 4)
	lengthBase[28] = 258
	codeBases(distBase[:], distExtra[:], 1, 4, 2)
	var l [288]uint8
	for i := range l {
		switch {
		case i < 144:
			l[i] = 8
		case i < 256:
			l[i] = 9
		case i < 280:
			l[i] = 7
		default:
			l[i] = 8
		}
	}
	fixedLit.build(l[:], 10)
	var dl [32]uint8
	for i := range dl {
		dl[i] = 5
	}
	fixedDist.build(dl[:], 8)
}

// codeBases fills the bases and extra bits of the length or distance codes, the first from
// b: the first plain codes have no extra bits, and every per codes after them one more.
func codeBases(base []uint16, extra []uint8, b, plain, per int) {
	for i := range base {
		k := 0
		if i >= plain {
			k = (i-plain)/per + 1
		}
		base[i], extra[i] = uint16(b), uint8(k)
		b += 1 << k
	}
}

// huffTable decodes a canonical Huffman code: t[bits & mask] is the entry of the code the
// next primary bits begin (its symbol << 16 | its length), or, for a longer code, a subTable
// entry (start of the subtable << 16 | its index bits << 8) indexed by the bits after those.
// An entry of length 0 is no code (an incomplete code's hole).
type huffTable struct {
	t       []uint32
	mask    uint64
	primary uint
}

const subTable = 1 << 5

// build makes the table of the code with these lengths (0: symbol unused), refusing, as
// compress/flate does, a code that is over-subscribed or incomplete, except one code of one
// bit; a code with no symbols is kept and fails when read.
func (h *huffTable) build(lengths []uint8, primary uint) bool {
	var count [16]int
	maxLen := 0
	for _, n := range lengths {
		if n != 0 {
			count[n]++
			maxLen = max(maxLen, int(n))
		}
	}
	size := 1 << primary
	h.t = append(h.t[:0], make([]uint32, size)...)
	h.mask, h.primary = uint64(size-1), primary
	if maxLen == 0 {
		return true
	}
	var next [16]int
	code := 0
	for i := 1; i <= maxLen; i++ {
		code <<= 1
		next[i] = code
		code += count[i]
	}
	if code != 1<<maxLen && !(code == 1 && maxLen == 1) {
		return false
	}
	// The bits of each subtable: the longest code under its primary bits, less those.
	var subBits [1 << 10]uint8
	var subStart [1 << 10]uint16
	if uint(maxLen) > primary {
		c := next
		for _, n := range lengths {
			if uint(n) > primary {
				rev := bits.Reverse16(uint16(c[n])) >> (16 - n)
				p := rev & uint16(size-1)
				subBits[p] = max(subBits[p], n-uint8(primary))
				c[n]++
			} else if n != 0 {
				c[n]++
			}
		}
		for p := 0; p < size; p++ {
			if subBits[p] != 0 {
				subStart[p] = uint16(len(h.t))
				h.t[p] = uint32(len(h.t))<<16 | uint32(subBits[p])<<8 | subTable
				h.t = append(h.t, make([]uint32, 1<<subBits[p])...)
			}
		}
	}
	for sym, n := range lengths {
		if n == 0 {
			continue
		}
		rev := int(bits.Reverse16(uint16(next[n])) >> (16 - n))
		next[n]++
		if uint(n) <= primary {
			e := uint32(sym)<<16 | uint32(n)
			for i := rev; i < size; i += 1 << n {
				h.t[i] = e
			}
			continue
		}
		p := rev & (size - 1)
		sb := int(subBits[p])
		rest := uint(n) - primary
		e := uint32(sym)<<16 | uint32(n)
		for i := rev >> primary; i < 1<<sb; i += 1 << rest {
			h.t[int(subStart[p])+i] = e
		}
	}
	return true
}
