package checker

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fzlint/fzlint/rules"
)

func init() {
	register(pii)
}

var pii = &Check{
	ID:       "security/pii",
	Severity: Error,
	Summary:  "要公开的报告中含有身份证号或手机号（输出中已打码）",
	Doc:      `年度报告要在政府网站公开，不得含有个人信息。本规则查找18位身份证号（校验码按 ISO 7064 MOD 11-2 计算正确、出生日期合理）和11位大陆手机号（号段在 rules.toml [pii] 中），半角、全角数字都算，也查分组写法（139-1234-5678、139 1234 5678、110105 19491231 002X）、带国家码的写法（+86 139 1234 5678、8613912345678）和紧挨字母的写法（Tel13912345678）；“第…号”之间的数字是编号，不算手机号。所有输出格式中的号码都已打码（110105********002X、139****5678），因为检查结果和 CI 日志也会被转发。`,
	Bad:      "联系人：张某，手机13912345678，身份证号11010519491231002X。",
	Good:     "咨询电话：0719-1234567，全年办理案件11010519件次，统一社会信用代码11420300MB1234567X。",
	Run:      runPII,
}

func runPII(p *Pass) {
	cfg := &p.Rules.PII
	p.Doc.TextLines(func(n int, l *Line) bool {
		findPII(l.Text, l.Digits(), cfg, p.Doc.Year, true, func(i, end int, id bool) {
			d := p.At(n, i, end)
			kind := "手机号"
			if id {
				kind = "身份证号"
			}
			d.Message = fmt.Sprintf("疑似%s%s：要公开的报告不得含有个人信息", kind, MaskPII(l.Text[i:end]))
			p.Report(d)
		})
		return true
	})
}

// findPII calls found with the byte range [i, end) of each 身份证号 (valid check digit) and
// mobile number in s, given the byte ranges of its runs of ASCII digits. It is the one detector
// behind security/pii and the masking of every output (redact). A number may be written in
// half- or full-width digits (１３９…), in the groups of rules.toml [pii] (139-1234-5678,
// 110105 19491231 002X), after the country code (+86 139…, 86139…) and next to letters
// (Tel13912345678); it is never part of a longer number. With cells, mobile groups between
// spaces, which may be a table's cells, are passed over (the rule reports; masking does not).
func findPII(s string, runs [][2]int, cfg *rules.PII, year int, cells bool, found func(i, end int, id bool)) {
	if !cfg.IDCard && !cfg.Mobile {
		return
	}
	groups, ascii := runs, true
	if hasWideDigit(s) {
		groups, ascii = digitGroups(s), false
	}
	findInGroups(s, groups, ascii, cfg, year, cells, found)
}

// findInGroups is findPII over s's digit groups: its runs of ASCII digits when ascii, else the
// runs digitGroups finds.
func findInGroups(s string, groups [][2]int, ascii bool, cfg *rules.PII, year int, cells bool, found func(i, end int, id bool)) {
	for k := 0; k < len(groups); k++ {
		if ascii && !mayStartPII(s, groups, k, cfg) {
			continue
		}
		if i, end, id, next, ok := matchPII(s, groups, k, cfg, year, cells); ok {
			if id || !serialNumber(s, i, end, cfg) {
				found(i, end, id)
			}
			k = next - 1
		}
	}
}

// mayStartPII reports whether a run of ASCII digits may begin a number matchPII takes: one of
// 11, 13 (86 and a mobile), 17 (an ID ending in X) or 18 digits, or a group that a separator
// joins to the next. Most runs of a report (years, counts) are neither, and are passed over
// without matchPII's work.
func mayStartPII(s string, groups [][2]int, k int, cfg *rules.PII) bool {
	g := groups[k]
	switch g[1] - g[0] {
	case 11, 13, 17, 18:
		return true
	}
	if k+1 >= len(groups) {
		return false
	}
	// a separator is one character (rules.PII.validate): at most 4 bytes between the groups
	if gap := groups[k+1][0] - g[1]; gap < 1 || gap > utf8.UTFMax {
		return false
	}
	_, n := separatorAt(s, g[1], cfg)
	return n > 0 && g[1]+n == groups[k+1][0]
}

