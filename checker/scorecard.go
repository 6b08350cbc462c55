package checker

import (
	"fmt"
	"strings"
)

// Scorecard is what the supervisor's summary shows of a report beyond its parts, in the
// dimensions published evaluations of these reports use: on time, complete, problems with
// their causes, the first-responsible-person duties, use of data. Computed from the document,
// never hand-scored; the counts of findings by family come from the result (Result.Tally).
type Scorecard struct {
	// Date is the 成文日期 as 2025-02-05, "" when the report has none.
	Date string
	// Causes: 1 the deficiencies part gives causes, 0 it does not, -1 there is no such part.
	Causes int
	// Duties is how many duty groups of rules.toml the duties part covers, of DutiesOf
	// (DutiesOf is 0 when the report has no duties part).
	Duties, DutiesOf int
	// Statistics counts the figures the report states: quantities with a unit, and rates.
	Statistics int
}

// score computes the document's scorecard with the rule set's matchers.
func (d *Document) score(c *Compiled) *Scorecard {
	s := &Scorecard{Causes: -1}
	if d.DateLine > 0 {
		s.Date = fmt.Sprintf("%04d-%02d-%02d", d.Date.Year, d.Date.Month, d.Date.Day)
	}
	m := c.m
	if part := d.Parts["deficiencies"]; part != nil && m.causes != nil {
		s.Causes = 0
		for line := range d.PartLines(part) {
			if m.causes.MatchString(line) {
				s.Causes = 1
				break
			}
		}
	}
	if part := d.Parts["duties"]; part != nil && len(c.Set.Duties.Groups) > 0 {
		s.DutiesOf = len(c.Set.Duties.Groups)
		for _, found := range m.duties.Matched(d.PartLines(part)) {
			if found {
				s.Duties++
			}
		}
	}
	for sn := range d.sentenceNumbers(m, c.Set.Numbers.MaxGap) {
		s.Statistics += len(sn.quantities) + len(sn.percents)
	}
	return s
}

// Tally counts a result's findings by what the scorecard shows: consistency (numbers, rates,
// years), language (stale terms, placeholders, wording) with personal data, and copies.
func (r *Result) Tally() (consistency, language, copied int) {
	for _, d := range r.Diagnostics {
		switch family(d.Rule) {
		case "consistency":
			consistency++
		case "language", "security":
			language++
		case "batch":
			copied++
		}
	}
	return consistency, language, copied
}

func family(rule string) string {
	f, _, _ := strings.Cut(rule, "/")
	return f
}
