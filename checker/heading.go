package checker

import (
	"strings"
	"unicode/utf8"
)

// Heading levels of the official hierarchy (GB/T 9704-2012 §7.3.3): 一、 → （一） → 1. → （1）.
const (
	LevelChapter = 1 // 一、
	LevelSection = 2 // （一）
	LevelItem    = 3 // 1.
	LevelSubitem = 4 // （1）
)

// Heading is a numbered line. Its marker is the ordinal as written; Text is what follows, up to
// the first 。 (real reports often run the paragraph on after a short heading).
type Heading struct {
	Line    int // 1-based line number
	Column  int // 1-based rune column of the marker
	Level   int
	Ordinal int
	Marker  string
	Text    string
	// Style is empty for a well-formed marker, or says what is wrong with it.
	Style string
	// Suggested is the well-formed marker for a malformed one.
	Suggested string
}

// Full returns the heading as written: marker and text.
func (h *Heading) Full() string { return h.Marker + h.Text }

var chineseDigits = map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// parseChineseNumber reads a Chinese numeral from 1 to 99 at the start of s and returns its
// value and length in bytes, or 0, 0.
func parseChineseNumber(s string) (int, int) {
	var runes []rune
	n := 0
	for _, r := range s {
		if _, ok := chineseDigits[r]; !ok && r != '十' {
			break
		}
		runes = append(runes, r)
		n += utf8.RuneLen(r)
		if len(runes) == 3 {
			break
		}
	}
	var v int
	switch len(runes) {
	case 0:
		return 0, 0
	case 1:
		if runes[0] == '十' {
			v = 10
		} else {
			v = chineseDigits[runes[0]]
		}
	case 2: // 十一 or 二十
		switch {
		case runes[0] == '十' && runes[1] != '十':
			v = 10 + chineseDigits[runes[1]]
		case runes[1] == '十' && runes[0] != '十':
			v = chineseDigits[runes[0]] * 10
		default:
			return 0, 0
		}
	case 3: // 二十一
		if runes[1] != '十' || runes[0] == '十' || runes[2] == '十' {
			return 0, 0
		}
		v = chineseDigits[runes[0]]*10 + chineseDigits[runes[2]]
	}
	if v == 0 {
		return 0, 0
	}
	return v, n
}

// parseArabic reads 1 or 2 ASCII or full-width digits at the start of s.
func parseArabic(s string) (int, int) {
	v, n, count := 0, 0, 0
	for _, r := range s {
		var d int
		switch {
		case r >= '0' && r <= '9':
			d = int(r - '0')
		case r >= '０' && r <= '９':
			d = int(r - '０')
		default:
			return finishArabic(v, n, count)
		}
		count++
		if count > 2 {
			return 0, 0
		}
		v = v*10 + d
		n += utf8.RuneLen(r)
	}
	return finishArabic(v, n, count)
}

func finishArabic(v, n, count int) (int, int) {
	if count == 0 || v == 0 {
		return 0, 0
	}
	return v, n
}

func isOpenParen(r rune) bool  { return r == '（' || r == '(' }
func isCloseParen(r rune) bool { return r == '）' || r == ')' }

func firstRune(s string) (rune, int) {
	if s == "" {
		return 0, 0
	}
	return utf8.DecodeRuneInString(s)
}

// isDigitRune reports ASCII or full-width digits.
func isDigitRune(r rune) bool { return (r >= '0' && r <= '9') || (r >= '０' && r <= '９') }

// ParseHeading reads a numbered heading from a line with its indentation already removed. It
// returns false for prose, including 一是…二是… and numbers such as 1.2万.
func ParseHeading(s string) (Heading, bool) {
	var h Heading
	r, rn := firstRune(s)
	switch {
	case isOpenParen(r):
		rest := s[rn:]
		level := LevelSection
		v, n := parseChineseNumber(rest)
		if v == 0 {
			level = LevelSubitem
			v, n = parseArabic(rest)
		}
		if v == 0 {
			return h, false
		}
		c, cn := firstRune(rest[n:])
		if !isCloseParen(c) {
			return h, false
		}
		end := rn + n + cn
		h = Heading{Level: level, Ordinal: v}
		// A bracketed number takes no punctuation after it.
		if p, pn := firstRune(s[end:]); p == '、' || p == '，' || p == ',' || p == '.' || p == '．' {
			h.Style = "括号序号后不加标点"
			end += pn
		}
		h.Marker = s[:end]
		h.Suggested = bracketed(level, v)
		h.Text = headingText(s[end:])
		if h.Style == "" && h.Marker == h.Suggested {
			h.Suggested = ""
		}
		return h, true
	case r == '十' || chineseDigits[r] > 0:
		v, n := parseChineseNumber(s)
		if v == 0 {
			return h, false
		}
		p, pn := firstRune(s[n:])
		switch p {
		case '、':
			h = Heading{Level: LevelChapter, Ordinal: v}
		case '.', '．', '，', ',':
			h = Heading{Level: LevelChapter, Ordinal: v, Style: "一级标题序号后应为顿号“、”", Suggested: s[:n] + "、"}
		case '）', ')':
			h = Heading{Level: LevelSection, Ordinal: v, Style: "二级标题序号缺少左括号", Suggested: bracketed(LevelSection, v)}
		default:
			return h, false
		}
		h.Marker = s[:n+pn]
		h.Text = headingText(s[n+pn:])
		return h, true
	case isDigitRune(r):
		v, n := parseArabic(s)
		if v == 0 {
			return h, false
		}
		p, pn := firstRune(s[n:])
		next, _ := firstRune(s[n+pn:])
		if isDigitRune(next) || next == '%' || next == 0 {
			return h, false // 1.2万, 3.5%, or a bare number
		}
		switch p {
		case '.', '．', '、':
			h = Heading{Level: LevelItem, Ordinal: v}
		case '）', ')':
			h = Heading{Level: LevelSubitem, Ordinal: v, Style: "四级标题序号缺少左括号", Suggested: bracketed(LevelSubitem, v)}
		default:
			return h, false
		}
		h.Marker = s[:n+pn]
		h.Text = headingText(s[n+pn:])
		return h, true
	}
	return h, false
}

// bracketed writes the well-formed marker of a bracketed level.
func bracketed(level, v int) string {
	if level == LevelSection {
		return "（" + ChineseNumeral(v) + "）"
	}
	return "（" + itoa(v) + "）"
}

// ChineseNumeral writes 1–99 as a Chinese numeral (一, 十, 十一, 二十一).
func ChineseNumeral(v int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case v <= 0 || v > 99:
		return itoa(v)
	case v < 10:
		return digits[v]
	case v == 10:
		return "十"
	case v < 20:
		return "十" + digits[v%10]
	default:
		return digits[v/10] + "十" + digits[v%10]
	}
}

// Marker writes the well-formed marker for an ordinal at a level.
func Marker(level, v int) string {
	switch level {
	case LevelChapter:
		return ChineseNumeral(v) + "、"
	case LevelSection, LevelSubitem:
		return bracketed(level, v)
	default:
		return itoa(v) + "."
	}
}

func itoa(v int) string {
	if v < 0 {
		return "-" + itoa(-v)
	}
	if v < 10 {
		return string(rune('0' + v))
	}
	return itoa(v/10) + string(rune('0'+v%10))
}

// headingText is the heading's own text: up to the first 。 and without trailing spaces.
func headingText(s string) string {
	if i := strings.Index(s, "。"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimRight(s, " \t\u3000")
}
