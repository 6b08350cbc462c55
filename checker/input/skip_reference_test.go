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
// over nothing else, and skipUnreadAgain over what skipUnread passes over.
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
		"<w:x><w:xy></w:xy><w:x/></w:x>", "<a>a</a", "<a><", "<a></", "<a x='</a>'></a>", "<ab><a/></ab>", "<a>/a></a>", "<a><<//a></a>",
		// The same content after another name, after the name without its prefix, after <x/>
		// (the elements one after the other: the loop passes over an element's children).
		"<w:rPr><w:b/></w:rPr><w:rPx><w:b/></w:rPr></w:rPx><rPr><w:b/></w:rPr></rPr><w:rPr/><w:b/></w:rPr>",
		"<w:rPr><w:b/></w:rPr><w:rPr><w:b/></w:rPr><w:rPr><w:b/></w:rPr ></w:rPr><w:rPr><w:b/></w:rPr>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		x := xmlScanner{data: []byte(doc)}
		reads := [...]func([]byte) bool{walkReads, func([]byte) bool { return false }}
		var last [len(reads)][]byte // what skipUnreadAgain passed over last, with each reads
		for n := 0; n < 200; n++ {
			ok, err := x.next()
			if !ok || err != nil {
				return
			}
			if x.kind != xmlStart {
				continue
			}
			// skipUnreadAgain, with what it passed over before in the document, passes over
			// what skipUnread passes over.
			for i, r := range reads {
				again, plain := x, x
				again.skipUnreadAgain(r, &last[i])
				plain.skipUnread(r)
				if again.pos != plain.pos || again.pendingEnd != plain.pendingEnd {
					t.Fatalf("%q at %d: skipUnreadAgain to %d (%v); skipUnread to %d (%v)", doc, x.start, again.pos, again.pendingEnd, plain.pos, plain.pendingEnd)
				}
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

// pivotReference is pivot as it was written, ranking each byte as it meets it.
func pivotReference(name []byte) int {
	rank := func(c byte) int {
		switch {
		case c >= 'A' && c <= 'Z':
			return 0
		case c >= '0' && c <= '9':
			return 1
		case strings.IndexByte("jkqvxyz", c) >= 0:
			return 2
		case c == 'w' || c == ':':
			return 4
		}
		return 3
	}
	p := 0
	for i := range name {
		if rank(name[i]) < rank(name[p]) {
			p = i
		}
	}
	return p
}

// FuzzPivot: pivot, with its table, picks the byte the rank worked out byte by byte picked.
func FuzzPivot(f *testing.F) {
	for _, s := range []string{"w:abstractNum", "w:latentStyles", "w:style", "w:rPr", "w:lvl", "w14:x", "w:z9", "w:numId", "a", "\xff\x00w:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if len(name) == 0 {
			return
		}
		if got, want := pivot([]byte(name)), pivotReference([]byte(name)); got != want {
			t.Fatalf("%q: pivot %d, byte by byte %d", name, got, want)
		}
	})
}
