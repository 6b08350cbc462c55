package checker

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/fzlint/fzlint/rules"
)

func init() {
	register(missingSection, sectionOrder, headingTemplate, headingNumbering, titleCheck, deadline, yearUnknown)
}

var missingSection = &Check{
	ID:       "structure/missing-section",
	Severity: Error,
	Summary:  "缺少法定部分（举措和成效、不足和原因、第一责任人职责、下一年度安排）",
	Doc: `《法治政府建设与责任落实督察工作规定》要求年度报告写明：上一年度推进法治政府建设的主要举措和成效；存在的不足和原因；党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况；下一年度的主要安排（“其他需要报告的情况”可选）。
单列“第一责任人职责”部分的要求来自2019年施行的督察工作规定，2019年度以前的报告不要求这一部分（各部分适用的年度写在 rules.toml 的 required_from / required_until 中，fzlint template --year 按同样的年度生成）。
各部分按 rules.toml 中的标题模式在一级标题（一、二、……）中查找，不要求与模板逐字相同。在其他部分里顺带提到“第一责任人职责”、或把它写成其他部分下的一个小节，都不能代替单独的一部分：本规则会指出这一处的位置。`,
	Bad:  "2024年，本县法治政府建设取得新成效。\n一、主要举措和成效\n全面推行行政执法“三项制度”，审核规范性文件12件，办理行政复议案件30件。\n二、存在的问题和原因\n基层法治力量薄弱，主要原因是编制不足。\n三、下一步工作打算\n2025年，继续深化行政执法体制改革。",
	Good: "2024年，本县法治政府建设取得新成效。\n一、主要举措和成效\n全面推行行政执法“三项制度”，审核规范性文件12件，办理行政复议案件30件。\n二、存在的问题和原因\n基层法治力量薄弱，主要原因是编制不足。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n县政府主要负责人主持常务会议学法4次，专题研究法治建设，年终述法。\n四、下一步工作打算\n2025年，继续深化行政执法体制改革。",
	Run:  runMissingSection,
}

func runMissingSection(p *Pass) {
	d := p.Doc
	for i := range p.Rules.Parts {
		rp := &p.Rules.Parts[i]
		if !rp.RequiredIn(d.Year) || d.Parts[rp.ID] != nil {
			continue
		}
		tpl := templateHeading(p.Rules, rp, d.Year)
		msg := fmt.Sprintf("缺少“%s”部分：%s，模板标题为“%s”", rp.Name, requirement(rp), tpl)
		diag := Diagnostic{Template: tpl}
		if h := d.findSubsection(rp, p.m.parts[rp.ID]); h != nil {
			// Written as a subsection of another part: say so, and point at its heading.
			msg += fmt.Sprintf("；第%d行“%s”是“%s”部分下的一个小节，应把它提为一级标题，单列一部分", h.Line, h.Full(), d.PartAt(h.Line).Rule.Name)
			diag.Line, diag.Column, diag.EndColumn = h.Line, h.Column, h.Column+runeLen(h.Full())
		} else if n, col, in := d.findMention(rp); n > 0 {
			where := "正文中"
			if in != nil {
				where = fmt.Sprintf("“%s”部分中", in.Rule.Name)
			}
			mention := d.mentionText(rp, n)
			msg += fmt.Sprintf("；%s在%s只是顺带提到“%s”，不能代替单独的部分", d.lineName(n), where, mention)
			diag.Line, diag.Column, diag.EndColumn = n, col, col+runeLen(mention)
		} else {
			diag.Line = d.insertionLine(rp, p.Rules)
		}
		diag.Message = msg
		p.Report(diag)
	}
}

// findSubsection finds a lower-level heading (（一）, 1.) that names a part, inside one of the
// parts it is written into (folded_into): the part written as a subsection.
func (d *Document) findSubsection(rp *rules.Part, names *patternSet) *Heading {
	if len(rp.FoldedInto) == 0 {
		return nil
	}
	for _, h := range d.Headings {
		if h.Level == LevelChapter || !(rp.Mention.Valid() && rp.Mention.Re().MatchString(h.Text)) && (names == nil || !names.MatchString(h.Text)) {
			continue
		}
		if in := d.PartAt(h.Line); in != nil && slices.Contains(rp.FoldedInto, in.ID) {
			return h
		}
	}
	return nil
}

