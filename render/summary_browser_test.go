package render

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fzlint/fzlint/checker"
)

// The supervisor's page at 10,000 reports, opened from disk in headless Chromium as a
// supervisor would open it: it loads, sorts, filters and searches, shows the right rows in the
// right order (the whole view, as the page lists it, against the page's own data read in
// Go), draws the right rows where the table is scrolled to, asks for nothing over the
// network, and fits a 1,366-pixel screen. The times are logged (and reported in the README),
// not asserted; a screenshot is written for a person to look at.
// FZLINT_SUMMARY_REPORTS=100000 runs it on another number of reports.
func TestHTMLSummaryInChromiumAt10000Reports(t *testing.T) {
	n := 10000
	if s := os.Getenv("FZLINT_SUMMARY_REPORTS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 5 || n%5 != 0 {
			t.Fatalf("FZLINT_SUMMARY_REPORTS=%s: want a multiple of 5", s)
		}
	}
	results := summaryBatch(t, n)
	dir := t.TempDir()
	page := filepath.Join(dir, "汇总.html")
	data := writeSummary(t, ".html", results)
	if err := os.WriteFile(page, data, 0o644); err != nil {
		t.Fatal(err)
	}
	results = nil
	t.Logf("page: %.2f MB for %d reports", float64(len(data))/1e6, n)
	// What the page should show, from its own data read in Go.
	cols, rows, rules := htmlData(t, string(data))
	data = nil
	nc := len(cols.Names)
	ctx := openBrowser(t, dir, 1366, 768)

	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page), chromedp.WaitVisible("#body tr")); err != nil {
		t.Fatal(err)
	}
	load := time.Since(start)
	// The page's marks, in ms from the start of the navigation: the data parsed, the first
	// table drawn, the first frame with it on the screen (fzlint-shown), the charts drawn.
	marks := evalJS[map[string]float64](t, ctx, `new Promise(function (done) {
		(function wait() {
			if (!performance.getEntriesByName("fzlint-charts").length) { setTimeout(wait, 10); return; }
			var m = {};
			performance.getEntriesByType("mark").forEach(function (e) { m[e.name] = e.startTime; });
			done(m);
		})();
	})`)
	check := func(what string, want []int) { t.Helper(); checkView(t, ctx, what, rows, want, 0) }
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	check("opened", all)
	if drawn := evalJS[int](t, ctx, `document.querySelectorAll("#body tr").length`); drawn > 100 {
		t.Errorf("%d rows drawn, want those on the screen and a few more", drawn)
	}

	// Sort by unit (a click on its head): blank first, then the collator's order of the units
	// (the browser's zh-CN collator ranks them; ties keep the files' order); a second click
	// reverses it, ties still in the files' order.
	var units []string
	for _, r := range rows {
		if u := r[colUnit].(string); u != "" && !slices.Contains(units, u) {
			units = append(units, u)
		}
	}
	ranked := evalJS[[]string](t, ctx, `(function(u){return u.sort(new Intl.Collator("zh-CN",{numeric:true}).compare)})(`+jsonString(t, units)+`)`)
	unitRank := map[string]int{"": 0}
	for k, u := range ranked {
		unitRank[u] = k + 1
	}
	byUnit := func(i int) int { return unitRank[rows[i][colUnit].(string)] }
	sortMS := timedJS(t, ctx, `document.querySelector('#head th[data-c="1"]').click()`)
	sorted := sortedBy(all, byUnit, true)
	check("sorted by unit", sorted)
	sortDescMS := timedJS(t, ctx, `document.querySelector('#head th[data-c="1"]').click()`)
	sorted = sortedBy(all, byUnit, false)
	check("sorted by unit, descending", sorted)

	// Filter: the reports missing the duties part (seeds 000 and 004), in that order.
	duties := cols.FirstPart + 2
	missing := filtered(sorted, func(i int) bool { return rows[i][duties] == markMissing })
	if len(missing) == 0 || len(missing) == n {
		t.Fatalf("%d of %d reports lack the duties part: the filter would show nothing", len(missing), n)
	}
	filterMS := timedJS(t, ctx, `var s = document.getElementById("part"); s.value = "2"; s.dispatchEvent(new Event("change"))`)
	check("filtered on the missing duties part", missing)

	// Search by unit, as typed (the input waits for the typing to pause): the count is polled,
	// so a search that never runs fails at the poll's time limit.
	const q = "盘州"
	hits := func(i int) bool {
		return strings.Contains(strings.ToLower(rows[i][colFile].(string)+"\n"+rows[i][colUnit].(string)), q)
	}
	both := filtered(missing, hits)
	if err := chromedp.Do(ctx, chromedp.SendKeys("#q", q),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.getElementById("count").textContent.indexOf("显示 %d / ") >= 0`, len(both)),
			chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("the typed search %s with the missing-duties filter never showed its %d rows: %v", q, len(both), err)
	}
	check("search "+q+" with the missing-duties filter", both)
	unfilterMS := timedJS(t, ctx, `var s = document.getElementById("part"); s.value = ""; s.dispatchEvent(new Event("change"))`)
	found := filtered(sorted, hits)
	if len(found) == 0 {
		t.Fatalf("no report has %s in its path or unit", q)
	}
	check("search "+q, found)
	// The search again, timed: Enter (change) searches at once.
	searchMS := timedJS(t, ctx, `document.getElementById("q").dispatchEvent(new Event("change"))`)
	check("search "+q+" again", found)

	// Filter by rule, without the search: the reports with a finding of the first rule listed.
	evalJS[bool](t, ctx, `var q = document.getElementById("q"); q.value = ""; q.dispatchEvent(new Event("change")); true`)
	ruleMS := timedJS(t, ctx, `var s = document.getElementById("rule"); s.value = "0"; s.dispatchEvent(new Event("change"))`)
	if rule := evalJS[string](t, ctx, `document.getElementById("rule").selectedOptions[0].textContent`); rule != rules[0] {
		t.Errorf("the rule filter's first rule is %q, want %q", rule, rules[0])
	}
	with := filtered(sorted, func(i int) bool {
		return slices.ContainsFunc(rows[i][nc].([]any), func(f any) bool { return f.([]any)[3].(float64) == 0 })
	})
	check("filtered on "+rules[0], with)
	evalJS[bool](t, ctx, `var s = document.getElementById("rule"); s.value = ""; s.dispatchEvent(new Event("change")); true`)

	// Sort by the number of findings (a number column: the last head).
	countMS := timedJS(t, ctx, `document.querySelector('#head th:last-child').click()`)
	check("sorted by findings", sortedBy(all, func(i int) int { return len(rows[i][nc].([]any)) }, true))

	// The keyboard: Enter on a head's button sorts by it (the paths: the files' order).
	if err := chromedp.Do(ctx, chromedp.Focus(`#head th[data-c="0"] button`), chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	if s := evalJS[string](t, ctx, `document.querySelector('#head th[data-c="0"]').getAttribute("aria-sort")`); s != "ascending" {
		t.Errorf("Enter on the path's head: aria-sort %q, want ascending", s)
	}
	check("sorted by path", all)

	// Findings on demand: a click on the first row's count opens its list below it, and the
	// rows after it, down to the last, move down by its height.
	first := evalJS[string](t, ctx, `(function(){var b = document.querySelector("#body tr.r .more"); b.click(); return b.closest("tr").cells[0].title})()`)
	if first != rows[0][colFile] {
		t.Errorf("the first row is %q, want %q", first, rows[0][colFile])
	}
	if items := evalJS[int](t, ctx, `document.querySelectorAll("#body tr.f li").length`); items != len(rows[0][nc].([]any)) {
		t.Errorf("the opened row lists %d findings, want %d", items, len(rows[0][nc].([]any)))
	}
	if gap := evalJS[float64](t, ctx, `(function(){var f = document.querySelector("#body tr.f"); return f.nextElementSibling.getBoundingClientRect().top - f.getBoundingClientRect().bottom})()`); gap != 0 {
		t.Errorf("the row after the opened findings is %v px from them", gap)
	}
	above := evalJS[int](t, ctx, `document.querySelector("#body tr.f").offsetHeight`)
	checkView(t, ctx, "sorted by path, the first row open", rows, all, above)
	if open := evalJS[string](t, ctx, `document.querySelector("#body tr.r .more").getAttribute("aria-expanded")`); open != "true" {
		t.Errorf("the open row's button: aria-expanded %q", open)
	}

	// Nothing was fetched: the page is self-contained.
	if resources := evalJS[int](t, ctx, `performance.getEntriesByType("resource").length`); resources != 0 {
		t.Errorf("the page fetched %d resources", resources)
	}
	// It fits a 1,366-pixel screen: no horizontal scrolling.
	if wide := evalJS[bool](t, ctx, `document.documentElement.scrollWidth > window.innerWidth`); wide {
		t.Error("the page is wider than a 1,366-pixel screen")
	}

	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(os.TempDir(), fmt.Sprintf("fzlint-summary-%d.png", n))
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d reports: opened in %v (from the navigation: data unpacked %.0f ms, parsed %.0f ms, read %.0f ms, table drawn %.0f ms, on the screen %.0f ms, charts %.0f ms); "+
		"to the next frame: sort %.0f ms, sort again %.0f ms, filter %.0f ms, filter off %.0f ms, search %.0f ms, rule filter %.0f ms, sort by count %.0f ms; screenshot %s",
		n, load.Round(time.Millisecond), marks["fzlint-unpacked"], marks["fzlint-parsed"], marks["fzlint-data"], marks["fzlint-table"], marks["fzlint-shown"], marks["fzlint-charts"],
		sortMS, sortDescMS, filterMS, unfilterMS, searchMS, ruleMS, countMS, out)
}

