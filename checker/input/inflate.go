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

// refill loads bytes until at least 56 bits are held (63 at most) or src is read to its end.
func (d *wholeInflater) refill() {
	d.pos, d.bits, d.n = refill(d.src, d.pos, d.bits, d.n)
}

// refill is wholeInflater.refill on the reader's state passed by value, which block keeps in
// local variables: the compiler then holds them in registers instead of writing them back to
// the inflater after every symbol.
func refill(src []byte, pos int, bits uint64, n uint) (int, uint64, uint) {
	if pos+8 <= len(src) {
		return load(src, pos, bits, n)
	}
	for n < 56 && pos < len(src) {
		bits |= uint64(src[pos]) << n
		pos++
		n += 8
	}
	return pos, bits, n
}

// load is refill where src holds 8 bytes from pos on: it leaves 56 bits or more.
func load(src []byte, pos int, bits uint64, n uint) (int, uint64, uint) {
	// The bits above n are those of src[pos:] already: loading them again changes nothing.
	// (n is 63 at most: the mask only tells the compiler so, which then shifts without
	// asking whether n is 64 or more.)
	bits |= binary.LittleEndian.Uint64(src[pos:]) << (n & 63)
	return pos + int(63-n)>>3, bits, n | 56
}

// take reads k bits (k ≤ n).
func (d *wholeInflater) take(k uint) uint64 {
	v := d.bits & (1<<k - 1)
	d.bits >>= k
	d.n -= k
	return v
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
	if !d.codes.build(clens[:], codeBits, codeValues[:]) {
		return false
	}
	// The lengths are read with the bit reader's state in local variables, as block reads
	// its symbols (see refill).
	lengths := d.lengths[:nlit+ndist]
	src, pos, bits, n := d.src, d.pos, d.bits, d.n
	for i := 0; i < len(lengths); {
		if n < 14 { // a code length code's 7 bits and a repeat's 7 at most
			pos, bits, n = refill(src, pos, bits, n)
		}
		e := d.codes.entry(bits, codeBits)
		k := uint(e & takes)
		if e&invalid != 0 || k > n {
			return false
		}
		bits, n = bits>>k, n-k
		x := int(e >> 16)
		if x < 16 {
			lengths[i] = uint8(x)
			i++
			continue
		}
		var rep int
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
		if n < k {
			return false
		}
		rep += int(bits & (1<<k - 1))
		bits, n = bits>>k, n-k
		if i+rep > len(lengths) {
			return false
		}
		for j := 0; j < rep; j++ {
			lengths[i] = b
			i++
		}
	}
	d.pos, d.bits, d.n = pos, bits, n
	return d.lit.build(lengths[:nlit], litBits, litValues[:]) && d.dist.build(lengths[nlit:], distBits, distValues[:])
}

// block decodes the symbols of a compressed block up to its end. The bit reader's state is
// held in local variables while it does (see refill), and put back in d when it returns.
//
// While src holds 8 bytes from pos on, every symbol starts with 56 bits or more held (load),
// more than a length and its distance take (15+5 bits, 15+13), so that the loop does not ask
// whether it has a code's bits; the last bytes of the stream are read by the loop after it,
// which does. In that first loop, the entry of the next symbol is looked up before the load,
// from the bits held: after a load all 64 bits of bits are the stream's (those above n
// included), and a turn of the loop takes 48 at most, which leaves the 15 of the longest
// code. The lookup then need not wait for the load.
func (d *wholeInflater) block(out []byte, o int, lit, dist *huffTable) (_ int, ok bool) {
	src, pos, bits, n := d.src, d.pos, d.bits, d.n
	if pos+8 <= len(src) {
		pos, bits, n = load(src, pos, bits, n)
	}
	e := lit.entry(bits, litBits)
	for pos+8 <= len(src) {
		pos, bits, n = load(src, pos, bits, n)
		if e&literal != 0 {
			bits, n = bits>>(e&takes), n-uint(e&takes)
			if uint(o) >= uint(len(out)) {
				return o, false
			}
			out[o] = byte(e >> 16)
			o++
			// A second literal fits in the bits left.
			e = lit.entry(bits, litBits)
			if e&literal == 0 {
				continue
			}
			bits, n = bits>>(e&takes), n-uint(e&takes)
			if uint(o) >= uint(len(out)) {
				return o, false
			}
			out[o] = byte(e >> 16)
			o++
			e = lit.entry(bits, litBits)
			continue
		}
		if e&(endOfBlock|invalid) != 0 {
			if e&invalid != 0 {
				return o, false
			}
			d.pos, d.bits, d.n = pos, bits>>(e&takes), n-uint(e&takes)
			return o, true
		}
		length := int(e>>16) + extraBits(bits, e)
		bits, n = bits>>(e&takes), n-uint(e&takes)
		e = dist.entry(bits, distBits)
		if e&invalid != 0 {
			return o, false
		}
		distance := int(e>>16) + extraBits(bits, e)
		bits, n = bits>>(e&takes), n-uint(e&takes)
		if distance > o || length > len(out)-o {
			return o, false
		}
		// Many matches are short (912 of the 1,117 of the Word-like document.xml, 441 of
		// the 1,408 of its styles.xml take 16 bytes or fewer): copy16 copies them without a
		// call of memmove.
		if length <= 16 && distance >= 8 && len(out)-o >= 16 {
			copy16(out, o, distance)
		} else {
			copyMatch(out, o, distance, length)
		}
		o += length
		e = lit.entry(bits, litBits)
	}
	for {
		if n < 48 {
			pos, bits, n = refill(src, pos, bits, n)
		}
		e := lit.entry(bits, litBits)
		k := uint(e & takes)
		if e&invalid != 0 || k > n {
			break
		}
		held := bits
		bits >>= k
		n -= k
		if e&literal != 0 {
			if uint(o) >= uint(len(out)) {
				break
			}
			out[o] = byte(e >> 16)
			o++
			continue
		}
		if e&endOfBlock != 0 {
			ok = true
			break
		}
		length := int(e>>16) + extraBits(held, e)
		e = dist.entry(bits, distBits)
		k = uint(e & takes)
		if e&invalid != 0 || k > n {
			break
		}
		distance := int(e>>16) + extraBits(bits, e)
		bits >>= k
		n -= k
		if distance > o || length > len(out)-o {
			break
		}
		copyMatch(out, o, distance, length)
		o += length
	}
	d.pos, d.bits, d.n = pos, bits, n
	return o, ok
}