// findMention finds the first passing mention of a part's subject in the body: its line,
// rune column, and the part that holds it.
func (d *Document) findMention(rp *rules.Part) (int, int, *Part) {
	if !rp.Mention.Valid() {
		return 0, 0, nil
	}
	for n := d.BodyStart; n <= d.BodyEnd && n <= len(d.Lines); n++ {
		l := &d.Lines[n-1]
		if l.Chrome {
			continue
		}
		if loc := rp.Mention.Re().FindStringIndex(l.Text); loc != nil {
			return n, runeCol(l.Text, loc[0]), d.PartAt(n)
		}
	}
	return 0, 0, nil
}

func (d *Document) mentionText(rp *rules.Part, n int) string {
	loc := rp.Mention.Re().FindStringIndex(d.Lines[n-1].Text)
	if loc == nil {
		return ""
	}
	return d.quote(n, loc[0], loc[1])
}

// insertionLine is where a missing part belongs: the heading of the first present part that
// follows it in the template, else the end of the body.
func (d *Document) insertionLine(rp *rules.Part, rs *rules.Set) int {
	best := 0
	for i := range rs.Parts {
		o := &rs.Parts[i]
		if o.Ordinal > rp.Ordinal && d.Parts[o.ID] != nil {
			if best == 0 || o.Ordinal < best {
				best = o.Ordinal
			}
		}
	}
	for i := range rs.Parts {
		if rs.Parts[i].Ordinal == best && best > 0 {
			return d.Parts[rs.Parts[i].ID].Start
		}
	}
	if d.BodyEnd >= 1 {
		return d.BodyEnd
	}
	return 1
}

// templateText fills {Y} and {Y+1} in a part's template. An unknown year is written as “Y”.
func templateText(rp *rules.Part, year int) string {
	y, y1 := "Y", "Y+1"
	if year > 0 {
		y, y1 = strconv.Itoa(year), strconv.Itoa(year+1)
	}
	// The template has at most two placeholders; replace them without building a Replacer.
	return strings.ReplaceAll(strings.ReplaceAll(rp.Template, "{Y+1}", y1), "{Y}", y)
}

// templateText is templateText, the same string for every report of a year (every report's
// headings are compared with their parts' templates): filled once a part and year, for the
// years from 2000 to 2099.
func (m *matchers) templateText(rp *rules.Part, year int) string {
	if year < 2000 || year >= 2100 {
		return templateText(rp, year)
	}
	return m.templates.get(templateKey{rp, year}, func() string { return templateText(rp, year) })
}

type templateKey struct {
	part *rules.Part
	year int
}

// templateHeading is the template with its ordinal marker in the structure of that year:
// 三、2024年度…
func templateHeading(rs *rules.Set, rp *rules.Part, year int) string {
	return Marker(LevelChapter, structureOrdinal(rs, rp, year)) + templateText(rp, year)
}

// structureOrdinal is a part's place among the parts of year y's structure: a part the year
// does not have (the duties part before 2019) moves the later ones up.
func structureOrdinal(rs *rules.Set, rp *rules.Part, y int) int {
	n := 0
	for i := range rs.Parts {
		if q := &rs.Parts[i]; q.Ordinal <= rp.Ordinal && (q == rp || q.InStructure(y)) {
			n++
		}
	}
	return n
}

// requirement says why and since when a part must stand on its own: “根据《…》，2019年度起的
// 报告应单列一部分”, or only “应单列一部分” when the rule set names neither.
func requirement(rp *rules.Part) string {
	s := "应单列一部分"
	if rp.RequiredFrom > 0 {
		s = fmt.Sprintf("%d年度起的报告", rp.RequiredFrom) + s
	}
	if rp.Basis != "" {
		s = "根据" + rp.Basis + "，" + s
	}
	return s
}

