package checker

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
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
// (page and line: what a message about it names). A batch keeps one per paragraph, on disk.
type ParaFacts = copies.Para

// CrossFile reports whether any check of the cross-file stage is enabled.
func (l *Linter) CrossFile() bool {
	return l.severity[copiedParagraph.ID] >= Info || l.severity[sameAsLastYear.ID] >= Info
}

// Facts builds the document model of a text (no checks run) and returns what the cross-file
// stage needs of it: the same as CheckTextFacts.
func (l *Linter) Facts(name string, t *input.Text, opt Options) Facts {
	t, lines, _ := prepare(t)
	return l.factsOf(NewDocument(name, lines, t.Encoding, l.rules, opt), t.Map)
}

// factsOf returns the facts of a document model before its checks run, built from the
// prepared text (reflowed and folded, as the rules see it); m maps its lines to the file's.
func (l *Linter) factsOf(doc *Document, m *input.SourceMap) Facts {
	cfg := l.rules.Set.Copies
	norm := l.normalizers.Get().(*copies.Normalizer)
	defer l.normalizers.Put(norm)
	// The unit is a slice of the file's text: a copy keeps the text from staying in memory.
	f := Facts{File: copies.File{Unit: strings.Clone(doc.Unit), Year: doc.Year}}
	end := doc.BodyEnd
	if end == 0 || end > len(doc.Lines) {
		end = len(doc.Lines)
	}
	buf := paraBuffers.Get().(*[]ParaFacts)
	paras := (*buf)[:0]
	for n := max(doc.BodyStart, 1); n <= end; n++ {
		line := &doc.Lines[n-1]
		// Normalizing keeps at most one character of each: a line of fewer characters than
		// MinChars (fewer bytes, or not enough characters in its first 4×MinChars bytes) never
		// keeps enough.
		c := line.Content
		if line.Chrome || len(c) < cfg.MinChars || len(c) < 4*cfg.MinChars && utf8.RuneCountInString(c) < cfg.MinChars {
			continue
		}
		sig, chars, ok := norm.SignText(c)
		if chars < cfg.MinChars {
			continue
		}
		if ok {
			at := m.Locate(n, 1)
			paras = append(paras, ParaFacts{Line: int32(n), Page: int32(at.Page), SrcLine: int32(at.Line), Sig: sig})
		}
	}
	if len(paras) > 0 {
		f.Paras = slices.Clone(paras) // the batch may hold many files' facts: no spare room
	}
	if cap(paras) <= 1<<14 { // a big file's stays no longer than its facts
		*buf = paras[:0]
		paraBuffers.Put(buf)
	}
	return f
}

// paraBuffers hold the paragraphs of a file's facts while factsOf gathers them, so that the
// facts are allocated once, at their size.
var paraBuffers = sync.Pool{New: func() any { return new([]ParaFacts) }}

// CrossFileFindings runs the cross-file stage over the facts of a batch's files (paths[i] is
// the file of facts[i]) and returns each file's findings by index, for Options.Batch. Their
// severity is set by the linter of each file.
func (l *Linter) CrossFileFindings(paths []string, facts []Facts) map[int][]Diagnostic {
	s := l.NewCrossFileStage()
	for i := range facts {
		s.Add(facts[i])
	}
	return s.Findings(func(i int) string { return paths[i] })
}

// CrossFileStage gathers the facts of a batch's files, in the batch's order, for the cross-file
// checks. It keeps little in memory (copies.Index writes the signatures to a temporary file),
// not even the files' paths: Findings asks for those it names.
type CrossFileStage struct {
	l  *Linter
	ix copies.Index
}

// NewCrossFileStage returns an empty stage with this linter's [copies] settings.
func (l *Linter) NewCrossFileStage() *CrossFileStage { return &CrossFileStage{l: l} }

// Grow makes room for n more files.
func (s *CrossFileStage) Grow(n int) { s.ix.Grow(n) }

// Add adds the facts of the next file of the batch.
func (s *CrossFileStage) Add(f Facts) {
	i := s.ix.AddFile(f.File)
	for _, p := range f.Paras {
		s.ix.Add(i, p)
	}
}

// Findings returns each file's findings by its index in the order of Add, once: it removes
// the stage's temporary file. path gives the path of the file of an index, for the messages
// that name it.
func (s *CrossFileStage) Findings(path func(int) string) map[int][]Diagnostic {
	defer s.ix.Close()
	l, ix := s.l, &s.ix
	cfg := l.rules.Set.Copies
	matches := ix.Find(copies.Config{Similarity: cfg.Similarity, MaxReports: cfg.MaxReports})
	if len(matches) == 0 {
		return nil
	}
	out := map[int][]Diagnostic{}
	for _, m := range matches {
		where := describePlace(path(m.Other), input.Pos{Page: m.OtherPage, Line: m.OtherSrcLine})
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
