package vk

import (
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"unicode/utf8"

	"salonchat/connectors/internal/textsplit"
	"salonchat/inbox"
)

func TestParseGroup(t *testing.T) {
	cases := []struct {
		in   string
		want int
		key  string
	}{
		{"229000001", 229000001, ""},
		{" -229000001 ", 229000001, ""},
		{"club229000001", 229000001, ""},
		{"public229000001", 229000001, ""},
		{"event229000001", 229000001, ""},
		{"https://vk.com/club229000001", 229000001, ""},
		{"vk.com/public229000001", 229000001, ""},
		{"https://vk.com/club229000001/", 229000001, ""},
		{"", 0, "vk.group_missing"},
		{"salon_lotos", 0, "vk.group_invalid"},
		{"https://vk.com/salon_lotos", 0, "vk.group_invalid"},
		{"0", 0, "vk.group_invalid"},
		{"club", 0, "vk.group_invalid"},
	}
	for _, c := range cases {
		got, err := ParseGroup(c.in)
		if got != c.want || errorKey(err) != c.key {
			t.Errorf("ParseGroup(%q) = %d, %v; want %d, %q", c.in, got, err, c.want, c.key)
		}
	}
}

func TestParseAPIURL(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", "https://api.vk.ru/method/"},
		{"https://api.vk.com", "https://api.vk.com/method/"},
		{"https://api.vk.com/method", "https://api.vk.com/method/"},
		{"http://127.0.0.1:8080/method/", "http://127.0.0.1:8080/method/"},
		{"https://gw.example/vk/", "https://gw.example/vk/method/"},
		{"ftp://api.vk.com", ""},
		{"api.vk.com", ""},
		{"https://user:pw@api.vk.com", ""},
	}
	for _, c := range cases {
		got, _, err := parseAPIURL(c.in)
		if got != c.want || (c.want == "") != (err != nil) {
			t.Errorf("parseAPIURL(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestIDs(t *testing.T) {
	if p := MakePeerID(123456789); p != "123456789" {
		t.Errorf("MakePeerID = %q", p)
	}
	if id, err := ParsePeerID("123456789"); id != 123456789 || err != nil {
		t.Errorf("ParsePeerID = %d, %v", id, err)
	}
	for _, bad := range []inbox.PeerID{"", "0", "id1", "1.5"} {
		if _, err := ParsePeerID(bad); err == nil {
			t.Errorf("ParsePeerID(%q) accepted", bad)
		}
	}
	cases := []struct {
		ext  inbox.ExternalID
		want int
	}{{MakeMessageID(101), 101}, {MakeEditID(101, 1764072777), 101}, {"abc", 0}, {"0", 0}, {"-5", 0}}
	for _, c := range cases {
		got, err := ParseMessageID(c.ext)
		if got != c.want || (c.want == 0) != (err != nil) {
			t.Errorf("ParseMessageID(%q) = %d, %v; want %d", c.ext, got, err, c.want)
		}
	}
	if e := MakeEditID(101, 1764072777); e != "101@1764072777" {
		t.Errorf("MakeEditID = %q", e)
	}
}

// TestRandomID checks what makes random ids safe: positive, never 0, the same for the
// same part, different for every other part of a data folder.
func TestRandomID(t *testing.T) {
	for _, salt := range []uint32{0, 1, 0x5a5a5a5a & randomMask, randomMask} {
		seen := map[int32]string{}
		for msg := inbox.MessageID(0); msg < 3000; msg++ {
			for part := range 5 {
				id := RandomID(salt, msg, part)
				if id <= 0 {
					t.Fatalf("RandomID(%d, %d, %d) = %d; want a positive id", salt, msg, part, id)
				}
				if id != RandomID(salt, msg, part) {
					t.Fatal("RandomID is not deterministic")
				}
				key := string(rune(msg)) + "/" + string(rune(part))
				if other, dup := seen[id]; dup {
					t.Fatalf("salt %d: parts %q and %q share random_id %d", salt, other, key, id)
				}
				seen[id] = key
			}
		}
	}
	if RandomID(1, 5, 0) == RandomID(2, 5, 0) {
		t.Error("the salt does not change the id")
	}
}

func TestSplitText(t *testing.T) {
	long := strings.Repeat("слово ", 1000) // 6 000 characters
	parts := textsplit.Split(long, maxTextLen)
	if len(parts) != 2 {
		t.Fatalf("%d parts; want 2", len(parts))
	}
	for _, p := range parts {
		if textsplit.Len(p) > maxTextLen || !utf8.ValidString(p) || strings.HasPrefix(p, " ") || strings.HasSuffix(p, " ") {
			t.Errorf("part of %d units: %q…", textsplit.Len(p), p[:20])
		}
	}
	if got := textsplit.Split("  коротко  ", maxTextLen); len(got) != 1 || got[0] != "коротко" {
		t.Errorf("Split(short) = %q", got)
	}
	if got := textsplit.Split("   ", maxTextLen); len(got) != 0 {
		t.Errorf("Split(blank) = %q", got)
	}
}

func TestLargest(t *testing.T) {
	sizes := []imageSize{
		{Type: "s", URL: "s", Width: 75, Height: 56},
		{Type: "w", URL: "w", Width: 2560, Height: 1920},
		{Type: "z", URL: "z", Width: 1280, Height: 960},
		{Type: "q", URL: "", Width: 9999, Height: 9999}, // no address: useless
	}
	if got := largest(sizes).URL; got != "w" {
		t.Errorf("largest = %q; want w", got)
	}
	letters := []imageSize{{Type: "x", URL: "x"}, {Type: "z", URL: "z"}, {Type: "m", URL: "m"}}
	if got := largest(letters).URL; got != "z" {
		t.Errorf("largest by letter = %q; want z", got)
	}
}

func TestDecodeEvent_Tolerant(t *testing.T) {
	// "out" as a boolean, "date" as a string: the rest of the message still arrives.
	raw := `{"type":"message_new","object":{"message":{"id":5,"date":"soon","peer_id":7,"from_id":7,"out":false,"text":"привет"}}}`
	ev, err := decodeEvent(json.RawMessage(raw))
	if err == nil || ev.msg == nil || ev.msg.ID != 5 || ev.msg.Text != "привет" || bool(ev.msg.Out) {
		t.Errorf("decodeEvent = %+v, %v; want the message with a reported type mismatch", ev.msg, err)
	}
	// API before 5.103: the object is the message itself.
	raw = `{"type":"message_new","object":{"id":6,"date":1,"peer_id":7,"from_id":7,"out":0,"text":"старый формат"}}`
	if ev, err := decodeEvent(json.RawMessage(raw)); err != nil || ev.msg == nil || ev.msg.ID != 6 {
		t.Errorf("old format: %+v, %v", ev.msg, err)
	}
}

func TestDocName(t *testing.T) {
	cases := []struct{ title, ext, want string }{
		{"Направление", "pdf", "Направление.pdf"},
		{"прайс.PDF", "pdf", "прайс.PDF"},
		{"", "docx", "document.docx"},
		{"заметка", "", "заметка"},
	}
	for _, c := range cases {
		if got := docName(&doc{Title: c.title, Ext: c.ext}); got != c.want {
			t.Errorf("docName(%q, %q) = %q; want %q", c.title, c.ext, got, c.want)
		}
	}
}

func FuzzParseGroup(f *testing.F) {
	for _, s := range []string{"229000001", "club1", "https://vk.com/public5", "-7", "", "vk.com/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseGroup(s)
		if (err == nil) != (id > 0) {
			t.Errorf("ParseGroup(%q) = %d, %v", s, id, err)
		}
	})
}

func errorKey(err error) string {
	if err == nil {
		return ""
	}
	k, _ := inbox.ErrorKey(err)
	return k
}

// TestPoller_Failed follows VK's instructions for each failed answer: what the next
// request uses as key and ts ("" means ask groups.getLongPollServer).
func TestPoller_Failed(t *testing.T) {
	cases := []struct {
		name            string
		answer          lpAnswer
		wantKey, wantTs string
	}{
		{"1: go on from VK's ts", lpAnswer{Failed: 1, Ts: "9"}, "k", "9"},
		{"1 without a ts: start over", lpAnswer{Failed: 1}, "", ""},
		{"2: new key, same ts", lpAnswer{Failed: 2}, "", "5"},
		{"3: new key and ts", lpAnswer{Failed: 3}, "", ""},
		{"unknown: new key, same ts", lpAnswer{Failed: 4}, "", "5"},
	}
	c := &Connector{log: slog.New(slog.DiscardHandler), state: newState("", 1, 1)}
	for _, tc := range cases {
		p := &poller{c: c, srv: lpServer{Key: "k", Server: "s"}, ts: "5"}
		p.failed(tc.answer)
		if p.srv.Key != tc.wantKey || p.ts != tc.wantTs {
			t.Errorf("%s: key %q ts %q; want %q %q", tc.name, p.srv.Key, p.ts, tc.wantKey, tc.wantTs)
		}
	}
}