var sectionOrder = &Check{
	ID:       "structure/section-order",
	Severity: Warning,
	Summary:  "各部分顺序不对（不足和原因应在举措成效之后，下一年度安排应在两者之后）",
	Doc:      `报告各部分的先后是相对的：“存在的不足和原因”应在“主要举措和成效”之后，“下一年度主要安排”应在这两部分之后。“第一责任人职责”部分放在最前（不少真实报告如此）不算顺序错误。约束写在 rules.toml 的 [[order]] 中。`,
	Bad:      "2024年，本县法治政府建设取得新成效。\n一、下一步工作打算\n2025年，继续深化行政执法体制改革，推进严格规范公正文明执法。\n二、主要举措和成效\n全面推行行政执法“三项制度”，审核规范性文件12件，办理行政复议案件30件，组织执法人员培训。\n三、存在的问题和原因\n基层法治力量薄弱，主要原因是编制不足。",
	Good:     "2024年，本县法治政府建设取得新成效。\n一、主要举措和成效\n全面推行行政执法“三项制度”，审核规范性文件12件，办理行政复议案件30件，组织执法人员培训。\n二、存在的问题和原因\n基层法治力量薄弱，主要原因是编制不足。\n三、下一步工作打算\n2025年，继续深化行政执法体制改革，推进严格规范公正文明执法。",
	Run:      runSectionOrder,
}

func runSectionOrder(p *Pass) {
	d := p.Doc
	reported := map[string]bool{}
	for _, o := range p.Rules.Order {
		first, then := d.Parts[o.First], d.Parts[o.Then]
		if first == nil || then == nil || first.Start < then.Start || reported[o.Then] || then.Heading == nil {
			continue // an implicit part (no heading) starts the body: no part can stand before it
		}
		reported[o.Then] = true
		h := then.Heading
		p.Report(Diagnostic{
			Line: then.Start, Column: h.Column, EndColumn: h.Column + runeLen(h.Full()),
			Message: fmt.Sprintf("“%s”部分应放在“%s”部分（%s）之后", then.Rule.Name, first.Rule.Name, d.lineName(first.Start)),
		})
	}
}

var headingTemplate = &Check{
	ID:       "structure/heading-template",
	Severity: Info,
	Summary:  "部分标题中读者会改的地方：年份写错、用“本年度”等代替年份、模板用语写错字（显示与模板的逐字差异）",
	Doc: `把每个部分的一级标题与 rules.toml 中该部分的模板（按报告年度 Y 填入年份）比较。标题不必与模板一字不差，各地写法不同是正常的，只在读者会改标题时报告：标题写的年份与报告年度不符；用“本年度”“上一年度”“下一年度”等（[heading_template] relative_years）代替写明的年份；模板用语中错了一个字，如把“推进”写成“推荐”、把“法治”写成“法制”（这是错字，报警告）。每条都显示从标题改为模板的逐字差异：要删的红色删除线，要加的绿色。同一处错误已由别的规则报告的（标题年份写错由 consistency/year-mismatch 或 consistency/plan-year 报告，“法制政府”由 language/term-misuse 报告），本规则不再重复报告；关闭了那些规则时，由本规则报告。` +
		"指南要求标题与模板一字不差的单位，可在 .fzlint.toml 中设 `[heading_template] strict = true`，报告与模板的每一处不同。序号不参与比较（由 structure/heading-numbering 检查）。",
	Bad:       "2024年，本县法治政府建设取得新成效。\n一、本年度推进法治政府建设的主要举措和成效\n全面推行行政执法“三项制度”。",
	Good:      "2024年，本县法治政府建设取得新成效。\n一、强化组织领导，推进依法行政\n全面推行行政执法“三项制度”。",
	NeedsYear: true,
	// A wrong year is the year rules' finding (an error, at the year), a wrong term
	// term-misuse's: the template's finding would repeat it.
	Defers: []string{"consistency/plan-year", "consistency/year-mismatch", "language/term-misuse"},
	Run:    runHeadingTemplate,
}

func runHeadingTemplate(p *Pass) {
	d := p.Doc
	if d.Year == 0 {
		return
	}
	cfg := &p.Rules.HeadingTemplate
	for _, part := range d.PartOrder {
		h := part.Heading
		if h == nil {
			continue
		}
		want := p.m.templateText(part.Rule, d.Year)
		if sameHeading(h.Text, want) {
			continue
		}
		hd := p.m.diffs.diff(h.Text, want)
		tpl := h.Marker + want
		start := h.Column + runeLen(h.Marker)
		// A slip another rule has reported in the heading (a wrong year, a wrong term) is not
		// reported again as a departure from the template.
		reported := func(from, to int) bool {
			col := start + runeLen(h.Text[:from])
			return p.deferred(h.Line, col, col+runeLen(h.Text[from:to]))
		}
		why, sev := headingFault(h.Text, want, hd, cfg, reported)
		if why == "" {
			if !cfg.Strict {
				continue
			}
			why = "与模板不同"
		}
		p.Report(Diagnostic{
			Severity: sev,
			Line:     h.Line, Column: start, EndColumn: start + runeLen(h.Text),
			Message:    fmt.Sprintf("“%s”部分的标题%s，模板为“%s”", part.Rule.Name, why, tpl),
			Suggestion: tpl,
			Template:   tpl,
			Diff:       hd.ops,
		})
	}
}

