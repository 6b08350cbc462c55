package checker

import (
	"strings"
	"testing"
)

func TestParseHeading(t *testing.T) {
	tests := []struct {
		in      string
		ok      bool
		level   int
		ordinal int
		marker  string
		text    string
		style   bool
	}{
		{"一、主要举措和成效", true, LevelChapter, 1, "一、", "主要举措和成效", false},
		{"十二、其他", true, LevelChapter, 12, "十二、", "其他", false},
		{"二十一、其他", true, LevelChapter, 21, "二十一、", "其他", false},
		{"（一）深化改革", true, LevelSection, 1, "（一）", "深化改革", false},
		{"(二)坚持依法行政,依法全面履行政府职能", true, LevelSection, 2, "(二)", "坚持依法行政,依法全面履行政府职能", false},
		{"（三)混合括号", true, LevelSection, 3, "（三)", "混合括号", false},
		{"1.强化法治建设工作组织领导。健全完善法治工作领导机制", true, LevelItem, 1, "1.", "强化法治建设工作组织领导", false},
		{"2．全角点", true, LevelItem, 2, "2．", "全角点", false},
		{"3、顿号", true, LevelItem, 3, "3、", "顿号", false},
		{"（1）四级", true, LevelSubitem, 1, "（1）", "四级", false},
		{"(12)四级", true, LevelSubitem, 12, "(12)", "四级", false},
		{"一.点号", true, LevelChapter, 1, "一.", "点号", true},
		{"一）缺左括号", true, LevelSection, 1, "一）", "缺左括号", true},
		{"（一）、多了顿号", true, LevelSection, 1, "（一）、", "多了顿号", true},
		{"1)缺左括号", true, LevelSubitem, 1, "1)", "缺左括号", true},
		// Prose, not headings.
		{"一是依法规范重大行政决策。", false, 0, 0, "", "", false},
		{"一年来,盘州市法治政府建设工作", false, 0, 0, "", "", false},
		{"二十大维稳安保期间", false, 0, 0, "", "", false},
		{"2024年,武当山特区坚持", false, 0, 0, "", "", false},
		{"1.2万件", false, 0, 0, "", "", false},
		{"3.5%的案件", false, 0, 0, "", "", false},
		{"5、6月份开展", false, 0, 0, "", "", false},
		{"123.超过两位", false, 0, 0, "", "", false},
		{"（一", false, 0, 0, "", "", false},
		{"", false, 0, 0, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			h, ok := ParseHeading(tt.in)
			if ok != tt.ok {
				t.Fatalf("ParseHeading(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			}
			if !ok {
				return
			}
			if h.Level != tt.level || h.Ordinal != tt.ordinal || h.Marker != tt.marker || h.Text != tt.text || (h.Style != "") != tt.style {
				t.Errorf("ParseHeading(%q) = level %d ordinal %d marker %q text %q style %q; want %d %d %q %q style=%v",
					tt.in, h.Level, h.Ordinal, h.Marker, h.Text, h.Style, tt.level, tt.ordinal, tt.marker, tt.text, tt.style)
			}
		})
	}
}

func TestChineseNumeral(t *testing.T) {
	for v, want := range map[int]string{1: "一", 9: "九", 10: "十", 11: "十一", 20: "二十", 21: "二十一", 99: "九十九"} {
		if got := ChineseNumeral(v); got != want {
			t.Errorf("ChineseNumeral(%d) = %q, want %q", v, got, want)
		}
		if got, n := parseChineseNumber(want); got != v || n != len(want) {
			t.Errorf("parseChineseNumber(%q) = %d, %d; want %d, %d", want, got, n, v, len(want))
		}
	}
}

// normalizeHeading is the comparison sameHeading makes, written with a Replacer.
func normalizeHeading(s string) string {
	return strings.NewReplacer(" ", "", "\u3000", "", ",", "，", "(", "（", ")", "）", ":", "：", ";", "；").Replace(s)
}

// sameHeading compares two headings as their normalized copies compare, without making them.
func FuzzSameHeading(f *testing.F) {
	f.Add("一、2024年度法治政府建设的主要举措和成效", "一、2024年度法治政府建设的主要举措和成效")
	f.Add("二、存在的不足和原因（问题）", "二、存在的 不足和原因(问题)")
	f.Add("三、下一步工作安排:", "三、下一步工作安排：\u3000")
	f.Add("a,b;c", "a，b；c")
	f.Add("\xe3\x80", "\xe3\x80\x80")
	f.Add(strings.Repeat("法治政府建设", 30)+",", strings.Repeat("法治政府建设", 30)+"，")
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := sameHeading(a, b), normalizeHeading(a) == normalizeHeading(b); got != want {
			t.Errorf("sameHeading(%q, %q) = %v, want %v", a, b, got, want)
		}
		if !sameHeading(a, a) {
			t.Errorf("%q differs from itself", a)
		}
	})
}
