package checker

import (
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
	for pattern, want := range map[string]string{
		`[\[【]\s*(我要)?打印\s*[\]】]`: "打印",
		`视力保护色`:                   "视力保护色",
		`总结.*报告`:                  "总结",
		`(?i)abc\d`:               "",
		`(打印|关闭)`:                 "",
		`[`:                       "",
	} {
		if got := requiredLiteral(pattern); got != want {
			t.Errorf("requiredLiteral(%q) = %q, want %q", pattern, got, want)
		}
	}
	if _, ok := anchoredFirstRunes(`^(上一篇|下一篇)`); !ok {
		t.Error("an anchored alternation of literals has known first runes")
	}
	if _, ok := anchoredFirstRunes(`视力保护色`); ok {
		t.Error("an unanchored pattern has no first-rune set")
	}
}
