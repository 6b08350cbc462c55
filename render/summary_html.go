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
/* The table's rows are grids of the same columns (#grid, set by the script), each row of the
   same height, and only the rows on the screen (and a few around them) are in the document:
   the body's padding and height stand for the others, so a sort or a filter lays out some
   sixty rows whatever the batch's size. Printed, it is a table again, every row of the view. */
#matrix, #matrix thead, #matrix tbody { display: block; }
#matrix thead { position: sticky; top: 0; z-index: 1; }
#matrix tbody { box-sizing: border-box; }
#matrix tr { display: grid; }
th, td { border: solid #ccc; border-width: 0 1px 1px 0; padding: 2px 4px; line-height: 17px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
#matrix tr > :first-child { border-left-width: 1px; }
thead th { border-top-width: 1px; background: #ddebf7; padding: 0; }
thead th button, thead th .p { all: unset; box-sizing: border-box; display: block; width: 100%%; height: 100%%; padding: 2px 4px; cursor: pointer; font-weight: 600; font-size: 12px; line-height: 1.2; white-space: normal; text-align: center; }
thead th .p { display: none; }
thead th[aria-sort="ascending"] > ::after { content: " ▲"; }
thead th[aria-sort="descending"] > ::after { content: " ▼"; }
button:focus-visible { outline: 2px solid #1565c0; outline-offset: -2px; }
tbody tr.s { background: #f7f9fc; }
td.c { text-align: center; }
td.path { direction: rtl; text-align: left; }
td.ok { color: #2e7d32; text-align: center; }
td.bad { color: #c62828; font-weight: bold; text-align: center; background: #fdecea; }
td.reason { color: #c62828; }
button.more { all: unset; cursor: pointer; color: #1565c0; }
tr.f td { grid-column: 1 / -1; background: #fffbe6; white-space: normal; }
tr.f ol { margin: 2px 0; padding-left: 2em; }
tr.f p { margin: 2px 0; color: #c62828; }
.sev-error { color: #c62828; font-weight: bold; }
.sev-warning { color: #b26a00; font-weight: bold; }
.sev-info { color: #1565c0; }
code { color: #666; }
@media print {
  body { margin: 0; font-size: 10px; }
  #matrix { display: table; width: 100%%; table-layout: fixed; border-collapse: collapse; }
  #matrix thead { display: table-header-group; position: static; }
  #matrix tbody { display: table-row-group; }
  #matrix tr { display: table-row; break-inside: avoid; }
  th, td { line-height: 1.3; white-space: normal; overflow-wrap: anywhere; }
  td.path { direction: ltr; }
  thead th button { display: none; }
  thead th .p { display: block; font-size: 10px; }
}
</style>
</head>
<body>
<h1>法治政府建设年度报告检查汇总</h1>
<div class="bar">
<input type="search" id="q" placeholder="搜索单位或文件名" aria-label="搜索单位或文件名">
<select id="part" aria-label="缺少的部分"><option value="">全部报告</option></select>
<select id="sev" aria-label="问题级别"><option value="">任何级别</option><option value="0">有错误</option><option value="1">有警告</option><option value="none">没有问题</option><option value="unreadable">无法读取或跳过</option></select>
<select id="rule" aria-label="规则"><option value="">任何规则</option></select>
<span id="count" role="status"></span>
</div>
<div class="charts" id="charts"><div class="chart" id="chart-parts"></div><div class="chart" id="chart-rules"></div></div>
<p class="hint">✓ 有该部分，✗ 缺少必备部分，— 可选部分未写（或无日期可判断）。点击表头排序，点击问题数查看该文件的问题。</p>
<style id="grid"></style>
<table id="matrix" role="table" aria-label="各报告检查结果"><thead role="rowgroup"><tr id="head" role="row" aria-rowindex="1"></tr></thead><tbody id="body" role="rowgroup"></tbody></table>
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
    var ROW = 22, OVER = 8; // a row's height in pixels (17 + 2 × 2 padding + 1 border); rows drawn beyond the screen
    var body = $("body");

    // One pass over the rows, which makes columns of them: a text column (C.text) holds the
    // number of each cell's text in TEXT, a number column the numbers (NaN when blank), the
    // path column the paths. In the data a text cell or a finding's message is the text the
    // first time the page holds it, later the number of that first time (TEXT grows as the
    // text comes); a finding is [line, column, severity, rule, message, page?]. Made here too:
    // which severities and rules each row has.
    var TEXT = [];
    function text(v) {
      if (typeof v === "string") { TEXT.push(v); return TEXT.length - 1; }
      return v;
    }
    var isText = new Uint8Array(n), col = [];
    C.text.forEach(function (c) { isText[c] = 1; });
    for (var c = 0; c < n; c++) { col[c] = c === C.file ? new Array(N) : isText[c] ? new Int32Array(N) : new Float64Array(N); }
    var finds = new Array(N);
    var sevs = new Uint8Array(N);                           // bit s: a finding of severity s
    var ruleRows = RULES.map(function () { return []; });   // the rows with a finding of each rule
    var perRule = RULES.map(function (r) { return [r, 0]; });
    for (var i = 0; i < N; i++) {
      var r = ROWS[i], f = r[FIND];
      for (var t = 0; t < C.text.length; t++) { col[C.text[t]][i] = text(r[C.text[t]]); }
      for (c = 0; c < n; c++) {
        if (c === C.file) { col[c][i] = r[c]; } else if (!isText[c]) { col[c][i] = typeof r[c] === "number" ? r[c] : NaN; }
      }
      for (var k = 0; k < f.length; k++) {
        var x = f[k];
        x[4] = text(x[4]);
        sevs[i] |= 1 << x[2];
        var list = ruleRows[x[3]];
        if (list[list.length - 1] !== i) { list.push(i); }
        perRule[x[3]][1]++;
      }
      finds[i] = f;
      ROWS[i] = null;
    }
    ROWS = null;
    performance.mark("fzlint-data");
    function value(c, i) {
      var v = col[c][i];
      return isText[c] ? TEXT[v] : c === C.file ? v : v === v ? v : "";
    }

    var state = {sort: -1, asc: true, q: "", part: "", sev: "", rule: "", open: new Uint8Array(N)};
    var view = new Int32Array(N), viewLen = 0; // the rows shown, in their order
    function isMark(c) { return c >= C.firstPart && c < C.firstPart + C.parts + C.marks; }

    // Sorting: a column's keys are small whole numbers, made the first time it is sorted (marks
    // ✗ — ✓ and blank in that order; otherwise blank first, then the values' ranks, numbers
    // by value, text by the collator over its distinct values). An order sorts key × 2^21 +
    // row as plain numbers (the typed array's own sort, no comparison function; ties keep the
    // rows' order), and each direction's order is kept, so a sort or filter afterwards is one
    // pass over that order.
    var collator = new Intl.Collator("zh-CN", {numeric: true});
    var MARK = {"✗": 0, "—": 1, "✓": 2};
    var SHIFT = 2097152; // 2^21 rows; key × SHIFT + row stays an exact number below 2^53
    var keys = [], orders = {};
    function sortKeys(c) {
      var k = new Int32Array(N), i, v;
      if (c === FIND) {
        for (i = 0; i < N; i++) { k[i] = finds[i].length; }
      } else if (isMark(c)) {
        for (i = 0; i < N; i++) { v = MARK[TEXT[col[c][i]]]; k[i] = v === undefined ? 3 : v; }
      } else {
        var rank = new Map(), distinct = [];
        for (i = 0; i < N; i++) {
          v = value(c, i);
          if (v !== "" && !rank.has(v)) { rank.set(v, 0); distinct.push(v); }
        }
        distinct.sort(isText[c] || c === C.file ? collator.compare : function (a, b) { return a - b; });
        distinct.forEach(function (v, r) { rank.set(v, r + 1); });
        for (i = 0; i < N; i++) { v = value(c, i); k[i] = v === "" ? 0 : rank.get(v); }
      }
      return k;
    }
    function order(c, asc) {
      var id = c + (asc ? "+" : "-");
      if (!orders[id]) {
        var k = keys[c] || (keys[c] = sortKeys(c)), o = new Int32Array(N), i, top = 0;
        for (i = 0; i < N; i++) { if (k[i] > top) { top = k[i]; } }
        if (N < SHIFT) {
          var s = new Float64Array(N);
          for (i = 0; i < N; i++) { s[i] = (asc ? k[i] : top - k[i]) * SHIFT + i; }
          s.sort();
          for (i = 0; i < N; i++) { o[i] = s[i] %% SHIFT; }
        } else {
          for (i = 0; i < N; i++) { o[i] = i; }
          o.sort(asc ? function (a, b) { return k[a] - k[b] || a - b; } : function (a, b) { return k[b] - k[a] || a - b; });
        }
        orders[id] = o;
      }
      return orders[id];
    }

    // Filtering: each condition is a byte per row, made once (the search's for the last
    // query: a longer query that holds it tests only the rows it matched), and a filter is one
    // pass over the order testing those bytes.
    var masks = {}, hay = null, found = {q: null, m: null};
    function mask(id, make) {
      if (!masks[id]) {
        var m = masks[id] = new Uint8Array(N);
        for (var i = 0; i < N; i++) { m[i] = make(i) ? 1 : 0; }
      }
      return masks[id];
    }
    function searchMask(q) {
      if (found.q === q) { return found.m; }
      if (!hay) { hay = []; for (var i = 0; i < N; i++) { hay.push((col[C.file][i] + "\n" + TEXT[col[C.unit][i]]).toLowerCase()); } }
      var m = new Uint8Array(N), prev = found.q !== null && q.indexOf(found.q) >= 0 ? found.m : null;
      for (i = 0; i < N; i++) { m[i] = (!prev || prev[i]) && hay[i].indexOf(q) >= 0 ? 1 : 0; }
      found = {q: q, m: m};
      return m;
    }
    function refilter() {
      var tests = [], q = state.q.toLowerCase(), sev = state.sev;
      if (q) { tests.push(searchMask(q)); }
      if (state.part !== "") {
        var pc = col[C.firstPart + Number(state.part)];
        tests.push(mask("p" + state.part, function (i) { return TEXT[pc[i]] === "✗"; }));
      }
      if (sev === "0" || sev === "1") {
        var bit = 1 << Number(sev);
        tests.push(mask("s" + sev, function (i) { return sevs[i] & bit; }));
      } else if (sev === "unreadable") {
        tests.push(mask("u", function (i) { return TEXT[col[REASON][i]] !== ""; }));
      } else if (sev === "none") {
        tests.push(mask("n", function (i) { return finds[i].length === 0 && TEXT[col[REASON][i]] === ""; }));
      }
      if (state.rule !== "") {
        var ru = Number(state.rule);
        if (!masks["r" + ru]) { var m = masks["r" + ru] = new Uint8Array(N); ruleRows[ru].forEach(function (i) { m[i] = 1; }); }
        tests.push(masks["r" + ru]);
      }
      var src = state.sort >= 0 ? order(state.sort, state.asc) : null, T = tests.length;
      viewLen = 0;
      rows: for (var k = 0; k < N; k++) {
        var i = src ? src[k] : k;
        for (var t = 0; t < T; t++) { if (!tests[t][i]) { continue rows; } }
        view[viewLen++] = i;
      }
      opened();
      $("count").textContent = "显示 " + viewLen + " / " + N + " 份";
      $("matrix").setAttribute("aria-rowcount", viewLen + 1);
      // A new view starts at its top: when the table's top is off the screen, it comes back.
      var top = $("matrix").getBoundingClientRect().top;
      if (top < 0) { window.scrollBy(0, top); }
      update(true);
    }

    // The rows of the view in the document: rows [first, last) of the view, the body's padding
    // standing for those above and its height for all. A row is ROW pixels high, and a row
    // whose findings are open has them below it, as high as measured once drawn (estimated
    // before). openAt lists the view's positions of the open rows, in order.
    var openAt = [], tall = new Map(), drawn = [0, 0], printing = false;
    function opened() {
      openAt = [];
      for (var k = 0; k < viewLen; k++) { if (state.open[view[k]]) { openAt.push(k); } }
    }
    function extra(i) { return tall.get(i) || (finds[i].length + 1) * 18 + 8; }
    function topOf(k) { // the top of the view's row k, from the top of the body
      var y = k * ROW;
      for (var j = 0; j < openAt.length && openAt[j] < k; j++) { y += extra(view[openAt[j]]); }
      return y;
    }
    function at(y) { // the view's row at y pixels from the top of the body
      var acc = 0;
      for (var j = 0; j < openAt.length; j++) {
        var p = openAt[j], top = p * ROW + acc;
        if (y < top + ROW) { break; }
        var e = extra(view[p]);
        if (y < top + ROW + e) { return p; }
        acc += e;
      }
      return Math.max(0, Math.min(viewLen - 1, Math.floor((y - acc) / ROW)));
    }
    function update(force) {
      if (printing) { return; }
      var y = -body.getBoundingClientRect().top, a = at(Math.max(0, y)), z = at(Math.max(0, y + window.innerHeight)) + 1;
      if (!force && a >= drawn[0] && Math.min(z, viewLen) <= drawn[1]) { return; }
      draw(Math.max(0, a - OVER), Math.min(viewLen, z + OVER));
    }

    function esc(s) { return String(s).replace(/[&<>"]/g, function (ch) { return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"}[ch]; }); }
    // A cell: marks and counts centred; the path, unit and reason, which may be cut, carry
    // their whole text as a title, and the path is cut at its start, keeping the file's name.
    function cell(i, c) {
      var v = esc(value(c, i));
      if (c === C.file) { return "<td role=\"cell\" class=\"path\" title=\"" + v + "\"><bdi>" + v + "</bdi></td>"; }
      if (c === C.unit || c === REASON) { return "<td role=\"cell\"" + (c === REASON ? " class=\"reason\"" : "") + " title=\"" + v + "\">" + v + "</td>"; }
      return "<td role=\"cell\" class=\"" + (v === "✓" ? "ok" : v === "✗" ? "bad" : "c") + "\">" + v + "</td>";
    }
    // A row's findings (and why it could not be read, or was skipped), shown on demand.
    function findings(i) {
      var f = finds[i], reason = value(REASON, i), out = "<tr class=\"f\" role=\"row\" data-i=\"" + i + "\"><td role=\"cell\" colspan=\"" + (n + 1) + "\">";
      if (reason) { out += "<p>" + esc(reason) + "</p>"; }
      out += "<ol>";
      for (var k = 0; k < f.length; k++) {
        var s = SEV[f[k][2]];
        out += "<li>" + (f[k][5] ? "第 " + f[k][5] + " 页" : "") + "第 " + f[k][0] + " 行第 " + f[k][1] + " 列 <span class=\"sev-" + s[0] + "\">" + s[1] + "</span> " + esc(TEXT[f[k][4]]) + " <code>" + esc(RULES[f[k][3]]) + "</code></li>";
      }
      return out + "</ol></td></tr>";
    }
    function draw(first, last) {
      var focus = document.activeElement, refocus = null;
      if (focus && focus !== body && body.contains(focus)) { refocus = focus.closest("tr").getAttribute("data-i"); }
      var html = [];
      for (var k = first; k < last; k++) {
        var i = view[k], nf = finds[i].length, open = state.open[i];
        var tr = "<tr class=\"r" + (k %% 2 ? " s" : "") + "\" role=\"row\" aria-rowindex=\"" + (k + 2) + "\" data-i=\"" + i + "\">";
        for (var c = 0; c < n; c++) { tr += cell(i, c); }
        tr += "<td role=\"cell\" class=\"c\">" + (nf || value(REASON, i) ? "<button type=\"button\" class=\"more\" aria-expanded=\"" + (open ? "true" : "false") + "\">" + (nf ? nf + " 条" : "原因") + "</button>" : "无") + "</td></tr>";
        html.push(tr);
        if (open) { html.push(findings(i)); }
      }
      body.innerHTML = html.join("");
      drawn = [first, last];
      if (printing) {
        body.style.paddingTop = body.style.height = "";
      } else {
        // Each open row drawn is measured: the room it takes is known from now on.
        Array.prototype.forEach.call(body.querySelectorAll("tr.f"), function (tr) { tall.set(Number(tr.getAttribute("data-i")), tr.offsetHeight); });
        var total = viewLen * ROW;
        openAt.forEach(function (k) { total += extra(view[k]); });
        body.style.paddingTop = topOf(first) + "px";
        body.style.height = total + "px";
      }
      if (refocus !== null) {
        var again = body.querySelector("tr.r[data-i=\"" + refocus + "\"] button");
        if (again) { again.focus({preventScroll: true}); }
      }
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
      var missing = [], reports = 0, kinds = col[C.kind], first = col[C.firstPart], i;
      for (var p = 0; p < C.parts; p++) {
        var pc = col[C.firstPart + p], m = 0;
        for (i = 0; i < N; i++) { if (TEXT[pc[i]] === "✗") { m++; } }
        missing.push([C.names[C.firstPart + p], m]);
      }
      for (i = 0; i < N; i++) { if (TEXT[kinds[i]] !== "" || TEXT[first[i]] !== "") { reports++; } }
      bars($("chart-parts"), "缺少各部分的报告（共 " + reports + " 份报告）", missing, "");
      bars($("chart-rules"), "各规则的问题数（前 10）", perRule.slice().sort(function (a, b) { return b[1] - a[1]; }).slice(0, 10), "rule");
      performance.mark("fzlint-charts");
    }

    // Header, widths and filters; the table; the charts.
    var head = "", widths = "", ws = [], sum = 0;
    for (c = 0; c <= n; c++) {
      var name = c < n ? C.names[c] : "问题";
      // The head's label is a button (sorted with the keyboard too) and, printed, plain text:
      // Chromium does not repeat a table's head on every sheet when it holds a button.
      var label = esc(c >= C.firstPart && c < C.firstPart + C.parts ? C.short[c - C.firstPart] : name);
      head += "<th role=\"columnheader\" data-c=\"" + c + "\" title=\"" + esc(name) + "\"><button type=\"button\">" + label + "</button><span class=\"p\">" + label + "</span></th>";
      // Fits a 1,366-pixel laptop screen: the path and unit are cut (their full text is the
      // title), the marks and counts are narrow under wrapped heads.
      var w = c === C.file ? 13 : c === C.unit ? 8 : c === REASON ? 7 : c === C.year ? 3 : c === n ? 3.2 : 2.8;
      if (c === C.firstPart + C.parts) { w = 5.6; } // 成文日期
      widths += " minmax(0, " + w + "fr)";
      ws.push(w);
      sum += w;
    }
    $("head").innerHTML = head;
    // The same widths for the printed table, in shares of the page.
    var print = ws.map(function (w, c) { return "#matrix th:nth-child(" + (c + 1) + ") { width: " + (100 * w / sum).toFixed(2) + "%%; }"; });
    $("grid").textContent = "#matrix tr { grid-template-columns:" + widths + "; } #matrix tbody tr.r { height: " + ROW + "px; } @media print { " + print.join(" ") + " #matrix tbody tr.r { height: auto; } }";
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
    body.addEventListener("click", function (e) {
      var more = e.target.closest(".more"); if (!more) { return; }
      var tr = more.closest("tr"), i = Number(tr.getAttribute("data-i")), k = Number(tr.getAttribute("aria-rowindex")) - 2;
      state.open[i] ^= 1;
      var j = 0;
      while (j < openAt.length && openAt[j] < k) { j++; }
      if (state.open[i]) { openAt.splice(j, 0, k); } else { openAt.splice(j, 1); }
      draw(drawn[0], drawn[1]);
    });
    var timer = 0;
    function search() { clearTimeout(timer); state.q = $("q").value.trim(); refilter(); }
    $("q").addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 120); });
    $("q").addEventListener("change", search); // Enter searches at once
    ["part", "sev", "rule"].forEach(function (id) { $(id).addEventListener("change", function () { state[id] = $(id).value; refilter(); }); });
    // Scrolling draws the rows coming on the screen, once a frame at most; so does a resize,
    // after which the open rows are measured again.
    var frame = 0;
    function later() { if (!frame) { frame = requestAnimationFrame(function () { frame = 0; update(false); }); } }
    window.addEventListener("scroll", later, {passive: true});
    window.addEventListener("resize", function () { tall.clear(); update(true); });
    // Printed, the page holds every row of the view (the filters and order chosen), as a table
    // whose head repeats on each sheet; afterwards, the rows on the screen again.
    function printMode(on) {
      if (printing === on) { return; }
      printing = on;
      if (on) { draw(0, viewLen); } else { update(true); }
    }
    window.addEventListener("beforeprint", function () { printMode(true); });
    window.addEventListener("afterprint", function () { printMode(false); });
    window.matchMedia("print").addEventListener("change", function (e) { printMode(e.matches); });
    // For scripts (the page's test): the paths of the rows shown, in their order.
    window.fzlintView = function () {
      var out = [];
      for (var k = 0; k < viewLen; k++) { out.push(col[C.file][view[k]]); }
      return out;
    };
    refilter();
    performance.mark("fzlint-table");
    // The charts wait for the first frame with the table, in the room they will take: the rows
    // come first on the screen, and do not move when the charts come.
    $("charts").style.minHeight = (Math.max(C.parts, Math.min(10, RULES.length)) + 1) * 18 + 8 + "px";
    requestAnimationFrame(function () {
      setTimeout(function () { performance.mark("fzlint-shown"); charts(); update(false); }, 0);
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
