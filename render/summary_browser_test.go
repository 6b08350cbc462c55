package render

import (
	"context"
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
// supervisor would open it: it loads, sorts, filters and searches, shows the right rows, asks
// for nothing over the network, and fits a 1,366-pixel screen. The times are logged (and
// reported in the README), not asserted; a screenshot is written for a person to look at.
// FZLINT_SUMMARY_REPORTS=100000 runs it on another number of reports (a multiple of 5).
func TestHTMLSummaryInChromiumAt10000Reports(t *testing.T) {
	browser, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium (Debian package chromium) is needed: .ci/run installs it")
	}
	n := 10000
	if s := os.Getenv("FZLINT_SUMMARY_REPORTS"); s != "" {
		if n, err = strconv.Atoi(s); err != nil || n < 5 || n%5 != 0 {
			t.Fatalf("FZLINT_SUMMARY_REPORTS=%s: want a multiple of 5", s)
		}
	}
	seeds := seedResults(t)
	var results []checker.Result
	for i := 0; i < n; i++ {
		r := seeds[i%len(seeds)]
		r.Path = fmt.Sprintf("报送材料/%04d/%s", i, filepath.Base(r.Path))
		results = append(results, r)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "汇总.html")
	data := writeSummary(t, ".html", results)
	if err := os.WriteFile(page, data, 0o644); err != nil {
		t.Fatal(err)
	}
	results = nil
	t.Logf("page: %.1f MB for %d reports", float64(len(data))/1e6, n)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")), chromedp.WindowSize(1366, 768))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	// The browser starts before the clock does.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}

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
	want := func(what string, shown int) {
		t.Helper()
		count := evalJS[string](t, ctx, `document.getElementById("count").textContent`)
		if !strings.Contains(count, fmt.Sprintf("显示 %d / %d ", shown, n)) {
			t.Errorf("%s: %q, want %d of %d shown", what, count, shown, n)
		}
	}
	want("opened", n)
	drawn := evalJS[int](t, ctx, `document.querySelectorAll("#body tr").length`)
	if drawn != 200 {
		t.Errorf("%d rows drawn, want one page of 200", drawn)
	}

	// Sort by unit (a click on its head), then read the first rows' units.
	sortMS := timedJS(t, ctx, `document.querySelector('#head th[data-c="1"]').click()`)
	units := evalJS[[]string](t, ctx, `Array.from(document.querySelectorAll("#body tr")).slice(0,3).map(function(tr){return tr.cells[1].textContent})`)
	if len(units) != 3 || units[0] != "" || units[2] != "" {
		// Ascending, the reports without a unit (seed 003) come first.
		t.Errorf("sorted by unit, the first rows are %q", units)
	}

	// Filter: the reports missing the duties part (seeds 000 and 004: 4,000 of 10,000).
	filterMS := timedJS(t, ctx, `var s = document.getElementById("part"); s.value = "2"; s.dispatchEvent(new Event("change"))`)
	want("filtered on the missing duties part", n*2/5)
	marks2 := evalJS[[]string](t, ctx, `Array.from(document.querySelectorAll("#body tr")).map(function(tr){return tr.cells[6].textContent})`)
	for _, m := range marks2 {
		if m != "✗" {
			t.Fatalf("a row shown by the missing-duties filter has %q in the duties column", m)
		}
	}

	// Search by unit, as typed (the input waits for the typing to pause).
	// The count is read once the typing has been searched: polled (a fixed pause was too short
	// on a loaded machine), so a search that never runs fails at the poll's time limit.
	if err := chromedp.Do(ctx, chromedp.SendKeys("#q", "盘州"),
		chromedp.Poll[chromedp.Void](`document.getElementById("count").textContent.indexOf("显示 0 / ") >= 0`,
			chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("the typed search 盘州 with the missing-duties filter never showed 0 rows: %v", err)
	}
	// 盘州 (seed 001) has its duties part: with the filter on, nothing is left.
	want("search 盘州 with the missing-duties filter", 0)
	unfilterMS := timedJS(t, ctx, `var s = document.getElementById("part"); s.value = ""; s.dispatchEvent(new Event("change"))`)
	want("search 盘州", n/5)
	// The search again, timed: Enter (change) searches at once.
	searchMS := timedJS(t, ctx, `document.getElementById("q").dispatchEvent(new Event("change"))`)
	want("search 盘州 again", n/5)
	// Filter by rule, without the search: the reports with a finding of the first rule listed.
	evalJS[bool](t, ctx, `var q = document.getElementById("q"); q.value = ""; q.dispatchEvent(new Event("change")); true`)
	ruleMS := timedJS(t, ctx, `var s = document.getElementById("rule"); s.value = "0"; s.dispatchEvent(new Event("change"))`)
	rule := evalJS[string](t, ctx, `document.getElementById("rule").selectedOptions[0].textContent`)
	with := 0
	for _, r := range seeds {
		if slices.ContainsFunc(r.Diagnostics, func(d checker.Diagnostic) bool { return d.Rule == rule }) {
			with++
		}
	}
	if with == 0 {
		t.Errorf("the rule filter offers %q, which no report has", rule)
	}
	want("filtered on "+rule, n/5*with)
	evalJS[bool](t, ctx, `var s = document.getElementById("rule"); s.value = ""; s.dispatchEvent(new Event("change")); true`)

	// Findings on demand: a click on a row's count opens its list.
	var items int
	items = evalJS[int](t, ctx, `(function(){document.querySelector("#body a.more").click();return document.querySelectorAll("tr.findings li").length;})()`)
	if items != len(seeds[1].Diagnostics) {
		t.Errorf("the opened row lists %d findings, want %d", items, len(seeds[1].Diagnostics))
	}

	// Nothing was fetched: the page is self-contained.
	var resources int
	resources = evalJS[int](t, ctx, `performance.getEntriesByType("resource").length`)
	if resources != 0 {
		t.Errorf("the page fetched %d resources", resources)
	}
	// It fits a 1,366-pixel screen: no horizontal scrolling.
	var wide bool
	wide = evalJS[bool](t, ctx, `document.documentElement.scrollWidth > window.innerWidth`)
	if wide {
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
		"to the next frame: sort %.0f ms, filter %.0f ms, filter off %.0f ms, search %.0f ms, rule filter %.0f ms; screenshot %s",
		n, load.Round(time.Millisecond), marks["fzlint-unpacked"], marks["fzlint-parsed"], marks["fzlint-data"], marks["fzlint-table"], marks["fzlint-shown"], marks["fzlint-charts"],
		sortMS, filterMS, unfilterMS, searchMS, ruleMS, out)
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
