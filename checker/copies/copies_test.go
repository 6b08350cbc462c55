package copies

import (
	"strings"
	"testing"
)

const sample = "全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，全年共办理行政执法案件1234件，群众满意率达到98.5%，执法规范化水平明显提升。"

func TestNormalizeKeepsWordsAndFoldsNumbers(t *testing.T) {
	n := NewNormalizer(nil)
	got := string(n.Normalize("2024年，共办理案件1,234件（满意率98.5%）ABC"))
	if want := "0年共办理案件0件满意率0abc"; got != want {
		t.Errorf("Normalize = %q, want %q", got, want)
	}
}

func TestSimilarityOfEditedAndDifferentParagraphs(t *testing.T) {
	n := NewNormalizer(nil)
	sig := func(s string) Sig {
		t.Helper()
		g, ok := n.Sign(n.Normalize(s))
		if !ok {
			t.Fatalf("no signature for %q", s)
		}
		return g
	}
	a := sig(sample)
	edited := strings.NewReplacer("1234", "987", "98.5", "96.1", "明显", "进一步").Replace(sample)
	if b := sig(edited); a.Similarity(&b) < 0.6 {
		t.Errorf("numbers and one word changed: similarity %.2f, want ≥ 0.6", a.Similarity(&b))
	}
	other := sig("深化“放管服”改革，优化营商环境，全年新增市场主体三千余户，政务服务事项全部实现网上可办，企业开办时间压缩至一个工作日以内。")
	if s := a.Similarity(&other); s > 0.2 {
		t.Errorf("different paragraphs: similarity %.2f, want ≤ 0.2", s)
	}
}

func TestIgnoredPhrasesDoNotCount(t *testing.T) {
	formula := "坚持以习近平新时代中国特色社会主义思想为指导"
	n := NewNormalizer([]string{formula})
	if _, ok := n.Sign(n.Normalize(formula + "。")); ok {
		t.Error("a paragraph that is only an ignored formula still has a signature")
	}
	plain := NewNormalizer(nil)
	if _, ok := plain.Sign(plain.Normalize(formula)); !ok {
		t.Error("without the ignore list the formula has no signature")
	}
}

func TestFindPairsOnlyAcrossReportsAndSkipsTemplates(t *testing.T) {
	n := NewNormalizer(nil)
	s, _ := n.Sign(n.Normalize(sample))
	var ix Index
	a, b := ix.AddFile(File{Unit: "甲县"}), ix.AddFile(File{Unit: "乙县"})
	ix.Add(a, 3, s)
	ix.Add(a, 9, s) // a report repeating itself is no copy of another
	ix.Add(b, 5, s)
	got := ix.Find(Config{Similarity: 0.6, MaxReports: 4})
	if len(got) != 3 {
		t.Fatalf("got %d matches, want 3 (both of a's paragraphs and b's): %+v", len(got), got)
	}
	for _, m := range got {
		if m.File == m.Other {
			t.Errorf("a match within one report: %+v", m)
		}
	}
	for i := 0; i < 4; i++ {
		ix.Add(ix.AddFile(File{}), 1, s)
	}
	if got := ix.Find(Config{Similarity: 0.6, MaxReports: 4}); len(got) != 0 {
		t.Errorf("a text six reports share is a template, yet %d matches", len(got))
	}
}