// headingFault says what in a heading a reader would change, given what its diff to the
// template shows: a year the template does not have, a relative year (本年度) where the
// template names the year, or one character of a template phrase replaced by another (a typo,
// reported as a warning). It returns "" when the heading differs only in wording, or when each
// such fault is one reported says another rule has reported (reported gets the fault's byte
// range in the heading).
func headingFault(heading, want string, hd *headingDiff, cfg *rules.HeadingTemplate, reported func(from, to int) bool) (string, Severity) {
	for _, y := range hd.wrongYears {
		if !reported(y.from, y.to) {
			return fmt.Sprintf("写的是%d年，与报告年度不符", y.year), 0
		}
	}
	for _, w := range cfg.RelativeYears {
		if i := strings.Index(heading, w); i >= 0 && !strings.Contains(want, w) && !reported(i, i+len(w)) {
			return fmt.Sprintf("用“%s”代替了年份，应写明年度", w), 0
		}
	}
	for _, t := range oneCharTypos(hd.ops, cfg.TypoPhrases) {
		if !reported(t.at, t.at+len(t.char)) {
			return fmt.Sprintf("把“%s”写成了“%s”", t.right, t.typo), Warning
		}
	}
	return "", 0
}

// headingTypo is one Han character of a template phrase replaced by another in a heading: the
// phrase as the heading has it and as the template has it, and the byte offset and text of the
// wrong character in the heading.
type headingTypo struct {
	typo, right string
	at          int
	char        string
}

// oneCharTypos finds, in a diff from a heading to its template, each Han character of a
// template phrase replaced by another, the rest of the phrase agreeing (…推[荐→进]法治…).
func oneCharTypos(ops []DiffOp, phrases []string) []headingTypo {
	var out []headingTypo
	at := 0 // byte offset in the heading of ops[i]
	for i := 0; i+2 < len(ops); i++ {
		if i > 0 && ops[i-1].Op <= 0 {
			at += len(ops[i-1].Text)
		}
		if i == 0 {
			continue
		}
		// Deleted then inserted or the other way round: an insertion takes no room in the
		// heading, so the wrong character is at the offset of ops[i] either way.
		del, ins := ops[i], ops[i+1]
		if del.Op > 0 {
			del, ins = ins, del
		}
		if del.Op >= 0 || ins.Op <= 0 || ops[i-1].Op != 0 || ops[i+2].Op != 0 {
			continue
		}
		dr, ir := []rune(del.Text), []rune(ins.Text)
		if len(dr) != 1 || len(ir) != 1 || !unicode.Is(unicode.Han, dr[0]) || !unicode.Is(unicode.Han, ir[0]) {
			continue
		}
		before, after := ops[i-1].Text, ops[i+2].Text
	phrase:
		for _, ph := range phrases {
			for k, r := range ph {
				if r != ir[0] {
					continue
				}
				head, tail := ph[:k], ph[k+len(string(r)):]
				if strings.HasSuffix(before, head) && strings.HasPrefix(after, tail) {
					out = append(out, headingTypo{typo: head + del.Text + tail, right: ph, at: at, char: del.Text})
					break phrase
				}
			}
		}
	}
	return out
}

// headingDiff is what the template rule finds of a heading that differs from its template,
// found from the two texts alone: the diff, which reads as the edit to make (from the drafter's
// heading to the template), and the heading's years that the template does not name, each
// with its byte range (the year's digits), in the order written.
type headingDiff struct {
	ops        []DiffOp
	wrongYears []headingYear
}

type headingYear struct{ year, from, to int }