// matchPII tries the number that begins with digit group k of s; next is the first group
// after it.
func matchPII(s string, groups [][2]int, k int, cfg *rules.PII, year int, cells bool) (i, end int, id bool, next int, ok bool) {
	g := groups[k]
	// the country code: +8613912345678, 8613912345678, +86 139 1234 5678
	if cc := cfg.CountryCode; cc != "" && cfg.Mobile {
		plus := 0
		if r, n := utf8.DecodeLastRuneInString(s[:g[0]]); r == '+' || r == '＋' {
			plus = n
		}
		var d [24]byte
		digits := normalise(d[:0], s[g[0]:g[1]])
		switch {
		case len(digits) == len(cc)+11 && string(digits[:len(cc)]) == cc && isMobile(string(digits[len(cc):]), cfg):
			return g[0] - plus, g[1], false, k + 1, true
		case plus > 0 && string(digits) == cc && k+1 < len(groups):
			if _, n := separatorAt(s, g[1], cfg); n > 0 && g[1]+n == groups[k+1][0] {
				if _, e, _, nx, ok := matchNumber(s, groups, k+1, cfg, year, false, false, cells); ok {
					return g[0] - plus, e, false, nx, true
				}
			}
		}
	}
	i, end, id, next, ok = matchNumber(s, groups, k, cfg, year, cfg.IDCard, true, cells)
	if ok && !id && precededByAreaCode(s, i) {
		return 0, 0, false, 0, false
	}
	return i, end, id, next, ok
}

// matchNumber tries an ID number (if ids) or a mobile number that begins with digit group k:
// one group, or groups as rules.toml [pii] lists them. row says to look whether the groups
// continue a row of numbers before them (not after a country code, which is digits too).
func matchNumber(s string, groups [][2]int, k int, cfg *rules.PII, year int, ids, row, cells bool) (i, end int, id bool, next int, ok bool) {
	i = groups[k][0]
	var d [24]byte
	// one group: 13912345678, 11010519491231002X, １３９１２３４５６７８
	end = groups[k][1]
	if n := checkCharAt(s, end); n > 0 {
		if e := end + n; e == len(s) || !isDigitAt(s, e) {
			if digits := normalise(d[:0], s[i:e]); ids && len(digits) == 18 && validIDCard(string(digits), year) {
				return i, e, true, k + 1, true
			}
		}
	}
	digits := normalise(d[:0], s[i:end])
	switch {
	case ids && len(digits) == 18 && validIDCard(string(digits), year):
		return i, end, true, k + 1, true
	case cfg.Mobile && len(digits) == 11 && isMobile(string(digits), cfg):
		return i, end, false, k + 1, true
	}
	// groups: 139-1234-5678, 110105 19491231 002X
	if len(digits) >= 11 {
		return 0, 0, false, 0, false
	}
	sep, n := separatorAt(s, end, cfg)
	if n == 0 {
		return 0, 0, false, 0, false
	}
	// a number of a row of numbers (156 2345 1234 98) is not a phone number
	if before := strings.TrimSuffix(s[:i], sep); row && len(before) < i && before != "" && isDigitAt(s, len(before)-lastRuneLen(before)) {
		return 0, 0, false, 0, false
	}
	try := func(lengths []int, isID bool) (int, int, bool) {
		if len(lengths) == 0 || len(digits) != lengths[0] {
			return 0, 0, false
		}
		var all [24]byte
		num := append(all[:0], digits...)
		e := end
		for m, want := range lengths[1:] {
			last := m == len(lengths)-2
			if k+m+1 >= len(groups) || !strings.HasPrefix(s[e:], sep) || e+len(sep) != groups[k+m+1][0] {
				return 0, 0, false
			}
			g := groups[k+m+1]
			e = g[1]
			got := runeCount(s[g[0]:g[1]])
			if isID && last && got == want-1 {
				n := checkCharAt(s, e)
				if n == 0 {
					return 0, 0, false
				}
				e += n
				got++
			}
			if got != want {
				return 0, 0, false
			}
			num = normalise(num, s[g[0]:e])
		}
		if e < len(s) && (isDigitAt(s, e) || strings.HasPrefix(s[e:], sep) && e+len(sep) < len(s) && isDigitAt(s, e+len(sep))) {
			return 0, 0, false
		}
		// mobile groups in spaces, with spaces around them, may be cells of a row (收案 156 2345
		// 1234 件): with cells they are not reported, but they are masked all the same (联系人张三
		// 139 1234 5678 李四). An ID's check digit is evidence enough.
		if r, _ := utf8.DecodeRuneInString(sep); row && cells && !isID && unicode.IsSpace(r) && i > 0 && e < len(s) {
			before, _ := utf8.DecodeLastRuneInString(s[:i])
			after, _ := utf8.DecodeRuneInString(s[e:])
			if unicode.IsSpace(before) && unicode.IsSpace(after) {
				return 0, 0, false
			}
		}
		if isID && !validIDCard(string(num), year) || !isID && !isMobile(string(num), cfg) {
			return 0, 0, false
		}
		return e, k + len(lengths), true
	}
	if ids {
		for _, lengths := range cfg.IDGroups {
			if e, nx, ok := try(lengths, true); ok {
				return i, e, true, nx, true
			}
		}
	}
	if cfg.Mobile {
		for _, lengths := range cfg.MobileGroups {
			if e, nx, ok := try(lengths, false); ok {
				return i, e, false, nx, true
			}
		}
	}
	return 0, 0, false, 0, false
}

