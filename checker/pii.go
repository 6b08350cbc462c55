package checker

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

func init() {
	register(pii)
}

var pii = &Check{
	ID:       "security/pii",
	Severity: Error,
	Summary:  "要公开的报告中含有身份证号或手机号（输出中已打码）",
	Doc:      `年度报告要在政府网站公开，不得含有个人信息。本规则查找18位身份证号（校验码按 ISO 7064 MOD 11-2 计算正确、出生日期合理）和11位大陆手机号（号段在 rules.toml [pii] 中）。所有输出格式中的号码都已打码（110105********002X、139****5678），因为检查结果和 CI 日志也会被转发。`,
	Bad:      "联系人：张某，手机13912345678，身份证号11010519491231002X。",
	Good:     "咨询电话：0719-1234567，全年办理案件11010519件次，统一社会信用代码11420300MB1234567X。",
	Run:      runPII,
}

func runPII(p *Pass) {
	cfg := p.Rules.PII
	if !cfg.IDCard && !cfg.Mobile {
		return
	}
	p.Doc.TextLines(func(n int, l *Line) bool {
		s := l.Text
		for _, run := range l.Digits() {
			i, j := run[0], run[1]
			if n := j - i; n != 11 && n != 17 && n != 18 || i > 0 && isAlnum(s[i-1]) {
				continue
			}
			end := j
			if j-i == 17 && j < len(s) && (s[j] == 'X' || s[j] == 'x') {
				end = j + 1
			}
			if end < len(s) && isAlnum(s[end]) {
				continue
			}
			digits := s[i:end]
			switch {
			case cfg.IDCard && len(digits) == 18 && validIDCard(digits, p.Doc.Year):
				d := p.At(n, i, end)
				d.Message = fmt.Sprintf("疑似身份证号%s：要公开的报告不得含有个人信息", MaskPII(digits))
				p.Report(d)
			case cfg.Mobile && len(digits) == 11 && digits[0] == '1' && hasPrefixAny(digits, cfg.MobilePrefixes) && !precededByAreaCode(s, i):
				d := p.At(n, i, end)
				d.Message = fmt.Sprintf("疑似手机号%s：要公开的报告不得含有个人信息", MaskPII(digits))
				p.Report(d)
			}
		}
		return true
	})
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
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

// MaskPII hides the middle of an ID number (first 6 and last 4 shown) or a mobile number
// (first 3 and last 4 shown).
func MaskPII(s string) string {
	n := utf8.RuneCountInString(s)
	keepHead := 3
	if n >= 15 {
		keepHead = 6
	}
	if n <= keepHead+4 {
		return strings.Repeat("*", n)
	}
	return s[:keepHead] + strings.Repeat("*", n-keepHead-4) + s[n-4:]
}

// maskSource hides personal data in the lines a result carries, so that renderers quoting the
// source never print it.
func (doc *Document) maskSource(src []string, ds []Diagnostic) {
	for _, d := range ds {
		if d.Rule != pii.ID || d.Line < 1 || d.Line > len(doc.Lines) {
			continue
		}
		rs := []rune(doc.Lines[d.Line-1].Text)
		a, b := d.Column-1, d.EndColumn-1
		if a < 0 || b > len(rs) || a >= b {
			continue
		}
		masked := []rune(MaskPII(string(rs[a:b])))
		// Each masked character is masked where it stands in the file, even when the number
		// was cut by a line break.
		for k, r := range masked {
			if r == rs[a+k] {
				continue
			}
			p := doc.at(d.Line, a+k+1)
			if p.Line < 1 || p.Line > len(src) {
				continue
			}
			line := []rune(src[p.Line-1])
			if p.Col >= 1 && p.Col <= len(line) {
				line[p.Col-1] = r
				src[p.Line-1] = string(line)
			}
		}
	}
}