func newHeadingDiff(heading, want string) *headingDiff {
	dmp := diffmatchpatch.New()
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMain(heading, want, false))
	hd := &headingDiff{ops: make([]DiffOp, len(diffs))}
	for i, df := range diffs {
		hd.ops[i] = DiffOp{Text: df.Text}
		switch df.Type {
		case diffmatchpatch.DiffDelete:
			hd.ops[i].Op = -1
		case diffmatchpatch.DiffInsert:
			hd.ops[i].Op = 1
		}
	}
	wantYears := map[int]bool{}
	for _, m := range yearRE.FindAllStringSubmatch(want, -1) {
		wantYears[plausibleYear(m)] = true
	}
	if len(wantYears) > 0 {
		for _, at := range yearRE.FindAllStringSubmatchIndex(heading, -1) {
			if y := plausibleYear([]string{heading[at[0]:at[1]], heading[at[2]:at[3]]}); y > 0 && !wantYears[y] {
				hd.wrongYears = append(hd.wrongYears, headingYear{y, at[2], at[3]})
			}
		}
	}
	return hd
}

// diffCache remembers the headingDiff of a heading and its template: in a batch the same few
// headings (一、主要举措和成效) come back thousands of times. It stops growing at diffCacheSize.
type diffCache struct {
	mu sync.RWMutex
	m  map[[2]string]*headingDiff
}

const diffCacheSize = 10000

func (c *diffCache) diff(heading, want string) *headingDiff {
	key := [2]string{heading, want}
	c.mu.RLock()
	hd, ok := c.m[key]
	c.mu.RUnlock()
	if ok {
		return hd
	}
	hd = newHeadingDiff(heading, want)
	c.mu.Lock()
	if c.m == nil {
		c.m = map[[2]string]*headingDiff{}
	}
	if len(c.m) < diffCacheSize {
		// The key is kept: a copy does not hold the document's text in memory.
		c.m[[2]string{strings.Clone(heading), strings.Clone(want)}] = hd
	}
	c.mu.Unlock()
	return hd
}

// sameHeading reports whether two headings differ only in what a reader does not see as a
// difference: spaces and the width of punctuation (, ( ) : ; and ，（）：；).
func sameHeading(a, b string) bool {
	if a == b {
		return true
	}
	var ab, bb [256]byte
	return string(appendNormalizedHeading(ab[:0], a)) == string(appendNormalizedHeading(bb[:0], b))
}

// appendNormalizedHeading appends s without its spaces and with its half-width , ( ) : ;
// written full-width.
func appendNormalizedHeading(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ':
		case ',':
			dst = append(dst, "，"...)
		case '(':
			dst = append(dst, "（"...)
		case ')':
			dst = append(dst, "）"...)
		case ':':
			dst = append(dst, "："...)
		case ';':
			dst = append(dst, "；"...)
		default:
			if strings.HasPrefix(s[i:], "\u3000") {
				i += len("\u3000") - 1
				continue
			}
			dst = append(dst, c)
		}
	}
	return dst
}

var headingNumbering = &Check{
	ID:       "structure/heading-numbering",
	Severity: Error,
	Summary:  "标题序号跳号、重复、倒退、格式不规范或跳级",
	Doc:      `公文标题层次依次为“一、”“（一）”“1.”“（1）”（GB/T 9704-2012 7.3.3）。同一层级的序号应从一开始连续编排，不得跳号、重复或倒退；上一层级换号后，下一层级可以重新编号（（一）1. 2. （二）1. 2.），也可以接着编（（一）1. 2. （二）3. 4.，一些省份的惯例），两种都不算错，但同一报告中混用两种方式时提示一次；“（一）”“（1）”后不加标点；不应越过中间层级（如“一、”下直接用“1.”）。括号全角、半角均可，“1.”“1．”“1、”视为同一层级。段落中的“一是……二是……”是行文，不是标题。`,
	Bad:      "2024年，本县法治政府建设取得新成效。\n一、主要举措和成效\n（一）深化“放管服”改革\n（三）严格规范公正文明执法",
	Good:     "2024年，本县法治政府建设取得新成效。\n一、主要举措和成效\n（一）深化“放管服”改革\n（二）严格规范公正文明执法",
	Run:      runHeadingNumbering,
}

