package input_test

import (
	"os"
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/linttest"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestSavedWebPageHasTheFindingsOfTheText(t *testing.T) {
	text, _ := readSeed(t, seed003)
	l := linttest.DefaultLinter(t)
	want := findings(t, l, "r.txt", []byte(text))
	for _, page := range []string{"003_7f633bab698fbd83.html", "003_7f633bab698fbd83.gbk.html"} {
		t.Run(page, func(t *testing.T) {
			data, err := os.ReadFile("../../testdata/html/" + page)
			if err != nil {
				t.Fatal(err)
			}
			got := findings(t, l, page, data)
			sameFindings(t, got, want)
			for _, f := range got {
				// The chrome around the report says 法制政府 and XX: none of it may be reported.
				if strings.Contains(f, "法制政府") || strings.Contains(f, "XX") {
					t.Errorf("a finding on the page's chrome: %s", f)
				}
			}
		})
	}
}

func TestHTMLText(t *testing.T) {
	for _, c := range []struct {
		name, page string
		want       []string
	}{
		{"blocks are lines, inline elements are not",
			`<body><h1>标题</h1><p>第一段<b>加粗</b>文字</p><div>甲<br>乙</div><ul><li>一</li><li>二</li></ul></body>`,
			[]string{"标题", "第一段加粗文字", "甲", "乙", "一", "二"}},
		{"white space collapses; a line break between Chinese characters disappears",
			"<p>\n   法治\n   政府  建设 a\n b\u3000c&nbsp;d </p>",
			[]string{"法治政府 建设 a b\u3000c\u00a0d"}},
		{"table rows are lines",
			`<table><tr><td>受理</td><td>120件</td></tr><tr><th>办结</th><td><p>118件</p></td></tr></table>`,
			[]string{"受理 120件", "办结", "118件"}},
		{"scripts, styles, navigation, page header and footer are dropped",
			`<head><title>标题</title><style>p{}</style></head><body><header>网站名</header><nav>首页</nav>
			<script>var a="脚本";</script><noscript>请启用</noscript><article><header><h1>报告标题</h1></header><p>正文</p></article>
			<footer>版权所有</footer><div style="display: none">隐藏</div></body>`,
			[]string{"报告标题", "正文"}},
		{"elements marked as chrome by class or id are dropped, unless they hold the page",
			`<div class="breadcrumb">首页 &gt; 政务公开</div><div id="share-box">分享到微信</div><div class="btn print">打印</div>
			<div class="pagination">上一页</div><p>正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文</p>`,
			[]string{"正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文"}},
		{"a content area with a chrome-like class is kept when it holds most of the text",
			`<div class="nav">首页</div><div class="menu-content"><p>一、主要举措和成效</p><p>很长的正文很长的正文很长的正文</p></div>`,
			[]string{"一、主要举措和成效", "很长的正文很长的正文很长的正文"}},
		{"pre keeps its lines",
			"<pre>一、甲\n  二、乙</pre>",
			[]string{"一、甲", "  二、乙"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			txt, err := input.DecodeHTML([]byte(c.page))
			if err != nil {
				t.Fatal(err)
			}
			sameLines(t, txt.Lines, c.want)
		})
	}
}

