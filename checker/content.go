package checker

import (
	"fmt"
	"strings"
)

func init() {
	register(missingCauses, dutiesCoverage, emptySection, encodingCheck, unreadableCheck)
}

var missingCauses = &Check{
	ID:       "content/missing-causes",
	Severity: Warning,
	Summary:  "“存在的不足”部分只列问题，没有分析原因",
	Doc:      `法定的第二部分是“存在的不足和原因”：只罗列表现、不分析原因，是报告最常见的缺陷之一。本规则在该部分的正文（含其中的小标题，不含该部分自己的标题）中查找 rules.toml [causes] 列出的表述（原因、由于、究其、根源、受……影响等），一处都没有时提示：标题写着“不足和原因”、正文却只列问题，正是要指出的情形。`,
	Bad:      "2024年，本县法治政府建设取得新成效。\n一、存在的问题\n基层法治力量薄弱，执法规范化水平有待提升。",
	Good:     "2024年，本县法治政府建设取得新成效。\n一、存在的问题和原因\n基层法治力量薄弱，执法规范化水平有待提升。主要原因是乡镇编制不足，培训不够。",
	Run:      runMissingCauses,
}

func runMissingCauses(p *Pass) {
	part := p.Doc.Parts["deficiencies"]
	if part == nil || p.m.causes == nil {
		return
	}
	// The part's own heading is not content: 「存在的不足和原因」 over a list of symptoms is the
	// case to catch. Its body (subheadings such as 「（二）原因分析」 included) must give causes.
	for s := range p.Doc.PartLines(part) {
		if p.m.causes.MatchString(s) {
			return
		}
	}
	h := part.Heading
	msg := fmt.Sprintf("“%s”部分只列了问题的表现，没有分析原因（如“原因”“由于”“究其根源”）", part.Rule.Name)
	if h == nil {
		return // an implicit part has no heading to point at; only the measures part is implicit
	}
	for _, re := range p.Rules.Causes.Patterns {
		if w := re.Re().FindString(h.Text); w != "" {
			msg = fmt.Sprintf("“%s”部分的标题写了“%s”，正文却只列了问题的表现，没有分析原因（如“由于”“究其根源”“主要原因是”）", part.Rule.Name, w)
			break
		}
	}
	p.Report(Diagnostic{Line: h.Line, Column: h.Column, EndColumn: h.Column + runeLen(h.Full()), Message: msg})
}

var dutiesCoverage = &Check{
	ID:       "content/duties-coverage",
	Severity: Warning,
	Summary:  "第一责任人职责部分涉及的职责太少",
	Doc:      `《党政主要负责人履行推进法治建设第一责任人职责规定》列出主要负责人的职责。“第一责任人职责”部分应写到其中几项：研究部署法治建设、重大行政决策法定程序、尊重司法和出庭应诉、领导干部学法、年终述法、法治督察与整改等（rules.toml [duties]）。涉及的职责少于 min_groups 项时提示，并列出未涉及的项。这是合理性检查，不是法律要求。`,
	Bad:      "2024年，本县法治政府建设取得新成效。\n一、党政主要负责人履行推进法治建设第一责任人职责情况\n县政府主要负责人高度重视法治建设，带头推动各项工作落实落地，取得明显成效。",
	Good:     "2024年，本县法治政府建设取得新成效。\n一、党政主要负责人履行推进法治建设第一责任人职责情况\n县政府主要负责人主持常务会议专题研究法治建设，组织会前学法12次，年终述法，带头出庭应诉。",
	Run:      runDutiesCoverage,
}

func runDutiesCoverage(p *Pass) {
	part := p.Doc.Parts["duties"]
	if part == nil || len(p.Rules.Duties.Groups) == 0 {
		return
	}
	var covered, missing []string
	for i, found := range p.m.duties.Matched(p.Doc.PartLines(part)) {
		name := p.Rules.Duties.Groups[i].Name
		if found {
			covered = append(covered, name)
		} else {
			missing = append(missing, name)
		}
	}
	h := part.Heading
	if len(covered) >= p.Rules.Duties.MinGroups || h == nil {
		return // an implicit part (a rule set may make any part one) has no heading to point at
	}
	got := "未涉及任何一项"
	if len(covered) > 0 {
		got = fmt.Sprintf("只涉及%d项（%s）", len(covered), quotedAll(covered))
	}
	p.Report(Diagnostic{
		Line: h.Line, Column: h.Column, EndColumn: h.Column + runeLen(h.Full()),
		Message: fmt.Sprintf("“%s”部分%s，至少应写到%d项第一责任人职责；未涉及：%s",
			part.Rule.Name, got, p.Rules.Duties.MinGroups, quotedAll(missing)),
	})
}