// serialNumber says whether s[i:end] is framed as a serial number (第139-1234-5678号), which a
// phone number never is.
func serialNumber(s string, i, end int, cfg *rules.PII) bool {
	for _, f := range cfg.NotMobileBetween {
		if len(f) == 2 && strings.HasSuffix(s[:i], f[0]) && strings.HasPrefix(s[end:], f[1]) {
			return true
		}
	}
	return false
}

// isMobile says whether 11 ASCII digits are a mobile number.
func isMobile(digits string, cfg *rules.PII) bool {
	return len(digits) == 11 && digits[0] == '1' && hasPrefixAny(digits, cfg.MobilePrefixes)
}

// hasWideDigit says whether s holds a full-width digit (０–９, EF BC 90–99).
func hasWideDigit(s string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], "\xef\xbc")
		if j < 0 || i+j+2 >= len(s) {
			return false
		}
		i += j + 2
		if c := s[i]; c >= 0x90 && c <= 0x99 {
			return true
		}
	}
}

// digitAt returns the ASCII digit that a half- or full-width digit at s[i] stands for, and its
// length in bytes (0 when there is none).
func digitAt(s string, i int) (byte, int) {
	switch c := s[i]; {
	case c >= '0' && c <= '9':
		return c, 1
	case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && s[i+2] >= 0x90 && s[i+2] <= 0x99:
		return '0' + s[i+2] - 0x90, 3
	}
	return 0, 0
}

func isDigitAt(s string, i int) bool {
	_, n := digitAt(s, i)
	return n > 0
}

// checkCharAt returns the length of the check character X (x, Ｘ, ｘ) at s[i], 0 if none.
func checkCharAt(s string, i int) int {
	switch {
	case i >= len(s):
		return 0
	case s[i] == 'X' || s[i] == 'x':
		return 1
	case strings.HasPrefix(s[i:], "Ｘ") || strings.HasPrefix(s[i:], "ｘ"):
		return 3
	}
	return 0
}

// separatorAt returns the separator of rules.toml [pii] at s[i] and its length in bytes.
func separatorAt(s string, i int, cfg *rules.PII) (string, int) {
	for _, sep := range cfg.Separators {
		if sep != "" && strings.HasPrefix(s[i:], sep) {
			return sep, len(sep)
		}
	}
	return "", 0
}

func lastRuneLen(s string) int {
	_, n := utf8.DecodeLastRuneInString(s)
	return n
}

func runeCount(s string) int { return utf8.RuneCountInString(s) }

// digitGroups returns the byte ranges of the runs of half- and full-width digits in s.
func digitGroups(s string) [][2]int {
	var groups [][2]int
	for i := 0; i < len(s); {
		_, n := digitAt(s, i)
		if n == 0 {
			i++
			continue
		}
		j := i + n
		for j < len(s) {
			_, n := digitAt(s, j)
			if n == 0 {
				break
			}
			j += n
		}
		groups = append(groups, [2]int{i, j})
		i = j
	}
	return groups
}

// normalise appends to b the digits (as ASCII) and check characters (as X) of s, and nothing
// else of it.
func normalise(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		if c, n := digitAt(s, i); n > 0 {
			b = append(b, c)
			i += n
			continue
		}
		if n := checkCharAt(s, i); n > 0 {
			b = append(b, 'X')
			i += n
			continue
		}
		i++
	}
	return b
}

// precededByAreaCode tells a landline (0719-13912345) from a mobile number.
func precededByAreaCode(s string, i int) bool {
	return i > 0 && (s[i-1] == '-' || s[i-1] == '#')
}

// validIDCard checks a mainland resident ID number: region, birth date, ISO 7064 MOD 11-2.
func validIDCard(id string, reportYear int) bool {
	if id[0] < '1' || id[0] > '8' {
		return false
	}
	year := atoiDigits(id[6:10])
	month := atoiDigits(id[10:12])
	day := atoiDigits(id[12:14])
	maxYear := 2099
	if reportYear > 0 {
		maxYear = reportYear + 1
	}
	if year < 1900 || year > maxYear || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return false
	}
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for k := 0; k < 17; k++ {
		sum += int(id[k]-'0') * weights[k]
	}
	check := "10X98765432"[sum%11]
	last := id[17]
	if last == 'x' {
		last = 'X'
	}
	return last == check
}