func runHeadingNumbering(p *Pass) {
	var counter [LevelSubitem + 1]int
	var lastLine [LevelSubitem + 1]int
	var lastMarker [LevelSubitem + 1]string
	// Below the top level a report may number each list afresh under every parent (（一）1. 2.
	// （二）1. 2.) or carry the numbers on across parents (（一）1. 2. （二）3. 4.), a house style
	// of several provinces. carried is the last heading of each level before its parent changed;
	// style records, per level, the first heading that restarted and the first that carried on.
	var carried [LevelSubitem + 1]*Heading
	var restarted, continued [LevelSubitem + 1]*Heading
	// fresh: the level's grandparent changed since its last heading (a new 一、 for 1.), so a
	// list starting again at 1 there says nothing about the style.
	var fresh [LevelSubitem + 1]bool
	levelNames := [...]string{"", "一级", "二级", "三级", "四级"}
	for _, h := range p.Doc.Headings {
		L := h.Level
		at := Diagnostic{Line: h.Line, Column: h.Column, EndColumn: h.Column + runeLen(h.Marker)}
		if h.Style != "" {
			d := at
			d.Message = fmt.Sprintf("标题序号“%s”格式不规范：%s，应为“%s”", h.Marker, h.Style, h.Suggested)
			d.Suggestion = h.Suggested
			p.Report(d)
		}
		// A skipped level: the nearest open ancestor is more than one level up.
		if counter[L] == 0 {
			for a := L - 1; a >= LevelChapter; a-- {
				if counter[a] > 0 {
					if a < L-1 {
						d := at
						d.Message = fmt.Sprintf("标题层级跳级：%s标题“%s”直接出现在%s标题“%s”（第%d行）之下，缺少%s标题（如“%s”）",
							levelNames[L], h.Marker, levelNames[a], lastMarker[a], lastLine[a], levelNames[L-1], Marker(L-1, 1))
						p.Report(d)
					}
					break
				}
			}
		}
		want := counter[L] + 1
		if c := carried[L]; counter[L] == 0 && c != nil {
			// The first heading of a list under a new parent: a restart or a continuation.
			switch {
			case h.Ordinal == 1:
				if !fresh[L] && restarted[L] == nil {
					restarted[L] = h
				}
			case h.Ordinal == c.Ordinal+1:
				want = h.Ordinal
				if continued[L] == nil {
					continued[L] = h
				}
			default:
				d := at
				d.Message = fmt.Sprintf("标题序号不连续：“%s”既不是从“%s”重新编号，也没有接着第%d行的“%s”编为“%s”",
					h.Marker, Marker(L, 1), c.Line, c.Marker, Marker(L, c.Ordinal+1))
				p.Report(d)
				want = h.Ordinal
			}
		}
		switch {
		case h.Ordinal == want:
		case h.Ordinal == counter[L]:
			d := at
			d.Message = fmt.Sprintf("标题序号重复：“%s”与第%d行的“%s”重复，应为“%s”", h.Marker, lastLine[L], lastMarker[L], Marker(L, want))
			d.Suggestion = Marker(L, want)
			p.Report(d)
		case h.Ordinal < counter[L]:
			d := at
			d.Message = fmt.Sprintf("标题序号倒退：第%d行已是“%s”，此处却是“%s”，应为“%s”", lastLine[L], lastMarker[L], h.Marker, Marker(L, want))
			d.Suggestion = Marker(L, want)
			p.Report(d)
		default:
			d := at
			missing := Marker(L, want)
			if h.Ordinal-want > 1 {
				missing += "至" + Marker(L, h.Ordinal-1)
			}
			d.Message = fmt.Sprintf("标题序号不连续：“%s”之前缺少“%s”", h.Marker, missing)
			p.Report(d)
		}
		counter[L], lastLine[L], lastMarker[L] = h.Ordinal, h.Line, h.Marker
		carried[L], fresh[L] = h, false
		for deeper := L + 1; deeper <= LevelSubitem; deeper++ {
			counter[deeper] = 0
			fresh[deeper] = fresh[deeper] || deeper > L+1
		}
	}
	// Either style is fine; both in one report is not. One finding per level, at the first
	// heading written in the style that came second.
	for L := LevelSection; L <= LevelSubitem; L++ {
		r, c := restarted[L], continued[L]
		if r == nil || c == nil {
			continue
		}
		first, second := r, c
		if c.Line < r.Line {
			first, second = c, r
		}
		how := func(h *Heading) string {
			if h == c {
				return fmt.Sprintf("第%d行的“%s”接着上一节连续编号", h.Line, h.Marker)
			}
			return fmt.Sprintf("第%d行的“%s”在新的一节下重新编号", h.Line, h.Marker)
		}
		p.Report(Diagnostic{
			Line: second.Line, Column: second.Column, EndColumn: second.Column + runeLen(second.Marker),
			Message: fmt.Sprintf("%s标题编号方式前后不一：%s，%s；两种方式都可以，但全文应统一", levelNames[L], how(first), how(second)),
		})
	}
}

