package whatsapp

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/types/events"

	"salonchat/connectors/internal/conntest"
	"salonchat/inbox"
)

// relayed runs relay over items and returns the events it emitted.
func relayed(t *testing.T, items []whatsmeow.QRChannelItem, pair func(context.Context) (string, error)) []LinkEvent {
	t.Helper()
	ch := make(chan whatsmeow.QRChannelItem, len(items))
	for _, it := range items {
		ch <- it
	}
	close(ch)
	var got []LinkEvent
	finished := 0
	relay(t.Context(), ch, func(e LinkEvent) { got = append(got, e) }, pair, func(context.Context) LinkEvent {
		finished++
		return LinkEvent{Kind: LinkSuccess, JID: salonDevice.String(), Phone: "+79990001122", At: time.Now()}
	})
	if finished > 1 {
		t.Errorf("finish called %d times", finished)
	}
	return got
}

func code(s string, d time.Duration) whatsmeow.QRChannelItem {
	return whatsmeow.QRChannelItem{Event: whatsmeow.QRChannelEventCode, Code: s, Timeout: d}
}

func kinds(evs []LinkEvent) []LinkKind {
	var ks []LinkKind
	for _, e := range evs {
		ks = append(ks, e.Kind)
	}
	return ks
}

// TestRelay_QR: rotating codes reach the UI one by one, then the final event.
func TestRelay_QR(t *testing.T) {
	got := relayed(t, []whatsmeow.QRChannelItem{code("2@first", time.Minute), code("2@second", 20*time.Second),
		whatsmeow.QRChannelScannedWithoutMultidevice, code("2@third", 20*time.Second), whatsmeow.QRChannelSuccess,
		code("2@late", time.Second)}, nil)
	if want := []LinkKind{LinkQR, LinkQR, LinkHint, LinkQR, LinkSuccess}; !slices.Equal(kinds(got), want) {
		t.Fatalf("events %v; want %v", kinds(got), want)
	}
	if got[0].Code != "2@first" || got[0].Expires != time.Minute || got[1].Code != "2@second" || got[3].Code != "2@third" {
		t.Errorf("codes %q %q %q", got[0].Code, got[1].Code, got[3].Code)
	}
	if conntest.ErrKey(got[2].Err) != "whatsapp.scanned_without_multidevice" {
		t.Errorf("hint %v", got[2].Err)
	}
	if got[4].JID != salonDevice.String() {
		t.Errorf("success %+v", got[4])
	}
}

func TestRelay_Final(t *testing.T) {
	tests := []struct {
		name string
		last whatsmeow.QRChannelItem
		kind LinkKind
		key  string
	}{
		{"timeout", whatsmeow.QRChannelTimeout, LinkTimeout, ""},
		{"client outdated", whatsmeow.QRChannelClientOutdated, LinkError, "whatsapp.client_outdated"},
		{"pair error", whatsmeow.QRChannelItem{Event: whatsmeow.QRChannelEventError, Error: errors.New("pairing failed")}, LinkError, "whatsapp.link_failed"},
		{"unexpected state", whatsmeow.QRChannelErrUnexpectedEvent, LinkError, "whatsapp.link_failed"},
		{"passkey", whatsmeow.QRChannelItem{Event: whatsmeow.QRChannelEventPasskeyRequest}, LinkError, "whatsapp.passkey_unsupported"},
	}
	for _, tt := range tests {
		got := relayed(t, []whatsmeow.QRChannelItem{code("2@a", time.Minute), tt.last, whatsmeow.QRChannelSuccess}, nil)
		if len(got) != 2 || got[1].Kind != tt.kind || conntest.ErrKey(got[1].Err) != tt.key {
			t.Errorf("%s: events %+v; want QR then %v %s, nothing after", tt.name, got, tt.kind, tt.key)
		}
	}
}

// TestRelay_PhoneCode: pairing by phone asks for the code once the connection is up and
// shows no QR codes.
func TestRelay_PhoneCode(t *testing.T) {
	asked := 0
	pair := func(context.Context) (string, error) { asked++; return "ABCD-EFGH", nil }
	got := relayed(t, []whatsmeow.QRChannelItem{code("2@a", time.Minute), code("2@b", time.Second), whatsmeow.QRChannelSuccess}, pair)
	if want := []LinkKind{LinkPhoneCode, LinkSuccess}; !slices.Equal(kinds(got), want) || got[0].Code != "ABCD-EFGH" || asked != 1 {
		t.Errorf("events %+v, asked %d times", got, asked)
	}
	failing := func(context.Context) (string, error) { return "", errors.New("400 bad request") }
	got = relayed(t, []whatsmeow.QRChannelItem{code("2@a", time.Minute), whatsmeow.QRChannelSuccess}, failing)
	if len(got) != 1 || conntest.ErrKey(got[0].Err) != "whatsapp.phone_code_failed" {
		t.Errorf("events %+v; want whatsapp.phone_code_failed", got)
	}
}