func atoiDigits(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// MaskPII hides the middle of an ID number (first 6 and last 4 characters shown) or a mobile
// number (first 3 and last 4 digits shown, and the country code before them) however it is
// written: 110105********002X, 139-****-5678, １３９＊＊＊＊５６７８. Only digits are replaced,
// each by an asterisk of its width and length in bytes, so the text keeps its length and its
// separators.
func MaskPII(s string) string {
	var d [24]byte
	n := len(normalise(d[:0], s))
	keepHead := 3
	switch {
	case n >= 15:
		keepHead = 6
	case n > 11:
		keepHead = 3 + n - 11 // the country code
	}
	if n <= keepHead+4 {
		keepHead, n = 0, n+4 // hide every digit
	}
	return maskDigits(s, keepHead, n-4)
}

// maskDigits replaces the digits of s from the from-th to before the to-th (counted from 0, as
// normalise counts them) with asterisks: * for an ASCII digit, ＊ for a full-width one.
func maskDigits(s string, from, to int) string {
	b := []byte(s)
	k := 0
	for i := 0; i < len(s); {
		_, n := digitAt(s, i)
		if n == 0 {
			n = checkCharAt(s, i)
		}
		if n == 0 {
			i++
			continue
		}
		if k >= from && k < to {
			if _, dn := digitAt(s, i); dn == 1 {
				b[i] = '*'
			} else if dn == 3 {
				copy(b[i:], "＊")
			}
		}
		k++
		i += n
	}
	return string(b)
}

// maskSource hides the personal data found in the document's lines in the lines a result
// quotes, each masked character where it stands in the file, even when a number was cut by a
// line break. A line's characters are counted once however many numbers it holds, and each
// quoted line is rewritten once, so that a line of 30,000 numbers costs what its length does.
func (doc *Document) maskSource(src []string, cfg *rules.PII) {
	type change struct {
		col int
		r   rune
	}
	var changes map[int][]change // by index in src
	for n := range doc.Lines {
		l := &doc.Lines[n]
		off, chars := 0, 0 // the characters of l.Text before off
		findPII(l.Text, l.Digits(), cfg, doc.Year, false, func(i, end int, _ bool) {
			if i < off {
				off, chars = 0, 0
			}
			chars += utf8.RuneCountInString(l.Text[off:i])
			off = i
			orig := l.Text[i:end]
			masked := MaskPII(orig) // the same characters, each of the same length
			for k, o := 0, 0; o < len(orig); k++ {
				r, size := utf8.DecodeRuneInString(orig[o:])
				m, _ := utf8.DecodeRuneInString(masked[o:])
				o += size
				if m == r {
					continue
				}
				p := doc.at(n+1, chars+k+1)
				if p.Line < 1 || p.Line > len(src) || p.Col < 1 {
					continue
				}
				if changes == nil {
					changes = map[int][]change{}
				}
				changes[p.Line-1] = append(changes[p.Line-1], change{p.Col, m})
			}
		})
	}
	for i, cs := range changes {
		line := []rune(src[i])
		for _, c := range cs {
			if c.col <= len(line) {
				line[c.col-1] = c.r
			}
		}
		src[i] = string(line)
	}
}

// digitRuns returns the byte ranges of the runs of ASCII digits in s.
func digitRuns(s string) [][2]int {
	var runs [][2]int
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		runs = append(runs, [2]int{i, j})
		i = j
	}
	return runs
}

// A masker hides personal data in any text derived from one document: the numbers the
// detector finds in the text itself, and any digits that are part of a number found in the
// document (a quote that cut a number in two still hides what it shows of it).
type masker struct {
	cfg   *rules.PII
	year  int
	found []string // the personal numbers of the document, normalised (digits and X only)
}

// minFragment is the fewest digits taken for a piece of a personal number: shorter runs (a
// year, a count) say nothing about a person and are common in every report.
const minFragment = 7

func (m *masker) add(s string, runs [][2]int) {
	findPII(s, runs, m.cfg, m.year, false, func(i, end int, _ bool) {
		m.found = append(m.found, string(normalise(nil, s[i:end])))
	})
}

