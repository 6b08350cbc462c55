package checker

import (
	"fmt"
	"sort"
	"strings"

	"github.com/fzlint/fzlint/rules"
)

// skeletonBodies are the prompts under each part's heading. They are bracketed as
// 【请填写：…】 so that language/placeholder flags every one the drafter has not replaced, and
// they are written so that the skeleton passes the structure and content rules as it is.
var skeletonBodies = map[string]string{
	"measures":     "【请填写：本年度推进法治政府建设的主要举措和成效，按依法全面履行政府职能、依法行政制度体系、重大行政决策、行政执法、权力制约监督、化解矛盾纠纷等方面分列，用数据说明成效】",
	"deficiencies": "【请填写：存在的不足，逐条写明表现，并分析原因，说明不足产生的主客观根源】",
	"duties":       "【请填写：党政主要负责人研究部署法治建设、主持常务会议专题研究法治政府建设、组织会前学法、落实重大行政决策合法性审查、带头出庭应诉、年终述法、推动法治督察反馈问题整改的情况】",
	"plan":         "【请填写：下一年度推进法治政府建设的主要安排，写明重点任务、责任单位和工作措施】",
	"other":        "无。",
}

// Skeleton returns a report that passes every structural rule for year y: a title, a first
// sentence naming the year, each part of that year's structure under its template heading,
// the closing formula, the signature and a date before the profile's deadline. Its wording
// names no document or event of a particular year, so that no year finds it stale.
func Skeleton(rs *rules.Set, y int, profile, unit string) string {
	if unit == "" {
		unit = "××县人民政府"
		if profile == "department" {
			unit = "××县司法局"
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s关于%d年度法治政府建设情况的报告\n\n", unit, y)
	fmt.Fprintf(&b, "%d年，%s认真贯彻落实党中央、国务院关于法治政府建设的决策部署，依法全面履行政府职能。现将有关情况报告如下：\n\n", y, unit)
	parts := make([]*rules.Part, 0, len(rs.Parts))
	for i := range rs.Parts {
		if rs.Parts[i].InStructure(y) {
			parts = append(parts, &rs.Parts[i])
		}
	}
	sort.SliceStable(parts, func(i, j int) bool { return parts[i].Ordinal < parts[j].Ordinal })
	n := 0
	for _, p := range parts {
		n++
		fmt.Fprintf(&b, "%s%s\n", Marker(LevelChapter, n), templateText(p, y))
		body := skeletonBodies[p.ID]
		if body == "" {
			body = "【请填写：" + p.Name + "】"
		}
		if p.ID == "plan" {
			body = fmt.Sprintf("%d年，", y+1) + body
		}
		fmt.Fprintf(&b, "%s\n\n", body)
	}
	month, day := 2, 20
	if prof, ok := rs.Profiles[profile]; ok && (prof.Deadline.Month < month || prof.Deadline.Month == month && prof.Deadline.Day <= day) {
		month, day = prof.Deadline.Month, 1
		if month == 1 {
			day = 1
		}
	}
	fmt.Fprintf(&b, "特此报告。\n\n%s\n%d年%d月%d日\n", unit, y+1, month, day)
	return b.String()
}
