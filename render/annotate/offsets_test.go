package annotate

import "testing"

// The offsets an annotation counts once for a run's text are those runeOffset counts for each
// split: entities one rune, "\r\n" one, any k, any claimed count, malformed data refused.
func FuzzRuneOffsets(f *testing.F) {
	f.Add([]byte("法治&amp;政府\r\n建设&#x4E00;"), 3, 9)
	f.Add([]byte("a\r\rb&lt"), 1, 3)
	f.Fuzz(func(t *testing.T, raw []byte, k, n int) {
		k, n = k%40, n%40
		var e edgeCache
		for _, kk := range []int{k, k + 1, 0, n} {
			off, ok := e.runeOffset(raw, [2]int{0, len(raw)}, kk, n)
			wantOff, wantOK := plainRuneOffset(raw, kk, n)
			if ok != wantOK || ok && off != wantOff {
				t.Fatalf("runeOffset(%q, %d, %d): %d, %v; want %d, %v", raw, kk, n, off, ok, wantOff, wantOK)
			}
		}
	})
}

// plainRuneOffset is the count runeOffsets replaced, one pass for each split: it returns the byte offset of rune k of raw character data, counting runes as the
// reader does: an entity is one rune, and a line end ("\r\n" or "\r", written or as entities)
// is one. ok is false when the data does not hold n runes, which would mean the reader and
// this count disagree.
func plainRuneOffset(raw []byte, k, n int) (off int, ok bool) {
	count, i := 0, 0
	prevCR := false
	found := -1
	for i < len(raw) {
		r, size := unit(raw[i:])
		if size == 0 {
			return 0, false
		}
		if prevCR && r == '\n' { // the second half of "\r\n": no rune of its own
			prevCR = false
			i += size
			continue
		}
		if count == k && found < 0 {
			found = i
		}
		count++
		prevCR = r == '\r'
		i += size
	}
	if count == k && found < 0 {
		found = len(raw)
	}
	return found, count == n && found >= 0
}