var titleCheck = &Check{
	ID:       "structure/title",
	Severity: Warning,
	Summary:  "没有标题，或标题缺少年份、“法治政府建设”、“报告”",
	Doc:      `报告标题由发文机关、事由和文种组成（公文标题“三要素”），如“××县人民政府关于2024年度法治政府建设情况的报告”。标题应写明报告年度、“法治政府建设”和文种“报告”；报告标题不宜夹带“总结”。没有标题的文稿提交前应补上。`,
	Bad:      "法治政府建设工作总结报告\n一、主要举措和成效\n全面推行行政执法“三项制度”。",
	Good:     "某县人民政府关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n全面推行行政执法“三项制度”。",
	Run:      runTitle,
}

func runTitle(p *Pass) {
	d := p.Doc
	unit := d.original(d.Unit)
	if unit == "" {
		unit = "（发文机关）"
	}
	year := "Y"
	if d.Year > 0 {
		year = strconv.Itoa(d.Year)
	}
	example := fmt.Sprintf("%s关于%s年度法治政府建设情况的报告", unit, year)
	if d.TitleLine == 0 {
		line := min(d.BodyStart, len(d.Lines)) // past the end when every line is chrome
		if d.AddresseeLine > 0 {
			line = d.AddresseeLine
		}
		p.Report(Diagnostic{Line: line, Message: "缺少标题：报告应有标题，如“" + example + "”", Suggestion: example})
		return
	}
	var lacks []string
	if yearRE.FindStringIndex(d.Title) == nil && !p.yearIsPlaceholder(d.Title) {
		if m := bareYearRE.FindStringSubmatch(d.Title); m != nil {
			lacks = append(lacks, "“"+m[1]+"”后的“年”字") // 沅江路街道2024法治政府建设年度报告
		} else {
			lacks = append(lacks, "年份")
		}
	}
	for i, re := range p.m.titleRequired {
		if !re.Re().MatchString(d.Title) {
			lacks = append(lacks, p.Rules.Title.Required[i].Name)
		}
	}
	l := &d.Lines[d.TitleLine-1]
	at := Diagnostic{Line: d.TitleLine, Column: l.Indent + 1, EndColumn: l.Indent + 1 + runeLen(l.Content)}
	if len(lacks) > 0 {
		diag := at
		diag.Message = fmt.Sprintf("标题“%s”缺少%s，可写作“%s”", d.originalTitle(), strings.Join(lacks, "、"), example)
		diag.Suggestion = example
		p.Report(diag)
	}
	for i, re := range p.m.titleForbidden {
		if re.Re().MatchString(d.Title) {
			diag := at
			diag.Message = fmt.Sprintf("标题“%s”含有%s", d.originalTitle(), p.Rules.Title.Forbidden[i].Name)
			p.Report(diag)
		}
	}
}

// yearIsPlaceholder reports whether the year of a title is written as a placeholder that
// language/placeholder reports (“关于20××年度”): the slip is the unfilled template, one
// finding, not also a title without a year.
func (p *Pass) yearIsPlaceholder(title string) bool {
	re := p.m.placeholder
	if re == nil || !slices.Contains(p.enabled, placeholder) {
		return false
	}
	for _, loc := range re.FindAllStringIndex(title, -1) {
		rest := strings.TrimLeft(title[loc[1]:], "0123456789")
		if strings.HasPrefix(rest, "年") {
			return true
		}
	}
	return false
}

var deadline = &Check{
	ID:        "structure/deadline",
	Severity:  Warning,
	Summary:   "成文日期晚于报送期限、年份不合理，或定稿缺少成文日期",
	Doc:       `年度报告在次年第一季度报送并公开：各级政府一般在4月1日前，政府部门一般在3月1日前向本级党委、政府和上一级部门报送（期限按 rules.toml 的 [profiles] 配置，可在 .fzlint.toml 中覆盖）。成文日期早于报告年度12月1日或晚于次年年底，多半是年份写错。以“特此报告”“专此报告”结尾的定稿应在落款下写成文日期。`,
	Bad:       "某县人民政府关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n全面推行行政执法“三项制度”。\n特此报告。\n2025年4月15日",
	Good:      "某县人民政府关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n全面推行行政执法“三项制度”。\n特此报告。\n2025年2月5日",
	NeedsYear: true,
	Run:       runDeadline,
}

