package checker

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	fzlint "github.com/fzlint/fzlint"
	"github.com/fzlint/fzlint/rules"
)

// TestLineMatcherAgreesWithRegexp: the chrome matcher, which skips patterns by their first
// character, decides every line as the joined regular expression does.
func TestLineMatcherAgreesWithRegexp(t *testing.T) {
	rs, err := rules.Load("rules.toml", fzlint.DefaultRules, rules.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lm, re := newLineMatcher(rs.Document.Chrome), rs.Document.Chrome.Any()
	lines := []string{
		"今天是:", "当前位置:首页/聚焦盘州/通知公告", "您现在的位置：首页", "字号:[ ]  [我要打印][关闭] 视力保护色:",
		"字号：【大】【中】【小】", "【打印本页】【关闭窗口】", "[打印] [关闭]", "上一篇:", "下一篇：关于……", "发布时间:2023-03-10 17:18:55 来源:通州湾",
		"来源：市司法局", "浏览次数：123", "返回顶部", "分享到：", "扫一扫在手机打开", "首页 > 政务公开",
		"一、主要举措和成效", "2024年，全区共收到行政复议申请16件。", "打印", "关闭", "今天", "（一）当前位置", "",
		"县人大常委会：", "专此报告。", "点击数：10", "阅读量：5", "【 我要打印 】", "[打印 ]", "打 印",
	}
	for _, l := range lines {
		if got, want := lm.MatchString(l), re.MatchString(l); got != want {
			t.Errorf("%q: lineMatcher %v, regexp %v", l, got, want)
		}
	}
	for pattern, want := range map[string][]string{
		`[\[【]\s*(我要)?打印\s*[\]】]`: {"打印"},
		`视力保护色`:                   {"视力保护色"},
		`总结.*报告`:                  {"总结"},
		`(?i)abc\d`:               nil,
		`(打印|关闭)`:                 {"打印", "关闭"},
		`\S\s*(→|＞|»)\s*\S`:       {"»", "→", "＞"},
		`(首页|主页)\s*(→|＞|>|»|/)`:   {"首页", "主页"},
		`星期[一二三四五六日天]`:            {"星期"},
		`x?[a-z]`:                 nil,
		`(a|b*)c?`:                nil,
		`(ab){2,}`:                {"ab"},
		`[`:                       nil,
	} {
		if got := requiredPhrases(pattern); !slices.Equal(got, want) {
			t.Errorf("requiredPhrases(%q) = %q, want %q", pattern, got, want)
		}
	}
	for pattern, want := range map[string]string{`人民政府$`: "人民政府", `[县市区]$`: "", `^局$`: "", `政府`: "", `(?i)ab$`: ""} {
		if got := literalSuffix(pattern); got != want {
			t.Errorf("literalSuffix(%q) = %q, want %q", pattern, got, want)
		}
	}
	if _, ok := anchoredFirstRunes(`^(上一篇|下一篇)`); !ok {
		t.Error("an anchored alternation of literals has known first runes")
	}
	if _, ok := anchoredFirstRunes(`视力保护色`); ok {
		t.Error("an unanchored pattern has no first-rune set")
	}
}

// FuzzLineMatcher: whatever the line, the chrome and footer matchers decide as the joined
// regular expressions of their patterns do, and every line a pattern matches holds one of the
// phrases that guard it.
func FuzzLineMatcher(f *testing.F) {
	rs, err := rules.Load("rules.toml", fzlint.DefaultRules, rules.Options{})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"首页 > 政务公开", "首页→通知", "a » b", "今天是2024年1月1日 星期一", "【 我要打印 】", "网站地图", "主办单位：某县人民政府", "一、主要举措和成效", "x＞y", "主页/"} {
		f.Add(s)
	}
	lists := []rules.Patterns{rs.Document.Chrome, rs.Document.Footer, rs.Document.FooterLines, userPatterns(f)}
	var lms []*lineMatcher
	for _, ps := range lists {
		lms = append(lms, newLineMatcher(ps))
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, ps := range lists {
			if got, want := lms[i].MatchString(s), ps.Any().MatchString(s); got != want {
				t.Errorf("%q: lineMatcher %v, regexp %v", s, got, want)
			}
			for _, p := range ps {
				if must := requiredPhrases(p.String()); must != nil && p.Re().MatchString(s) && !containsAny(s, must) {
					t.Errorf("%q matches %s but holds none of %q", s, p, must)
				}
			}
		}
	})
}

// userPatterns are patterns a user's config may hold that the default rules do not: a phrase
// written as a regexp, and phrases anchored at both ends, which match a whole line only (a
// phrase matcher would find 打印 in 请打印本页).
func userPatterns(f *testing.F) rules.Patterns {
	var ps rules.Patterns
	for _, src := range []string{`^打印$`, `(收藏)`, `a\.b`, `^Copyright$`, `\A首页\z`} {
		var r rules.Regexp
		if err := r.UnmarshalText([]byte(src)); err != nil {
			f.Fatal(err)
		}
		ps = append(ps, r)
	}
	for _, s := range []string{"打印", "请打印本页", "收藏本页", "a.b", "axb", "Copyright", "Copyright 2024", "首页", "回首页"} {
		f.Add(s)
	}
	return ps
}

