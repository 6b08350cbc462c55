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
	mins    [Bins]uint32       // the bins' minimums of the text SignText signs
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
// batch computes for each paragraph, in one pass over the text and without a buffer. Nearly
// every character of a report is a Han character (U+4E00 to U+9FFF, three bytes), a mark of
// Chinese punctuation (three bytes too) or ASCII (digits, spaces, '%'): signer.run takes runs
// of them straight from their bytes and calls nothing, so that the compiler keeps the rolling
// hashes in registers; every other character, and the first few of the text (which only start
// the hashes), goes through normalizeRune and push, one at a time.
func (n *Normalizer) SignText(text string) (Sig, int, bool) {
	s := signer{n: n}
	for i := range n.mins {
		n.mins[i] = empty
	}
	for i := 0; i < len(text); {
		if s.chars >= shingle-1 {
			j, h, maybe := s.run(text, i)
			i = j
			if maybe {
				s.piece(h) // a piece the filter cannot tell from an ignored one
				continue
			}
			if i == len(text) {
				break
			}
		}
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		var keep bool
		if r, keep, s.digits = normalizeRune(r, s.digits); keep {
			s.push(r)
		}
	}
	if pieces := s.chars - (shingle - 1); pieces <= 0 || s.ignored == pieces {
		return Sig{}, s.chars, false
	}
	return densify(&n.mins), s.chars, true
}

// normalizeRune is Normalize for one character r after the characters before it (digits says
// whether they end in a number): the character kept, if one is, and whether a number now runs.
func normalizeRune(r rune, digits bool) (rune, bool, bool) {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF, r >= 'a' && r <= 'z':
		return r, true, false
	case r >= '0' && r <= '9', r >= '０' && r <= '９':
		return '0', !digits, true
	case (r == '.' || r == ',') && digits:
		return 0, false, true // 98.5% and 1,234 are one number
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A', true, false
	case r >= 0x80 && !isPunct(r) && (unicode.Is(unicode.Han, r) || unicode.IsLetter(r)):
		return unicode.ToLower(r), true, false
	}
	return 0, false, false
}

// signer is what SignText keeps while it reads a text: the bins' minimums, the FNV-1a hashes
// (piece) of the last one, two and three characters, the characters and the ignored pieces
// counted, and whether the text read so far ends in a number (as Normalize's digits).
type signer struct {
	n              *Normalizer
	h1, h2, h3     uint64
	chars, ignored int
	digits         bool
}

// push adds the next character kept. The hash of a piece is that of the three characters
// before its last continued, so that each piece takes four multiplications that do not wait
// for each other, not a chain of four; the first characters of the text only start the hashes.
func (s *signer) push(r rune) {
	x := uint64(r)
	h := (s.h3 ^ x) * fnvPrime
	s.h3 = (s.h2 ^ x) * fnvPrime
	s.h2 = (s.h1 ^ x) * fnvPrime
	s.h1 = (fnvOffset ^ x) * fnvPrime
	s.chars++
	if s.chars >= shingle {
		s.piece(h)
	}
}

// piece adds a piece's hash to the bins unless the piece is ignored.
func (s *signer) piece(h uint64) {
	if s.n.bloom[h/64%bloomWords]&(1<<(h%64)) != 0 && s.n.isIgnored(h) {
		s.ignored++
		return
	}
	h = mix(h)
	bin := h >> (64 - 5) // Bins = 32: the top five bits choose the bin
	s.n.mins[bin] = min(s.n.mins[bin], uint32(h))
}

// run is push and normalizeRune for the Han characters U+4E00 to U+9FFF and the ASCII
// characters of text from byte i on, and passes over the marks of punctuation isPunct knows, as
// long as they come three bytes each or one (with room for a fourth: the last bytes of a text
// go one at a time); s must have started its hashes. It returns where it stopped: at any other
// character, or just after a piece that may be ignored (its hash h, maybe true), which it
// leaves to the caller.
func (s *signer) run(text string, i int) (next int, h uint64, maybe bool) {
	h1, h2, h3 := s.h1, s.h2, s.h3
	n := s.n
	chars := 0
	digits := s.digits
	for i >= 0 && i+4 <= len(text) {
		// One load of four bytes. Three of them in the shape of a three-byte character
		// (1110xxxx 10xxxxxx 10xxxxxx) that make U+4E00 to U+9FFF, or one of isPunct's marks,
		// are that character: its lead byte is neither E0 (an overlong form, below U+1000) nor
		// ED (a surrogate, U+D800 to U+DFFF).
		b := text[i : i+4]
		w := uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
		var r uint64
		if w&0xC0C0F0 == 0x8080E0 {
			r = uint64(w&0x0F)<<12 | uint64(w>>8&0x3F)<<6 | uint64(w>>16&0x3F)
			if r-0x4E00 > 0x9FFF-0x4E00 {
				if !isPunct(rune(r)) {
					break
				}
				i += 3 // a mark: Normalize drops it
				digits = false
				continue
			}
			i += 3
			digits = false
		} else if c := uint64(w & 0xFF); c < utf8.RuneSelf {
			// As normalizeRune: a number is one 0, letters are kept in lower case, the rest
			// dropped.
			i++
			switch {
			case c-'0' <= 9:
				if digits {
					continue
				}
				r, digits = '0', true
			case (c == '.' || c == ',') && digits:
				continue // 98.5% and 1,234 are one number
			case c-'a' <= 'z'-'a':
				r, digits = c, false
			case c-'A' <= 'Z'-'A':
				r, digits = c+'a'-'A', false
			default:
				digits = false
				continue
			}
		} else {
			break
		}
		chars++
		p := (h3 ^ r) * fnvPrime
		h3 = (h2 ^ r) * fnvPrime
		h2 = (h1 ^ r) * fnvPrime
		h1 = (fnvOffset ^ r) * fnvPrime
		if n.bloom[p/64%bloomWords]&(1<<(p%64)) != 0 {
			h, maybe = p, true
			break
		}
		m := mix(p)
		bin := m >> (64 - 5)
		n.mins[bin] = min(n.mins[bin], uint32(m))
	}
	s.h1, s.h2, s.h3 = h1, h2, h3
	s.chars += chars
	s.digits = digits
	return i, h, maybe
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
