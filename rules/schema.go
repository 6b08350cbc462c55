// Package rules defines fzlint's rule set: the schema of rules.toml, its loading and validation
// (every error names the file and line), and the merging of a user's .fzlint.toml over the
// defaults. The rule set holds the domain (phrases, patterns, years, relations); the checks in
// package checker hold the mechanisms.
package rules

// Set is a complete, validated rule set. Regular expressions are compiled when the file is
// decoded, so a check never meets a bad pattern at run time.
type Set struct {
	Version  int                 `toml:"version"`
	Severity map[string]Severity `toml:"severity"`
	Document Document            `toml:"document"`
	Title    Title               `toml:"title"`
	Unit     Unit                `toml:"unit"`
	Profiles map[string]Profile  `toml:"profiles"`
	Date     DateRange           `toml:"date"`
	Parts    []Part              `toml:"parts" merge:"id"`
	Order    []Order             `toml:"order" merge:"first,then"`
	Causes   Causes              `toml:"causes"`
	Duties   Duties              `toml:"duties"`
	// HeadingTemplate says when a part heading that differs from its template is reported.
	HeadingTemplate HeadingTemplate `toml:"heading_template"`

	Years        Years        `toml:"years"`
	Numbers      Numbers      `toml:"numbers"`
	Relations    []Relation   `toml:"relations" merge:"expr"`
	Rates        []Rate       `toml:"rates" merge:"name"`
	Bounded      Bounded      `toml:"bounded"`
	StaleTerms   []StaleTerm  `toml:"stale_terms" merge:"term"`
	TermMatching TermMatching `toml:"term_matching"`
	WrongTerms   []WrongTerm  `toml:"wrong_terms" merge:"wrong"`
	Placeholders Placeholders `toml:"placeholders"`
	Repeated     Repeated     `toml:"repeated"`
	Pairs        []Pair       `toml:"pairs" merge:"open"`
	Punctuation  Punctuation  `toml:"punctuation"`
	PII          PII          `toml:"pii"`
	Copies       Copies       `toml:"copies"`

	// Sources names the files this set was read from, defaults first.
	Sources []string `toml:"-"`
}

// Document describes what is not the report and how the report ends.
type Document struct {
	Chrome         Patterns `toml:"chrome"`
	ChromeMaxChars int      `toml:"chrome_max_chars"`
	Closing        Patterns `toml:"closing"`
	TitleMaxChars  int      `toml:"title_max_chars"`
	TitleMarkers   []string `toml:"title_markers"`
	// TitleSubject names the report's subject: among the lines before the body, the one that
	// names it (and 报告) is the title; the lines before the title are the site's chrome.
	TitleSubject []string `toml:"title_subject"`
	// Announce marks the clause of the opening paragraph that announces the report (现将…
	// 报告如下); a year right before the subject in it, else the only year it writes, is the
	// report year when the paragraph's first sentence names none.
	Announce []string `toml:"announce"`
	// Footer marks the site's footer after the report (主办单位, 网站标识码, ICP备…); FooterLines
	// are lines that belong to a footer (联系电话, 返回顶部…) but only where a Footer line is.
	Footer      Patterns `toml:"footer"`
	FooterLines Patterns `toml:"footer_lines"`
	// TitleField marks the title field of a page's metadata (标 题:…, 名 称:…): what follows the
	// match, up to the next table cell, is the title when the page has no title line.
	TitleField Patterns `toml:"title_field"`
}

// HeadingTemplate tunes structure/heading-template. By default a heading is reported only
// when a reader would change it: a wrong year, a relative year copied from the template's
// wording (RelativeYears), or one character that turns a template phrase into a typo. Strict
// reports every difference from the template, for offices whose guideline prescribes the
// headings word for word.
type HeadingTemplate struct {
	Strict        bool     `toml:"strict"`
	RelativeYears []string `toml:"relative_years"`
	// TypoPhrases are the template's words in which one character replaced by another is a
	// typo (推荐 for 推进), not a different wording (及 for 和 between two words).
	TypoPhrases []string `toml:"typo_phrases"`
}

// Title lists what a title must and must not contain.
type Title struct {
	Required  []NamedPattern `toml:"required" merge:"name"`
	Forbidden []NamedPattern `toml:"forbidden" merge:"name"`
}

// NamedPattern is a pattern with the name a message uses for it.
type NamedPattern struct {
	Pattern Regexp `toml:"pattern"`
	Name    string `toml:"name"`
}

// Unit tells how to find the reporting unit and classify it as a profile.
type Unit struct {
	LeadClause Regexp   `toml:"lead_clause"`
	SubjectEnd []string `toml:"subject_end"`
	Government Patterns `toml:"government"`
	Department Patterns `toml:"department"`
}

// Profile holds what differs between kinds of reporter.
type Profile struct {
	// Deadline is the first day of Y+1 on which the report is late.
	Deadline MonthDay `toml:"deadline"`
}

// DateRange bounds a plausible 成文日期: from Earliest of Y to Latest of Y+1.
type DateRange struct {
	Earliest MonthDay `toml:"earliest"`
	Latest   MonthDay `toml:"latest"`
}

// Part is one of the report's mandated (or optional) parts.
type Part struct {
	ID       string   `toml:"id"`
	Name     string   `toml:"name"`
	Ordinal  int      `toml:"ordinal"`
	Template string   `toml:"template"`
	Patterns Patterns `toml:"patterns"`
	Mention  Regexp   `toml:"mention"`
	Required bool     `toml:"required"`
	// RequiredFrom and RequiredUntil bound the report years in which the part belongs to the
	// mandated structure (0: unbounded). Outside them the part is neither required nor in the
	// template, and a report that has it is not faulted.
	RequiredFrom  int `toml:"required_from"`
	RequiredUntil int `toml:"required_until"`
	// FoldedInto lists the parts in which a lower heading naming this part is this part
	// written as a subsection (the duties as 「（一）切实履行…第一责任人职责」 under the measures);
	// elsewhere (a shortcoming of the duties, in the deficiencies part) it is only a mention.
	FoldedInto []string `toml:"folded_into"`
	// Basis names the provision that mandates the part; messages cite it.
	Basis    string `toml:"basis"`
	MinChars int    `toml:"min_chars"`
	Implicit bool   `toml:"implicit"`
}

// InStructure reports whether the part belongs to the mandated structure of report year y. An
// unknown year (0) takes the structure of the latest years.
func (p *Part) InStructure(y int) bool {
	if y == 0 {
		return p.RequiredUntil == 0
	}
	return (p.RequiredFrom == 0 || y >= p.RequiredFrom) && (p.RequiredUntil == 0 || y <= p.RequiredUntil)
}

// RequiredIn reports whether report year y must have the part.
func (p *Part) RequiredIn(y int) bool { return p.Required && p.InStructure(y) }

// Order says that part First comes before part Then.
type Order struct {
	First string `toml:"first"`
	Then  string `toml:"then"`
}

// Causes lists the words that give causes in the deficiencies part.
type Causes struct {
	Patterns Patterns `toml:"patterns"`
}

// Duties is the checklist of first-responsible-person duties.
type Duties struct {
	MinGroups int         `toml:"min_groups"`
	Groups    []DutyGroup `toml:"groups" merge:"name"`
}

// DutyGroup is one duty with the phrases that show it is covered.
type DutyGroup struct {
	Name     string   `toml:"name"`
	Patterns Patterns `toml:"patterns"`
}
