package render

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html"
	"io"

	"github.com/fzlint/fzlint/checker"
)

// htmlSummary writes the summary as one self-contained page (inline CSS and script, nothing
// fetched) that stays fast at 10,000 reports: the rows are data (one JSON array per file,
// written as files come, so nothing is kept), and the page's script sorts, searches and
// filters the data and draws only the rows of the current page, with each file's findings
// shown on demand, and charts of the batch (reports missing each part, findings by rule).
type htmlSummary struct {
	w     *bufio.Writer
	opt   Options
	cols  *summaryColumns
	rows  int
	rules map[string]int // rule id → its number in the page's rule list
	order []string
}

func newHTMLSummary(w io.Writer, opt Options) *htmlSummary {
	return &htmlSummary{w: bufio.NewWriter(w), opt: opt, rules: map[string]int{}}
}

// The page is written in three pieces: htmlHead (with the generator's version and the columns'
// description), the rows, and htmlFoot (with the rules' names and the summary line). Values go
// in as JSON, which escapes <, > and & (so none can end the script), or HTML-escaped.
const htmlHead = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="fzlint %s">
<title>法治政府建设年度报告检查汇总</title>
<style>
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; margin: 12px; color: #222; font-size: 13px; }
h1 { font-size: 18px; margin: 0 0 8px; }
.bar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 8px; }
.bar input[type=search] { width: 16em; }
.charts { display: flex; gap: 24px; flex-wrap: wrap; margin-bottom: 8px; }
.chart { min-width: 300px; }
.chart h2 { font-size: 13px; margin: 4px 0; }
.chart .row { display: flex; align-items: center; gap: 6px; height: 18px; }
.chart .label { width: 11em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.chart .fill { background: #c62828; height: 12px; }
.chart .fill.rule { background: #1565c0; }
table { border-collapse: collapse; table-layout: fixed; width: 100%%; }
th, td { border: 1px solid #ccc; padding: 2px 4px; vertical-align: top; overflow: hidden; text-overflow: ellipsis; }
thead th { position: sticky; top: 0; background: #ddebf7; cursor: pointer; font-weight: 600; font-size: 12px; line-height: 1.2; }
thead th[aria-sort="ascending"]::after { content: " ▲"; }
thead th[aria-sort="descending"]::after { content: " ▼"; }
tbody tr:nth-child(even) { background: #f7f9fc; }
td.c { text-align: center; }
td.ok { color: #2e7d32; text-align: center; }
td.bad { color: #c62828; font-weight: bold; text-align: center; background: #fdecea; }
td.path { white-space: nowrap; }
td.reason { color: #c62828; white-space: normal; }
a.more { cursor: pointer; color: #1565c0; }
tr.findings td { background: #fffbe6; white-space: normal; }
tr.findings ol { margin: 2px 0; padding-left: 2em; }
.sev-error { color: #c62828; font-weight: bold; }
.sev-warning { color: #b26a00; font-weight: bold; }
.sev-info { color: #1565c0; }
code { color: #666; }
#pager { margin: 6px 0; }
#pager button { margin-right: 6px; }
</style>
</head>
<body>
<h1>法治政府建设年度报告检查汇总</h1>
<div class="bar">
<input type="search" id="q" placeholder="搜索单位或文件名">
<select id="part"><option value="">全部报告</option></select>
<select id="sev"><option value="">任何级别</option><option value="0">有错误</option><option value="1">有警告</option><option value="none">没有问题</option><option value="unreadable">无法读取或跳过</option></select>
<select id="rule"><option value="">任何规则</option></select>
<span id="count"></span>
</div>
<div class="charts"><div class="chart" id="chart-parts"></div><div class="chart" id="chart-rules"></div></div>
<p class="hint">✓ 有该部分，✗ 缺少必备部分，— 可选部分未写（或无日期可判断）。点击表头排序，点击问题数查看该文件的问题。</p>
<table id="matrix"><colgroup id="cols"></colgroup><thead><tr id="head"></tr></thead><tbody id="body"></tbody></table>
<div id="pager"></div>
<p id="line"></p>
<script>
var COLUMNS = %s;
var ROWS = [
`

const htmlFoot = `];
var RULES = %s;
var LINE = %s;
</script>
<script>
(function () {
  "use strict";
  var SEV = [["error", "错误"], ["warning", "警告"], ["info", "提示"]];
  var PAGE = 200;
  var C = COLUMNS, n = C.names.length, FIND = n; // a row: n cells, then its findings
  var collator = new Intl.Collator("zh-CN", {numeric: true});
  var $ = function (id) { return document.getElementById(id); };
  var state = {sort: -1, asc: true, q: "", part: "", sev: "", rule: "", page: 0, open: {}};
  var view = ROWS.map(function (_, i) { return i; });
  function isMark(c) { return c >= C.firstPart && c < C.firstPart + C.parts + C.marks; }
  function markKey(v) { return v === "✗" ? "0" : v === "—" ? "1" : v === "✓" ? "2" : "3"; }
  function key(r, c) {
    if (c === n) { return r[FIND].length; }
    var v = r[c];
    return isMark(c) ? markKey(v) : v;
  }
  function compare(c) {
    return function (a, b) {
      var x = key(ROWS[a], c), y = key(ROWS[b], c), d;
      if (typeof x === "number" && typeof y === "number") { d = x - y; } else { d = collator.compare(String(x), String(y)); }
      return state.asc ? d : -d;
    };
  }
  function keep(r) {
    if (state.q) {
      var q = state.q;
      if (String(r[C.file]).indexOf(q) < 0 && String(r[C.unit]).indexOf(q) < 0) { return false; }
    }
    if (state.part !== "" && r[C.firstPart + Number(state.part)] !== "✗") { return false; }
    var f = r[FIND];
    if (state.sev === "unreadable") { if (!r[n - 1]) { return false; } }
    else if (state.sev === "none") { if (f.length || r[n - 1]) { return false; } }
    else if (state.sev !== "") {
      var s = Number(state.sev), hit = false;
      for (var i = 0; i < f.length; i++) { if (f[i][2] === s) { hit = true; break; } }
      if (!hit) { return false; }
    }
    if (state.rule !== "") {
      var ru = Number(state.rule), has = false;
      for (var j = 0; j < f.length; j++) { if (f[j][3] === ru) { has = true; break; } }
      if (!has) { return false; }
    }
    return true;
  }
  function refilter() {
    view = [];
    for (var i = 0; i < ROWS.length; i++) { if (keep(ROWS[i])) { view.push(i); } }
    if (state.sort >= 0) { view.sort(compare(state.sort)); }
    state.page = 0;
    draw();
  }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (ch) { return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"}[ch]; }); }
  function cell(r, c) {
    var v = r[c], cls = "";
    if (isMark(c)) { cls = v === "✓" ? "ok" : v === "✗" ? "bad" : "c"; }
    else if (c === C.file) { cls = "path"; }
    else if (c === n - 1) { cls = "reason"; }
    else if (typeof v === "number" || c === C.year || c === C.kind) { cls = "c"; }
    return "<td class=\"" + cls + "\" title=\"" + esc(v) + "\">" + esc(v) + "</td>";
  }
  function findings(i) {
    var f = ROWS[i][FIND], out = "<tr class=\"findings\"><td colspan=\"" + (n + 1) + "\"><ol>";
    for (var k = 0; k < f.length; k++) {
      var s = SEV[f[k][2]];
      out += "<li>" + (f[k][5] ? "第 " + f[k][5] + " 页" : "") + "第 " + f[k][0] + " 行第 " + f[k][1] + " 列 <span class=\"sev-" + s[0] + "\">" + s[1] + "</span> " + esc(f[k][4]) + " <code>" + esc(RULES[f[k][3]]) + "</code></li>";
    }
    return out + "</ol></td></tr>";
  }
  function draw() {
    var start = state.page * PAGE, end = Math.min(view.length, start + PAGE), html = [];
    for (var k = start; k < end; k++) {
      var i = view[k], r = ROWS[i], tr = "<tr data-i=\"" + i + "\">";
      for (var c = 0; c < n; c++) { tr += cell(r, c); }
      tr += "<td class=\"c\">" + (r[FIND].length ? "<a class=\"more\">" + r[FIND].length + " 条</a>" : "无") + "</td></tr>";
      html.push(tr);
      if (state.open[i]) { html.push(findings(i)); }
    }
    $("body").innerHTML = html.join("");
    $("count").textContent = "显示 " + view.length + " / " + ROWS.length + " 份";
    var pages = Math.max(1, Math.ceil(view.length / PAGE)), p = "";
    if (pages > 1) {
      p = "<button id=\"prev\"" + (state.page === 0 ? " disabled" : "") + ">上一页</button>" +
        "第 " + (state.page + 1) + " / " + pages + " 页" +
        "<button id=\"next\"" + (state.page + 1 >= pages ? " disabled" : "") + ">下一页</button>";
    }
    $("pager").innerHTML = p;
    if ($("prev")) { $("prev").onclick = function () { state.page--; draw(); }; }
    if ($("next")) { $("next").onclick = function () { state.page++; draw(); }; }
  }
  function bars(el, title, items, cls) {
    var max = 1;
    items.forEach(function (it) { max = Math.max(max, it[1]); });
    var out = "<h2>" + esc(title) + "</h2>";
    items.forEach(function (it) {
      out += "<div class=\"row\"><span class=\"label\" title=\"" + esc(it[0]) + "\">" + esc(it[0]) + "</span>" +
        "<span class=\"fill " + cls + "\" style=\"width:" + Math.round(160 * it[1] / max) + "px\"></span><span>" + it[1] + "</span></div>";
    });
    el.innerHTML = out;
  }
  // Header, widths, filters and charts.
  var head = "", widths = "";
  for (var c = 0; c <= n; c++) {
    var name = c < n ? C.names[c] : "问题";
    head += "<th data-c=\"" + c + "\" title=\"" + esc(name) + "\">" + esc(c >= C.firstPart && c < C.firstPart + C.parts ? C.short[c - C.firstPart] : name) + "</th>";
    // Fits a 1,366-pixel laptop screen: the path and unit are cut (their full text is the
    // title), the marks and counts are narrow under wrapped heads.
    var w = c === C.file ? 12 : c === C.unit ? 8 : c === n - 1 ? 8 : c === C.year ? 3 : c === n ? 3.2 : 2.8;
    if (c === C.firstPart + C.parts) { w = 5.6; } // 成文日期
    widths += "<col style=\"width:" + w + "em\">";
  }
  $("head").innerHTML = head;
  $("cols").innerHTML = widths;
  var missing = [];
  for (var p = 0; p < C.parts; p++) {
    var o = document.createElement("option");
    o.value = p; o.textContent = "缺少：" + C.names[C.firstPart + p];
    $("part").appendChild(o);
    missing.push([C.names[C.firstPart + p], 0]);
  }
  var perRule = RULES.map(function (r) { return [r, 0]; });
  var reports = 0;
  ROWS.forEach(function (r) {
    if (r[C.kind] !== "" || r[C.firstPart] !== "") { reports++; }
    for (var p = 0; p < C.parts; p++) { if (r[C.firstPart + p] === "✗") { missing[p][1]++; } }
    r[FIND].forEach(function (f) { perRule[f[3]][1]++; });
  });
  RULES.forEach(function (r, i) { var o = document.createElement("option"); o.value = i; o.textContent = r; $("rule").appendChild(o); });
  bars($("chart-parts"), "缺少各部分的报告（共 " + reports + " 份报告）", missing, "");
  perRule.sort(function (a, b) { return b[1] - a[1]; });
  bars($("chart-rules"), "各规则的问题数（前 10）", perRule.slice(0, 10), "rule");
  $("line").textContent = LINE;
  $("head").addEventListener("click", function (e) {
    var th = e.target.closest("th"); if (!th) { return; }
    var c = Number(th.getAttribute("data-c"));
    state.asc = state.sort === c ? !state.asc : true;
    state.sort = c;
    Array.prototype.forEach.call($("head").children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", state.asc ? "ascending" : "descending");
    view.sort(compare(c));
    state.page = 0;
    draw();
  });
  $("body").addEventListener("click", function (e) {
    if (!e.target.classList.contains("more")) { return; }
    var i = Number(e.target.closest("tr").getAttribute("data-i"));
    state.open[i] = !state.open[i];
    draw();
  });
  var timer = 0;
  $("q").addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { state.q = $("q").value.trim(); refilter(); }, 120); });
  ["part", "sev", "rule"].forEach(function (id) { $(id).addEventListener("change", function () { state[id] = $(id).value; refilter(); }); });
  draw();
})();
</script>
</body>
</html>
`

// htmlColumns is the page's description of the columns (COLUMNS in its script).
type htmlColumns struct {
	Names     []string `json:"names"`
	Short     []string `json:"short"` // the part columns' heads, shortened
	File      int      `json:"file"`
	Unit      int      `json:"unit"`
	Year      int      `json:"year"`
	Kind      int      `json:"kind"`
	FirstPart int      `json:"firstPart"`
	Parts     int      `json:"parts"`
	Marks     int      `json:"marks"` // mark columns after the parts (按时报送, 分析原因)
}

func (h *htmlSummary) begin(cols *summaryColumns) error {
	h.cols = cols
	c := htmlColumns{Names: cols.header(), File: colFile, Unit: colUnit, Year: colYear, Kind: colKind,
		FirstPart: colFirstPart, Parts: len(cols.parts), Marks: scoreCauses + 1}
	for _, p := range cols.parts {
		c.Short = append(c.Short, shortName(p.name))
	}
	js, err := json.Marshal(c)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(h.w, htmlHead, html.EscapeString(h.opt.Version), js)
	return err
}

// shortName shortens a part's name for a narrow column head (the full name is its title).
func shortName(s string) string {
	r := []rune(s)
	if len(r) <= 6 {
		return s
	}
	return string(r[:5]) + "…"
}

// row writes a file as a JSON array: its cells, then its findings as [line, column, severity
// (0 error, 1 warning, 2 info), rule number, message] and, for a .pdf or .ofd, its page. encoding/json escapes <, > and &, so no
// value can end the script.
func (h *htmlSummary) row(r *checker.Result, cells []any) error {
	findings := make([][]any, 0, len(r.Diagnostics))
	for _, d := range r.Diagnostics {
		id, ok := h.rules[d.Rule]
		if !ok {
			id = len(h.order)
			h.rules[d.Rule] = id
			h.order = append(h.order, d.Rule)
		}
		f := []any{d.Line, d.Column, severityIndex(d.Severity), id, messageWithSuggestion(d)}
		if d.Page > 0 {
			f = append(f, d.Page) // a .pdf or .ofd finding: 第 P 页第 L 行
		}
		findings = append(findings, f)
	}
	js, err := json.Marshal(append(cells, findings))
	if err != nil {
		return err
	}
	if h.rows > 0 {
		h.w.WriteString(",\n")
	}
	h.rows++
	_, err = h.w.Write(js)
	return err
}

func severityIndex(s checker.Severity) int {
	switch s {
	case checker.Error:
		return 0
	case checker.Warning:
		return 1
	}
	return 2
}

func (h *htmlSummary) end(s Summary) error {
	s.Elapsed = 0 // the page should not change from run to run
	rules := h.order
	if rules == nil {
		rules = []string{}
	}
	js, err := json.Marshal(rules)
	if err != nil {
		return err
	}
	line, err := json.Marshal(summaryLine(s))
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(h.w, htmlFoot, js, line); err != nil {
		return err
	}
	return h.w.Flush()
}
