package checker

import (
	"strings"
	"testing"

	"github.com/fzlint/fzlint/rules"
)

// TestPIIForms holds the detector to the ways a personal number is written in a report (the
// rule set's [pii]) and to the numbers of ordinary report text that look like them.
func TestPIIForms(t *testing.T) {
	cfg := &rules.Defaults().PII
	find := func(s string) (got []string) {
		findPII(s, digitRuns(s), cfg, 2024, true, func(i, end int, id bool) {
			kind := "手机"
			if id {
				kind = "身份证"
			}
			got = append(got, kind+":"+MaskPII(s[i:end]))
		})
		return got
	}
	found := []struct{ in, want string }{
		// as before: one run of ASCII digits
		{"联系人张某，手机13912345678。", "手机:139****5678"},
		{"身份证号11010519491231002X。", "身份证:110105********002X"},
		{"身份证号11010519491231002x。", "身份证:110105********002x"},
		{"第13912345679件", "手机:139****5679"}, // 第… without 号 is not a serial number
		// full-width digits, as Word documents often have them
		{"身份证号１１０１０５１９４９１２３１００２Ｘ，", "身份证:１１０１０５＊＊＊＊＊＊＊＊００２Ｘ"},
		{"身份证号１１０１０５１９４９１２３１００２ｘ，", "身份证:１１０１０５＊＊＊＊＊＊＊＊００２ｘ"},
		{"手机１３９１２３４５６７８。", "手机:１３９＊＊＊＊５６７８"},
		{"手机１３９1234５６７８。", "手机:１３９****５６７８"}, // widths mixed
		// groups
		{"手机139-1234-5678。", "手机:139-****-5678"},
		{"手机139 1234 5678。", "手机:139 **** 5678"},
		{"手机 139 1234 5678。", "手机:139 **** 5678"},
		{"手机139.1234.5678。", "手机:139.****.5678"},
		{"手机139－1234－5678。", "手机:139－****－5678"},
		{"手机139　1234　5678。", "手机:139　****　5678"},
		{"身份证号110105 19491231 002X。", "身份证:110105 ******** 002X"},
		{"身份证号110105-19491231-0021。", ""}, // check digit wrong: not found (see below)
		// the country code
		{"手机+8613912345678。", "手机:+86139****5678"},
		{"手机8613912345678。", "手机:86139****5678"},
		{"手机+86 139 1234 5678。", "手机:+86 139 **** 5678"},
		{"手机+86-139-1234-5678。", "手机:+86-139-****-5678"},
		{"手机+86 13912345678。", "手机:+86 139****5678"},
		{"手机＋８６ １３９ １２３４ ５６７８。", "手机:＋８６ １３９ ＊＊＊＊ ５６７８"},
		// next to letters
		{"ID11010519491231002X", "身份证:110105********002X"},
		{"XX11010519491231002X。", "身份证:110105********002X"},
		{"Tel13912345678", "手机:139****5678"},
		{"Tel:13912345678Fax", "手机:139****5678"},
		// two in a line
		{"张某１３９１２３４５６７８，李某139-8765-4321。", "手机:１３９＊＊＊＊５６７８|手机:139-****-4321"},
	}
	for _, tc := range found {
		if got := strings.Join(find(tc.in), "|"); got != tc.want {
			t.Errorf("%q: found %q, want %q", tc.in, got, tc.want)
		}
	}
	notFound := []string{
		"2024-2025年", "2024年1月1日至2024年12月31日", "〔2024〕12号", "鲁政办字〔2024〕139号",
		"咨询电话0537-7321185", "0537-13912345678", "010-13912345678", "电话(0537)7321185",
		"12345678901234567890", "1391234567890", "139123456789", "1391234567",
		"统一社会信用代码11420300MB1234567X", "91370800MA3C12345X",
		"全年办理案件11010519件次", "金额139,123.45万元", "收入1391234.5678万元",
		"第139-1234-5678号", "许可证第13912345678号", "第１３９１２３４５６７８号",
		"受理 156 2345 1234 98 件", "12 139 1234 5678", "139 1234 5678 90",
		"139-1234-5678-9", "1-139-1234-5678", "139-1234 5678", "139-12345-678", "1391-234-5678",
		"120-1234-5678", "86 139 1234 5678", "+87 139 1234 5678", "+8612345678901",
		"110105 19491231 0021", "110105 19491231 002", "110105 1949 1231 002X", "1101051949 1231002X",
		"11010519491231002X5", "11010519491231002", "10010519491231002X", // region 0: not an ID
		"110105-19491231-002X号码", // below: with a separator, found
	}
	for _, s := range notFound[:len(notFound)-1] {
		if got := find(s); len(got) > 0 {
			t.Errorf("%q: found %q, want nothing", s, got)
		}
	}
	if got := find("110105-19491231-002X号码"); len(got) != 1 {
		t.Errorf("an ID in groups with dashes: found %q", got)
	}
	// Mobile groups between spaces may be a table's cells: not reported, but masked all the
	// same, as what looks like one is hidden in every output; an ID there is reported (its
	// check digit is evidence enough).
	for _, tc := range []struct{ in, reported, masked string }{
		{"联系人张三 139 1234 5678 李四", "", "联系人张三 139 **** 5678 李四"},
		{"收案 156 2345 1234 件", "", "收案 156 **** 1234 件"},
		{"张三 110105 19491231 002X 李四", "身份证:110105 ******** 002X", "张三 110105 ******** 002X 李四"},
	} {
		if got := strings.Join(find(tc.in), "|"); got != tc.reported {
			t.Errorf("%q: reported %q, want %q", tc.in, got, tc.reported)
		}
		m := masker{cfg: cfg, year: 2024}
		m.add(tc.in, digitRuns(tc.in))
		if got := m.mask(tc.in); got != tc.masked {
			t.Errorf("%q: masked as %q, want %q", tc.in, got, tc.masked)
		}
	}
}