func TestHTMLCharsets(t *testing.T) {
	const report = "一、主要举措和成效"
	gbk := []byte{0xd2, 0xbb, 0xa1, 0xa2, 0xd6, 0xf7, 0xd2, 0xaa, 0xbe, 0xd9, 0xb4, 0xeb, 0xba, 0xcd, 0xb3, 0xc9, 0xd0, 0xa7}
	for _, c := range []struct {
		name string
		page []byte
		enc  string
	}{
		{"meta charset gbk", append([]byte(`<meta charset="gbk"><p>`), gbk...), input.UTF8},
		{"http-equiv gb2312", append([]byte(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312" /><p>`), gbk...), input.UTF8},
		{"meta GB18030 in capitals", append([]byte(`<META CHARSET=GB18030><p>`), gbk...), input.UTF8},
		{"undeclared GBK is detected and reported", append([]byte(`<p>`), gbk...), input.GB18030},
		{"UTF-8 with BOM", []byte("\xEF\xBB\xBF<p>" + report), input.UTF8BOM},
		{"UTF-8 without declaration", []byte("<p>" + report), input.UTF8},
		{"a wrong utf-8 declaration on a GBK page", append([]byte(`<meta charset="utf-8"><p>`), gbk...), input.GB18030},
	} {
		t.Run(c.name, func(t *testing.T) {
			txt, err := input.DecodeHTML(c.page)
			if err != nil {
				t.Fatal(err)
			}
			sameLines(t, txt.Lines, []string{report})
			if txt.Encoding != c.enc {
				t.Errorf("encoding %q, want %q", txt.Encoding, c.enc)
			}
		})
	}
}

func TestHTMLRefusesPagesWithoutText(t *testing.T) {
	for _, page := range []string{"", "<html><body><script>x</script></body></html>", "\x00\x01\x02binary"} {
		if _, err := input.DecodeHTML([]byte(page)); !input.IsUnreadable(err) {
			t.Errorf("DecodeHTML(%q): err = %v, want input.Unreadable", page, err)
		}
	}
}

// The charset is found as the WHATWG encoding sniffing algorithm finds it (issue 11.21).
func TestHTMLCharsetSniffing(t *testing.T) {
	const body = "<p>某县人民政府关于2024年度法治政府建设情况的报告</p>"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(body)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, page string
		want       string // "" for unreadable
	}{
		{"a UTF-8 page that says utf-16 is read as UTF-8, as browsers do",
			`<html><head><meta charset="utf-16"></head><body>` + body + `</body></html>`, "某县人民政府"},
		{"utf-16le in http-equiv too",
			`<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-16LE"></head><body>` + body + `</body></html>`, "某县人民政府"},
		{"a charset in a comment is not a declaration",
			`<html><head><!-- <meta charset="gbk"> --></head><body>` + body + `</body></html>`, "某县人民政府"},
		{"content without http-equiv does not count",
			`<html><head><meta name="x" content="charset=gbk"></head><body>` + body + `</body></html>`, "某县人民政府"},
		{"a GBK page declared in http-equiv",
			`<html><head><meta http-equiv="content-type" content='text/html;charset="gb2312"'></head><body>` + gbk + `</body></html>`, "某县人民政府"},
		{"iso-2022-kr decodes to nothing: unreadable",
			`<html><head><meta charset="iso-2022-kr"></head><body>` + body + `</body></html>`, ""},
	} {
		txt, err := input.DecodeHTML([]byte(tc.page))
		switch {
		case tc.want == "" && (err == nil || !strings.Contains(err.Error(), "不可解码")):
			t.Errorf("%s: err = %v, want unreadable", tc.name, err)
		case tc.want != "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && !strings.Contains(strings.Join(txt.Lines, "\n"), tc.want):
			t.Errorf("%s: read %q", tc.name, txt.Lines)
		}
	}
}

// LibreOffice exports a document's running header and footer to HTML as <div title="header">
// and <div title="footer">: the unit's name and the page number are not the report's text (a
// page number after 专此报告 hid the missing date, a header above the addressee the year).
func TestHTMLLeavesOutLibreOfficesRunningHeaderAndFooter(t *testing.T) {
	body := `<p>县人大常委会：</p><p>　　2024年，我局深入贯彻习近平法治思想。现将有关情况报告如下：</p><p>一、主要举措和成效</p><p>专此报告。</p>`
	plain, err := input.Read("r.html", []byte(`<html><body>`+body+`</body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	got, err := input.Read("r.html", []byte(`<html><body><div title="header"><p>某某县司法局</p></div>`+body+`<div title="footer"><p>— 1 —</p></div></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.Lines, "\n") != strings.Join(plain.Lines, "\n") {
		t.Errorf("lines %q, want %q", got.Lines, plain.Lines)
	}
}