// Printed, the page holds every row of the view, in a table whose head repeats on each sheet:
// 200 reports, filtered to those missing the duties part, print on A4 landscape with each of
// their paths and none of the others, though a short screen shows a few of them.
func TestHTMLSummaryPrintsEveryRowOfTheView(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext (Debian poppler-utils) is needed: .ci/run installs it")
	}
	results := summaryBatch(t, 200)
	dir := t.TempDir()
	page := filepath.Join(dir, "汇总.html")
	if err := os.WriteFile(page, writeSummary(t, ".html", results), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := openBrowser(t, dir, 1366, 500) // a short screen: some rows are not drawn on it
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page), chromedp.WaitVisible("#body tr")); err != nil {
		t.Fatal(err)
	}
	if drawn := evalJS[int](t, ctx, `document.querySelectorAll("#body tr.r").length`); drawn >= 40 {
		t.Fatalf("all %d rows drawn on a short screen: the print would not show that printing draws them", drawn)
	}
	evalJS[bool](t, ctx, `var s = document.getElementById("part"); s.value = "2"; s.dispatchEvent(new Event("change")); true`)
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFLandscape()))
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "汇总.pdf")
	if err := os.WriteFile(name, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command(pdftotext, "-layout", name, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := bytes.Count(text, []byte("\f"))
	if heads := bytes.Count(text, []byte("单位")); pages < 2 || heads < pages {
		t.Errorf("%d pages with %d heads: want at least two pages, each with the table's head", pages, heads)
	}
	for i, r := range results {
		dir := filepath.Base(filepath.Dir(r.Path)) // the row's number, unique in the batch
		lacks := partMark(r.Report, r.Report.PartIDs[2]) == markMissing
		if printed := bytes.Contains(text, []byte(dir)); printed != lacks {
			t.Errorf("row %d (%s): printed %v, want %v", i, r.Path, printed, lacks)
		}
	}
	// Back on the screen, the rows on it.
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`document.querySelectorAll("#body tr.r").length < 40`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("after printing the page still holds every row: %v", err)
	}
}

