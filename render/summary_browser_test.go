package render

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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
func TestHTMLSummaryInChromiumAt10000Reports(t *testing.T) {
	browser, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium (Debian package chromium) is needed: .ci/run installs it")
	}
	seeds := seedResults(t)
	var results []checker.Result
	for i := 0; i < 10000; i++ {
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
	t.Logf("page: %.1f MB for %d reports", float64(len(data))/1e6, len(results))

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")), chromedp.WindowSize(1366, 768))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()

	var loadMS float64
	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page), chromedp.WaitVisible("#body tr")); err != nil {
		t.Fatal(err)
	}
	load := time.Since(start)
	loadMS = evalJS[float64](t, ctx, `performance.now()`)
	var count string
	count = evalJS[string](t, ctx, `document.getElementById("count").textContent`)
	if !strings.Contains(count, "10000 / 10000") {
		t.Errorf("count %q, want all 10000 shown", count)
	}
	var drawn int
	drawn = evalJS[int](t, ctx, `document.querySelectorAll("#body tr").length`)
	if drawn != 200 {
		t.Errorf("%d rows drawn, want one page of 200", drawn)
	}

	// Sort by unit (a click on its head), then read the first rows' units.
	var sortMS float64
	sortMS = evalJS[float64](t, ctx, `(function(){var t=performance.now();document.querySelector('#head th[data-c="1"]').click();return performance.now()-t;})()`)
	var units []string
	units = evalJS[[]string](t, ctx, `Array.from(document.querySelectorAll("#body tr")).slice(0,3).map(function(tr){return tr.cells[1].textContent})`)
	if len(units) != 3 || units[0] != "" || units[2] != "" {
		// Ascending, the reports without a unit (seed 003) come first.
		t.Errorf("sorted by unit, the first rows are %q", units)
	}

	// Filter: the reports missing the duties part (seeds 000 and 004: 4,000 of 10,000).
	var filterMS float64
	filterMS = evalJS[float64](t, ctx, `(function(){var s=document.getElementById("part");s.value="2";var t=performance.now();s.dispatchEvent(new Event("change"));return performance.now()-t;})()`)
	count = evalJS[string](t, ctx, `document.getElementById("count").textContent`)
	if !strings.Contains(count, "4000 / 10000") {
		t.Errorf("filtered on the missing duties part: %q, want 4000", count)
	}
	var marks []string
	marks = evalJS[[]string](t, ctx, `Array.from(document.querySelectorAll("#body tr")).map(function(tr){return tr.cells[6].textContent})`)
	for _, m := range marks {
		if m != "✗" {
			t.Fatalf("a row shown by the missing-duties filter has %q in the duties column", m)
		}
	}

	// Search by unit, as typed (the input waits for the typing to pause).
	if err := chromedp.Do(ctx, chromedp.SendKeys("#q", "盘州"), chromedp.Sleep(400*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	count = evalJS[string](t, ctx, `document.getElementById("count").textContent`)
	if !strings.Contains(count, "显示 0 / 10000") {
		// 盘州 (seed 001) has its duties part: with the filter on, nothing is left.
		t.Errorf("search 盘州 with the missing-duties filter: %q, want 0", count)
	}
	var searchMS float64
	searchMS = evalJS[float64](t, ctx, `(function(){var s=document.getElementById("part");s.value="";var t=performance.now();s.dispatchEvent(new Event("change"));return performance.now()-t;})()`)
	count = evalJS[string](t, ctx, `document.getElementById("count").textContent`)
	if !strings.Contains(count, "2000 / 10000") {
		t.Errorf("search 盘州: %q, want 2000", count)
	}

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
	out := filepath.Join(os.TempDir(), "fzlint-summary-10000.png")
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("10,000 reports: opened in %v (script done at %.0f ms), sort %.0f ms, filter %.0f ms, search %.0f ms; screenshot %s",
		load.Round(time.Millisecond), loadMS, sortMS, filterMS, searchMS, out)
}

// evalJS evaluates a script in the page and returns its value.
func evalJS[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%.80s: %v", js, err)
	}
	return v
}
