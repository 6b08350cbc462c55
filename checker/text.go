package checker

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TextLines yields the lines a language check reads: every line that is not site chrome, with
// its 1-based number.
func (d *Document) TextLines(yield func(n int, l *Line) bool) {
	for i := range d.Lines {
		l := &d.Lines[i]
		if l.Chrome || l.Content == "" {
			continue
		}
		if !yield(i+1, l) {
			return
		}
	}
}

// MarkerEnd returns the byte offset in l.Text just after the heading marker (0 if no heading),
// so that checks of punctuation and pairs leave ordinals such as (一) alone.
func (l *Line) MarkerEnd() int {
	if l.Heading == nil {
		return 0
	}
	if i := strings.Index(l.Text, l.Heading.Marker); i >= 0 {
		return i + len(l.Heading.Marker)
	}
	return 0
}

// titleSpans returns the byte ranges inside 《…》 on a line (the marks excluded). Cited titles
// are quoted as their authors wrote them and are never rewritten.
func titleSpans(s string) [][2]int {
	i := strings.Index(s, "《")
	if i < 0 {
		return nil
	}
	// 《 and 》 are E3 80 8A and E3 80 8B: jump between E3 bytes instead of decoding runes.
	var t titleNest
	for i < len(s) {
		k := strings.IndexByte(s[i:], 0xE3)
		if k < 0 {
			break
		}
		i += k
		t.at(s, i)
		i++
	}
	return t.end(len(s))
}

// Titles returns titleSpans(l.Text), from the offsets of the line's marks when 《 and 》 are
// among them (they are when rules.toml pairs them): the line's scan has found them already,
// and the line need not be read again. (In bytes that are not UTF-8, which no reader makes,
// the scan may step over a mark, as it may over any mark the checks read.)
func (l *Line) Titles() [][2]int {
	if set := l.arena; set == nil || set.marks == nil || !set.marks.has('《') || !set.marks.has('》') {
		return titleSpans(l.Text)
	}
	var t titleNest
	for _, off := range l.Marks() {
		t.at(l.Text, int(off))
	}
	return t.end(len(l.Text))
}

// titleNest follows the nesting of 《》 through a line, as its marks are met in order.
type titleNest struct {
	depth, start int
	spans        [][2]int
}

// at looks at the character at byte i of s, a title mark or not.
func (t *titleNest) at(s string, i int) {
	if i+2 >= len(s) || s[i] != 0xE3 || s[i+1] != 0x80 {
		return
	}
	switch s[i+2] {
	case 0x8A: // 《
		if t.depth == 0 {
			t.start = i + len("《")
		}
		t.depth++
	case 0x8B: // 》
		if t.depth > 0 {
			t.depth--
			if t.depth == 0 {
				t.spans = append(t.spans, [2]int{t.start, i})
			}
		}
	}
}

// end returns the titles of a line of n bytes, the last running to its end if not closed.
func (t *titleNest) end(n int) [][2]int {
	if t.depth > 0 {
		t.spans = append(t.spans, [2]int{t.start, n})
	}
	return t.spans
}

func inSpans(spans [][2]int, off int) bool {
	for _, s := range spans {
		if off >= s[0] && off < s[1] {
			return true
		}
	}
	return false
}

// isHan reports a Chinese character; the common block is tested first, as this runs for
// every character of every line.
func isHan(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case r >= 0x4E00 && r <= 0x9FFF:
		return true
	}
	return unicode.Is(unicode.Han, r)
}

// isCJKPunct reports full-width punctuation that may stand next to a Chinese character.
func isCJKPunct(r rune) bool {
	return (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFF65) || strings.ContainsRune("“”‘’《》…—", r)
}

// prevRune and nextRune return the nearest rune before byte i (or at and after j) that is not
// a space, or 0 at the line's edge.
func prevRune(s string, i int) rune {
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if r != ' ' && r != '\t' {
			return r
		}
		i -= n
	}
	return 0
}

func nextRune(s string, j int) rune {
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if r != ' ' && r != '\t' {
			return r
		}
		j += n
	}
	return 0
}

// markSet is a set of characters whose positions scanLine records, so that the checks looking
// for them (half-width punctuation, brackets and quotes) visit those positions only, not every
// character. The scan reads a character of U+4000–U+9FFF (where a report's Han characters are)
// only when the set holds one of them.
type markSet struct {
	ascii  [128]bool
	bmp    [1 << 16 / 64]uint64
	astral map[rune]bool // beyond U+FFFF
	han    bool          // a mark lies in U+4000–U+9FFF
	// repeatWithin, from 1 to 8, makes the scan note the Han characters that may repeat one
	// of the repeatWithin characters before them (see lineScan.repeats); 0 turns it off.
	repeatWithin int
}

