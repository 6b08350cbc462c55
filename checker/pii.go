package checker

import (
	"fmt"
	"strings"
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
	Doc:      `年度报告要在政府网站公开，不得含有个人信息。本规则查找18位身份证号（校验码按 ISO 7064 MOD 11-2 计算正确、出生日期合理）和11位大陆手机号（号段在 rules.toml [pii] 中）。所有输出格式中的号码都已打码（110105********002X、139****5678），因为检查结果和 CI 日志也会被转发。`,
	Bad:      "联系人：张某，手机13912345678，身份证号11010519491231002X。",
	Good:     "咨询电话：0719-1234567，全年办理案件11010519件次，统一社会信用代码11420300MB1234567X。",
	Run:      runPII,
}

func runPII(p *Pass) {
	cfg := &p.Rules.PII
	p.Doc.TextLines(func(n int, l *Line) bool {
		findPII(l.Text, l.Digits(), cfg, p.Doc.Year, func(i, end int, id bool) {
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
// behind security/pii and the masking of every output (redact).
func findPII(s string, runs [][2]int, cfg *rules.PII, year int, found func(i, end int, id bool)) {
	if !cfg.IDCard && !cfg.Mobile {
		return
	}
	for _, run := range runs {
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
		case cfg.IDCard && len(digits) == 18 && validIDCard(digits, year):
			found(i, end, true)
		case cfg.Mobile && len(digits) == 11 && digits[0] == '1' && hasPrefixAny(digits, cfg.MobilePrefixes) && !precededByAreaCode(s, i):
			found(i, end, false)
		}
	}
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

// maskSource hides the personal data found in the document's lines in the lines a result
// quotes, each masked character where it stands in the file, even when a number was cut by a
// line break.
func (doc *Document) maskSource(src []string, cfg *rules.PII) {
	for n := range doc.Lines {
		l := &doc.Lines[n]
		findPII(l.Text, l.Digits(), cfg, doc.Year, func(i, end int, _ bool) {
			a := utf8.RuneCountInString(l.Text[:i])
			masked := MaskPII(l.Text[i:end]) // ASCII: a byte is a character
			for k := 0; k < len(masked); k++ {
				if masked[k] == l.Text[i+k] {
					continue
				}
				p := doc.at(n+1, a+k+1)
				if p.Line < 1 || p.Line > len(src) {
					continue
				}
				line := []rune(src[p.Line-1])
				if p.Col >= 1 && p.Col <= len(line) {
					line[p.Col-1] = rune(masked[k])
					src[p.Line-1] = string(line)
				}
			}
		})
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
// detector finds in the text itself, and any run of digits that is part of a number found in
// the document (a quote that cut a number in two still hides what it shows of it).
type masker struct {
	cfg   *rules.PII
	year  int
	found []string // the personal numbers of the document
}

// minFragment is the shortest run of digits taken for a piece of a personal number: shorter
// runs (a year, a count) say nothing about a person and are common in every report.
const minFragment = 7

func (m *masker) add(s string, runs [][2]int) {
	findPII(s, runs, m.cfg, m.year, func(i, end int, _ bool) {
		m.found = append(m.found, s[i:end])
	})
}

// mask returns s with personal data masked; s itself when there is none.
func (m *masker) mask(s string) string {
	if !m.cfg.IDCard && !m.cfg.Mobile {
		return s
	}
	runs := digitRuns(s)
	if len(runs) == 0 {
		return s
	}
	type span struct {
		i, end int
		whole  bool // a whole number, masked as MaskPII does; a piece is masked entirely
	}
	var hide []span
	findPII(s, runs, m.cfg, m.year, func(i, end int, _ bool) { hide = append(hide, span{i, end, true}) })
	if len(m.found) > 0 {
	runs:
		for _, r := range runs {
			if r[1]-r[0] < minFragment {
				continue
			}
			for _, h := range hide {
				if h.whole && h.i <= r[0] && r[1] <= h.end {
					continue runs
				}
			}
			run := s[r[0]:r[1]]
			for _, f := range m.found {
				if run != f && strings.Contains(f, run) {
					hide = append(hide, span{r[0], r[1], false})
					break
				}
			}
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
			for k := h.i; k < h.end; k++ {
				b[k] = '*'
			}
		}
	}
	return string(b)
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