// A pattern set decides as the joined regular expression of its patterns does, whichever way
// each pattern is matched (phrase, phrase at the end, regexp).
func TestPatternSetAgreesWithRegexp(t *testing.T) {
	rs, err := rules.Load("rules.toml", fzlint.DefaultRules, rules.Options{})
	if err != nil {
		t.Fatal(err)
	}
	units := []string{"某县人民政府", "某县", "某市司法局", "人民政府办公室", "政府", "开发区管委会", "某局长", "街道办", "某区卫生健康委员会", "某乡镇", ""}
	for _, ps := range []rules.Patterns{rs.Unit.Government, rs.Unit.Department} {
		set, re := newPatternSet(ps), ps.Any()
		for _, u := range units {
			if got, want := set.MatchString(u), re.MatchString(u); got != want {
				t.Errorf("%q: pattern set %v, regexp %v", u, got, want)
			}
		}
	}
}

// FuzzPatternSet: whatever the line, every pattern set of the rules (units, causes, parts,
// duties groups) decides as the joined regular expression of its patterns does, its guard
// phrases included.
func FuzzPatternSet(f *testing.F) {
	rs, err := rules.Load("rules.toml", fzlint.DefaultRules, rules.Options{})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"受疫情影响，部分工作推迟", "受编制限制", "其他需要报告的事项", "主要负责同志履行推进法治建设第一责任人职责", "存在的主要问题", "问题和不足", "听取法治政府建设工作汇报", "某县人民政府", "某市司法局"} {
		f.Add(s)
	}
	lists := []rules.Patterns{rs.Unit.Government, rs.Unit.Department, rs.Causes.Patterns, userPatterns(f)}
	for _, p := range rs.Parts {
		lists = append(lists, p.Patterns)
	}
	for _, g := range rs.Duties.Groups {
		lists = append(lists, g.Patterns)
	}
	var sets []*patternSet
	var res []*regexp.Regexp
	for _, ps := range lists {
		sets = append(sets, newPatternSet(ps))
		res = append(res, ps.Any())
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, set := range sets {
			if got, want := set.MatchString(s), res[i].MatchString(s); got != want {
				t.Errorf("%q: pattern set %v, regexp %s %v", s, got, res[i], want)
			}
		}
	})
}

// The duties groups, matched at once, are those whose joined regular expression matches a line.
func TestPatternGroupsAgreeWithRegexp(t *testing.T) {
	rs, err := rules.Load("rules.toml", fzlint.DefaultRules, rules.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var groups []rules.Patterns
	for _, g := range rs.Duties.Groups {
		groups = append(groups, g.Patterns)
	}
	pg := newPatternGroups(groups)
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	seen := map[bool]int{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		// Each seed, and each stretch of ten lines of it, as a part.
		for from := 0; from < len(lines); from += 10 {
			part := lines[from:min(from+10, len(lines))]
			if from == 0 {
				part = lines
			}
			got := pg.Matched(slices.Values(part))
			for i, ps := range groups {
				re, want := ps.Any(), false
				for _, l := range part {
					want = want || re.MatchString(l)
				}
				if got[i] != want {
					t.Errorf("%s lines %d–: group %d matched %v, regexp %v", f, from+1, i, got[i], want)
				}
				seen[want]++
			}
		}
	}
	if seen[true] == 0 || seen[false] == 0 {
		t.Errorf("the seeds should give both outcomes: %v", seen)
	}
}

// FuzzBranches: a pattern at a time, guarded by its required phrases, finds what the joined
// regular expression finds (the leftmost match, the first pattern's at a tie), for every
// pattern list of the rules and for lists whose patterns overlap and tie.
func FuzzBranches(f *testing.F) {
	rs, err := rules.Load("rules.toml", fzlint.DefaultRules, rules.Options{})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"2024年，XX县共召开会议*次，审核规范性文件____件。", "3+X功能", "【 】【请填写】", "某某单位○○", "AX县x县", "**＊件", "ab", "abc", "aab"} {
		f.Add(s)
	}
	lists := []rules.Patterns{rs.Placeholders.Patterns, rs.Causes.Patterns, rs.Document.Chrome, rs.Document.Footer}
	var tie rules.Patterns
	for _, p := range []string{`a+`, `ab`, `(?i)B`, `^a`, `b|c$`} {
		var r rules.Regexp
		if err := r.UnmarshalText([]byte(p)); err != nil {
			f.Fatal(err)
		}
		tie = append(tie, r)
	}
	lists = append(lists, tie)
	f.Fuzz(func(t *testing.T, s string) {
		for _, ps := range lists {
			if got, want := newBranches(ps).FindStringIndex(s), ps.Any().FindStringIndex(s); !slices.Equal(got, want) {
				t.Errorf("%q: branches %v, joined regexp %v (%s)", s, got, want, ps.Any())
			}
		}
	})
}