// maxRepeatWithin is the farthest back the scan can compare characters: eight, the bytes of
// a uint64.
const maxRepeatWithin = 8

func newMarkSet(chars ...rune) *markSet {
	m := &markSet{}
	for _, r := range chars {
		switch {
		case r < utf8.RuneSelf:
			m.ascii[r] = true
		case r > 0xFFFF:
			if m.astral == nil {
				m.astral = map[rune]bool{}
			}
			m.astral[r] = true
		default:
			m.bmp[r/64] |= 1 << (r % 64)
			m.han = m.han || r >= 0x4000 && r <= 0x9FFF
		}
	}
	return m
}

func (m *markSet) has(r rune) bool {
	if r > 0xFFFF {
		return m.astral[r]
	}
	return m.bmp[r/64]&(1<<(r%64)) != 0
}

// lineScan is what scanLine finds in a line: its sentences (each with its end mark: 。；！？ or
// ; ! ?; blank ones are left out), its runs of ASCII digits, and the offsets of the characters
// of a markSet. Each is appended to.
type lineScan struct {
	sents, digits [][2]int
	marks         []int32
	// repeats are the offsets of the characters of U+4000–U+9FFF whose last bytes equal
	// those of one of the markSet's repeatWithin characters before them, in the same run of
	// such characters (the last two bytes up to four characters back, the last byte beyond). A repeated word (建立建立) begins a few characters before one of them;
	// language/repeated-word looks only there.
	repeats []int32
}

// scanLine scans a line once for what lineScan holds, appending to sc. It steps over a
// character of the common Han block at once without reading it, and most of a report is Han
// characters. set may be nil.
func scanLine(s string, sc *lineScan, set *markSet) {
	var h hanScan
	if set != nil {
		h = newHanScan(set)
	}
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		size := 0 // of a sentence end at i
		switch {
		case c >= 0xE4 && c <= 0xE9: // U+4000–U+9FFF
			var repeat, mark bool
			i, repeat, mark = h.run(s, i)
			if repeat {
				sc.repeats = append(sc.repeats, int32(i-3))
			}
			if mark {
				sc.marks = append(sc.marks, int32(i-3))
			}
			continue
		}
		h.recent = 0
		switch {
		case c >= '0' && c <= '9':
			j := i + 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			sc.digits = append(sc.digits, [2]int{i, j})
			i = j
			continue
		case c < utf8.RuneSelf:
			if set != nil && set.ascii[c] {
				sc.marks = append(sc.marks, int32(i))
			}
			if c != ';' && c != '!' && c != '?' {
				i++
				continue
			}
			size = 1
		default:
			n := utf8Len(c)
			if set != nil && n > 1 && i+n <= len(s) {
				var r rune
				switch n {
				case 2:
					r = rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)
				case 3:
					r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
				default:
					r, _ = utf8.DecodeRuneInString(s[i:])
				}
				if set.has(r) {
					sc.marks = append(sc.marks, int32(i))
				}
			}
			// 。 is E3 80 82; ；！？ are EF BC 9B, EF BC 81, EF BC 9F.
			if c != 0xE3 && c != 0xEF || !strings.HasPrefix(s[i:], "。") && !strings.HasPrefix(s[i:], "；") && !strings.HasPrefix(s[i:], "！") && !strings.HasPrefix(s[i:], "？") {
				i += n
				continue
			}
			size = 3
		}
		end := i + size
		if !blank(s[start:i]) {
			sc.sents = append(sc.sents, [2]int{start, end})
		}
		start, i = end, end
	}
	if !blank(s[start:]) {
		sc.sents = append(sc.sents, [2]int{start, len(s)})
	}
}

// hanScan is what scanLine keeps while it steps over runs of characters of U+4000–U+9FFF.
type hanScan struct {
	// recent holds the last bytes of the characters of the current run, most recent in the
	// low lane; notWindow is 0 in the lanes to compare. Up to four characters back, a lane is
	// 16 bits and holds the last two bytes (a false alarm is then rare); up to eight, 8 bits
	// and the last byte. A lane of last bytes is never zero (they are 0x80–0xBF), so an empty
	// lane never matches. With no lane to compare (no repeats looked for), none matches.
	recent, notWindow, ones, highs uint64
	shift                          uint64                // 1<<lane: recent*shift moves recent by a lane
	lastMask                       uint64                // 0xFFFF or 0xFF: the bytes of a lane
	marks                          *[1 << 16 / 64]uint64 // the markSet's, when it holds a Han character
}

