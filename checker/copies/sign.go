// Package copies finds paragraphs that two reports of a batch share, the same or nearly the
// same (照搬照抄): another unit's paragraph with names, years and numbers changed, or last
// year's plan repeated. It works on compact facts, a signature of each paragraph, so a batch
// keeps no text, and it stays linear in the batch: signatures are bucketed by bands
// (MinHash with locality-sensitive hashing), and only paragraphs that share a bucket are
// compared. Text that most reports share (the guiding formulas, the template headings) is not
// copying: a bucket that many reports fall into is passed over.
package copies

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// Bins is the length of a signature, Bands × Rows.
const (
	Bins  = 32
	Bands = 8
	Rows  = Bins / Bands
	// shingle is the length, in characters, of the overlapping pieces a paragraph is cut into.
	shingle = 4
	empty   = ^uint32(0)
)

// Sig is the MinHash signature of a paragraph (one-permutation hashing: the hash space is cut
// into Bins bins and each keeps the smallest hash that falls into it; empty bins borrow from
// the next full one, so that two similar paragraphs agree bin by bin).
type Sig [Bins]uint16 // 16 bits a bin: a false agreement is one chance in 65,536

// Normalizer reduces paragraphs to what is compared: Han characters and letters, with every
// run of digits (years, counts, rates) reduced to one 0, so that a paragraph with its numbers
// changed compares equal; punctuation and spaces are dropped. The pieces of the phrases it is
// given to ignore never count. One Normalizer serves one goroutine (it reuses its buffer).
type Normalizer struct {
	buf     []rune
	ignored map[uint64]struct{}
	bloom   [bloomWords]uint64 // a quick "not ignored" for nearly every piece
	part    [1024]rune         // the characters of a part of a text SignText signs
}

// bloomWords sizes the filter of ignored pieces: 64 Kbit, so that a few hundred ignored pieces
// send one piece in a few hundred to the map.
const bloomWords = 1024

// NewNormalizer returns a Normalizer that ignores the given phrases.
func NewNormalizer(ignore []string) *Normalizer {
	n := &Normalizer{ignored: map[uint64]struct{}{}}
	for _, p := range ignore {
		norm := n.Normalize(p)
		for i := 0; i+shingle <= len(norm); i++ {
			h := piece(norm[i : i+shingle])
			n.ignored[h] = struct{}{}
			n.bloom[h/64%bloomWords] |= 1 << (h % 64)
		}
	}
	return n
}

// Normalize returns the compared characters of text, in a buffer reused by the next call.
func (n *Normalizer) Normalize(text string) []rune {
	out := n.buf[:0]
	digits := false
	for _, r := range text {
		switch {
		case r >= '0' && r <= '9', r >= '０' && r <= '９':
			if !digits {
				out = append(out, '0')
			}
			digits = true
			continue
		case (r == '.' || r == ',') && digits:
			continue // 98.5% and 1,234 are one number
		case r >= 0x4E00 && r <= 0x9FFF, r >= 'a' && r <= 'z':
			out = append(out, r)
		case r >= 'A' && r <= 'Z':
			out = append(out, r+'a'-'A')
		case r >= 0x80 && (unicode.Is(unicode.Han, r) || unicode.IsLetter(r)):
			out = append(out, unicode.ToLower(r))
		}
		digits = false
	}
	n.buf = out
	return out
}

// Sign returns the signature of normalized text, and false when the text has no piece left to
// compare.
func (n *Normalizer) Sign(norm []rune) (Sig, bool) {
	var mins [Bins]uint32
	for i := range mins {
		mins[i] = empty
	}
	found := false
	for i := 0; i+shingle <= len(norm); i++ {
		h := piece(norm[i : i+shingle])
		found = n.add(&mins, h) || found
	}
	if !found {
		return Sig{}, false
	}
	return densify(&mins), true
}

