package whatsapp

import (
	"testing"

	"go.mau.fi/whatsmeow/types"

	"salonchat/inbox"
)

func TestPeerID_RoundTrip(t *testing.T) {
	tests := []struct {
		jid  types.JID
		peer inbox.PeerID
	}{
		{clientPN, "79123456789"},
		{types.JID{User: "79123456789", Device: 3, Server: types.DefaultUserServer}, "79123456789"},
		{clientLID, "123456789012345@lid"},
	}
	for _, tt := range tests {
		if got := MakePeerID(tt.jid); got != tt.peer {
			t.Errorf("MakePeerID(%s) = %q; want %q", tt.jid, got, tt.peer)
		}
		back, err := ParsePeerID(tt.peer)
		if err != nil || back != tt.jid.ToNonAD() {
			t.Errorf("ParsePeerID(%q) = %s, %v; want %s", tt.peer, back, err, tt.jid.ToNonAD())
		}
	}
	for _, bad := range []inbox.PeerID{"", "12", "+79123456789", "120363000000000001@g.us", "status@broadcast", "abc"} {
		if _, err := ParsePeerID(bad); err == nil {
			t.Errorf("ParsePeerID(%q) accepted", bad)
		}
	}
}

func TestMakeOutgoingID(t *testing.T) {
	dev := salonDevice.String()
	a := MakeOutgoingID(dev, 7, 41, 0)
	if !outgoingIDForm.MatchString(string(a)) {
		t.Fatalf("id %q is not of WhatsApp Web's form", a)
	}
	if MakeOutgoingID(dev, 7, 41, 0) != a {
		t.Error("the id of a message changes between calls")
	}
	others := []types.MessageID{
		MakeOutgoingID(dev, 7, 41, 1), MakeOutgoingID(dev, 7, 42, 0), MakeOutgoingID(dev, 8, 41, 0),
		MakeOutgoingID("79990001122:13@s.whatsapp.net", 7, 41, 0),
	}
	for _, o := range others {
		if o == a {
			t.Errorf("two different parts share the id %q", a)
		}
	}
}

// TestPhoneJID: one client's messages land in one chat whichever address WhatsApp
// uses, and the chat's phone is known whenever the number can be found.
func TestPhoneJID(t *testing.T) {
	lids := fakeLIDs{clientLID.User: clientPN}
	unknownLID := types.NewJID("999999999999999", types.HiddenUserServer)
	tests := []struct {
		name  string
		addrs []types.JID
		want  types.JID
		ok    bool
	}{
		{"phone addressing", []types.JID{clientPN, clientPN, clientLID}, clientPN, true},
		{"LID with the number beside it", []types.JID{clientLID, clientLID, clientPN}, clientPN, true},
		{"LID from a device", []types.JID{{User: clientLID.User, Device: 2, Server: types.HiddenUserServer}}, clientPN, true},
		{"LID known to the session store", []types.JID{clientLID, clientLID, {}}, clientPN, true},
		{"LID nobody knows", []types.JID{unknownLID, unknownLID, {}}, unknownLID, false},
		{"LID map failing", []types.JID{types.NewJID("broken", types.HiddenUserServer)}, types.NewJID("broken", types.HiddenUserServer), false},
	}
	for _, tt := range tests {
		got, ok := phoneJID(t.Context(), lids, tt.addrs...)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: phoneJID = %s, %v; want %s, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// TestRun_LIDThreadsJoin: a message addressed by LID and one by number go to the same
// chat, with the phone.
func TestRun_LIDThreadsJoin(t *testing.T) {
	e := newEnv(t)
	e.fake.lidMap[clientLID.User] = clientPN
	_, _ = e.run()
	byPN := message("3A0010", text("Первое"))
	byLID := message("3A0011", text("Второе"))
	byLID.Info.Chat, byLID.Info.Sender, byLID.Info.SenderAlt = clientLID, clientLID, types.JID{}
	byLID.Info.AddressingMode = types.AddressingModeLID
	e.fake.emit(byPN)
	e.fake.emit(byLID)
	got := e.sink.inbound()
	if len(got) != 2 || got[0].Peer != got[1].Peer || got[1].Peer != "79123456789" || got[1].Phone != "+79123456789" {
		t.Errorf("stored %+v; want both in chat 79123456789 with the phone", got)
	}
	unknown := message("3A0012", text("Третье"))
	unknown.Info.Chat = types.NewJID("555", types.HiddenUserServer)
	unknown.Info.Sender, unknown.Info.SenderAlt = unknown.Info.Chat, types.JID{}
	e.fake.emit(unknown)
	if in := e.sink.inbound()[2]; in.Peer != "555@lid" || in.Phone != "" {
		t.Errorf("unknown LID stored as %q (phone %q); want peer 555@lid without a phone", in.Peer, in.Phone)
	}
}
