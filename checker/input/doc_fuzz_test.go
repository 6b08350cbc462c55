//go:build !fzlintpage

package input

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/richardlehane/mscfb"
)

// docStreams returns the WordDocument and table streams of the .doc files LibreOffice wrote
// in testdata/doc (from the seed 003 report numbered by Word's lists, and from a document with
// a tracked deletion, a field, hidden text and a table).
func docStreams(f *testing.F) [][2][]byte {
	paths, _ := filepath.Glob("testdata/doc/*.doc")
	if len(paths) == 0 {
		f.Fatal("no .doc files in testdata/doc")
	}
	var out [][2][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		cf, err := mscfb.New(bytes.NewReader(data))
		if err != nil {
			f.Fatal(err)
		}
		streams := map[string][]byte{}
		for _, s := range cf.File {
			if !s.FileInfo().IsDir() {
				b, err := readStream(s, len(data))
				if err != nil {
					f.Fatal(err)
				}
				streams[s.Name] = b
			}
		}
		table := streams["1Table"]
		if table == nil {
			table = streams["0Table"]
		}
		out = append(out, [2][]byte{streams["WordDocument"], table})
	}
	return out
}

// FuzzDoc fuzzes the two streams the .doc reader parses (a mutated compound file rarely gets
// past its allocation tables; FuzzDocFile fuzzes those).
func FuzzDoc(f *testing.F) {
	for _, s := range docStreams(f) {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, word, table []byte) {
		lines, err := docLines(word, func(string) ([]byte, error) { return table, nil })
		if err != nil {
			if !IsUnreadable(err) || err.Error() == "" {
				t.Fatalf("error %T %q is not an Unreadable with a reason", err, err)
			}
			return
		}
		for i, l := range lines {
			if strings.ContainsAny(l, "\r\n") {
				t.Fatalf("line %d holds a line end: %q", i+1, l)
			}
		}
	})
}

// FuzzDocFile fuzzes whole files: the compound file container, and what is named .doc
// without being one.
func FuzzDocFile(f *testing.F) {
	paths, _ := filepath.Glob("testdata/doc/*.doc")
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{\rtf1`))
	f.Add(oleMagic)
	f.Fuzz(func(t *testing.T, data []byte) {
		txt, err := DecodeDoc(data)
		if err != nil {
			if !IsUnreadable(err) || err.Error() == "" {
				t.Fatalf("error %T %q is not an Unreadable with a reason", err, err)
			}
			return
		}
		for i, l := range txt.Lines {
			if strings.ContainsAny(l, "\r\n") {
				t.Fatalf("line %d holds a line end: %q", i+1, l)
			}
		}
	})
}