// add adds a piece's hash to the bins unless the piece is ignored, and reports whether it did.
func (n *Normalizer) add(mins *[Bins]uint32, h uint64) bool {
	if n.bloom[h/64%bloomWords]&(1<<(h%64)) != 0 {
		if _, ok := n.ignored[h]; ok {
			return false
		}
	}
	h = mix(h)
	bin := h >> (64 - 5) // Bins = 32: the top five bits choose the bin
	if v := uint32(h); v < mins[bin] {
		mins[bin] = v
	}
	return true
}

// SignText is Sign(Normalize(text)) with the number of characters Normalize returns: what a
// batch computes for each paragraph. It runs two tight loops over a part of the text at a time
// (partRunes characters, in a buffer of the Normalizer's: no allocation, whatever the text's
// length), not Normalize's and Sign's: normalizePart, which takes the common Han characters
// without decoding them in general, and sign, which hashes each piece from the last one. One
// loop doing both kept its hashes on the stack, not in registers, because of the calls its
// rare paths make.
func (n *Normalizer) SignText(text string) (Sig, int, bool) {
	var s signer
	for i := range s.mins {
		s.mins[i] = empty
	}
	digits := false
	for i := 0; i < len(text); {
		var part []rune
		part, i, digits = n.normalizePart(text, i, digits)
		n.sign(&s, part)
	}
	if pieces := s.chars - (shingle - 1); pieces <= 0 || s.ignored == pieces {
		return Sig{}, s.chars, false
	}
	return densify(&s.mins), s.chars, true
}

// partRunes is the most characters normalizePart returns at once (a variable, so that tests
// can make the parts small).
var partRunes = len(Normalizer{}.part)

// normalizePart is Normalize over text from byte from, in parts: it returns the characters
// Normalize keeps (at most partRunes, in the Normalizer's part buffer), where the next part
// starts, and whether the text stops there inside a number (digits, given for the first part).
func (n *Normalizer) normalizePart(text string, from int, digits bool) ([]rune, int, bool) {
	out := n.part[:partRunes]
	k, i := 0, from
	for i < len(text) && k < len(out) {
		c := text[i]
		// Three bytes led by E4 to E9 are U+4000 to U+9FFF: from U+4E00 on, the Han characters
		// Normalize keeps as they are, nearly every character of a report.
		if c >= 0xE4 && c <= 0xE9 && i+2 < len(text) {
			if b := text[i+1 : i+3]; b[0]&0xC0 == 0x80 && b[1]&0xC0 == 0x80 {
				if r := rune(c&0x0F)<<12 | rune(b[0]&0x3F)<<6 | rune(b[1]&0x3F); r >= 0x4E00 {
					out[k] = r
					k++
					digits = false
					i += 3
					continue
				}
			}
		}
		var r rune
		switch {
		case c < utf8.RuneSelf:
			r = rune(c)
			i++
		case c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80:
			// Three bytes that need no more check than their continuation bytes.
			r = rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
			i += 3
		default:
			var size int
			r, size = utf8.DecodeRuneInString(text[i:])
			i += size
		}
		// As Normalize: the characters it keeps, one 0 for a number.
		switch {
		case r >= 0x4E00 && r <= 0x9FFF, r >= 'a' && r <= 'z':
			digits = false
		case r >= '0' && r <= '9', r >= '０' && r <= '９':
			if digits {
				continue
			}
			digits = true
			r = '0'
		case (r == '.' || r == ',') && digits:
			continue
		case r >= 'A' && r <= 'Z':
			digits = false
			r += 'a' - 'A'
		case r >= 0x80 && !isPunct(r) && (unicode.Is(unicode.Han, r) || unicode.IsLetter(r)):
			digits = false
			r = unicode.ToLower(r)
		default:
			digits = false
			continue
		}
		out[k] = r
		k++
	}
	return out[:k], i, digits
}

// signer is what SignText keeps from one part of a text to the next: the bins' minimums, the
// FNV-1a hashes (piece) of the last one, two and three characters, the characters and the
// ignored pieces counted.
type signer struct {
	mins           [Bins]uint32
	h1, h2, h3     uint64
	chars, ignored int
}

