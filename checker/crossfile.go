package checker

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/fzlint/fzlint/checker/copies"
	"github.com/fzlint/fzlint/checker/input"
)

// Checks that compare the files of a batch run as a stage after the per-file checks, over the
// compact Facts each file exports (go/analysis Facts are the model): a single file's check pays
// nothing for them. Their findings come back to each file through Options.Batch, so that
// severities, suppressions and masking apply to them as to any other.

var copiedParagraph = &Check{
	ID:       "batch/copied-paragraph",
	Severity: Warning,
	Summary:  "一段文字与同一批次中另一单位的报告（几乎）相同",
	Doc: "同一批次（一次检查的多份报告）中，两份不同单位的报告有一段文字相同或几乎相同（只改了单位名称、年份或数字），" +
		"两边都报告，并指出另一份报告的文件和行。人人都写的套话（指导思想、模板标题、开头的固定说法）不算：" +
		"批次中超过 [copies] max_reports 份报告都有的文字视为通用表述（模板、套话），rules.toml 的 [copies] ignore 列出的说法也不比较。" +
		"只在一次检查多于一份报告时运行。",
	Bad:  "（两份报告）甲县：今年共审核规范性文件36件，纠正违法条款5处，实现备案审查全覆盖，有力维护了法制统一。\n乙区：今年共审核规范性文件41件，纠正违法条款2处，实现备案审查全覆盖，有力维护了法制统一。",
	Good: "（两份报告）各写各的工作，只有指导思想等通用表述相同。",
	Run:  func(*Pass) {},
}

var sameAsLastYear = &Check{
	ID:       "batch/same-as-last-year",
	Severity: Info,
	Summary:  "一段文字与同一单位上一年度的报告（几乎）相同",
	Doc: "批次中有同一单位往年的报告时，今年报告中与往年报告相同或几乎相同的段落（常见的是照抄去年的工作安排）。" +
		"只报告在较新的报告上，并指出往年报告的文件和行。",
	Bad:  "（两份报告）某县2023年度报告的工作安排一段，原样出现在某县2024年度报告中。",
	Good: "（两份报告）2024年度报告的工作安排写的是新一年的具体任务。",
	Run:  func(*Pass) {},
}

func init() {
	copiedParagraph.Batch = true
	sameAsLastYear.Batch = true
	register(copiedParagraph, sameAsLastYear)
}

// Facts is what the cross-file stage keeps of one report: who wrote it for which year, and a
// signature of each paragraph of its body long enough to compare. No text is kept.
type Facts struct {
	File  copies.File
	Paras []ParaFacts
}

// ParaFacts is one paragraph's signature, at its logical line and at its place in the file
// (page and line: what a message about it names). A batch keeps one per paragraph: it is small.
type ParaFacts struct {
	Line, Page, SrcLine int32
	Sig                 copies.Sig
}

// CrossFile reports whether any check of the cross-file stage is enabled.
func (l *Linter) CrossFile() bool {
	return l.severity[copiedParagraph.ID] >= Info || l.severity[sameAsLastYear.ID] >= Info
}

// Facts builds the document model of a text (no checks run) and returns what the cross-file
// stage needs of it.
func (l *Linter) Facts(name string, t *input.Text, opt Options) Facts {
	doc := NewDocument(name, t.Lines, t.Encoding, l.rules, opt)
	cfg := l.rules.Set.Copies
	norm := l.normalizers.Get().(*copies.Normalizer)
	defer l.normalizers.Put(norm)
	// The unit is a slice of the file's text: a copy keeps the text from staying in memory.
	f := Facts{File: copies.File{Unit: strings.Clone(doc.Unit), Year: doc.Year}}
	end := doc.BodyEnd
	if end == 0 || end > len(doc.Lines) {
		end = len(doc.Lines)
	}
	for n := max(doc.BodyStart, 1); n <= end; n++ {
		line := &doc.Lines[n-1]
		if line.Chrome || utf8.RuneCountInString(line.Content) < cfg.MinChars {
			continue
		}
		text := norm.Normalize(line.Content)
		if len(text) < cfg.MinChars {
			continue
		}
		if sig, ok := norm.Sign(text); ok {
			at := t.Map.Locate(n, 1)
			f.Paras = append(f.Paras, ParaFacts{Line: int32(n), Page: int32(at.Page), SrcLine: int32(at.Line), Sig: sig})
		}
	}
	f.Paras = slices.Clip(f.Paras)
	if cap(f.Paras) > 2*len(f.Paras)+8 {
		f.Paras = slices.Clone(f.Paras) // the batch keeps every file's facts: no spare room
	}
	return f
}