// mask returns s with personal data masked; s itself when there is none.
func (m *masker) mask(s string) string {
	if !m.cfg.IDCard && !m.cfg.Mobile {
		return s
	}
	groups, ascii := digitRuns(s), true
	if hasWideDigit(s) {
		groups, ascii = digitGroups(s), false
	}
	if len(groups) == 0 {
		return s
	}
	type span struct {
		i, end int
		whole  bool // a whole number, masked as MaskPII does; a piece is masked entirely
	}
	var hide []span
	findInGroups(s, groups, ascii, m.cfg, m.year, false, func(i, end int, _ bool) {
		// what looks like a number of its own may be a piece of a longer one (19491231002 of
		// an ID cut by a quote): hidden entirely, like any piece
		whole := len(m.found) == 0 || !m.piece(string(normalise(nil, s[i:end])))
		hide = append(hide, span{i, end, whole})
	})
	if len(m.found) > 0 {
		// pieces: groups of digits in a row, one separator between two (a piece of
		// 139-1234-5678 is 1234-5678), tried longest first
		inWhole := func(i, end int) bool {
			for _, h := range hide {
				if h.whole && h.i <= i && end <= h.end {
					return true
				}
			}
			return false
		}
		for a := 0; a < len(groups); {
			b := a
			for b+1 < len(groups) {
				if _, n := separatorAt(s, groups[b][1], m.cfg); n == 0 || groups[b][1]+n != groups[b+1][0] {
					break
				}
				b++
			}
			// groups a..b are joined by separators
			for x := a; x <= b; x++ {
				for y := b; y >= x; y-- {
					i, end := groups[x][0], groups[y][1]
					if inWhole(i, end) {
						continue
					}
					piece := string(normalise(nil, s[i:end]))
					if len(piece) < minFragment || !m.piece(piece) {
						continue
					}
					hide = append(hide, span{i, end, false})
					x = y
					break
				}
			}
			a = b + 1
		}
	}
	if len(hide) == 0 {
		return s
	}
	b := []byte(s)
	for _, h := range hide {
		if h.whole {
			copy(b[h.i:h.end], MaskPII(s[h.i:h.end]))
		} else {
			copy(b[h.i:h.end], maskDigits(s[h.i:h.end], 0, h.end-h.i))
		}
	}
	return string(b)
}

// piece says whether digits are part of, and not all of, a personal number of the document.
func (m *masker) piece(digits string) bool {
	for _, f := range m.found {
		if digits != f && strings.Contains(f, digits) {
			return true
		}
	}
	return false
}

// redact masks personal data in everything a result carries — messages, suggestions,
// templates, heading diffs, the quoted source lines, the title and unit — so that no renderer
// (every --format, every --report kind, the baseline file) can print it. It runs once, on the
// finished result, whether or not security/pii is on: a rule turned off or a suppressed finding
// does not make a number public.
func redact(res *Result, doc *Document, cfg *rules.PII) {
	m := masker{cfg: cfg, year: doc.Year}
	if !cfg.IDCard && !cfg.Mobile {
		return
	}
	for i := range doc.Lines {
		l := &doc.Lines[i]
		m.add(l.Text, l.Digits())
	}
	if len(m.found) == 0 {
		// Whatever a result says comes from the document's lines or the rule set: with no
		// personal number in the lines there is nothing to hide (and nothing more to scan).
		return
	}
	doc.maskSource(res.Source, cfg)
	for i, s := range res.Source {
		res.Source[i] = m.mask(s)
	}
	if r := res.Report; r != nil {
		r.Title, r.Unit = m.mask(r.Title), m.mask(r.Unit)
	}
	for i := range res.Diagnostics {
		d := &res.Diagnostics[i]
		d.Message, d.Suggestion, d.Template = m.mask(d.Message), m.mask(d.Suggestion), m.mask(d.Template)
		d.Diff = m.maskDiff(d.Diff)
	}
}

// maskDiff masks a heading diff as one text: a number may be split across its runs. The
// template's runs (Op -1) hold no personal data; the heading is the text of the others.
func (m *masker) maskDiff(ops []DiffOp) []DiffOp {
	var heading strings.Builder
	for _, op := range ops {
		if op.Op >= 0 {
			heading.WriteString(op.Text)
		}
	}
	h := heading.String()
	masked := m.mask(h)
	if masked == h {
		return ops
	}
	out := make([]DiffOp, len(ops))
	at := 0 // masking keeps byte lengths, so the runs cut the masked heading where they cut h
	for i, op := range ops {
		out[i] = op
		if op.Op >= 0 {
			out[i].Text = masked[at : at+len(op.Text)]
			at += len(op.Text)
		}
	}
	return out
}

// MaskLine masks personal data in a line of a file checked with this linter (for output that
// quotes a file directly, such as --diff).
func (l *Linter) MaskLine(s string) string {
	m := masker{cfg: &l.rules.Set.PII}
	return m.mask(s)
}
