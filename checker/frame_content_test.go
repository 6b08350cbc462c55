package checker_test

import (
	"strings"
	"testing"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/input"
)

// A page as a government site serves it: banner with the site's name and a date of another
// year, welcome line, breadcrumb, metadata table, a column name, the title split over two
// lines, the body, and a footer with ICP/公网安备 numbers, a telephone and 【返回顶部】.
var pageLines = []string{
	"凤台县人民政府 2019年3月4日 星期一",
	"欢迎访问凤台县人民政府网站",
	"网站首页 → 政务公开 → 法治政府建设 → 年度报告",
	"索引号: 11340000-2024-0001 | 发布机构: 凤台县司法局",
	"文号: | 成文日期: 2024-02-26",
	"工作报告",
	"凤台县人民政府关于2023年度法治政府建设",
	"工作的报告",
	"2023年，我县坚持以习近平法治思想为指导，扎实推进依法行政，现将有关情况报告如下。",
	"一、2023年度推进法治政府建设的主要举措和成效",
	"全面推行行政执法“三项制度”，全年办理行政复议案件30件。",
	"二、2023年度推进法治政府建设存在的不足和原因",
	"基层法治力量薄弱，原因是编制不足。",
	"三、2023年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
	"县长主持召开专题会议4次，研究解决法治建设重大问题。",
	"四、2024年度推进法治政府建设的主要安排",
	"继续深化“放管服”改革，全面提升依法行政水平。",
	"【返回顶部】",
	"主办单位：凤台县人民政府办公室  承办：凤台县数据资源局",
	"网站标识码：XXXXXXXXXX  皖ICP备XXXXXXXX号  皖公网安备 34000002000001号",
	"联系电话：13812345678",
}

const (
	pageTitleLine = 7
	pageBodyEnd   = 17
)

func checkPage(t *testing.T, name string, res checker.Result) {
	t.Helper()
	r := res.Report
	if r.Title != "凤台县人民政府关于2023年度法治政府建设工作的报告" || r.Year != 2023 {
		t.Errorf("%s: title %q year %d; want the title split over two lines and 2023, not the banner's year", name, r.Title, r.Year)
	}
	if r.Sections["measures"] == 0 || r.Sections["plan"] == 0 {
		t.Errorf("%s: parts %v", name, r.Sections)
	}
	for _, d := range res.Diagnostics {
		if d.Line < pageTitleLine || d.Line > pageBodyEnd {
			t.Errorf("%s: a finding in the site's chrome: %d:%d %s %s", name, d.Line, d.Column, d.Rule, d.Message)
		}
		if d.Rule == "structure/title" || d.Rule == "structure/year-unknown" || d.Rule == "language/placeholder" || d.Rule == "security/pii" {
			t.Errorf("%s: %s %s", name, d.Rule, d.Message)
		}
	}
}