// extraBits returns the extra bits of a length's or distance's entry e, from bits that begin
// with its code.
func extraBits(bits uint64, e uint32) int {
	return int(bits&(1<<(e&takes)-1)) >> (e >> 8 & 15)
}

// copy16 copies the 16 bytes distance back from o in out to o, 8 at a time, for a match of 16
// bytes or fewer: the bytes after the match are written again by the symbols after it (a
// stream that stops short of them is refused). With a distance of 8 or more, the second
// load reads what the first store wrote where they overlap, as a copy byte by byte would.
func copy16(out []byte, o, distance int) {
	from, to := out[o-distance:][:16], out[o:][:16]
	binary.LittleEndian.PutUint64(to, binary.LittleEndian.Uint64(from))
	binary.LittleEndian.PutUint64(to[8:], binary.LittleEndian.Uint64(from[8:]))
}

// copyMatch copies the length bytes distance back from o in out to o (room checked).
func copyMatch(out []byte, o, distance, length int) {
	if distance >= length {
		copy(out[o:o+length], out[o-distance:])
		return
	}
	for i := 0; i < length; i++ {
		out[o+i] = out[o-distance+i]
	}
}

// The tables' entries. An entry says what the code that indexes it stands for:
//
//	bits 0-5    the bits the symbol takes: its code's and, after them, a length's or a
//	            distance's extra bits
//	bits 8-11   the length of its code, where the extra bits start; in a subtable pointer, the
//	            subtable's index bits
//	bit 12      a literal, whose byte is bits 16-23
//	bit 13      the end of the block
//	bit 14      no symbol: no code begins so (an incomplete code's hole), or a symbol a
//	            stream may not use (the length codes 286 and 287, the distance codes 30, 31)
//	bit 15      a subtable pointer: the bits after the table's first index the subtable
//	bits 16-31  a length's or a distance's base, the code length code's symbol, or where the
//	            subtable starts
//
// so that one lookup gives what a literal/length symbol's value, base and extra bits would
// take three.
const (
	takes      = 63
	literal    = 1 << 12
	endOfBlock = 1 << 13
	invalid    = 1 << 14
	subTable   = 1 << 15
)

// The bits of a code that index each table; a longer code goes on in a subtable.
const (
	litBits  = 10
	distBits = 8
	codeBits = 7 // the longest code length code
)

// huffTable decodes a canonical Huffman code: t[bits & (1<<primary - 1)] is the entry of the
// code that begins the next primary bits, or for a longer code a subtable pointer. Its size
// holds the largest table of 286 literal/length codes of 15 bits at most, 10 of them
// indexing the first part: 1,332 entries (zlib's examples/enough.c, "enough 286 10 15"; its
// 30 distance codes, 8 bits first, take fewer).
type huffTable [2048]uint32

// entry returns the entry of the code that begins bits: the table's, or for a code longer
// than its first primary bits, its subtable's.
func (t *huffTable) entry(bits uint64, primary uint) uint32 {
	e := t[bits&(1<<primary-1)]
	if e&subTable != 0 {
		e = t[(e>>16+uint32(bits>>primary)&(1<<(e>>8&15)-1))&uint32(len(t)-1)]
	}
	return e
}

// The entries of each alphabet's symbols, less their codes' lengths (see huffTable.build).
var (
	litValues  [288]uint32
	distValues [32]uint32
	codeValues [19]uint32
)

// The fixed codes of block type 1. The distance table has 32 codes of 5 bits, so that the
// codes 30 and 31 are read and then refused, as compress/flate refuses them.
var fixedLit, fixedDist huffTable

