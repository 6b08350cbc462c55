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
			wantOff, wantOK := runeOffset(raw, kk, n)
			if ok != wantOK || ok && off != wantOff {
				t.Fatalf("runeOffset(%q, %d, %d): %d, %v; want %d, %v", raw, kk, n, off, ok, wantOff, wantOK)
			}
		}
	})
}
