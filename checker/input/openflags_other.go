//go:build !unix

package input

// openFlags: systems without O_NONBLOCK/O_NOCTTY (Windows, js/wasm for the browser page) open
// files plainly; the checks before and after opening still apply.
const openFlags = 0