// summaryBatch is n results of the seeds, each under its own path, and most under another
// unit (a hundred or so: places and offices, some with numbers, which the collator orders by
// value; seed 003's has none and keeps none).
func summaryBatch(t testing.TB, n int) []checker.Result {
	seeds := seedResults(t)
	places := []string{"盘州市", "贵阳市", "安顺市", "遵义市", "六盘水市", "毕节市", "铜仁市", "凯里市", "都匀市", "兴义市", "第2开发区", "第10开发区", "Anshun 新区"}
	offices := []string{"人民政府", "司法局", "教育局", "公安局", "财政局", "自然资源局", "卫生健康局"}
	results := make([]checker.Result, n)
	for i := range results {
		r := seeds[i%len(seeds)]
		r.Path = fmt.Sprintf("报送材料/%05d/%s", i, filepath.Base(r.Path))
		if r.Report.Unit != "" && i%3 != 0 {
			rep := *r.Report
			rep.Unit = places[i%len(places)] + offices[(i/len(places))%len(offices)]
			r.Report = &rep
		}
		results[i] = r
	}
	return results
}

// sortedBy returns rows in the order of their keys, ascending or not, ties in the rows' order.
func sortedBy(rows []int, key func(int) int, asc bool) []int {
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(a, b int) int {
		if asc {
			return cmp.Compare(key(a), key(b))
		}
		return cmp.Compare(key(b), key(a))
	})
	return out
}

func filtered(rows []int, keep func(int) bool) []int {
	var out []int
	for _, i := range rows {
		if keep(i) {
			out = append(out, i)
		}
	}
	return out
}

