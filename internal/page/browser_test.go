package page_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/fzlint/fzlint/checker"
	"github.com/fzlint/fzlint/checker/input"
	"github.com/fzlint/fzlint/internal/docxgen"
	"github.com/fzlint/fzlint/internal/linttest"
	"github.com/fzlint/fzlint/internal/webcheck"
	"github.com/fzlint/fzlint/render"
)

// buildBinary builds fzlint once for the package's tests. The page's test lives here, not in
// cmd/fzlint, so that its browser run does not add to that package's time limit.
func buildBinary(t *testing.T) string {
	t.Helper()
	return fzlintBinary.Path(t)
}

var fzlintBinary linttest.Binary

// TestMain removes the binary and the module built for the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	fzlintBinary.Remove()
	if wasmDir != "" {
		os.RemoveAll(wasmDir)
	}
	os.Exit(code)
}

func seed(name string) string { return filepath.Join("..", "..", "testdata", "seeds", name) }

// mkpageDir builds the page's WebAssembly module with cmd/mkpage, as `go generate` does, once
// for the package's tests (into a temporary directory: the source tree is not written).
func mkpageDir(t *testing.T) string {
	t.Helper()
	wasmOnce.Do(func() {
		wasmDir, wasmErr = os.MkdirTemp("", "fzlint-test-wasm-")
		if wasmErr != nil {
			return
		}
		if out, err := exec.Command("go", "run", "github.com/fzlint/fzlint/cmd/mkpage", "-o", wasmDir).CombinedOutput(); err != nil {
			wasmErr = fmt.Errorf("go run ./cmd/mkpage: %v\n%s", err, out)
		}
	})
	if wasmErr != nil {
		t.Fatal(wasmErr)
	}
	return wasmDir
}

var (
	wasmOnce sync.Once
	wasmDir  string
	wasmErr  error
)

// pageFinding is a finding as the page has it; `fzlint check --format json` writes the same
// fields but the diff.
type pageFinding = webcheck.Finding

// cliFindings runs the binary's `check --format json` on a file.
func cliFindings(t *testing.T, bin, path string, args ...string) []pageFinding {
	t.Helper()
	cmd := exec.Command(bin, append(append([]string{"check", "--format", "json"}, args...), path)...)
	cmd.Dir = filepath.Dir(path)
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
		t.Fatalf("fzlint check: %v", err)
	}
	var doc struct {
		Files []struct {
			Diagnostics []pageFinding `json:"diagnostics"`
		} `json:"files"`
	}
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.Files) != 1 {
		t.Fatalf("fzlint check --format json: %v\n%s", err, out)
	}
	return doc.Files[0].Diagnostics
}

// spans is the text each finding covers on each of its lines, as the page must mark it: the
// characters between its columns (code points), a finding without width as an empty piece on
// its line; the lines of a finding over several lines that it covers with nothing are left out.
func spans(lines []string, fs []pageFinding) [][]string {
	out := make([][]string, len(fs))
	for i, f := range fs {
		out[i] = []string{}
		if f.Line < 1 || f.Line > len(lines) {
			continue
		}
		last := max(f.EndLine, f.Line)
		for n := f.Line; n <= last && n <= len(lines); n++ {
			cps := []rune(lines[n-1])
			s, e := 0, len(cps)
			if n == f.Line {
				s = f.Column - 1
			}
			if n == last {
				e = f.EndColumn - 1
				if f.EndLine < f.Line {
					e = f.Column - 1
				}
			}
			s = min(max(s, 0), len(cps))
			e = min(max(e, s), len(cps))
			if s < e || (f.Line == last) {
				out[i] = append(out[i], fmt.Sprintf("%d:%s", n, string(cps[s:e])))
			}
		}
	}
	return out
}

// The marks of the page, per finding: "line:text" for each line, the text of the marks that
// carry the finding joined in document order.
const marksJS = `(function(){
  var out = fzlintPage.result.findings.map(function(){ return []; });
  document.querySelectorAll("#doc mark").forEach(function(m){
    var n = m.closest(".ln").id.slice(1);
    m.dataset.f.split(" ").forEach(function(i){
      var o = out[+i], last = o[o.length-1];
      if (last && last.split(":")[0] === n && m.textContent !== "") o[o.length-1] = last + m.textContent;
      else o.push(n + ":" + m.textContent);
    });
  });
  return out;
})()`