func init() {
	var lengthBase [29]uint16
	var lengthExtra [29]uint8
	codeBases(lengthBase[:28], lengthExtra[:28], 3, 8, 4)
	lengthBase[28] = 258
	var distBase [30]uint16
	var distExtra [30]uint8
	codeBases(distBase[:], distExtra[:], 1, 4, 2)
	for sym := range litValues {
		switch {
		case sym < 256:
			litValues[sym] = uint32(sym)<<16 | literal
		case sym == 256:
			litValues[sym] = endOfBlock
		case sym < maxLit:
			litValues[sym] = uint32(lengthBase[sym-257])<<16 | uint32(lengthExtra[sym-257])
		default:
			litValues[sym] = invalid
		}
	}
	for sym := range distValues {
		if sym < maxDist {
			distValues[sym] = uint32(distBase[sym])<<16 | uint32(distExtra[sym])
		} else {
			distValues[sym] = invalid
		}
	}
	for sym := range codeValues {
		codeValues[sym] = uint32(sym) << 16
	}
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
	fixedLit.build(l[:], litBits, litValues[:])
	var dl [32]uint8
	for i := range dl {
		dl[i] = 5
	}
	fixedDist.build(dl[:], distBits, distValues[:])
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

// build makes the table of the code with these lengths (0: symbol unused), whose symbols'
// entries are values with the codes' lengths added, refusing, as compress/flate does, a code
// that is over-subscribed or incomplete, except one code of one bit; a code with no symbols
// is kept and fails when read.
//
// It goes through the codes in canonical order (by length, then symbol), which is the order
// of their values: a code of primary bits or fewer fills every entry its bits begin, and the
// longer codes that share their first primary bits, one after another, fill a subtable as
// long as the longest of them needs (zlib's inflate_table).
func (t *huffTable) build(lengths []uint8, primary uint, values []uint32) bool {
	// The codes of each length, counted in four arrays in turn: lengths come in runs, and an
	// array's count just increased would be read back from the store at each of a run's.
	var counts [4][16]int
	for i, n := range lengths {
		counts[i&3][n&15]++
	}
	var count [16]int
	maxLen := 0
	for n := 1; n < 16; n++ {
		count[n] = counts[0][n] + counts[1][n] + counts[2][n] + counts[3][n]
		if count[n] != 0 {
			maxLen = n
		}
	}
	size := 1 << primary
	code := 0
	for n := 1; n <= maxLen; n++ {
		code = code<<1 + count[n]
	}
	if maxLen == 0 || code != 1<<maxLen {
		if maxLen != 0 && !(code == 1 && maxLen == 1) {
			return false
		}
		// Entries that no code fills say so.
		for i := range t[:size] {
			t[i] = invalid
		}
	}
	// The symbols in canonical order.
	var start [16]int
	for n := 1; n < maxLen; n++ {
		start[n+1] = start[n] + count[n]
	}
	var sorted [288]uint16
	for sym, n := range lengths {
		if n != 0 {
			sorted[start[n&15]] = uint16(sym)
			start[n&15]++
		}
	}
	left := count // the codes of each length not yet placed
	code = 0
	next := 0                             // the symbol's place in sorted
	end, sub, subBits := size, 0, uint(0) // the first free entry; the last subtable
	prefix := -1
	for n := uint(1); n <= uint(maxLen); n++ {
		if n <= primary {
			// The first 1<<n entries: the codes of n bits fill one each, the shorter ones
			// every 1<<len, as the copy of the first 1<<(n-1) makes them (where a longer
			// code begins, it comes later).
			double(t, n)
		}
		for ; left[n] > 0; left[n]-- {
			e := values[sorted[next]] + uint32(n) | uint32(n)<<8
			next++
			rev := int(bits.Reverse16(uint16(code)) >> (16 - n))
			code++
			if n <= primary {
				t[rev&(len(t)-1)] = e
				continue
			}
			if p := rev & (size - 1); p != prefix {
				// A subtable as long as the longest code under p, the codes left under it
				// being the next ones: it grows until the codes of the lengths up to its
				// own fill it.
				subBits = n - primary
				room := 1 << subBits
				for primary+subBits < uint(maxLen) {
					room -= left[primary+subBits]
					if room <= 0 {
						break
					}
					subBits++
					room <<= 1
				}
				if end+1<<subBits > len(t) {
					return false // not so: see huffTable
				}
				prefix, sub = p, end
				t[p] = uint32(sub)<<16 | uint32(subBits)<<8 | subTable
				end += 1 << subBits
			}
			for i := rev >> primary; i < 1<<subBits; i += 1 << (n - primary) {
				t[sub+i] = e
			}
		}
		code <<= 1
	}
	for n := uint(maxLen) + 1; n <= primary; n++ {
		double(t, n)
	}
	return true
}

// double copies the first 1<<(n-1) entries of t after them (none for n = 1).
func double(t *huffTable, n uint) {
	if n > 1 {
		copy(t[1<<(n-1):1<<n], t[:1<<(n-1)])
	}
}