// checkView checks that the page shows the rows want, in that order: the count; every row of
// the view, as the page lists them for scripts (fzlintView: the paths); and on the screen,
// scrolled to the middle of the view and to its end, the rows drawn are the view's there, each
// at its place (the row at 400 pixels from the top is the one it should be; the last row ends
// the table).
func checkView(t *testing.T, ctx context.Context, what string, rows [][]any, want []int, above int) {
	t.Helper()
	count := evalJS[string](t, ctx, `document.getElementById("count").textContent`)
	if !strings.HasPrefix(count, fmt.Sprintf("显示 %d / %d ", len(want), len(rows))) {
		t.Errorf("%s: %q, want %d of %d shown", what, count, len(want), len(rows))
		return
	}
	path := func(k int) string { return rows[want[k]][colFile].(string) }
	got := evalJS[[]string](t, ctx, `fzlintView()`)
	for k := range want {
		if k >= len(got) || got[k] != path(k) {
			t.Errorf("%s: row %d is %q, want %s", what, k+1, got[min(k, len(got)-1)], path(k))
			return
		}
	}
	if len(want) == 0 {
		return
	}
	// Scrolled so that the view's row k is at the top of the screen, under the sticky head
	// (above: the pixels of open findings above it), and to the end.
	k := len(want) / 2
	type drawnRow struct {
		Index int    `json:"index"`
		Path  string `json:"path"`
	}
	type screen struct {
		Rows []drawnRow `json:"rows"`
		At   int        `json:"at"`   // the row at 400 pixels from the top of the screen
		Head int        `json:"head"` // the bottom of the sticky head
		Gap  float64    `json:"gap"`  // from the bottom of the last row drawn to the bottom of the table's body
	}
	look := func(y string) screen {
		return evalJS[screen](t, ctx, `new Promise(function (done) {
			var b = document.getElementById("body");
			window.scrollTo(0, b.getBoundingClientRect().top + window.scrollY + (`+y+`) - document.getElementById("head").offsetHeight);
			requestAnimationFrame(function () { setTimeout(function () {
				var rows = Array.from(document.querySelectorAll("#body tr.r"), function (tr) { return {index: Number(tr.getAttribute("aria-rowindex")), path: tr.cells[0].title} });
				var at = document.elementFromPoint(300, 400), last = b.lastElementChild;
				done({rows: rows, at: at && at.closest("#body tr.r") ? Number(at.closest("tr").getAttribute("aria-rowindex")) : -1,
					head: Math.round(document.getElementById("head").getBoundingClientRect().bottom),
					gap: b.getBoundingClientRect().bottom - last.getBoundingClientRect().bottom});
			}, 0); });
		})`)
	}
	drawnOK := func(where string, s screen) bool {
		t.Helper()
		if len(s.Rows) == 0 {
			t.Errorf("%s: %s, no rows drawn", what, where)
			return false
		}
		for j, r := range s.Rows {
			pos := r.Index - 2
			if pos != s.Rows[0].Index-2+j || pos < 0 || pos >= len(want) || r.Path != path(pos) {
				t.Errorf("%s: %s, drawn row %d (aria-rowindex %d) is %s", what, where, j, r.Index, r.Path)
				return false
			}
		}
		return true
	}
	mid := look(fmt.Sprintf("%d", k*22+above))
	// The row at 400 pixels: the head's bottom is row k's top (when the page is long enough to scroll there).
	if drawnOK(fmt.Sprintf("scrolled to row %d", k+1), mid) {
		if at := k + (400-mid.Head)/22 + 2; len(want)-k > 40 && (mid.At < at-1 || mid.At > at+1) {
			t.Errorf("%s: scrolled to row %d, the row at 400 px is %d, want %d", what, k+1, mid.At-1, at-1)
		}
	}
	end := look("1e9")
	if drawnOK("scrolled to the end", end) {
		if last := end.Rows[len(end.Rows)-1]; last.Index != len(want)+1 || end.Gap < -1 || end.Gap > 1 {
			t.Errorf("%s: scrolled to the end, the last row drawn is row %d, %.0f px from the table's end; want row %d at its end", what, last.Index-1, end.Gap, len(want))
		}
	}
	evalJS[bool](t, ctx, `new Promise(function (done) { window.scrollTo(0, 0); requestAnimationFrame(function () { setTimeout(function () { done(true) }, 0) }) })`)
}

// openBrowser starts headless Chromium with a window of w × h pixels; it ends with the test.
func openBrowser(t *testing.T, dir string, w, h int) context.Context {
	t.Helper()
	browser, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium (Debian package chromium) is needed: .ci/run installs it")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")), chromedp.WindowSize(w, h))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	// The browser starts (before any clock does) in the test's own context, then the steps
	// run with a time limit.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel = context.WithTimeout(ctx, 5*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// jsonString returns v as a JSON text for a script.
func jsonString(t *testing.T, v any) string {
	t.Helper()
	js, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(js)
}

// evalJS evaluates a script in the page and returns its value (a promise's, once settled).
func evalJS[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%.80s: %v", js, err)
	}
	return v
}

// timedJS runs statements in the page and returns the milliseconds from their start to the
// next frame drawn after them (requestAnimationFrame, then a task: style, layout and paint
// done), which is what a person waits for.
func timedJS(t *testing.T, ctx context.Context, js string) float64 {
	t.Helper()
	return evalJS[float64](t, ctx, `new Promise(function (done) {
		var t = performance.now();
		`+js+`;
		requestAnimationFrame(function () { setTimeout(function () { done(performance.now() - t); }, 0); });
	})`)
}