// proxy accepts connections and records that one came: Chromium is told to send every request
// through it, so any request the page, its worker or the browser makes is seen.
func proxy(t *testing.T) (addr string, hits func() []string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var seen []string
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.SetReadDeadline(time.Now().Add(2 * time.Second))
			buf := make([]byte, 512)
			n, _ := c.Read(buf)
			first, _, _ := strings.Cut(string(buf[:n]), "\r\n")
			mu.Lock()
			seen = append(seen, first)
			mu.Unlock()
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().String(), func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

func pageEval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%.80s: %v", js, err)
	}
	return v
}

// The drafter's page, built by `fzlint page` and opened from disk in headless Chromium: a
// seed report as a .docx with Word's numbering, chosen in the page, gives the findings of
// `fzlint check --format json`, each marked on its characters; clicks go from a mark to its
// finding and back; the filters hide what they should; a year chosen re-checks as --year does;
// the command line's advice (--fix, --year) is not offered, the page's own (choose the year) is;
// the annotated .docx downloads with one comment per finding; and nothing goes over the
// network. A screenshot is written for a person to look at; load and check times are logged.
func TestPageInChromium(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium (Debian package chromium) is needed: .ci/run installs it")
	}
	bin := buildBinary(t)
	dir := t.TempDir()

	// Without the module, the page cannot be written: exit 2 and how to build it.
	cmd := exec.Command(bin, "page", "--wasm-dir", t.TempDir(), "-o", filepath.Join(dir, "none.html"))
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 || !strings.Contains(string(out), "go generate ./internal/page") {
		t.Fatalf("fzlint page without the module: %v\n%s", err, out)
	}
	html := filepath.Join(dir, "fzlint.html")
	if out, err := exec.Command(bin, "page", "--wasm-dir", mkpageDir(t), "-o", html).CombinedOutput(); err != nil {
		t.Fatalf("fzlint page: %v\n%s", err, out)
	}
	st, err := os.Stat(html)
	if err != nil {
		t.Fatal(err)
	}

	// The seed as a .docx whose headings Word numbers.
	const seedName = "000_4c1585aa5a4d5d00"
	data, err := os.ReadFile(seed(seedName + ".txt"))
	if err != nil {
		t.Fatal(err)
	}
	txt, err := input.DecodeText(data)
	if err != nil {
		t.Fatal(err)
	}
	docx := filepath.Join(dir, seedName+".docx")
	docxData := docxgen.NumberedReport(txt.Lines)
	if err := os.WriteFile(docx, docxData, 0o644); err != nil {
		t.Fatal(err)
	}
	want := cliFindings(t, bin, docx)
	if len(want) < 3 {
		t.Fatalf("the seed has %d findings: too few to test the page", len(want))
	}
	read, err := input.Read(docx, docxData)
	if err != nil {
		t.Fatal(err)
	}
	source := linttest.DefaultLinter(t).CheckText(docx, read, checker.Options{}).Source

	proxyAddr, proxyHits := proxy(t)
	downloads := t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.ProxyServer("http://"+proxyAddr), chromedp.Flag("proxy-bypass-list", "<-loopback>"),
		chromedp.UserDataDir(filepath.Join(dir, "profile")), chromedp.WindowSize(1366, 768))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 4*time.Minute)
	defer cancel()

	var mu sync.Mutex
	var requests, exceptions []string
	if err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			mu.Lock()
			requests = append(requests, ev.Request.URL)
			mu.Unlock()
		case *cdpruntime.EventExceptionThrown:
			mu.Lock()
			d := ev.ExceptionDetails
			what := d.Text
			if d.Exception != nil {
				what += " " + d.Exception.Description
			}
			exceptions = append(exceptions, fmt.Sprintf("line %d: %s", d.LineNumber+1, what))
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	progress := chromedp.Events(ctx, browser.DownloadProgress)
	pageURL := "file://" + html
	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate(pageURL)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`fzlintPage.state === "ready" || fzlintPage.state === "failed"`, chromedp.WithPollingTimeout(2*time.Minute))); err != nil {
		t.Fatal(err)
	}
	load := time.Since(start)
	if e := pageEval[string](t, ctx, `fzlintPage.error`); e != "" {
		t.Fatalf("the page did not start: %s", e)
	}
	loadMS := pageEval[float64](t, ctx, `fzlintPage.loadMs`)
	t.Logf("loading in the worker, ms from its start: %s", pageEval[string](t, ctx, `JSON.stringify(fzlintPage.loadSteps)`))
	// The page says when its checker was built (a stale one shows its age).
	if built := pageEval[string](t, ctx, `document.getElementById("built").textContent`); !strings.Contains(built, runtime.Version()) {
		t.Errorf("the page shows %q, not when and with which Go its checker was built", built)
	}
	// The checker runs in the worker, not on the page's thread.
	if onPage := pageEval[bool](t, ctx, `typeof window.fzlint !== "undefined" || typeof window.Go !== "undefined"`); onPage {
		t.Error("the checker runs on the page's thread, not in a worker")
	}

	check := func(path string, n int) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.SetUploadFiles("#file", []string{path})); err != nil {
			t.Fatal(err)
		}
		waitChecks(t, ctx, n)
	}
	t.Logf("ready after %v", time.Since(start).Round(time.Millisecond))
	check(docx, 1)
	t.Logf("checked after %v", time.Since(start).Round(time.Millisecond))
	checkMS := pageEval[float64](t, ctx, `fzlintPage.checkMs`)
	time.Sleep(time.Second)
	t.Logf("seed: shown in %.0f ms, painted in %.0f ms", pageEval[float64](t, ctx, `fzlintPage.renderMs`), pageEval[float64](t, ctx, `fzlintPage.paintMs`))

	var got []pageFinding
	if err := json.Unmarshal([]byte(pageEval[string](t, ctx, `JSON.stringify(fzlintPage.result.findings)`)), &got); err != nil {
		t.Fatal(err)
	}
	sameFindings(t, "page", got, want)
	lines := pageEval[[]string](t, ctx, `fzlintPage.result.lines`)
	if strings.Join(lines, "\n") != strings.Join(source, "\n") {
		t.Fatalf("the page shows %d lines, not the document's %d", len(lines), len(source))
	}
	if n := pageEval[int](t, ctx, `document.querySelectorAll("#list li").length`); n != len(want) {
		t.Errorf("the list has %d items, want %d", n, len(want))
	}
	rulesShown := pageEval[[]string](t, ctx, `Array.from(document.querySelectorAll("#list li .rule")).map(function(e){return e.textContent})`)
	for i, r := range rulesShown {
		if i < len(want) && r != want[i].Rule {
			t.Errorf("list item %d shows rule %s, want %s", i+1, r, want[i].Rule)
		}
	}
	// Each mark sits on the finding's characters.
	marks := pageEval[[][]string](t, ctx, marksJS)
	wantMarks := spans(source, want)
	for i := range want {
		if strings.Join(marks[i], "|") != strings.Join(wantMarks[i], "|") {
			t.Errorf("finding %d (%s, line %d): marked %q, want %q", i, want[i].Rule, want[i].Line, marks[i], wantMarks[i])
		}
	}
	// The parts found, at the top.
	parts := pageEval[string](t, ctx, `document.getElementById("parts").textContent`)
	if !strings.Contains(parts, "✓") || !strings.Contains(parts, "✗") {
		t.Errorf("parts shown: %q; the seed has parts found and one missing", parts)
	}

	// A click on a finding selects its marks; a click on a mark selects its finding.
	i := firstMarked(t, want, wantMarks)
	if sel := pageEval[bool](t, ctx, fmt.Sprintf(`(function(){document.getElementById("F%d").click();var m=document.querySelector("#doc mark.sel");return !!m && m.dataset.f.split(" ").indexOf("%d")>=0;})()`, i, i)); !sel {
		t.Errorf("a click on finding %d selects none of its marks", i)
	}
	if sel := pageEval[string](t, ctx, fmt.Sprintf(`(function(){document.getElementById("F0").click();var m=Array.from(document.querySelectorAll("#doc mark")).filter(function(m){return m.dataset.f.split(" ")[0]==="%d"})[0];m.click();var li=document.querySelector("#list li.sel");return li?li.id:"";})()`, i)); sel != fmt.Sprintf("F%d", i) {
		t.Errorf("a click on a mark of finding %d selects %q", i, sel)
	}

	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	png := filepath.Join(os.TempDir(), "fzlint-page-seed.png")
	if err := os.WriteFile(png, shot, 0o644); err != nil {
		t.Fatal(err)
	}

	// Filters: without the errors, only the other findings are listed.
	errorsN := 0
	for _, f := range want {
		if f.Severity == "error" {
			errorsN++
		}
	}
	shown := pageEval[int](t, ctx, `(function(){var c=document.querySelector('#filters input[data-kind="sev"][data-key="error"]');c.click();var n=document.querySelectorAll("#list li:not(.off)").length;c.click();return n;})()`)
	if errorsN == 0 || shown != len(want)-errorsN {
		t.Errorf("with errors hidden %d findings listed, want %d (of %d, %d errors)", shown, len(want)-errorsN, len(want), errorsN)
	}

	// Another year re-checks, as --year does.
	year := 2021
	pageEval[bool](t, ctx, fmt.Sprintf(`(function(){var s=document.getElementById("year");s.value="%d";s.dispatchEvent(new Event("change"));return true;})()`, year))
	waitChecks(t, ctx, 2)
	if err := json.Unmarshal([]byte(pageEval[string](t, ctx, `JSON.stringify(fzlintPage.result.findings)`)), &got); err != nil {
		t.Fatal(err)
	}
	wantYear := cliFindings(t, bin, docx, "--year", fmt.Sprint(year))
	sameFindings(t, "page with the year 2021", got, wantYear)

	t.Logf("re-checked after %v", time.Since(start).Round(time.Millisecond))
	// The annotated copy: one comment per finding, and the document's text unchanged.
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: ptr(true)})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	pageEval[bool](t, ctx, `(document.getElementById("annotate").click(), true)`)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`fzlintPage.annotated >= 0 || /无法/.test(document.getElementById("status").textContent)`, chromedp.WithPollingTimeout(time.Minute))); err != nil {
		t.Fatalf("waiting for the annotated .docx: %v", err)
	}
	if n := pageEval[int](t, ctx, `fzlintPage.annotated === undefined ? -1 : fzlintPage.annotated`); n < 0 {
		t.Fatalf("no annotated .docx: %s", pageEval[string](t, ctx, `document.getElementById("status").textContent`))
	}
	var annotated []byte
	for ev, err := range progress {
		if err != nil {
			t.Fatal(err)
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("the annotated .docx was not downloaded")
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			if annotated, err = os.ReadFile(filepath.Join(downloads, ev.GUID)); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	if n := comments(t, annotated); n != len(wantYear) {
		t.Errorf("the downloaded .docx has %d comments, want one per finding: %d", n, len(wantYear))
	}
	back, err := input.Read("a.docx", annotated)
	if err != nil {
		t.Fatalf("the downloaded .docx does not read: %v", err)
	}
	if strings.Join(back.Lines, "\n") != strings.Join(read.Lines, "\n") {
		t.Error("the downloaded .docx does not read back to the original's text")
	}

	// A ~5 MB .docx (the seed's text twenty times over and 4.5 MB of photographs) is checked in
	// the worker while the page keeps drawing: the longest gap between frames is logged.
	big := filepath.Join(dir, "big.docx")
	if err := os.WriteFile(big, bigDocx(txt.Lines), 0o644); err != nil {
		t.Fatal(err)
	}
	bst, _ := os.Stat(big)
	// The same watch over an idle second first: on a loaded machine frames are late anyway.
	const watch = `(function(){window.gap=0;window.gapAt=0;window.stopGap=false;var last=performance.now();(function f(){var n=performance.now();if(n-last>gap){gap=n-last;gapAt=last;}last=n;if(!window.stopGap)requestAnimationFrame(f);})();return true;})()`
	pageEval[bool](t, ctx, watch)
	time.Sleep(time.Second)
	idleGap := pageEval[float64](t, ctx, `(window.stopGap=true, gap)`)
	pageEval[bool](t, ctx, watch)
	check(big, 3)
	bigMS := pageEval[float64](t, ctx, `fzlintPage.checkMs`)
	renderMS := pageEval[float64](t, ctx, `fzlintPage.renderMs`)
	time.Sleep(time.Second)
	gap := pageEval[float64](t, ctx, `(window.stopGap=true, gap)`)
	t.Logf("big: painted in %.0f ms", pageEval[float64](t, ctx, `fzlintPage.paintMs`))
	t.Logf("timeline %s", pageEval[string](t, ctx, `JSON.stringify({t: fzlintPage.t, gapAt: gapAt, gap: gap, lines: fzlintPage.result.lines.length, findings: fzlintPage.result.findings.length, marks: document.querySelectorAll("mark").length, nodes: document.getElementsByTagName("*").length, chars: fzlintPage.result.lines.join("").length})`))
	if n := pageEval[int](t, ctx, `fzlintPage.result.findings.length`); n != len(cliFindings(t, bin, big)) {
		t.Errorf("the large .docx: %d findings in the page, %d from fzlint check", n, len(cliFindings(t, bin, big)))
	}

	// A .txt dropped on the page (seed 002, whose headings differ from their template): the
	// findings of fzlint check on it, and each template diff drawn as the terminal draws it.
	const txtSeed = "002_21c7d6ccdca8baa6.txt"
	txtData, err := os.ReadFile(seed(txtSeed))
	if err != nil {
		t.Fatal(err)
	}
	txtPath := filepath.Join(dir, txtSeed)
	if err := os.WriteFile(txtPath, txtData, 0o644); err != nil {
		t.Fatal(err)
	}
	jsText, _ := json.Marshal(string(txtData))
	pageEval[bool](t, ctx, `(function(){var dt=new DataTransfer();dt.items.add(new File([`+string(jsText)+`],"`+txtSeed+`"));
	  document.getElementById("doc").dispatchEvent(new DragEvent("drop",{bubbles:true,cancelable:true,dataTransfer:dt}));return true;})()`)
	waitChecks(t, ctx, 4)
	if err := json.Unmarshal([]byte(pageEval[string](t, ctx, `JSON.stringify(fzlintPage.result.findings)`)), &got); err != nil {
		t.Fatal(err)
	}
	txtCLI := cliFindings(t, bin, txtPath)
	sameFindings(t, "page on the dropped .txt", got, txtCLI)
	// The command line offers --fix for this .txt; the page, which changes no file, offers
	// nothing in its place.
	if !strings.Contains(fmt.Sprint(txtCLI), "可用 --fix 自动修正") {
		t.Errorf("fzlint check offers no --fix on seed 002: the page's test of it tests nothing")
	}
	noFlags(t, ctx, "the dropped .txt")
	if hints := pageEval[[]string](t, ctx, `Array.from(document.querySelectorAll("#list .hint")).map(function(e){return e.textContent})`); len(hints) > 0 {
		t.Errorf("the dropped .txt: hints %q, want none (the page cannot fix)", hints)
	}
	txtRead, err := input.Read(txtPath, txtData)
	if err != nil {
		t.Fatal(err)
	}
	var wantDiffs []string
	for _, d := range linttest.DefaultLinter(t).CheckText(txtPath, txtRead, checker.Options{}).Diagnostics {
		if len(d.Diff) > 0 {
			var b strings.Builder
			for _, op := range d.Diff {
				switch {
				case op.Op < 0:
					b.WriteString("[-" + op.Text + "-]")
				case op.Op > 0:
					b.WriteString("{+" + op.Text + "+}")
				default:
					b.WriteString(op.Text)
				}
			}
			wantDiffs = append(wantDiffs, b.String())
		}
	}
	diffs := pageEval[[]string](t, ctx, `Array.from(document.querySelectorAll("#list .diff")).map(function(d){
	  return Array.from(d.childNodes).slice(1).map(function(n){return n.nodeName==="DEL"?"[-"+n.textContent+"-]":n.nodeName==="INS"?"{+"+n.textContent+"+}":n.textContent}).join("")})`)
	if len(wantDiffs) == 0 || strings.Join(diffs, "\n") != strings.Join(wantDiffs, "\n") {
		t.Errorf("template diffs shown:\n%s\nwant (as fzlint check --no-color draws them):\n%s", strings.Join(diffs, "\n"), strings.Join(wantDiffs, "\n"))
	}

	// A .pdf is for the command line (its reader is not in the page's module): the page says so.
	pageEval[bool](t, ctx, `(function(){var dt=new DataTransfer();dt.items.add(new File(["%PDF-1.7\n"],"报告.pdf"));
	  document.getElementById("doc").dispatchEvent(new DragEvent("drop",{bubbles:true,cancelable:true,dataTransfer:dt}));return true;})()`)
	waitChecks(t, ctx, 5)
	if msg := pageEval[string](t, ctx, `document.getElementById("status").textContent`); !strings.Contains(msg, "fzlint check") || !strings.Contains(msg, ".pdf") {
		t.Errorf("a .pdf dropped on the page: %q, want it sent to the command line", msg)
	}
	pageEval[bool](t, ctx, `(function(){var dt=new DataTransfer();dt.items.add(new File([`+string(jsText)+`],"`+txtSeed+`"));
	  document.getElementById("doc").dispatchEvent(new DragEvent("drop",{bubbles:true,cancelable:true,dataTransfer:dt}));return true;})()`)
	waitChecks(t, ctx, 6)

	// A second screenshot: the first template diff selected.
	pageEval[bool](t, ctx, `(document.querySelector("#list .diff").closest("li").click(), document.querySelector("#list li.sel").scrollIntoView({block:"center"}), true)`)
	shot, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	pngDiff := filepath.Join(os.TempDir(), "fzlint-page-diff.png")
	if err := os.WriteFile(pngDiff, shot, 0o644); err != nil {
		t.Fatal(err)
	}

	// A report that states no year: the command line says to give --year, the page to choose
	// the year in its 年度 list, which re-checks.
	noYear := filepath.Join(dir, "无年份.txt")
	noYearText := "某县司法局法治政府建设情况报告\n一、主要举措和成效\n全面推行行政执法“三项制度”，办理行政复议案件30件。\n"
	if err := os.WriteFile(noYear, []byte(noYearText), 0o644); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fmt.Sprint(cliFindings(t, bin, noYear)), "可用 --year 指定报告年度") {
		t.Errorf("fzlint check does not offer --year on a report without a year")
	}
	jsNoYear, _ := json.Marshal(noYearText)
	pageEval[bool](t, ctx, `(function(){var dt=new DataTransfer();dt.items.add(new File([`+string(jsNoYear)+`],"无年份.txt"));
	  document.getElementById("doc").dispatchEvent(new DragEvent("drop",{bubbles:true,cancelable:true,dataTransfer:dt}));return true;})()`)
	waitChecks(t, ctx, 7)
	noFlags(t, ctx, "the report without a year")
	if hints := pageEval[[]string](t, ctx, `Array.from(document.querySelectorAll("#list li")).filter(function(li){return li.querySelector(".rule").textContent==="structure/year-unknown"}).map(function(li){var h=li.querySelector(".hint");return h?h.textContent:""})`); len(hints) != 1 || !strings.Contains(hints[0], "“年度”中选择报告年度") {
		t.Errorf("the report without a year: year-unknown's hints on the page %q, want one saying to choose the year in 年度", hints)
	}

	// Nothing went over the network: the only request is the page itself (and blob: for the
	// worker and the download); nothing reached the proxy every request would go through.
	mu.Lock()
	for _, e := range exceptions {
		t.Errorf("the page threw: %s", e)
	}
	seenPage := false
	for _, u := range requests {
		switch {
		case u == pageURL:
			seenPage = true
		case strings.HasPrefix(u, "data:"), strings.HasPrefix(u, "blob:"):
		default:
			t.Errorf("the page made a request: %s", u)
		}
	}
	mu.Unlock()
	if !seenPage {
		t.Error("the network listener did not even see the page load: it cannot have seen other requests")
	}
	for _, h := range proxyHits() {
		if !chromiumOwn(h) {
			t.Errorf("a request went out through the proxy: %q", h)
		}
	}
	// The proxy does see what a page's worker asks for (the page's own listener does not); the
	// probe is a page of its own, since the drafter's page forbids any connection (CSP).
	probe := filepath.Join(dir, "probe.html")
	if err := os.WriteFile(probe, []byte(`<script>new Worker(URL.createObjectURL(new Blob(["fetch('http://fzlint-probe.invalid/').catch(function(){})"])))</script>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+probe)); err != nil {
		t.Fatal(err)
	}
	probed := false
	for deadline := time.Now().Add(30 * time.Second); !probed && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		for _, h := range proxyHits() {
			probed = probed || strings.Contains(h, "fzlint-probe.invalid")
		}
	}
	if !probed {
		t.Error("a worker's request did not reach the proxy: the proxy cannot have seen the page's")
	}
	t.Logf("page %.1f MB; ready %v after navigation (%.0f ms page clock); check of the seed .docx %.0f ms; %.1f MB .docx checked in %.0f ms and shown in %.0f ms, longest frame gap meanwhile %.0f ms (%.0f ms over an idle second); screenshots %s, %s",
		float64(st.Size())/1e6, load.Round(time.Millisecond), loadMS, checkMS, float64(bst.Size())/1e6, bigMS, renderMS, gap, idleGap, png, pngDiff)
}

func ptr[T any](v T) *T { return &v }

// noFlags fails when the page's list of findings offers a command line flag (--fix, --year):
// the drafter on the page has no command line.
func noFlags(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	if flags := regexp.MustCompile(`--[a-z]+`).FindAllString(pageEval[string](t, ctx, `document.getElementById("list").textContent`), -1); len(flags) > 0 {
		t.Errorf("%s: the page offers command line flags %q", what, flags)
	}
}

// chromiumOwn says whether a request that reached the proxy is one Chromium makes by itself
// whatever the page (component updates, its clock, account and optimisation services, all on
// Google's hosts), which flags do not turn off in every version.
func chromiumOwn(request string) bool {
	f := strings.Fields(request)
	if len(f) < 2 {
		return false
	}
	host := f[1]
	if strings.Contains(host, "://") {
		host = strings.SplitN(host, "/", 4)[2]
	}
	host, _, _ = strings.Cut(host, ":")
	for _, d := range []string{".google.com", ".googleapis.com", ".gvt1.com"} {
		if strings.HasSuffix(host, d) {
			return true
		}
	}
	return false
}

// waitChecks waits until the page has shown its n-th result.
func waitChecks(t *testing.T, ctx context.Context, n int) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`fzlintPage.checks >= %d && fzlintPage.state === "checked"`, n), chromedp.WithPollingTimeout(2*time.Minute))); err != nil {
		t.Fatalf("waiting for check %d: %v (status %q)", n, err, pageEval[string](t, ctx, `document.getElementById("status").textContent`))
	}
}

// sameFindings compares the page's findings with the command line's, but for the hint: the
// command line says it in its message (…（可用 --fix 自动修正）), the page in its own field, in
// its own words, or not at all.
func sameFindings(t *testing.T, what string, got, want []pageFinding) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d findings, fzlint check --format json: %d", what, len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		g, w := got[i], want[i]
		g.Diff, g.Hint = nil, ""
		for _, h := range []checker.Hint{checker.HintFix, checker.HintYear} {
			w.Message = strings.TrimSuffix(w.Message, render.Message(checker.Diagnostic{Hint: h}))
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s: finding %d\n got %+v\nwant %+v", what, i, got[i], want[i])
		}
	}
}

// firstMarked returns a finding with width that no other finding shares its first mark with.
func firstMarked(t *testing.T, fs []pageFinding, marks [][]string) int {
	for i, m := range marks {
		if len(m) > 0 && !strings.HasSuffix(m[0], ":") {
			return i
		}
	}
	t.Fatal("no finding with width")
	return 0
}

var commentRE = regexp.MustCompile(`<w:comment\s`)

// comments counts the comments of a .docx.
func comments(t *testing.T, data []byte) int {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the downloaded file is not a .docx: %v", err)
	}
	for _, f := range zr.File {
		if f.Name == "word/comments.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			return len(commentRE.FindAll(b, -1))
		}
	}
	return 0
}

// bigDocx is a report of about 5 MB as drafters send them: the seed's text twenty times and
// 4.5 MB of photographs (random bytes, which do not compress).
func bigDocx(lines []string) []byte {
	var all []string
	for range 20 {
		all = append(all, lines...)
	}
	small := docxgen.NumberedReport(all)
	zr, err := zip.NewReader(bytes.NewReader(small), int64(len(small)))
	if err != nil {
		panic(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			panic(err)
		}
	}
	rnd := rand.New(rand.NewSource(1))
	for k := range 3 {
		w, _ := zw.Create(fmt.Sprintf("word/media/image%d.jpeg", k+1))
		photo := make([]byte, 1650000)
		rnd.Read(photo)
		w.Write(photo)
	}
	zw.Close()
	return buf.Bytes()
}
