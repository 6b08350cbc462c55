package main

import (
	"bytes"

	"github.com/fzlint/fzlint/checker/input"
)

// workspace is the memory a batch worker lends to one file after another: the buffer the file
// is read into, and the slices of its lines (with a .docx's text, which its lines are cut from). A text file's lines are that buffer's bytes
// (input.ReadOptions.Owned) rather than a copy of them, so a batch of reports does not
// allocate each report's size again as strings (15 MB of the 115 MB a run over mkcorpus
// allocated), nor two slices a file for its lines and their ends (input.LineStore).
//
// A workspace is lent to one file at a time, and taken back (release) only once nothing of
// that file is in use: its result encoded and dropped (crossFileRun), and nothing else kept of
// it but its facts, which hold no text (checker.Facts). Release overwrites what it takes back,
// so that anything that kept a slice of the file past that point reads zeros, and the output of
// a batch, compared with a run that copies every file (TestWorkspaceReuseChangesNothing),
// changes.
type workspace struct {
	read  *bytes.Buffer
	lines input.LineStore // the text's Lines and Ends
	// fc is the run's file checker, lending this workspace to the files it reads.
	fc fileChecker
}

// reuseWorkspaces is false only in the test that compares a batch checked in workspaces with the
// same batch checked without.
var reuseWorkspaces = true

// newWorkspace returns a workspace for the files that fc checks.
func newWorkspace(fc *fileChecker) *workspace {
	w := &workspace{read: new(bytes.Buffer), fc: *fc}
	w.fc.ws = w
	return w
}

// release takes the workspace back from the file it was lent to.
func (w *workspace) release() {
	clear(w.read.Bytes())
	w.read.Reset()
	w.lines.Release()
	// A huge file's buffer goes with it, as readBuffers keeps none (maxPooledBuffer).
	if w.read.Cap() > maxPooledBuffer {
		w.read = new(bytes.Buffer)
	}
}