// quotedAll quotes each name, as “组织领导、研究部署”“年终述法”: a group's name may itself hold a
// 、, so joining the names with 、 would not show where one ends.
func quotedAll(names []string) string {
	var b strings.Builder
	for _, n := range names {
		b.WriteString(quoted(n))
	}
	return b.String()
}

var emptySection = &Check{
	ID:       "content/empty-section",
	Severity: Warning,
	Summary:  "某一部分几乎没有内容",
	Doc:      `有标题、没有实质内容的部分（只有一两句话）等于没写。各部分的最少字数（只计汉字）在 rules.toml 各 [[parts]] 的 min_chars 中设置；“其他需要报告的情况”可以只写“无”。`,
	Bad:      "2024年，本县法治政府建设取得新成效。\n一、主要举措和成效\n见附件。\n二、存在的问题和原因\n基层法治力量薄弱，主要原因是乡镇编制不足，培训不够，经费保障不到位。",
	Good:     "2024年，本县法治政府建设取得新成效。\n一、主要举措和成效\n全面推行行政执法“三项制度”，审核规范性文件12件，办理行政复议案件30件，组织全县执法人员培训4期，开展案卷评查2次，向社会公布行政执法决定，主动接受社会监督，推动严格规范公正文明执法。\n二、存在的问题和原因\n基层法治力量薄弱，主要原因是乡镇编制不足，培训不够，经费保障不到位。",
	Run:      runEmptySection,
}

func runEmptySection(p *Pass) {
	for _, part := range p.Doc.PartOrder {
		if part.Rule.MinChars <= 0 {
			continue
		}
		n := 0
		for s := range p.Doc.PartLines(part) {
			if n += countHan(s, part.Rule.MinChars-n); n >= part.Rule.MinChars {
				break // enough: the count is shown only when it falls short
			}
		}
		h := part.Heading
		if n >= part.Rule.MinChars || h == nil {
			continue // an implicit part is taken only when its text says enough (findParts)
		}
		p.Report(Diagnostic{
			Line: h.Line, Column: h.Column, EndColumn: h.Column + runeLen(h.Full()),
			Message: fmt.Sprintf("“%s”部分几乎没有内容（正文%d字，至少应有%d字）", part.Rule.Name, n, part.Rule.MinChars),
		})
	}
}

var encodingCheck = &Check{
	ID:       "input/encoding",
	Severity: Info,
	Summary:  "文件不是 UTF-8，已按 GB18030 或 UTF-16 解码",
	Doc:      `fzlint 能读 UTF-8（带或不带 BOM）、GB18030/GBK 和带 BOM 的 UTF-16 文本，检查结果与编码无关。非 UTF-8 的文件在网站发布和交换时容易出现乱码，建议另存为 UTF-8。`,
	Run: func(p *Pass) {
		switch p.Doc.Encoding {
		case "", "UTF-8", "UTF-8 (BOM)":
			return
		}
		p.Report(Diagnostic{Line: 1, Message: fmt.Sprintf("文件编码为 %s，已自动转换；建议另存为 UTF-8", p.Doc.Encoding)})
	},
}

var unreadableCheck = &Check{
	ID:       "input/unreadable",
	Severity: Error,
	Summary:  "无法读取的文件（二进制、空文件、损坏或无法识别的编码），已跳过",
	Doc:      `fzlint 读取 .txt、.md、.docx、.doc、.wps、.odt、.pdf、.ofd、.html。二进制文件、空文件、损坏或加密的文件、没有文字层的扫描件 PDF、无法识别的编码，以及 .rtf、.wpt、.ceb 等不读取的格式，都无法检查：fzlint 报告原因，跳过该文件，继续检查其余文件，退出码为 2。不读取的格式请在 Word 或 WPS 中另存为 .docx。`,
	// The engine reports this rule itself when a file cannot be decoded; no document exists.
	Run: func(*Pass) {},
}