// CrossFileFindings runs the cross-file stage over the facts of a batch's files (paths[i] is
// the file of facts[i]) and returns each file's findings by index, for Options.Batch. Their
// severity is set by the linter of each file.
func (l *Linter) CrossFileFindings(paths []string, facts []Facts) map[int][]Diagnostic {
	var ix copies.Index
	for _, f := range facts {
		i := ix.AddFile(f.File)
		for _, p := range f.Paras {
			ix.Add(i, int(p.Line), p.Sig)
		}
	}
	cfg := l.rules.Set.Copies
	matches := ix.Find(copies.Config{Similarity: cfg.Similarity, MaxReports: cfg.MaxReports})
	if len(matches) == 0 {
		return nil
	}
	// Where a partner paragraph stands in its file, for the message.
	at := func(file, line int) input.Pos {
		for _, p := range facts[file].Paras {
			if int(p.Line) == line {
				return input.Pos{Page: int(p.Page), Line: int(p.SrcLine)}
			}
		}
		return input.Pos{Line: line}
	}
	out := map[int][]Diagnostic{}
	for _, m := range matches {
		where := describePlace(paths[m.Other], at(m.Other, m.OtherLine))
		sim := int(m.Similarity*100 + 0.5)
		more := ""
		if m.OtherMore > 0 {
			more = fmt.Sprintf("；另有 %d 份报告中也有这段文字", m.OtherMore)
		}
		d := Diagnostic{Line: m.Line, Column: 1, EndLine: m.Line, EndColumn: 1}
		if m.Kind == copies.LastYear {
			d.Rule = sameAsLastYear.ID
			d.Message = fmt.Sprintf("本段与本单位%d年度报告（%s）几乎相同（相似度约 %d%%）：是否照搬了往年的内容？%s", m.OtherYear, where, sim, more)
		} else {
			d.Rule = copiedParagraph.ID
			d.Message = fmt.Sprintf("本段与同批次另一份报告（%s）几乎相同（相似度约 %d%%）：请核实是否照搬照抄%s", where, sim, more)
		}
		out[m.File] = append(out[m.File], d)
	}
	return out
}

// describePlace names a place in another file: its path and line (page and line for PDF/OFD).
func describePlace(path string, p input.Pos) string {
	path = filepath.ToSlash(path)
	if p.Page > 0 {
		return fmt.Sprintf("%s 第 %d 页第 %d 行", path, p.Page, p.Line)
	}
	return fmt.Sprintf("%s 第 %d 行", path, p.Line)
}

// addBatch adds the cross-file stage's findings for a document, with this linter's severities;
// a disabled rule's findings are dropped.
func (l *Linter) addBatch(doc *Document, ds []Diagnostic) []Diagnostic {
	for _, d := range doc.batch {
		sev := l.severity[d.Rule]
		if sev < Info || d.Line < 1 || d.Line > len(doc.Lines) {
			continue
		}
		d.Severity = sev
		d.EndColumn = utf8.RuneCountInString(strings.TrimRight(doc.Lines[d.Line-1].Text, " \t　")) + 1
		ds = append(ds, d)
	}
	return ds
}
