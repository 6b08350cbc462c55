package input

import (
	"bytes"
	"strings"
	"testing"
)

// skipElementReference is skipElement as it was written, looking at each '<' after the start
// tag in turn (the start tag's name taken as skipElement takes it).
func (x *xmlScanner) skipElementReference() bool {
	name := x.openName()
	if name == nil {
		return false
	}
	for i := x.pos; ; {
		j := bytes.IndexByte(x.data[i:], '<')
		if j < 0 {
			return false
		}
		i += j + 1
		rest := x.data[i:]
		end := len(rest) > 0 && rest[0] == '/'
		if end {
			rest = rest[1:]
		}
		switch {
		case len(rest) == 0 || rest[0] == '!' || rest[0] == '?':
			return false
		case !bytes.HasPrefix(rest, name):
			continue
		case len(rest) == len(name):
			return false
		}
		c := rest[len(name)]
		switch {
		case end && c == '>':
			x.pos = i + 1 + len(name) + 1
			return true
		case tagByte[c]&endsName != 0:
			return false // the element's name again, or its end tag with white space
		}
	}
}

// FuzzSkipElement: after each start tag of a document, skipElement passes over what the
// '<'-by-'<' reading it replaced passes over, and gives up where it gave up; skipUnread passes
// over nothing else.
func FuzzSkipElement(f *testing.F) {
	for _, s := range listSeeds() {
		f.Add(s[1])
		f.Add(s[2])
	}
	for _, s := range walkSeeds(f, strings.Split(readSeedText(f), "\n")[:12]) {
		f.Add(s[1])
		f.Add(s[2])
	}
	for _, s := range []string{"<a><a></a></a>", "<a></a >", "<a><!-- </a> --></a>", "<a><?p?></a>", "<a></!a></a>", "<a><b>?</b></a>",
		"<w:x><w:xy></w:xy><w:x/></w:x>", "<a>a</a", "<a><", "<a></", "<a x='</a>'></a>", "<ab><a/></ab>", "<a>/a></a>", "<a><<//a></a>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		x := xmlScanner{data: []byte(doc)}
		for n := 0; n < 200; n++ {
			ok, err := x.next()
			if !ok || err != nil {
				return
			}
			if x.kind != xmlStart {
				continue
			}
			ref, unread, from := x, x, x.pos
			got, want := x.skipElement(), ref.skipElementReference()
			if got != want || x.pos != ref.pos {
				t.Fatalf("%q at %d: skipped %v to %d; '<' by '<' %v to %d", doc, ref.start, got, x.pos, want, ref.pos)
			}
			// skipUnread, when it passes over the content, ends there too.
			if unread.skipUnread(func([]byte) bool { return false }); unread.pos != from && (!want || unread.pos != ref.pos) {
				t.Fatalf("%q at %d: skipUnread passed over to %d; '<' by '<' %v to %d", doc, ref.start, unread.pos, want, ref.pos)
			}
		}
	})
}
