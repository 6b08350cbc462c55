package render

import (
	"bufio"
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/baseline"
)

// SARIF 2.1.0 (OASIS), the format of GitHub code scanning and of most CI dashboards.
//
// The log is one JSON document, but it is still streamed: the rules of tool.driver are the
// whole check registry, known before the first file, so each result can be written as its
// file comes; only the unreadable files are kept, for invocations[0].toolExecutionNotifications
// at the end. Nothing of a file's text is kept.
//
// Columns: SARIF's default column unit is the UTF-16 code unit, and GitHub code scanning
// reads columns that way. Our columns count runes, so each column is converted with the line's
// text (Result.Source) while the file is at hand, and run.columnKind says "utf16CodeUnits"
// explicitly. This keeps the log right for every consumer, rather than relying on one that
// honours columnKind "unicodeCodePoints"; the two differ only for characters outside the
// Basic Multilingual Plane (rare CJK extension B-G characters, emoji).

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// informationURI is the project's home page, for SARIF's tool.driver.
	informationURI = "https://github.com/fzlint/fzlint"
	// sarifSrcRoot is the base of relative artifact URIs: the directory fzlint ran in, which
	// GitHub resolves to the repository root.
	sarifSrcRoot = "%SRCROOT%"
	// fingerprintKey is the partialFingerprints key GitHub code scanning matches alerts on. Its
	// value is the baseline's fingerprint of the finding (the text of its line, not its number;
	// GitHub joins the rule id and the path), with the occurrence among the file's findings of
	// the same rule and fingerprint, as GitHub's own hash does ("hash:n").
	fingerprintKey = "primaryLocationLineHash"
)

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifMessage      `json:"shortDescription"`
	FullDescription      sarifMessage      `json:"fullDescription"`
	Help                 sarifMessage      `json:"help"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperty struct {
	Tags []string `json:"tags"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           *int              `json:"ruleIndex,omitempty"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
}

type sarifDescriptor struct {
	ID string `json:"id"`
}

type sarifNotification struct {
	Level      string           `json:"level"`
	Message    sarifMessage     `json:"message"`
	Locations  []sarifLocation  `json:"locations"`
	Descriptor *sarifDescriptor `json:"descriptor,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications"`
}

type sarifOut struct {
	w         *bufio.Writer
	ruleIndex map[string]int
	results   jsonArray
	// notes are the unreadable files, written in invocations at the end.
	notes []sarifNotification
	cols  utf16Columns
	fps   baseline.Fingerprints
}

// utf16Columns turns rune columns of a line into UTF-16 columns, the last line's counted once
// (its units before each rune), so that a line's many findings do not each count from its start.
type utf16Columns struct {
	text   string
	before []int32 // UTF-16 units before rune i
}

// of returns the 1-based UTF-16 column of a 1-based rune column of line. Columns past the end
// of the line (or of an unknown line) count one unit per rune.
func (u *utf16Columns) of(line string, col int) int {
	if col < 1 {
		return 1
	}
	if len(line) != len(u.text) || line != u.text || u.before == nil {
		u.text, u.before = line, u.before[:0]
		units := int32(0)
		for _, r := range line {
			u.before = append(u.before, units)
			units += int32(utf16.RuneLen(r)) // ranging gives U+FFFD for bad bytes, never -1
		}
		u.before = append(u.before, units)
	}
	if runes := len(u.before) - 1; col-1 > runes {
		return int(u.before[runes]) + (col - 1 - runes) + 1
	}
	return int(u.before[col-1]) + 1
}

func init() { register("sarif", newSARIF) }

func newSARIF(w io.Writer, opt Options) Renderer {
	s := &sarifOut{w: bufio.NewWriterSize(w, machineBuffer), ruleIndex: map[string]int{}}
	s.results = jsonArray{w: s.w, indent: "        "}
	driver := sarifDriver{Name: "fzlint", Version: opt.Version, InformationURI: informationURI, Rules: []sarifRule{}}
	for i, c := range checker.Checks() {
		s.ruleIndex[c.ID] = i
		driver.Rules = append(driver.Rules, sarifRuleOf(c))
	}
	tool, _ := json.MarshalIndent(sarifTool{driver}, "      ", "  ")
	s.w.WriteString("{\n  \"$schema\": \"" + sarifSchema + "\",\n  \"version\": \"" + sarifVersion + "\",\n  \"runs\": [\n    {\n")
	s.w.WriteString("      \"tool\": ")
	s.w.Write(tool)
	s.w.WriteString(",\n      \"columnKind\": \"utf16CodeUnits\",\n      \"results\": [")
	return s
}

// sarifLevel maps a severity to SARIF's level.
func sarifLevel(s checker.Severity) string { return bySeverity(s, "error", "warning", "note") }

func sarifRuleOf(c *checker.Check) sarifRule {
	family, _, _ := strings.Cut(c.ID, "/")
	return sarifRule{
		ID:                   c.ID,
		Name:                 ruleName(c.ID),
		ShortDescription:     sarifMessage{Text: c.Summary},
		FullDescription:      sarifMessage{Text: c.Doc},
		Help:                 ruleHelp(c),
		DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(c.Severity)},
		Properties:           sarifRuleProperty{Tags: []string{family}},
	}
}

// ruleName turns "structure/missing-section" into "StructureMissingSection", the identifier
// style SARIF suggests for rule names.
func ruleName(id string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(id, func(r rune) bool { return r == '/' || r == '-' }) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

// ruleHelp is what `fzlint explain` shows: the documentation and the bad and good examples.
func ruleHelp(c *checker.Check) sarifMessage {
	text, md := c.Doc, c.Doc
	for _, ex := range []struct{ label, body string }{{"错误示例", c.Bad}, {"正确示例", c.Good}} {
		if ex.body == "" {
			continue
		}
		text += "\n\n" + ex.label + "：\n" + ex.body
		md += "\n\n**" + ex.label + "：**\n\n```text\n" + ex.body + "\n```"
	}
	return sarifMessage{Text: text, Markdown: md}
}

func (s *sarifOut) File(r *checker.Result) error {
	loc := sarifArtifact(r.Path)
	seen := map[string]int{}
	for _, d := range r.Diagnostics {
		res := sarifResult{
			RuleID:  d.Rule,
			Level:   sarifLevel(d.Severity),
			Message: sarifMessage{Text: messageWithSuggestion(d)},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: loc, Region: s.cols.region(r.Source, d),
			}}},
		}
		if i, ok := s.ruleIndex[d.Rule]; ok {
			res.RuleIndex = &i
		}
		fp := s.fps.Of(r.Source, d)
		seen[d.Rule+"\x00"+fp]++
		res.PartialFingerprints = map[string]string{fingerprintKey: fp + ":" + strconv.Itoa(seen[d.Rule+"\x00"+fp])}
		if err := s.results.add(res); err != nil {
			return err
		}
	}
	if r.Err != nil {
		s.notes = append(s.notes, sarifNotification{
			Level:      "error",
			Message:    sarifMessage{Text: "无法读取：" + r.Err.Error()},
			Locations:  []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: loc}}},
			Descriptor: &sarifDescriptor{ID: "input/unreadable"},
		})
	}
	return nil
}

func (s *sarifOut) Close(Summary) error {
	s.results.end()
	inv := []sarifInvocation{{ExecutionSuccessful: true, ToolExecutionNotifications: s.notes}}
	if inv[0].ToolExecutionNotifications == nil {
		inv[0].ToolExecutionNotifications = []sarifNotification{}
	}
	b, err := json.MarshalIndent(inv, "      ", "  ")
	if err != nil {
		return err
	}
	s.w.WriteString("],\n      \"invocations\": ")
	s.w.Write(b)
	s.w.WriteString("\n    }\n  ]\n}\n")
	return s.w.Flush()
}

// messageWithSuggestion adds the suggested text to the message unless the message already
// quotes it: SARIF viewers show only the message.
func messageWithSuggestion(d checker.Diagnostic) string {
	msg := Message(d)
	if d.Suggestion == "" || strings.Contains(d.Message, d.Suggestion) {
		return msg
	}
	return msg + "（建议：" + d.Suggestion + "）"
}

// sarifArtifact names a file the way code scanning expects: a relative path becomes a
// percent-encoded URI reference with forward slashes under %SRCROOT% (non-ASCII names such as
// 报告.txt must be encoded, or the upload is rejected as not a "uri-reference"); an absolute
// path becomes a file:// URI, which GitHub makes relative to the checkout itself.
func sarifArtifact(path string) sarifArtifactLocation {
	p := filepath.ToSlash(filepath.Clean(path))
	if filepath.IsAbs(path) || strings.HasPrefix(p, "/") {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive: file:///C:/…
		}
		return sarifArtifactLocation{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	}
	// url.URL.String prefixes "./" when a first segment holds a colon, so that it cannot be
	// read as a scheme.
	return sarifArtifactLocation{URI: (&url.URL{Path: p}).String(), URIBaseID: sarifSrcRoot}
}

// region converts a finding's range (made valid by span) from rune columns to UTF-16
// code units with the line text.
func (u *utf16Columns) region(src []string, d checker.Diagnostic) *sarifRegion {
	l, c, el, ec := span(d)
	return &sarifRegion{
		StartLine: l, StartColumn: u.of(lineText(src, l), c),
		EndLine: el, EndColumn: u.of(lineText(src, el), ec),
	}
}

func lineText(src []string, n int) string {
	if n < 1 || n > len(src) {
		return ""
	}
	return src[n-1]
}