// sign adds the pieces that end in part's characters to s. The hash of a piece is that of the
// three characters before its last continued, so that each piece takes four multiplications
// that do not wait for each other, not a chain of four.
func (n *Normalizer) sign(s *signer, part []rune) {
	h1, h2, h3 := s.h1, s.h2, s.h3
	// The first characters of the text only start the hashes: no piece ends in them.
	for ; s.chars < shingle-1 && len(part) > 0; part = part[1:] {
		r := uint64(part[0])
		h3 = (h2 ^ r) * fnvPrime
		h2 = (h1 ^ r) * fnvPrime
		h1 = (fnvOffset ^ r) * fnvPrime
		s.chars++
	}
	ignored := 0
	for _, r := range part {
		h := (h3 ^ uint64(r)) * fnvPrime
		h3 = (h2 ^ uint64(r)) * fnvPrime
		h2 = (h1 ^ uint64(r)) * fnvPrime
		h1 = (fnvOffset ^ uint64(r)) * fnvPrime
		if n.bloom[h/64%bloomWords]&(1<<(h%64)) != 0 && n.isIgnored(h) {
			ignored++
			continue
		}
		h = mix(h)
		bin := h >> (64 - 5) // Bins = 32: the top five bits choose the bin
		s.mins[bin] = min(s.mins[bin], uint32(h))
	}
	s.h1, s.h2, s.h3 = h1, h2, h3
	s.chars += len(part)
	s.ignored += ignored
}

// isPunct reports whether r is in one of the blocks of punctuation Chinese text uses (general
// punctuation, CJK punctuation, full-width forms), none of which is a letter or Han: a quick
// answer for the characters that would otherwise be looked up in the Unicode tables.
func isPunct(r rune) bool {
	switch {
	case r >= 0x2000 && r <= 0x206F, r >= 0x3000 && r <= 0x3004, r >= 0x3008 && r <= 0x3020,
		r >= 0xFF01 && r <= 0xFF0F, r >= 0xFF1A && r <= 0xFF20, r >= 0xFF3B && r <= 0xFF40, r >= 0xFF5B && r <= 0xFF65:
		return true
	}
	return false
}

// isIgnored reports whether a piece is one of the ignored phrases'.
func (n *Normalizer) isIgnored(h uint64) bool {
	_, ok := n.ignored[h]
	return ok
}

// densify turns the bins' minimums into a signature.
func densify(mins *[Bins]uint32) Sig {
	var s Sig
	// Densify: an empty bin takes the value of the next full one to its right (circularly),
	// changed by the distance, so that it still agrees between similar paragraphs.
	for i := range mins {
		v := mins[i]
		for d := 1; v == empty && d < Bins; d++ {
			if w := mins[(i+d)%Bins]; w != empty {
				v = bits.RotateLeft32(w, d) ^ uint32(d)*0x9e3779b9
			}
		}
		s[i] = uint16(v ^ v>>16)
	}
	return s
}

// piece hashes one shingle (FNV-1a over its characters).
func piece(rs []rune) uint64 {
	h := uint64(fnvOffset)
	for _, r := range rs {
		h ^= uint64(r)
		h *= fnvPrime
	}
	return h
}

// FNV-1a's 64-bit constants.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Similarity estimates the Jaccard similarity of the two paragraphs' shingle sets.
func (s *Sig) Similarity(o *Sig) float64 {
	same := 0
	for i := range s {
		if s[i] == o[i] {
			same++
		}
	}
	return float64(same) / Bins
}

// band returns the bucket key of band b: its bins themselves, the first in the low bits (as
// the index writes them, little-endian). Two paragraphs share a bucket exactly when they agree
// on the whole band.
func (s *Sig) band(b int) uint64 {
	var k uint64
	for r, v := range s[b*Rows : (b+1)*Rows] {
		k |= uint64(v) << (16 * r)
	}
	return k
}

// A band's bins fit its 64-bit key.
var _ [64 - 16*Rows]struct{}

// mix is splitmix64's finaliser: every input bit moves every output bit.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
