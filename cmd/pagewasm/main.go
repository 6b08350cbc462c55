//go:build js && wasm

// Command pagewasm is the checker of the browser page (`fzlint page`), compiled to
// WebAssembly with GOOS=js GOARCH=wasm and -tags fzlintpage (cmd/mkpage builds it). It runs in
// the page's Web Worker and sets globalThis.fzlint to
//
//	check(name, bytes, options) → the result as JSON (internal/webcheck.Result)
//	annotate(name, bytes, options) → {docx: Uint8Array, comments: n}
//
// where options is {"year": 0, "profile": "auto"} as JSON; either returns {error: "…"} when
// it cannot. Then it calls globalThis.fzlintReady() and waits for calls.
package main

import (
	"encoding/json"
	"fmt"
	"syscall/js"
	"time"

	"github.com/fzlint/fzlint/internal/webcheck"
)

func main() {
	api := js.Global().Get("Object").New()
	api.Set("check", js.FuncOf(func(_ js.Value, args []js.Value) (out any) {
		defer recovered(&out)
		name, data, opt, err := arguments(args)
		if err != nil {
			return failure(err)
		}
		b, err := webcheck.Check(name, data, opt)
		if err != nil {
			return failure(err)
		}
		return string(b)
	}))
	api.Set("annotate", js.FuncOf(func(_ js.Value, args []js.Value) (out any) {
		defer recovered(&out)
		name, data, opt, err := arguments(args)
		if err != nil {
			return failure(err)
		}
		b, n, err := webcheck.Annotate(name, data, opt, time.Now())
		if err != nil {
			return failure(err)
		}
		arr := js.Global().Get("Uint8Array").New(len(b))
		js.CopyBytesToJS(arr, b)
		res := js.Global().Get("Object").New()
		res.Set("docx", arr)
		res.Set("comments", n)
		return res
	}))
	js.Global().Set("fzlint", api)
	var ready any
	if err := webcheck.Ready(); err != nil {
		ready = err.Error()
	}
	if f := js.Global().Get("fzlintReady"); f.Type() == js.TypeFunction {
		f.Invoke(ready)
	}
	select {}
}

func arguments(args []js.Value) (string, []byte, webcheck.Options, error) {
	var opt webcheck.Options
	if len(args) != 3 || args[0].Type() != js.TypeString || args[2].Type() != js.TypeString {
		return "", nil, opt, fmt.Errorf("want (name, bytes, options)")
	}
	data := make([]byte, args[1].Get("length").Int())
	js.CopyBytesToGo(data, args[1])
	if err := json.Unmarshal([]byte(args[2].String()), &opt); err != nil {
		return "", nil, opt, err
	}
	return args[0].String(), data, opt, nil
}

func failure(err error) any {
	res := js.Global().Get("Object").New()
	res.Set("error", err.Error())
	return res
}

// recovered turns a panic into an error for the page: the module must keep serving the
// drafter's next file.
func recovered(out *any) {
	if r := recover(); r != nil {
		*out = failure(fmt.Errorf("内部错误：%v", r))
	}
}
