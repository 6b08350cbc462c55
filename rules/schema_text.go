package rules

// Years says how to tell a sentence about the report year from one that cites another year.
type Years struct {
	// Markers are words that make a sentence speak of the report year: 本年度, 今年, 全年…
	Markers []string `toml:"markers"`
	// NotBefore are words that, just before a year, make it a comparison, range or start:
	// 较2019年, 至2022年, 截至…
	NotBefore []string `toml:"not_before"`
	// NotAfter are words that, just after 年/年度, do the same: 2019年以来, 2021年底前, 2019年同期…
	NotAfter []string `toml:"not_after"`
}

// Numbers configures the extraction of counted quantities.
type Numbers struct {
	// Labels name what a number counts, by the words written before it.
	Labels []Label `toml:"labels" merge:"name"`
	// Units lists the counting units; units in one inner list are the same unit (件, 宗, 起).
	Units [][]string `toml:"units"`
	// MaxGap is how many characters may stand between a label's word and its number.
	MaxGap int `toml:"max_gap"`
}

// Label is a quantity's name and the words that introduce it.
type Label struct {
	Name  string   `toml:"name"`
	Words []string `toml:"words"`
}

// Relation is a check over the labelled numbers of one sentence.
type Relation struct {
	Expr Expr   `toml:"expr"`
	Note string `toml:"note"`
	// Unless are words that, in the sentence, mean the listed numbers are not the whole story
	// (上年结转, 其他处理): the relation is not checked there.
	Unless []string `toml:"unless"`
}

// Rate is a stated percentage recomputed from the numbers it is computed from.
type Rate struct {
	Name         string   `toml:"name"`
	Words        []string `toml:"words"`
	Numerator    string   `toml:"numerator"`
	Denominators []string `toml:"denominators"`
}

// Bounded lists the rates that cannot exceed 100%.
type Bounded struct {
	// Suffixes end the names of bounded rates: 满意率, 覆盖率…
	Suffixes []string `toml:"suffixes"`
	// Unbounded are words before 率 or % that allow more than 100%: 增长, 同比…
	Unbounded []string `toml:"unbounded"`
}

// StaleTerm is a formulation that is current only for some report years.
type StaleTerm struct {
	Term     string   `toml:"term"`
	Variants []string `toml:"variants"`
	// StaleFrom is the first report year in which the term is no longer current (0: never).
	StaleFrom int `toml:"stale_from"`
	// CurrentFrom is the first report year in which the term can appear at all (0: always);
	// before it, the term names something that had not happened yet.
	CurrentFrom int    `toml:"current_from"`
	Current     string `toml:"current"`
	Note        string `toml:"note"`
	// Except are longer phrases in which the term is a legitimate historical mention.
	Except []string `toml:"except"`
	// Words are the term's words, for the shortened and reordered forms drafters write
	// (全面依法治国新思想新战略): the first word, then at least MinWords-1 of the others, each
	// within MaxGap characters of the one before and in one sentence; in the listed order only
	// if Ordered.
	Words    []string `toml:"words"`
	MinWords int      `toml:"min_words"`
	Ordered  bool     `toml:"ordered"`
	MaxGap   int      `toml:"max_gap"`
	// StaleDate and CurrentDate are the dates behind StaleFrom and CurrentFrom, for a report
	// that has a 成文日期: written on or after StaleDate the term is stale whatever the report
	// year; written before CurrentDate it cannot cite the term (and written after, it may).
	StaleDate   Day `toml:"stale_date"`
	CurrentDate Day `toml:"current_date"`
}

// TermMatching says which differences of punctuation do not make a stale term another term.
type TermMatching struct {
	// Ignore lists characters dropped before matching: with the quotation marks in it,
	// “七五”普法, "七五"普法, 「七五」普法 and 七五普法 are one term.
	Ignore string `toml:"ignore"`
	// Fold lists pairs of characters, the first matched as the second: （( and —- make
	// 纲要（2015—2020 and 纲要(2015-2020 one term.
	Fold []string `toml:"fold"`
}

// WrongTerm is a known mistake and its correction.
type WrongTerm struct {
	Wrong  string   `toml:"wrong"`
	Right  string   `toml:"right"`
	Except []string `toml:"except"`
}

// Placeholders are patterns of unfilled template text.
type Placeholders struct {
	Patterns Patterns `toml:"patterns"`
	// Triggers are characters of which a line must hold at least one before the patterns run.
	// A user's file adds to them (as it does to lists), and each pattern must name one.
	Triggers string `toml:"triggers"`
}

// Repeated configures language/repeated-word.
type Repeated struct {
	// Single are characters that are a slip whenever doubled (的的); other doubled single
	// characters are reduplication (常常, 层层) and are not flagged.
	Single []string `toml:"single"`
	// Allow are words whose doubling is correct (研究研究 is not in it).
	Allow []string `toml:"allow"`
	// MaxLen is the longest repeated word looked for, in characters.
	MaxLen int `toml:"max_len"`
	// Parallel are characters that open both halves of a four-character parallel phrase
	// (共建共享, 边查边改): two characters written twice of which the second is one are the
	// character before such a phrase and its start (构建共建共享 reads 建共 twice), not a slip.
	Parallel []string `toml:"parallel"`
}

// Pair is a pair of brackets or quotes; each character of Open may be closed by any of Close.
type Pair struct {
	Open  string `toml:"open"`
	Close string `toml:"close"`
}

// Punctuation configures language/punctuation-width: each half-width mark and its full-width
// form.
type Punctuation struct {
	Marks []PunctMark `toml:"marks" merge:"half"`
}

// PunctMark is a half-width mark and the full-width mark that replaces it.
type PunctMark struct {
	Half string `toml:"half"`
	Full string `toml:"full"`
	// EndOfLine allows the mark at the end of a line after a Chinese character (如下:).
	EndOfLine bool `toml:"end_of_line"`
}

// PII configures security/pii.
type PII struct {
	IDCard         bool     `toml:"id_card"`
	Mobile         bool     `toml:"mobile"`
	MobilePrefixes []string `toml:"mobile_prefixes"`
	// Separators may stand between the groups of a number written in groups (one character
	// each, the same throughout a number).
	Separators []string `toml:"separators"`
	// IDGroups and MobileGroups are the group lengths, in digits, of the ways of writing an
	// ID number (18 in all, the last group ending in the check character) and a mobile number
	// (11) in groups.
	IDGroups     [][]int `toml:"id_groups"`
	MobileGroups [][]int `toml:"mobile_groups"`
	// CountryCode is the calling code that may stand before a mobile number, after a + or
	// glued to it.
	CountryCode string `toml:"country_code"`
	// NotMobileBetween are the pairs of words around a serial number (第…号): digits between
	// them are not a mobile number, however they are written.
	NotMobileBetween [][]string `toml:"not_mobile_between"`
}

// Copies configures the cross-file checks batch/copied-paragraph and batch/same-as-last-year.
type Copies struct {
	// MinChars is the shortest paragraph compared, in Chinese characters and letters (headings
	// and formulaic one-liners are shorter).
	MinChars int `toml:"min_chars"`
	// Similarity is the share of a paragraph's four-character pieces that another must hold
	// too, estimated, for the two to count as the same text (0 to 1).
	Similarity float64 `toml:"similarity"`
	// MaxReports is the most reports of a batch that may share a text for it to count as
	// copying: text more reports hold is a template or a formula, not a copy.
	MaxReports int `toml:"max_reports"`
	// Ignore are phrases that never count as copying; they are taken out before comparing.
	Ignore []string `toml:"ignore"`
}