func runDeadline(p *Pass) {
	d := p.Doc
	if d.Year == 0 {
		return
	}
	if d.DateLine == 0 {
		if d.ClosingLine > 0 {
			l := &d.Lines[d.ClosingLine-1]
			p.Report(Diagnostic{Line: d.ClosingLine, Column: l.Indent + 1, EndColumn: l.Indent + 1 + runeLen(l.Content),
				Message: fmt.Sprintf("报告以“%s”结尾，但没有成文日期：应在落款下写明日期，如“%d年2月20日”", strings.TrimRight(d.original(l.Content), "。."), d.Year+1)})
		}
		return
	}
	l := &d.Lines[d.DateLine-1]
	at := Diagnostic{Line: d.DateLine, Column: l.Indent + 1, EndColumn: l.Indent + 1 + runeLen(l.Content)}
	date := d.Date
	written := fmt.Sprintf("%d年%d月%d日", date.Year, date.Month, date.Day)
	earliest, latest := p.Rules.Date.Earliest, p.Rules.Date.Latest
	if (!earliest.IsZero() && date.Before(Date{d.Year, earliest.Month, earliest.Day})) ||
		(!latest.IsZero() && (Date{d.Year + 1, latest.Month, latest.Day}).Before(date)) {
		at.Message = fmt.Sprintf("成文日期%s与报告年度%d年不符，可能写错了年份（应在%d年）", written, d.Year, d.Year+1)
		p.Report(at)
		return
	}
	prof, ok := p.Rules.Profiles[d.Profile]
	if !ok {
		return
	}
	due := Date{d.Year + 1, prof.Deadline.Month, prof.Deadline.Day}
	if !date.Before(due) {
		kind := map[string]string{"government": "政府", "department": "政府部门"}[d.Profile]
		if kind == "" {
			kind = d.Profile
		}
		at.Message = fmt.Sprintf("成文日期%s晚于%s年度报告的报送期限（%d年%d月%d日前）", written, kind, due.Year, due.Month, due.Day)
		p.Report(at)
	}
}

// runeLen counts runes.
func runeLen(s string) int { return len([]rune(s)) }

// runeCol returns the 1-based rune column of byte offset off in s.
func runeCol(s string, off int) int { return runeLen(s[:off]) + 1 }

var yearUnknown = &Check{
	ID:       "structure/year-unknown",
	Severity: Warning,
	Summary:  "找不到报告年度：按年份检查的规则未运行（可用 --year 指定）",
	Doc: `报告年度从标题、开头一句（“2024年，……”“现将2024年法治政府建设情况报告如下”；开头一句没有写年份时，看开头一段中“现将……报告如下”那一句）、部分标题或成文日期中找出。都没有写明年份时，fzlint 不猜测，` +
		"而是报告这一条，列出因此没有运行的规则（年份是否写错、下一年度安排的年份、过时提法、部分标题与模板、成文日期是否逾期），并提示用 `--year` 指定年度。",
	Bad:  "一、主要举措和成效\n全面推行行政执法“三项制度”。",
	Good: "2024年，本县法治政府建设取得新成效。\n一、主要举措和成效\n全面推行行政执法“三项制度”。",
	Run:  runYearUnknown,
}

// runYearUnknown says, once, that no year was found and which rules could not run for that.
func runYearUnknown(p *Pass) {
	d := p.Doc
	if d.Year != 0 {
		return
	}
	var skipped []string
	for _, c := range p.enabled {
		if c.NeedsYear {
			skipped = append(skipped, c.ID)
		}
	}
	line := d.TitleLine
	if line == 0 {
		line = min(d.BodyStart, len(d.Lines))
	}
	msg := "找不到报告年度：标题、开头一句、部分标题和成文日期都没有写明年份"
	if len(skipped) > 0 {
		msg += "，以下规则因此没有运行：" + strings.Join(skipped, "、")
	}
	p.Report(Diagnostic{Line: line, Message: msg, Hint: HintYear})
}
