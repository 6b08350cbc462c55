package input

import (
	"strconv"
	"strings"
	"testing"
)

// TestAppendOrdinal: FormatOrdinal and appendOrdinal write what they wrote with
// strings.Builder, for every format Word has and some it has not, from -1 to 10,100, after
// what dst holds.
func TestAppendOrdinal(t *testing.T) {
	formats := strings.Fields(`none bullet chineseCounting chineseCountingThousand japaneseCounting taiwaneseCounting
		taiwaneseCountingThousand ideographLegalTraditional chineseLegalSimplified ideographDigital taiwaneseDigital
		japaneseDigitalTenThousand ideographTraditional ideographZodiac decimalEnclosedCircle decimalEnclosedCircleChinese
		ideographEnclosedCircle decimalEnclosedParen decimalEnclosedFullstop decimalFullWidth decimalFullWidth2
		decimalZero upperLetter lowerLetter upperRoman lowerRoman decimal custom hebrew1`)
	for _, f := range formats {
		for n := -1; n <= 10100; n++ {
			want := formatOrdinalReference(n, f)
			if got := FormatOrdinal(n, f); got != want {
				t.Fatalf("FormatOrdinal(%d, %s) = %q, want %q", n, f, got, want)
			}
			if got := string(appendOrdinal([]byte("（"), n, f)); got != "（"+want {
				t.Fatalf("appendOrdinal(（, %d, %s) = %q", n, f, got)
			}
		}
	}
}

// FormatOrdinal writes a number in one of Word's numFmt formats; formats it does not know
// come out in decimal.
func formatOrdinalReference(n int, format string) string {
	if n < 0 {
		n = 0
	}
	switch format {
	case "none", "bullet":
		return ""
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
		"taiwaneseCountingThousand", "ideographLegalTraditional":
		return chineseCountReference(n, cjkDigits, "十百千")
	case "chineseLegalSimplified":
		return chineseCountReference(n, legalDigits, "拾佰仟")
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		var b strings.Builder
		for _, c := range strconv.Itoa(n) {
			b.WriteRune(cjkDigits[c-'0'])
		}
		return b.String()
	case "ideographTraditional":
		return cyclicReference(n, heavenly)
	case "ideographZodiac":
		return cyclicReference(n, earthly)
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle":
		return enclosedReference(n, circled)
	case "decimalEnclosedParen":
		return enclosedReference(n, parenthesize)
	case "decimalEnclosedFullstop":
		return enclosedReference(n, fullStop)
	case "decimalFullWidth", "decimalFullWidth2":
		var b strings.Builder
		for _, c := range strconv.Itoa(n) {
			b.WriteRune(c - '0' + '０')
		}
		return b.String()
	case "decimalZero":
		if n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case "upperLetter", "lowerLetter":
		if n < 1 {
			break
		}
		base := 'A'
		if format == "lowerLetter" {
			base = 'a'
		}
		// Word repeats the letter: A…Z, AA…ZZ, AAA…; beyond maxLetters letters no list goes,
		// and the number is written in digits (a start of ten million would take 400,000).
		if (n-1)/26+1 > maxLetters {
			break
		}
		return strings.Repeat(string(base+rune((n-1)%26)), (n-1)/26+1)
	case "upperRoman", "lowerRoman":
		if n < 1 || n >= 4000 {
			break
		}
		r := romanReference(n)
		if format == "lowerRoman" {
			r = strings.ToLower(r)
		}
		return r
	}
	return strconv.Itoa(n)
}

// chineseCount writes n < 10000 the way it is read: 十, 十一, 二十, 一百零五, 一千二百.
func chineseCountReference(n int, digits []rune, units string) string {
	if n >= 10000 {
		return strconv.Itoa(n)
	}
	if n < 10 {
		return string(digits[n])
	}
	u := []rune(units)
	var b strings.Builder
	pow := []int{1000, 100, 10}
	zero := false
	started := false
	for i, p := range pow {
		d := n / p % 10
		if d == 0 {
			zero = started
			continue
		}
		if zero {
			b.WriteRune('零')
			zero = false
		}
		if !(p == 10 && d == 1 && !started) {
			b.WriteRune(digits[d])
		}
		b.WriteRune(u[2-i])
		started = true
	}
	if d := n % 10; d > 0 {
		if zero {
			b.WriteRune('零')
		}
		b.WriteRune(digits[d])
	}
	return b.String()
}

func cyclicReference(n int, set []rune) string {
	if n < 1 {
		return strconv.Itoa(n)
	}
	return string(set[(n-1)%len(set)])
}

func enclosedReference(n int, set []rune) string {
	if n < 1 || n > len(set) {
		return strconv.Itoa(n)
	}
	return string(set[n-1])
}

func romanReference(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
