package render

import (
	"bufio"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/fzlint/fzlint/checker"
)

// htmlSummary writes the summary as one self-contained page (inline CSS and script, nothing
// fetched) that stays fast at 10,000 reports: the rows are data (one JSON array per file,
// written as files come, so nothing is kept, in a JSON script element the page parses with one
// JSON.parse), each text but the path written once (textTable), and the page's script sorts,
// searches and filters the data and draws only the rows of the current page, with each file's
// findings shown on demand, and charts of the batch (reports missing each part, findings by
// rule).
type htmlSummary struct {
	w     *bufio.Writer
	opt   Options
	cols  *summaryColumns
	rows  int
	rules map[string]int // rule id → its number in the page's rule list
	order []string
	text  []int // the columns whose cells go through texts
	texts textTable
	// The rows go through gzip and base64 into the page (rowsData).
	data   *gzip.Writer
	base64 io.WriteCloser
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
.bar select { max-width: 20em; }
.charts { display: flex; gap: 24px; flex-wrap: wrap; margin-bottom: 8px; }
.chart { min-width: 300px; }
.chart h2 { font-size: 13px; margin: 4px 0; }
.chart .row { display: flex; align-items: center; gap: 6px; height: 18px; }
.chart .label { width: 15em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.chart .fill { background: #c62828; height: 12px; }
.chart .fill.rule { background: #1565c0; }
/* The table's rows are grids of the same columns (#grid, set by the script) rather than table
   rows, so that a row off the screen is skipped by style, layout and paint (content-visibility
   does not apply to table rows): a page of 200 rows costs about what the rows on screen cost. */
#matrix, #matrix thead, #matrix tbody { display: block; }
#matrix thead { position: sticky; top: 0; z-index: 1; }
#matrix tr { display: grid; }
#matrix tbody tr { content-visibility: auto; contain-intrinsic-size: auto 21px; }
th, td { border: solid #ccc; border-width: 0 1px 1px 0; padding: 2px 4px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
#matrix tr > :first-child { border-left-width: 1px; }
thead th { border-top-width: 1px; background: #ddebf7; cursor: pointer; font-weight: 600; font-size: 12px; line-height: 1.2; white-space: normal; }
thead th[aria-sort="ascending"]::after { content: " ▲"; }
thead th[aria-sort="descending"]::after { content: " ▼"; }
tbody tr:nth-child(even) { background: #f7f9fc; }
td.c { text-align: center; }
td.path { direction: rtl; text-align: left; }
td.ok { color: #2e7d32; text-align: center; }
td.bad { color: #c62828; font-weight: bold; text-align: center; background: #fdecea; }
td.reason { color: #c62828; white-space: normal; }
a.more { cursor: pointer; color: #1565c0; }
tr.findings td { grid-column: 1 / -1; background: #fffbe6; white-space: normal; }
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
<div class="charts" id="charts"><div class="chart" id="chart-parts"></div><div class="chart" id="chart-rules"></div></div>
<p class="hint">✓ 有该部分，✗ 缺少必备部分，— 可选部分未写（或无日期可判断）。点击表头排序，点击问题数查看该文件的问题。</p>
<style id="grid"></style>
<table id="matrix"><thead><tr id="head"></tr></thead><tbody id="body"></tbody></table>
<div id="pager"></div>
<p id="line"></p>
<script id="columns" type="application/json">%s</script>
<script id="rows" type="application/gzip">`

const htmlFoot = `</script>
<script id="meta" type="application/json">{"rules":%s,"line":%s}</script>
<script>
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  // The rows are JSON, gzipped and in base64: the browser reads a tenth of the bytes, and
  // unpacks them with its own gzip (DecompressionStream), nothing fetched.
  if (typeof DecompressionStream !== "function") {
    $("count").textContent = "本页需要较新的浏览器（Chrome、Edge 80，Firefox 113，Safari 16.4 或更新的版本）。";
    return;
  }
  var bin = atob($("rows").textContent), bytes = new Uint8Array(bin.length);
  for (var b = 0; b < bin.length; b++) { bytes[b] = bin.charCodeAt(b); }
  new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text().then(function (text) {
    performance.mark("fzlint-unpacked");
    var rows = JSON.parse(text);
    performance.mark("fzlint-parsed");
    show(rows);
  });

  function show(ROWS) {
    var data = function (id) { return JSON.parse($(id).textContent); };
    var C = data("columns"), META = data("meta"), RULES = META.rules;
    var N = ROWS.length, n = C.names.length, FIND = n, REASON = n - 1; // a row: n cells, then its findings
    var SEV = [["error", "错误"], ["warning", "警告"], ["info", "提示"]];
    var PAGE = 200;

    // One pass over the rows. A text cell (C.text) and a finding's message are text the first
    // time the page holds that text, later the number of that first time (TEXT grows as the
    // text comes); a finding is [line, column, severity, rule, message, page?]. Made here:
    // which severities and rules each row has.
    var TEXT = [];
    function text(v) {
      if (typeof v === "string") { TEXT.push(v); return v; }
      return TEXT[v];
    }
    var sevs = new Uint8Array(N);                           // bit s: a finding of severity s
    var ruleRows = RULES.map(function () { return []; });   // the rows with a finding of each rule
    var perRule = RULES.map(function (r) { return [r, 0]; });
    for (var i = 0; i < N; i++) {
      var r = ROWS[i], f = r[FIND];
      for (var t = 0; t < C.text.length; t++) { r[C.text[t]] = text(r[C.text[t]]); }
      for (var k = 0; k < f.length; k++) {
        var x = f[k];
        x[4] = text(x[4]);
        sevs[i] |= 1 << x[2];
        var list = ruleRows[x[3]];
        if (list[list.length - 1] !== i) { list.push(i); }
        perRule[x[3]][1]++;
      }
    }
    performance.mark("fzlint-data");

    var state = {sort: -1, asc: true, q: "", part: "", sev: "", rule: "", page: 0, open: {}};
    var view = [];
    function isMark(c) { return c >= C.firstPart && c < C.firstPart + C.parts + C.marks; }

    // Sorting: a column's keys are numbers, made the first time it is sorted (marks ✗ — ✓ and
    // blank in that order; blanks before numbers; text after every number, ranked once by the
    // collator over its distinct values), and each direction's order of all rows is kept, so a
    // sort or a filter afterwards is one pass over that order.
    var collator = new Intl.Collator("zh-CN", {numeric: true});
    var MARK = {"✗": 0, "—": 1, "✓": 2};
    var keys = [], orders = {};
    function sortKeys(c) {
      var k = new Float64Array(N), i, v;
      if (c === FIND) {
        for (i = 0; i < N; i++) { k[i] = ROWS[i][FIND].length; }
      } else if (isMark(c)) {
        for (i = 0; i < N; i++) { v = MARK[ROWS[i][c]]; k[i] = v === undefined ? 3 : v; }
      } else {
        var rank = new Map(), texts = [];
        for (i = 0; i < N; i++) {
          v = ROWS[i][c];
          if (typeof v === "string" && v !== "" && !rank.has(v)) { rank.set(v, 0); texts.push(v); }
        }
        texts.sort(collator.compare);
        texts.forEach(function (t, r) { rank.set(t, r); });
        for (i = 0; i < N; i++) {
          v = ROWS[i][c];
          k[i] = typeof v === "number" ? v : v === "" ? -1 : 1e15 + rank.get(v);
        }
      }
      return k;
    }
    function order(c, asc) {
      var id = c + (asc ? "+" : "-");
      if (!orders[id]) {
        var k = keys[c] || (keys[c] = sortKeys(c)), o = new Array(N);
        for (var i = 0; i < N; i++) { o[i] = i; }
        o.sort(asc ? function (a, b) { return k[a] - k[b] || a - b; } : function (a, b) { return k[b] - k[a] || a - b; });
        orders[id] = o;
      }
      return orders[id];
    }

    // Filtering: every test is on numbers made above (or once, on first use), none on findings.
    var hay = null, ruleMask = [];
    function ruleRowsMask(ru) {
      if (!ruleMask[ru]) {
        var m = ruleMask[ru] = new Uint8Array(N);
        ruleRows[ru].forEach(function (i) { m[i] = 1; });
      }
      return ruleMask[ru];
    }
    function refilter() {
      var q = state.q.toLowerCase(), part = state.part === "" ? -1 : C.firstPart + Number(state.part);
      var sev = state.sev, bit = sev === "0" ? 1 : sev === "1" ? 2 : 0;
      var rm = state.rule === "" ? null : ruleRowsMask(Number(state.rule));
      if (q && !hay) { hay = ROWS.map(function (r) { return (r[C.file] + "\n" + r[C.unit]).toLowerCase(); }); }
      var src = state.sort >= 0 ? order(state.sort, state.asc) : null;
      view = [];
      for (var k = 0; k < N; k++) {
        var i = src ? src[k] : k, r = ROWS[i];
        if (q && hay[i].indexOf(q) < 0) { continue; }
        if (part >= 0 && r[part] !== "✗") { continue; }
        if (bit && !(sevs[i] & bit)) { continue; }
        if (sev === "unreadable" && !r[REASON]) { continue; }
        if (sev === "none" && (r[FIND].length || r[REASON])) { continue; }
        if (rm && !rm[i]) { continue; }
        view.push(i);
      }
      state.page = 0;
      draw();
    }

    function esc(s) { return String(s).replace(/[&<>"]/g, function (ch) { return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"}[ch]; }); }
    // A cell: marks and counts centred; the path, unit and reason, which may be cut, carry
    // their whole text as a title, and the path is cut at its start, keeping the file's name.
    function cell(r, c) {
      var v = esc(r[c]);
      if (c === C.file) { return "<td class=\"path\" title=\"" + v + "\"><bdi>" + v + "</bdi></td>"; }
      if (c === C.unit || c === REASON) { return "<td" + (c === REASON ? " class=\"reason\"" : "") + " title=\"" + v + "\">" + v + "</td>"; }
      return "<td class=\"" + (v === "✓" ? "ok" : v === "✗" ? "bad" : "c") + "\">" + v + "</td>";
    }
    function findings(i) {
      var f = ROWS[i][FIND], out = "<tr class=\"findings\"><td><ol>";
      for (var k = 0; k < f.length; k++) {
        var s = SEV[f[k][2]];
        out += "<li>" + (f[k][5] ? "第 " + f[k][5] + " 页" : "") + "第 " + f[k][0] + " 行第 " + f[k][1] + " 列 <span class=\"sev-" + s[0] + "\">" + s[1] + "</span> " + esc(f[k][4]) + " <code>" + esc(RULES[f[k][3]]) + "</code></li>";
      }
      return out + "</ol></td></tr>";
    }
    // draw shows the current page of the view: 200 rows at most are ever in the document.
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
      $("count").textContent = "显示 " + view.length + " / " + N + " 份";
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
    function charts() {
      var missing = [], reports = 0;
      for (var p = 0; p < C.parts; p++) { missing.push([C.names[C.firstPart + p], 0]); }
      ROWS.forEach(function (r) {
        if (r[C.kind] !== "" || r[C.firstPart] !== "") { reports++; }
        for (var p = 0; p < C.parts; p++) { if (r[C.firstPart + p] === "✗") { missing[p][1]++; } }
      });
      bars($("chart-parts"), "缺少各部分的报告（共 " + reports + " 份报告）", missing, "");
      bars($("chart-rules"), "各规则的问题数（前 10）", perRule.slice().sort(function (a, b) { return b[1] - a[1]; }).slice(0, 10), "rule");
      performance.mark("fzlint-charts");
    }

    // Header, widths and filters; the table; the charts.
    var head = "", widths = "";
    for (var c = 0; c <= n; c++) {
      var name = c < n ? C.names[c] : "问题";
      head += "<th data-c=\"" + c + "\" title=\"" + esc(name) + "\">" + esc(c >= C.firstPart && c < C.firstPart + C.parts ? C.short[c - C.firstPart] : name) + "</th>";
      // Fits a 1,366-pixel laptop screen: the path and unit are cut (their full text is the
      // title), the marks and counts are narrow under wrapped heads.
      var w = c === C.file ? 13 : c === C.unit ? 8 : c === REASON ? 7 : c === C.year ? 3 : c === n ? 3.2 : 2.8;
      if (c === C.firstPart + C.parts) { w = 5.6; } // 成文日期
      widths += " minmax(0, " + w + "fr)";
    }
    $("head").innerHTML = head;
    $("grid").textContent = "#matrix tr { grid-template-columns:" + widths + "; }";
    for (var p = 0; p < C.parts; p++) {
      var o = document.createElement("option");
      o.value = p; o.textContent = "缺少：" + C.names[C.firstPart + p];
      $("part").appendChild(o);
    }
    RULES.forEach(function (r, i) { var o = document.createElement("option"); o.value = i; o.textContent = r; $("rule").appendChild(o); });
    $("line").textContent = META.line;
    $("head").addEventListener("click", function (e) {
      var th = e.target.closest("th"); if (!th) { return; }
      var c = Number(th.getAttribute("data-c"));
      state.asc = state.sort === c ? !state.asc : true;
      state.sort = c;
      Array.prototype.forEach.call($("head").children, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", state.asc ? "ascending" : "descending");
      refilter();
    });
    $("body").addEventListener("click", function (e) {
      if (!e.target.classList.contains("more")) { return; }
      var i = Number(e.target.closest("tr").getAttribute("data-i"));
      state.open[i] = !state.open[i];
      draw();
    });
    var timer = 0;
    function search() { clearTimeout(timer); state.q = $("q").value.trim(); refilter(); }
    $("q").addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 120); });
    $("q").addEventListener("change", search); // Enter searches at once
    ["part", "sev", "rule"].forEach(function (id) { $(id).addEventListener("change", function () { state[id] = $(id).value; refilter(); }); });
    refilter();
    performance.mark("fzlint-table");
    // The charts wait for the first frame with the table, in the room they will take: the rows
    // come first on the screen, and do not move when the charts come.
    $("charts").style.minHeight = (Math.max(C.parts, Math.min(10, RULES.length)) + 1) * 18 + 8 + "px";
    requestAnimationFrame(function () {
      setTimeout(function () { performance.mark("fzlint-shown"); charts(); }, 0);
    });
  }
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
	Text      []int    `json:"text"`  // the columns written through the page's table of texts
}

func (h *htmlSummary) begin(cols *summaryColumns) error {
	h.cols = cols
	// Text from a small set: the unit, kind, marks, date, duties and reason (not the path, nor
	// the numbers, which are ints or empty).
	h.text = []int{colUnit, colKind}
	for i := range len(cols.parts) + scoreDuties + 1 {
		h.text = append(h.text, colFirstPart+i)
	}
	h.text = append(h.text, len(cols.header())-1)
	c := htmlColumns{Names: cols.header(), File: colFile, Unit: colUnit, Year: colYear, Kind: colKind,
		FirstPart: colFirstPart, Parts: len(cols.parts), Marks: scoreCauses + 1, Text: h.text}
	for _, p := range cols.parts {
		c.Short = append(c.Short, shortName(p.name))
	}
	js, err := json.Marshal(c)
	if err != nil {
		return err
	}
	if _, err = fmt.Fprintf(h.w, htmlHead, html.EscapeString(h.opt.Version), js); err != nil {
		return err
	}
	h.base64 = base64.NewEncoder(base64.StdEncoding, h.w)
	h.data, _ = gzip.NewWriterLevel(h.base64, gzip.DefaultCompression)
	_, err = h.data.Write([]byte("[\n"))
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

// row writes a file as a JSON array: its cells (the text ones through the table of texts),
// then its findings as [line, column, severity (0 error, 1 warning, 2 info), rule number,
// message (through the table)] and, for a .pdf or .ofd, its page.
func (h *htmlSummary) row(r *checker.Result, cells []any) error {
	for _, c := range h.text {
		cells[c] = h.texts.ref(fmt.Sprint(cells[c]))
	}
	findings := make([][]any, 0, len(r.Diagnostics))
	for _, d := range r.Diagnostics {
		id, ok := h.rules[d.Rule]
		if !ok {
			id = len(h.order)
			h.rules[d.Rule] = id
			h.order = append(h.order, d.Rule)
		}
		f := []any{d.Line, d.Column, severityIndex(d.Severity), id, h.texts.ref(messageWithSuggestion(d))}
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
		js = append([]byte(",\n"), js...)
	}
	h.rows++
	_, err = h.data.Write(js)
	return err
}

// textTable writes each text once: the first time as itself, which the page numbers in order
// (0, 1, …), and after that as that number. Findings of one rule often say the same thing in
// report after report (10,000 generated reports: 51,711 findings, 1,055 distinct messages),
// and the marks, units and kinds are few. The table the writer keeps is bounded: past
// textTableBytes, a new text is written out each time it comes (the page numbers each copy),
// so memory does not grow with the batch.
type textTable struct {
	num   map[string]int
	next  int // the number the page gives the next text
	bytes int
}

const textTableBytes = 4 << 20

// ref returns what the page holds for a text: its number, or the text the first time.
func (t *textTable) ref(s string) any {
	if i, ok := t.num[s]; ok {
		return i
	}
	if t.num == nil {
		t.num = map[string]int{}
	}
	if cost := len(s) + 64; t.bytes+cost <= textTableBytes { // 64: the map's own bytes, about
		t.num[strings.Clone(s)] = t.next
		t.bytes += cost
	}
	t.next++
	return s
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
	if _, err := h.data.Write([]byte("\n]")); err != nil {
		return err
	}
	if err := h.data.Close(); err != nil {
		return err
	}
	if err := h.base64.Close(); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(h.w, htmlFoot, js, line); err != nil {
		return err
	}
	return h.w.Flush()
}