// TestLinkEvent_Apply: the settings Run needs, saved with every linking so that the
// connector restarts.
func TestLinkEvent_Apply(t *testing.T) {
	acc := inbox.Account{ID: 7, Network: inbox.WhatsApp, Settings: map[string]string{SettingPace: "3", SettingJID: "79990001122:11@s.whatsapp.net"}}
	ev := LinkEvent{Kind: LinkSuccess, JID: salonDevice.String(), At: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)}
	got := ev.Apply(acc)
	if got.Settings[SettingJID] != salonDevice.String() || got.Settings[SettingLinkedAt] != "2026-11-25T10:00:00Z" || got.Settings[SettingPace] != "3" {
		t.Errorf("settings %v", got.Settings)
	}
	if acc.Settings[SettingJID] != "79990001122:11@s.whatsapp.net" {
		t.Error("Apply changed the caller's settings map")
	}
	if _, err := New(got, Options{}); err != nil {
		t.Errorf("New after Apply: %v", err)
	}
	if got := (LinkEvent{JID: "x"}).Apply(inbox.Account{}); got.Settings[SettingJID] != "x" {
		t.Error("Apply on an account without settings")
	}
}

func TestLink_Refused(t *testing.T) {
	if _, err := LinkByPhone(t.Context(), testAccount(), "8 912 345", Options{DataDir: t.TempDir()}); conntest.ErrKey(err) != "whatsapp.phone_invalid" {
		t.Errorf("LinkByPhone with a short number = %v; want whatsapp.phone_invalid", err)
	}
	if _, err := LinkByPhone(t.Context(), testAccount(), "0912345678", Options{DataDir: t.TempDir()}); conntest.ErrKey(err) != "whatsapp.phone_invalid" {
		t.Errorf("LinkByPhone without a country code = %v; want whatsapp.phone_invalid", err)
	}
	if _, err := Link(t.Context(), inbox.Account{Network: inbox.WhatsApp}, Options{DataDir: t.TempDir()}); err == nil {
		t.Error("Link of an account that is not stored accepted")
	}
	if _, err := Link(t.Context(), inbox.Account{ID: 3, Network: inbox.Telegram}, Options{DataDir: t.TempDir()}); err == nil {
		t.Error("Link of a Telegram account accepted")
	}
}

// TestLinker: after pairing, the linking connection waits for the first login; a
// client's message meanwhile stays unacknowledged for the connector.
func TestLinker(t *testing.T) {
	c, err := openStore(t.Context(), t.TempDir(), 7, discard)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	dev := c.NewDevice()
	jid := salonDevice
	dev.ID = &jid
	newLinker := func() *linker {
		return &linker{cli: whatsmeowClient(dev, discard), log: discard, state: make(chan any, 4)}
	}

	l := newLinker()
	if l.onEvent(message("3A0001", text("Здравствуйте"))) {
		t.Error("a client's message was acknowledged by the linking connection")
	}
	own := message("3EB0", text("с телефона"))
	own.Info.IsFromMe = true
	if !l.onEvent(own) {
		t.Error("the salon's own message was held back")
	}
	l.onEvent(&events.PairSuccess{ID: salonDevice, BusinessName: "Салон «Лилия»"})
	l.onEvent(&events.Connected{})
	ev := l.finish(t.Context())
	if ev.Kind != LinkSuccess || ev.JID != salonDevice.String() || ev.Phone != "+79990001122" || ev.Name != "Салон «Лилия»" {
		t.Errorf("finish = %+v", ev)
	}

	l = newLinker()
	l.onEvent(&events.PairSuccess{ID: salonDevice})
	l.onEvent(&events.LoggedOut{OnConnect: true, Reason: events.ConnectFailureLoggedOut})
	if ev := l.finish(t.Context()); ev.Kind != LinkError || conntest.ErrKey(ev.Err) != "whatsapp.logged_out" {
		t.Errorf("finish after a refusal = %+v; want LinkError whatsapp.logged_out", ev)
	}
}

func TestNewLinking(t *testing.T) {
	l := NewLinking(Options{DataDir: t.TempDir()})
	if _, err := l.Phone(t.Context(), testAccount(), "12"); conntest.ErrKey(err) != "whatsapp.phone_invalid" {
		t.Errorf("Linking.Phone = %v; want LinkByPhone's refusal", err)
	}
	if _, err := l.QR(t.Context(), inbox.Account{Network: inbox.WhatsApp}); err == nil {
		t.Error("Linking.QR of an account that is not stored accepted")
	}
}
