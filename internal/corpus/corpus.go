// Package corpus generates varied reports from the real ones in testdata/seeds, for benchmarks
// and batch runs (cmd/gencorpus). Each report is a seed with its year shifted, a title naming
// another unit (a government or a department), and now and then a defect a drafter makes: a part
// dropped, a wrong year, a placeholder left in, a heading number skipped, a number changed.
// Files are written as UTF-8 .txt, .md, CRLF, GB18030, and a few as .docx with automatic
// numbering and as .html.
package corpus

import (
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/fzlint/fzlint/internal/docxgen"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Generate writes n reports derived from the seed reports (*.txt) in seedDir into out, and
// returns the number of bytes written. The same seed gives the same files.
func Generate(n int, out string, seed uint64, seedDir string) (int64, error) {
	reports, err := loadSeeds(seedDir)
	if err != nil {
		return 0, err
	}
	var total int64
	for i := 0; i < n; i++ {
		r := rand.New(rand.NewPCG(seed, uint64(i)))
		src := reports[r.IntN(len(reports))]
		lines := vary(r, src.lines)
		name, data := encode(r, i, src.name, lines)
		p := filepath.Join(out, fmt.Sprintf("batch-%03d", i/1000), name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return total, err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return total, err
		}
		total += int64(len(data))
	}
	return total, nil
}

type seedReport struct {
	name  string
	lines []string
}

func loadSeeds(dir string) ([]seedReport, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("no seed reports (*.txt) in %s", dir)
	}
	var out []seedReport
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		text := strings.ReplaceAll(strings.TrimPrefix(string(data), "\ufeff"), "\r\n", "\n")
		out = append(out, seedReport{strings.TrimSuffix(filepath.Base(p), ".txt"), strings.Split(text, "\n")})
	}
	return out, nil
}

var (
	yearRE      = regexp.MustCompile(`20[12]\d`)
	topRE       = regexp.MustCompile(`^[一二三四五六七八九十]+、`)
	sectionRE   = regexp.MustCompile(`^[（(]([一二三四五六七八九十]+)[）)]`)
	numberRE    = regexp.MustCompile(`\d+`)
	places      = []string{"清河", "东山", "永安", "南城", "桃源", "平川", "石门", "青阳", "临江", "新丰", "白水", "长宁", "云溪", "凤台", "梅岭"}
	governments = []string{"县人民政府", "区人民政府", "市人民政府", "县", "经济技术开发区管理委员会"}
	departments = []string{"县司法局", "市生态环境局", "区市场监督管理局", "县交通运输局", "市自然资源和规划局", "区教育局"}
	placeholder = []string{"XX", "××", "*次", "【】", "____"}
	chinese     = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
)

// vary derives a new report from a seed's lines.
func vary(r *rand.Rand, seed []string) []string {
	lines := append([]string(nil), seed...)
	// Another report year: every year in the text moves together.
	shift := r.IntN(5) - 3
	for i, l := range lines {
		lines[i] = yearRE.ReplaceAllStringFunc(l, func(y string) string {
			v, _ := strconv.Atoi(y)
			return strconv.Itoa(v + shift)
		})
	}
	// A title naming a unit, government or department.
	if r.IntN(3) > 0 {
		unit := places[r.IntN(len(places))]
		if r.IntN(3) == 0 {
			unit += departments[r.IntN(len(departments))]
		} else {
			unit += governments[r.IntN(len(governments))]
		}
		year := "2024"
		for _, l := range lines {
			if y := yearRE.FindString(l); y != "" {
				year = y
				break
			}
		}
		lines = append([]string{unit + "关于" + year + "年度法治政府建设情况的报告"}, lines...)
	}
	body := func() int { return r.IntN(len(lines)) }
	if r.IntN(10) == 0 { // drop a part
		var tops []int
		for i, l := range lines {
			if topRE.MatchString(l) {
				tops = append(tops, i)
			}
		}
		if len(tops) > 1 {
			k := r.IntN(len(tops) - 1)
			lines = append(lines[:tops[k]], lines[tops[k+1]:]...)
		}
	}
	if r.IntN(10) == 0 { // a wrong year in a line
		i := body()
		if y := yearRE.FindString(lines[i]); y != "" {
			v, _ := strconv.Atoi(y)
			lines[i] = strings.Replace(lines[i], y, strconv.Itoa(v-1), 1)
		}
	}
	if r.IntN(8) == 0 { // a placeholder left in
		i := body()
		rs := []rune(lines[i])
		at := r.IntN(len(rs) + 1)
		lines[i] = string(rs[:at]) + placeholder[r.IntN(len(placeholder))] + string(rs[at:])
	}
	if r.IntN(10) == 0 { // a section number skipped or repeated
		for i, l := range lines {
			if m := sectionRE.FindStringSubmatch(l); m != nil && m[1] == "二" {
				lines[i] = strings.Replace(l, "二", chinese[r.IntN(len(chinese))], 1)
				break
			}
		}
	}
	if r.IntN(5) == 0 { // a number changed
		i := body()
		lines[i] = numberRE.ReplaceAllStringFunc(lines[i], func(s string) string {
			if r.IntN(3) > 0 || len(s) == 4 {
				return s
			}
			v, _ := strconv.Atoi(s)
			return strconv.Itoa(v + 1 + r.IntN(50))
		})
	}
	return lines
}

// encode writes the report in one of the forms drafters send.
func encode(r *rand.Rand, i int, seedName string, lines []string) (string, []byte) {
	base := fmt.Sprintf("%05d_%s", i, seedName)
	switch k := r.IntN(100); {
	case k < 2:
		return base + ".docx", docxgen.NumberedReport(lines)
	case k < 4:
		var b strings.Builder
		b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>报告</title></head><body>\n")
		b.WriteString("<div class=\"position\">当前位置：首页 &gt; 政务公开</div>\n<div class=\"content\">\n")
		for _, l := range lines {
			b.WriteString("<p>" + html.EscapeString(l) + "</p>\n")
		}
		b.WriteString("</div>\n<div>【打印本页】【关闭窗口】</div>\n</body></html>\n")
		return base + ".html", []byte(b.String())
	case k < 14:
		s, err := simplifiedchinese.GB18030.NewEncoder().String(strings.Join(lines, "\r\n"))
		if err != nil {
			break
		}
		return base + ".txt", []byte(s)
	case k < 24:
		return base + ".txt", []byte(strings.Join(lines, "\r\n"))
	case k < 40:
		md := make([]string, len(lines))
		for j, l := range lines {
			md[j] = l
			if topRE.MatchString(l) {
				md[j] = "## " + l
			}
		}
		return base + ".md", []byte(strings.Join(md, "\n\n"))
	}
	return base + ".txt", []byte(strings.Join(lines, "\n"))
}