func newHanScan(set *markSet) hanScan {
	h := hanScan{notWindow: ^uint64(0), ones: 0x0001000100010001, highs: 0x8000800080008000, shift: 1 << 16, lastMask: 0xFFFF}
	if set.repeatWithin > 0 {
		n := min(set.repeatWithin, maxRepeatWithin)
		lane := 16
		if n > 4 {
			lane = 8
			h.ones, h.highs, h.shift, h.lastMask = 0x0101010101010101, 0x8080808080808080, 1<<8, 0xFF
		}
		h.notWindow = ^(^uint64(0) >> (64 - lane*n))
	}
	if set.han {
		h.marks = &set.bmp
	}
	return h
}

// run steps over the characters of U+4000–U+9FFF from byte i of s (one at least), and stops
// after the first that may repeat one of the characters before it (see lineScan.repeats) or
// is a mark, or before the first byte of another kind. It returns where it stopped and
// whether the character before is a repeat or a mark. It makes no call: with one in the loop
// the compiler would keep the loop's variables in memory.
func (h *hanScan) run(s string, i int) (int, bool, bool) {
	if h.marks == nil && h.shift == 1<<16 {
		i, repeat := h.run16(s, i)
		return i, repeat, false
	}
	recent, notWindow, ones, highs, shift, lastMask, marks := h.recent, h.notWindow, h.ones, h.highs, h.shift, h.lastMask, h.marks
	for i < len(s) && s[i] >= 0xE4 && s[i] <= 0xE9 {
		if i+2 >= len(s) {
			i += 3 // a character cut short ends the line
			break
		}
		b1, b2 := s[i+1], s[i+2]
		last := (uint64(b1)<<8 | uint64(b2)) & lastMask
		// A zero lane of t is a recent character with the same last bytes.
		t := recent ^ last*ones | notWindow
		repeat := (t-ones)&^t&highs != 0
		recent = recent*shift | last
		mark := false
		if marks != nil {
			r := rune(s[i]&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F)
			mark = marks[r/64]&(1<<(r%64)) != 0
		}
		i += 3
		if repeat || mark {
			h.recent = recent
			return i, repeat, mark
		}
	}
	h.recent = recent
	return i, false, false
}

// run16 is run when no Han character is a mark and the lanes are 16 bits (repeats looked for
// at most four characters back, as language/repeated-word's default max_len, or none): the
// lanes' constants are then the instructions' own, and the loop's variables all stay in
// registers (run's kept two on the stack, read again at every character).
func (h *hanScan) run16(s string, i int) (int, bool) {
	const ones, highs = 0x0001000100010001, 0x8000800080008000
	recent, notWindow := h.recent, h.notWindow
	for i < len(s) && s[i] >= 0xE4 && s[i] <= 0xE9 {
		if i+2 >= len(s) {
			i += 3 // a character cut short ends the line
			break
		}
		last := uint64(s[i+1])<<8 | uint64(s[i+2])
		t := recent ^ last*ones | notWindow
		recent = recent<<16 | last
		i += 3
		if (t-ones)&^t&highs != 0 {
			h.recent = recent
			return i, true
		}
	}
	h.recent = recent
	return i, false
}

// utf8Len is the length of the UTF-8 sequence that byte c starts (1 for a stray continuation
// byte, so that a scan always moves on).
func utf8Len(c byte) int {
	switch {
	case c >= 0xF0:
		return 4
	case c >= 0xE0:
		return 3
	case c >= 0xC0:
		return 2
	}
	return 1
}

// blank reports a string of white space only; it stops at the first other byte.
func blank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r', '\n':
			continue
		}
		if strings.HasPrefix(s[i:], "\u3000") {
			i += 2
			continue
		}
		return false
	}
	return true
}

// countHan counts the characters of the common Han block (U+4E00–U+9FFF) by their UTF-8 lead
// bytes, without decoding: enough to tell a part with text from one without. It stops at
// most: a long paragraph is not read to its end to learn that a part holds enough.
func countHan(s string, most int) int {
	n := 0
	for i := 0; i+2 < len(s) && n < most; i++ {
		if c := s[i]; c >= 0xE4 && c <= 0xE9 && (c != 0xE4 || s[i+1] >= 0xB8) {
			n++
			i += 2
		}
	}
	return n
}
