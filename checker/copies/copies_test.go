package copies

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
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
	defer ix.Close()
	a := ix.AddFile(File{Unit: "甲县"})
	ix.Add(a, Para{Line: 3, Sig: s})
	ix.Add(a, Para{Line: 9, Sig: s}) // a report repeating itself is no copy of another
	ix.Add(ix.AddFile(File{Unit: "乙县"}), Para{Line: 5, Sig: s})
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
		ix.Add(ix.AddFile(File{}), Para{Line: 1, Sig: s})
	}
	if got := ix.Find(Config{Similarity: 0.6, MaxReports: 4}); len(got) != 0 {
		t.Errorf("a text six reports share is a template, yet %d matches", len(got))
	}
}

// signPlain is what SignText must equal: the signature of the normalized text, and its length.
func signPlain(n *Normalizer, s string) (Sig, int, bool) {
	norm := n.Normalize(s)
	chars := len(norm)
	sig, ok := n.Sign(norm)
	return sig, chars, ok
}

var signSamples = []string{
	sample, "", "abc", "1234", "全年共办理", "２０２４年ＡＢＣ共办理案件1,234件，满意率98.5%。",
	"坚持以习近平新时代中国特色社会主义思想为指导，全面推进依法行政",
	"\xed\xa0\x80非法字节\xff\xe4\xb8混入\xe0\x80\x80文本𠀋𠀌ÄÖÜ straße ΑΒΓ",
	// Around the quick path for U+4E00 to U+9FFF: Han of extension A and symbols just below
	// it (led by E4 too), the last Han, a character cut short at the end.
	"䶵䷀一丁鿿龥䷿㐀扩展区A的字符作为段落的开头与结尾中\xe4\xb8",
	"坚持以习近平新时代中国特色社会主义思想为指导。",
	// Within a run of Han characters (signer.run): an ignored phrase, marks of each block
	// isPunct knows and characters of the same blocks it does not (〇 and 々 are Han), a number
	// ended by a Han character or a mark, two-byte marks, a text ending within three bytes.
	"今年以来我们坚持以习近平新时代中国特色社会主义思想为指导全面推进依法行政工作",
	"全年　共办理、审核。〈规范〉《文件》「一」『二』【三】〔四〕〖五〗〘六〙〚七〛〜〝八〞〟〠九，！＂＃％＆＇（）＊＋，－．／：；＜＝＞？＠［＼］＾＿｀｛｜｝～｟｠｡｢｣､･十",
	"完成〇件々々〡〢、〪〰〱〶〻〼〽㈠①②㊀ⅰⅱ—–‘’“”…‥‰′″※‼⁇⁈⁉⁰ⁱ⁴⁺₀ₐ₠℃№™ⅠⅡ",
	"办理2024年案件98.5件，满意率１２３。共12,3件·共计½件ａｂｃＡＢＣ０件",
	"全年办理\xed\xa0\x80案件\xe0\x80\x80审核\xe0\xa4\x80文件\xef\xbc\x8c件\xe2\x80\x9c件\xe3\x80\x82",
	"坚持以习近平新时代中国特色社会主义思想为",
	"坚持以习近平新时代中国特色社会主义思想为指导全",
	"现将有关情况报告如下：全年一切工作。\n\t坚持以习近平新时代中国特色社会主义思想为指导",
}

// checkSignText reports whether SignText differs from Sign(Normalize(s)).
func checkSignText(n *Normalizer, s string) string {
	want, wantChars, wantOK := signPlain(n, s)
	if got, chars, ok := n.SignText(s); got != want || chars != wantChars || ok != wantOK {
		return fmt.Sprintf("SignText(%q) = %v %d %v, want %v %d %v", s, got, chars, ok, want, wantChars, wantOK)
	}
	return ""
}

func TestSignTextIsSignOfNormalize(t *testing.T) {
	n := NewNormalizer([]string{"坚持以习近平新时代中国特色社会主义思想为指导"})
	long := strings.Repeat(sample, 20)
	for _, s := range append(signSamples, long, long[:len(long)-1]) {
		if diff := checkSignText(n, s); diff != "" {
			t.Error(diff)
		}
	}
}

func FuzzSignText(f *testing.F) {
	for _, s := range signSamples {
		f.Add(s)
	}
	n := NewNormalizer([]string{"坚持以习近平新时代中国特色社会主义思想为指导", "现将有关情况报告如下"})
	f.Fuzz(func(t *testing.T, s string) {
		if diff := checkSignText(n, s); diff != "" {
			t.Fatal(diff)
		}
	})
}

// BenchmarkSignText signs every line of the five seed reports, as a batch does.
func BenchmarkSignText(b *testing.B) {
	files, _ := filepath.Glob("../../testdata/seeds/*.txt")
	var lines []string
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, l := range strings.Split(string(data), "\n") {
			lines, size = append(lines, l), size+len(l)
		}
	}
	n := NewNormalizer([]string{"坚持以习近平新时代中国特色社会主义思想为指导"})
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, l := range lines {
			n.SignText(l)
		}
	}
}

// isPunct is only a shortcut: no character it takes is one Normalize keeps.
func TestIsPunctHoldsNoLetter(t *testing.T) {
	n := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isPunct(r) {
			n++
			if unicode.Is(unicode.Han, r) || unicode.IsLetter(r) || r >= '０' && r <= '９' {
				t.Errorf("isPunct(%U), yet %q is kept", r, r)
			}
		}
	}
	if n < 150 {
		t.Errorf("isPunct takes %d characters: the shortcut misses the common marks", n)
	}
}
