package render

import (
	"bufio"
	"fmt"
	"html/template"
	"io"

	"github.com/fzlint/fzlint/checker"
)

// htmlSummary writes the summary as one self-contained page (inline CSS and script, nothing
// fetched): the table of summaryColumns, sortable by clicking a header, each file's findings
// in a <details> of its last cell, and a footer with the totals. Rows are written as files
// come; html/template escapes every value.
type htmlSummary struct {
	w       *bufio.Writer
	opt     Options
	cols    *summaryColumns
	missing []int // per part, files missing it
}

func newHTMLSummary(w io.Writer, opt Options) *htmlSummary {
	return &htmlSummary{w: bufio.NewWriter(w), opt: opt}
}

type htmlCell struct {
	Text  any
	Sort  string // the sort key when the text is not one (part marks)
	Class string
}

type htmlFinding struct {
	Line, Column    int
	Severity, Label string
	Message, Rule   string
}

type htmlRow struct {
	Cells    []htmlCell
	Findings []htmlFinding
}

type htmlFooter struct {
	Cells []htmlCell
	Line  string
}

var htmlTemplates = template.Must(template.New("head").Parse(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="fzlint {{.Version}}">
<title>法治政府建设年度报告检查汇总</title>
<style>
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; }
.hint { color: #666; }
table { border-collapse: collapse; font-size: 14px; }
th, td { border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; }
thead th { position: sticky; top: 0; background: #ddebf7; cursor: pointer; white-space: nowrap; }
thead th[aria-sort="ascending"]::after { content: " ▲"; }
thead th[aria-sort="descending"]::after { content: " ▼"; }
tbody tr:nth-child(even) { background: #f7f9fc; }
tfoot td { font-weight: bold; background: #f0f0f0; }
td.num, td.mark { text-align: center; }
td.present { color: #2e7d32; text-align: center; }
td.missing { color: #c62828; font-weight: bold; text-align: center; background: #fdecea; }
td.unreadable { color: #c62828; }
details summary { cursor: pointer; white-space: nowrap; }
details ol { margin: 0.4em 0; padding-left: 1.5em; min-width: 36em; }
.sev-error { color: #c62828; font-weight: bold; }
.sev-warning { color: #b26a00; font-weight: bold; }
.sev-info { color: #1565c0; }
code { color: #666; }
</style>
</head>
<body>
<h1>法治政府建设年度报告检查汇总</h1>
<p class="hint">✓ 有该部分，✗ 缺少必备部分，— 可选部分未写。点击表头排序，点击“问题明细”展开各文件的问题。</p>
<table id="matrix">
<thead><tr>{{range .Header}}<th>{{.}}</th>{{end}}<th>问题明细</th></tr></thead>
<tbody>
`))

func init() {
	template.Must(htmlTemplates.New("row").Parse(`<tr>{{range .Cells}}<td{{with .Class}} class="{{.}}"{{end}}{{with .Sort}} data-sort="{{.}}"{{end}}>{{.Text}}</td>{{end}}<td data-sort="{{len .Findings}}">
{{- if .Findings}}<details><summary>{{len .Findings}} 条</summary><ol>
{{- range .Findings}}<li>第 {{.Line}} 行第 {{.Column}} 列 <span class="sev-{{.Severity}}">{{.Label}}</span> {{.Message}} <code>{{.Rule}}</code></li>{{end -}}
</ol></details>{{else}}无{{end}}</td></tr>
`))
	template.Must(htmlTemplates.New("foot").Parse(`</tbody>
<tfoot><tr>{{range .Cells}}<td{{with .Class}} class="{{.}}"{{end}}>{{.Text}}</td>{{end}}<td></td></tr></tfoot>
</table>
<p>{{.Line}}</p>
<script>
(function () {
  var table = document.getElementById("matrix");
  var collator = new Intl.Collator("zh-CN", {numeric: true});
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, col) {
    th.addEventListener("click", function () {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var body = table.tBodies[0];
      var key = function (tr) {
        var td = tr.cells[col];
        return td.hasAttribute("data-sort") ? td.getAttribute("data-sort") : td.textContent.trim();
      };
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) { var c = collator.compare(key(a), key(b)); return asc ? c : -c; });
      rows.forEach(function (tr) { body.appendChild(tr); });
    });
  });
})();
</script>
</body>
</html>
`))
}

func (h *htmlSummary) begin(cols *summaryColumns) error {
	h.cols = cols
	h.missing = make([]int, len(cols.parts))
	return htmlTemplates.ExecuteTemplate(h.w, "head", struct {
		Version string
		Header  []string
	}{h.opt.Version, cols.header()})
}

// markSort orders the part marks: missing first when ascending.
var markSort = map[string]string{markMissing: "0", markNone: "1", markPresent: "2", "": "3"}

func (h *htmlSummary) row(r *checker.Result, cells []any) error {
	row := htmlRow{Cells: make([]htmlCell, len(cells))}
	for i, v := range cells {
		c := htmlCell{Text: v}
		switch {
		case i >= colFirstPart && i < colFirstPart+len(h.cols.parts):
			mark := v.(string)
			c.Sort = markSort[mark]
			c.Class = map[string]string{markPresent: "present", markMissing: "missing"}[mark]
			if c.Class == "" {
				c.Class = "mark"
			}
			if mark == markMissing {
				h.missing[i-colFirstPart]++
			}
		case i == len(cells)-1:
			c.Class = "unreadable"
		default:
			if _, ok := v.(int); ok {
				c.Class = "num"
			}
		}
		row.Cells[i] = c
	}
	for _, d := range r.Diagnostics {
		row.Findings = append(row.Findings, htmlFinding{Line: d.Line, Column: d.Column,
			Severity: d.Severity.String(), Label: severityLabel[d.Severity], Message: messageWithSuggestion(d), Rule: d.Rule})
	}
	return htmlTemplates.ExecuteTemplate(h.w, "row", row)
}

func (h *htmlSummary) end(s Summary) error {
	foot := htmlFooter{Cells: []htmlCell{{Text: fmt.Sprintf("合计 %d 个文件", s.Files)}, {}, {}, {}}}
	for _, n := range h.missing {
		foot.Cells = append(foot.Cells, htmlCell{Text: fmt.Sprintf("缺 %d", n), Class: "mark"})
	}
	foot.Cells = append(foot.Cells, htmlCell{Text: s.Errors, Class: "num"}, htmlCell{Text: s.Warnings, Class: "num"},
		htmlCell{Text: s.Infos, Class: "num"}, htmlCell{Text: s.Unreadable, Class: "num"})
	s.Elapsed = 0 // the page should not change from run to run
	foot.Line = summaryLine(s)
	if err := htmlTemplates.ExecuteTemplate(h.w, "foot", foot); err != nil {
		return err
	}
	return h.w.Flush()
}