// TestPIIMaskingOfTheNewForms: whatever the form, the masked text keeps its length in bytes
// and its separators and shows no run of the hidden digits, and a quote that cut such a number
// still hides what it shows of it.
func TestPIIMaskingOfTheNewForms(t *testing.T) {
	cfg := &rules.Defaults().PII
	m := masker{cfg: cfg, year: 2024}
	doc := "身份证号１１０１０５１９４９１２３１００２Ｘ，手机139-1234-5678，电话+86 138 8765 4321，证件110105 19491231 002X。"
	m.add(doc, digitRuns(doc))
	if len(m.found) != 4 {
		t.Fatalf("found %q, want four numbers", m.found)
	}
	tests := []struct{ in, want string }{
		{doc, "身份证号１１０１０５＊＊＊＊＊＊＊＊００２Ｘ，手机139-****-5678，电话+86 138 **** 4321，证件110105 ******** 002X。"},
		{"…１９４９１２３１００２Ｘ，手机", "…＊＊＊＊＊＊＊＊＊＊＊Ｘ，手机"}, // a piece of the full-width ID
		{"手机139-1234-56", "手机***-****-**"},         // cut at the end
		{"…1234-5678，电话", "…****-****，电话"},         // cut at the start
		{"电话+86 138 8765", "电话+** *** ****"},       // the country code and the start
		{"…19491231 002X。", "…******** ***X。"},     // the end of the grouped ID
		{"2024年收案139件，1234件", "2024年收案139件，1234件"}, // other numbers stay
	}
	for _, tc := range tests {
		got := m.mask(tc.in)
		if got != tc.want {
			t.Errorf("mask(%q) =\n%q, want\n%q", tc.in, got, tc.want)
		}
		if len(got) != len(tc.in) {
			t.Errorf("mask(%q) changed the length in bytes: %d → %d", tc.in, len(tc.in), len(got))
		}
	}
}
