package checker

import (
	"testing"

	"github.com/fzlint/fzlint/rules"
)

func TestRequiredLiteral(t *testing.T) {
	for pat, want := range map[string]string{
		`^今天是`:                    "今天是",
		`返回顶部`:                    "返回顶部",
		`[\[【]\s*(我要)?打印\s*[\]】]`: "打印",
		`^(上一篇|下一篇)`:              "",
		`(?i)print`:               "",
		`^发布(时间|日期)[:：]`:          "发布",
		`a|b`:                     "",
		`(`:                       "",
		`^(字号|字体)[:：\s]*[\[【(（]`:  "",
	} {
		if got := requiredLiteral(pat); got != want {
			t.Errorf("requiredLiteral(%q) = %q, want %q", pat, got, want)
		}
	}
}

func TestPatternSetMatchesLikeTheAlternation(t *testing.T) {
	var ps rules.Patterns
	for _, p := range []string{`^今天是`, `返回顶部`, `[\[【]\s*(我要)?打印\s*[\]】]`, `^(上一篇|下一篇)`, `(?i)^print$`} {
		var r rules.Regexp
		if err := r.UnmarshalText([]byte(p)); err != nil {
			t.Fatal(err)
		}
		ps = append(ps, r)
	}
	set, any := newPatternSet(ps), ps.Any()
	for _, s := range []string{"今天是星期一", "【返回顶部】", "[ 打印 ]", "【我要打印】", "上一篇：通知", "PRINT", "打印", "正文今天是", "", "二、存在的问题"} {
		if got, want := set.MatchString(s), any.MatchString(s); got != want {
			t.Errorf("%q: set %v, alternation %v", s, got, want)
		}
	}
}