// TestReportFoundByContent: chrome the chrome list does not know (banner, breadcrumb, metadata,
// column name, footer) gives no title, year, date or finding; the title is the line that reads
// as one wherever it stands.
func TestReportFoundByContent(t *testing.T) {
	l := linterFor(t)
	text := strings.Join(pageLines, "\n") + "\n"
	checkPage(t, "text", l.CheckBytes("page.txt", []byte(text), checker.Options{}))

	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>凤台县人民政府</title></head><body>\n")
	for i, s := range pageLines {
		switch {
		case i == 3 || i == 4:
			cells := strings.Split(s, "|")
			b.WriteString("<table><tr>")
			for _, c := range cells {
				b.WriteString("<td>" + strings.TrimSpace(c) + "</td>")
			}
			b.WriteString("</tr></table>\n")
		default:
			b.WriteString("<div>" + s + "</div>\n")
		}
	}
	b.WriteString("</body></html>\n")
	txt, err := input.DecodeHTML([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	res := l.CheckText("page.html", txt, checker.Options{})
	r := res.Report
	if r.Title != "凤台县人民政府关于2023年度法治政府建设工作的报告" || r.Year != 2023 {
		t.Errorf("html: title %q year %d", r.Title, r.Year)
	}
	for _, d := range res.Diagnostics {
		if d.Rule == "structure/title" || d.Rule == "structure/year-unknown" || d.Rule == "language/placeholder" || d.Rule == "security/pii" {
			t.Errorf("html: %s %s", d.Rule, d.Message)
		}
		if strings.Contains(res.Source[d.Line-1], "2019") || strings.Contains(res.Source[d.Line-1], "ICP") {
			t.Errorf("html: a finding in the site's chrome: %d %s %s", d.Line, d.Rule, d.Message)
		}
	}
}

// TestReportEndIsNotAFooter: a report's own last lines (date, contact person) stay the
// report's when no site footer follows; a footer needs a line that names the site.
func TestReportEndIsNotAFooter(t *testing.T) {
	text := "某县司法局关于2023年度法治政府建设情况的报告\n2023年，我局扎实推进依法行政，现将有关情况报告如下。\n" +
		"一、2023年度推进法治政府建设的主要举措和成效\n全面推行行政执法“三项制度”。\n特此报告。\n某县司法局\n2024年2月20日\n联系电话：13812345678\n"
	res := linterFor(t).CheckBytes("r.txt", []byte(text), checker.Options{})
	pii := false
	for _, d := range res.Diagnostics {
		if d.Rule == "security/pii" && d.Line == 8 {
			pii = true
		}
		if d.Rule == "structure/deadline" && strings.Contains(d.Message, "没有成文日期") {
			t.Errorf("the date line was taken for chrome: %s", d.Message)
		}
	}
	if !pii {
		t.Error("the report's own telephone line was taken for a site footer")
	}
}

// TestBannerSloganAboveTheTitle: a sentence above the title (a site's banner slogan, which ends
// with 。 as a first paragraph does) is the site's: the title and its year are the report's, and
// nothing is found in the slogan. Without a title after it, the first sentence stays the body's.
func TestBannerSloganAboveTheTitle(t *testing.T) {
	l := linterFor(t)
	page := "• 高举中国特色社会主义伟大旗帜,全面贯彻习近平新时代中国特色社会主义思想,为全面建设社会主义现代化国家而团结奋斗。\n\n" +
		"司法信息\n\n沈阳市人民政府关于2025年法治政府建设情况的报告\n\n时间:2026-02-25         来源:依法行政指导处\n\n" +
		"2025年，沈阳市坚持以习近平法治思想为指导，现将有关情况报告如下。\n\n一、2025年度推进法治政府建设的主要举措和成效\n\n全面推行行政执法“三项制度”。\n"
	res := l.CheckBytes("page.txt", []byte(page), checker.Options{})
	if r := res.Report; r.Title != "沈阳市人民政府关于2025年法治政府建设情况的报告" || r.Year != 2025 {
		t.Errorf("title %q year %d; want the line under the banner and 2025", r.Title, r.Year)
	}
	for _, d := range res.Diagnostics {
		if d.Line < 5 || d.Rule == "structure/title" || d.Rule == "structure/year-unknown" {
			t.Errorf("%d:%d %s %s", d.Line, d.Column, d.Rule, d.Message)
		}
	}

	untitled := "2025年，我局坚持以习近平法治思想为指导，现将有关情况报告如下。\n一、2025年度推进法治政府建设的主要举措和成效\n全面推行行政执法“三项制度”。\n"
	res = l.CheckBytes("r.txt", []byte(untitled), checker.Options{})
	missing := false
	for _, d := range res.Diagnostics {
		missing = missing || d.Rule == "structure/title" && d.Line == 1
	}
	if !missing || res.Report.Year != 2025 {
		t.Errorf("a report without a title: title finding %v, year %d", missing, res.Report.Year)
	}
}

// A title whose last line is letter-spaced (情 况 报 告), as printed titles often are, is one
// title with that line; a line of characters set side by side, or holding anything else, is not
// read as letter-spaced.
func TestLetterSpacedTitleLine(t *testing.T) {
	l := linterFor(t)
	body := "\n自治区党委、自治区人民政府：\n2025年，民政厅坚持以习近平法治思想为指导，现将有关情况报告如下。\n一、2025年度推进法治政府建设的主要举措和成效\n全面推行行政执法“三项制度”。\n"
	for _, tc := range []struct{ last, title string }{
		{"情 况 报 告", "民政厅关于2025年度法治政府建设情况报告"},
		{"情　况　报　告", "民政厅关于2025年度法治政府建设情况报告"},
		{"情况报 告", ""},
	} {
		res := l.CheckBytes("r.txt", []byte("民政厅关于2025年度法治政府建设\n"+tc.last+body), checker.Options{})
		var title []string
		for _, d := range res.Diagnostics {
			if d.Rule == "structure/title" {
				title = append(title, d.Message)
			}
		}
		if tc.title != "" && (res.Report.Title != tc.title || len(title) > 0) {
			t.Errorf("%q: title %q %q; want %q and no finding", tc.last, res.Report.Title, title, tc.title)
		}
		if tc.title == "" && len(title) == 0 {
			t.Errorf("%q: title %q taken whole; the line is not letter-spaced", tc.last, res.Report.Title)
		}
	}
}

// The opening paragraph's clause that announces the report (现将…报告如下) gives the year when
// the first sentence names none: a year before the subject, or the only year it writes outside
// 《》; a year before the subject in another sentence does not, nor a clause with two years.
func TestYearFromTheAnnouncingSentence(t *testing.T) {
	l := linterFor(t)
	rest := "\n一、推进法治政府建设的主要举措和成效\n全面推行行政执法“三项制度”。\n"
	for _, tc := range []struct {
		opening string
		year    int
	}{
		{"在省委、省政府的坚强领导下，省生态环境厅扎实推进依法治污。现将我厅2025年法治政府建设工作情况报告如下：", 2025},
		{"在省委的坚强领导下，我局扎实推进依法行政；现将2024年度法治政府建设情况汇报如下。", 2024},
		{"在省委的坚强领导下，我局扎实推进依法行政。我局在2024年法治政府建设考核中获评优秀。现将有关情况报告如下：", 0},
		{"一年来，我局圆满完成年度法治建设任务。现将2025年相关工作情况报告如下。", 2025},
		{"一年来，我局圆满完成年度法治建设任务。现将2025年度法治政府建设情况和2026年工作安排报告如下：", 2025},
		{"一年来，我局圆满完成年度法治建设任务。现将2025年工作情况和2026年工作打算报告如下：", 0},
		{"一年来，我局圆满完成年度法治建设任务。根据《2024年工作要点》要求，现将《2024年工作要点》落实情况报告如下：", 0},
	} {
		res := l.CheckBytes("r.txt", []byte(tc.opening+rest), checker.Options{})
		if res.Report.Year != tc.year {
			t.Errorf("%s: year %d, want %d", tc.opening, res.Report.Year, tc.year)
		}
	}
}

// A first sentence that opens with a preposition or its predicate (按照…，现将…) names no subject:
// the unit is not taken from it, and a missing title is shown with （发文机关）.
func TestNoUnitFromAnOpeningPreposition(t *testing.T) {
	l := linterFor(t)
	rest := "\n一、推进法治政府建设的主要举措和成效\n全面推行行政执法“三项制度”。\n"
	for _, tc := range []struct{ opening, unit string }{
		{"按照中共中央办公厅、国务院办公厅《法治政府建设与责任落实督察工作规定》相关要求，现将2025年度法治政府建设情况报告如下。", ""},
		{"根据市委办公室要求，现将2025年度法治政府建设情况报告如下。", ""},
		{"2025年，我局根据市委办公室要求，扎实推进法治政府建设。", "我局"},
	} {
		res := l.CheckBytes("r.txt", []byte(tc.opening+rest), checker.Options{})
		if res.Report.Unit != tc.unit {
			t.Errorf("%s: unit %q, want %q", tc.opening, res.Report.Unit, tc.unit)
		}
	}
}

// A page that writes no title line of its own but names the title in its metadata table
// (标 题:…) has that title: no missing-title finding, and the title's checks read it (its year is
// the report's). A field that does not read as the report's title, or a page with a title line
// of its own, is not taken.
func TestTitleFromThePagesMetadata(t *testing.T) {
	l := linterFor(t)
	body := "2025年，我局深入推进依法行政，现将工作情况报告如下：\n一、2025年度推进法治政府建设主要举措和成效\n全面推行行政执法“三项制度”。\n"
	for _, tc := range []struct {
		head, title, finding string
		year                 int
	}{
		{"| 标 题:武乡县住建局 关于2025年法治政府建设情况的报告 | |\n", "武乡县住建局 关于2025年法治政府建设情况的报告", "", 2025},
		{"| 标 题: | 厦门市应急管理局关于2025年度法治政府建设情况的报告 | ||\n", "厦门市应急管理局关于2025年度法治政府建设情况的报告", "", 2025},
		{"名 称: 某局2025年法治政府建设情况总结\n", "", "缺少标题", 2025},
		{"标题: 某局2024年度法治政府建设情况报告\n", "某局2024年度法治政府建设情况报告", "", 2024},
		{"标题: 某局2025年度依法行政工作\n", "", "缺少标题", 2025},
		{"名称: 武乡县住建局关于2025年度法治政府建设情况的报告\n武乡县住建局2025年度法治政府建设报告\n", "武乡县住建局2025年度法治政府建设报告", "", 2025},
	} {
		res := l.CheckBytes("r.txt", []byte(tc.head+body), checker.Options{})
		var title []string
		for _, d := range res.Diagnostics {
			if d.Rule == "structure/title" {
				title = append(title, d.Message)
			}
		}
		if res.Report.Title != tc.title || res.Report.Year != tc.year {
			t.Errorf("%q: title %q, year %d; want %q, %d", tc.head, res.Report.Title, res.Report.Year, tc.title, tc.year)
		}
		if got := strings.Join(title, "\n"); tc.finding == "" && got != "" || !strings.Contains(got, tc.finding) {
			t.Errorf("%q: title findings %q, want one containing %q", tc.head, title, tc.finding)
		}
	}
}

// A title broken over two lines by a page's width (a PDF of a Word file whose title is longer
// than a line) is one title wherever the break falls: before its 报告 or inside it, after 关于
// anywhere, inside the year or a word of the subject. A line above a whole title that does not
// go on into it (a site's name) is not taken.
func TestTitleBrokenByThePageWidth(t *testing.T) {
	l := linterFor(t)
	body := "\n2025年，我局深入推进依法行政，现将工作情况报告如下：\n一、2025年度推进法治政府建设主要举措和成效\n全面推行行政执法“三项制度”。\n"
	for _, tc := range []struct {
		head, title string
		findings    int // of the title itself (the whole title lacks 法治政府建设 and says 总结)
	}{
		{"鲤城区人民政府金龙街道办事处关于2025\n年度法治政府建设情况的报告", "鲤城区人民政府金龙街道办事处关于2025年度法治政府建设情况的报告", 0},
		{"中共汉中市委汉中市人民政府关于2025年\n度法治政府建设工作情况的报告", "中共汉中市委汉中市人民政府关于2025年度法治政府建设工作情况的报告", 0},
		{"通州湾示范区2025年法治政府建设情况报\n告", "通州湾示范区2025年法治政府建设情况报告", 0},
		{"新疆维吾尔自治区人民政府关于2025年法\n治政府建设工作的报告", "新疆维吾尔自治区人民政府关于2025年法治政府建设工作的报告", 0},
		{"珠山区文广旅局关于2025年法治建设工作\n总结的报告", "珠山区文广旅局关于2025年法治建设工作总结的报告", 2},
		{"高举中国特色社会主义伟大旗帜，为全面建设社会主义现代化国家而团结奋斗。\n沈阳市人民政府关于2025年法治政府建设\n情况的报告", "沈阳市人民政府关于2025年法治政府建设情况的报告", 0},
		{"某某区人民政府网\n某区2025年度法治政府建设情况报告", "某区2025年度法治政府建设情况报告", 0},
	} {
		res := l.CheckBytes("r.txt", []byte(tc.head+body), checker.Options{})
		if res.Report.Title != tc.title {
			t.Errorf("%q: title %q, want %q", tc.head, res.Report.Title, tc.title)
		}
		var found []string
		for _, d := range res.Diagnostics {
			if d.Rule == "structure/title" {
				found = append(found, d.Message)
			}
		}
		if len(found) != tc.findings {
			t.Errorf("%q: title findings %q, want %d", tc.head, found, tc.findings)
		}
	}
}
