package whatsapp

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"go.mau.fi/whatsmeow/types"

	"salonchat/inbox"
)

// MakePeerID names a client's chat: the phone number's digits ("79123456789") for a
// phone JID, the JID itself ("123456789012345@lid") for an address whose number is not
// known.
func MakePeerID(jid types.JID) inbox.PeerID {
	if jid.Server == types.DefaultUserServer {
		return inbox.PeerID(jid.User)
	}
	return inbox.PeerID(jid.ToNonAD().String())
}

// ParsePeerID reads back a peer made by MakePeerID.
func ParsePeerID(p inbox.PeerID) (types.JID, error) {
	s := string(p)
	if strings.Contains(s, "@") {
		jid, err := types.ParseJID(s)
		if err != nil || jid.User == "" || (jid.Server != types.DefaultUserServer && jid.Server != types.HiddenUserServer) {
			return types.JID{}, fmt.Errorf("whatsapp peer %q: not a person's address", p)
		}
		return jid.ToNonAD(), nil
	}
	if !allDigits(s) || len(s) < 7 {
		return types.JID{}, fmt.Errorf("whatsapp peer %q: not a phone number", p)
	}
	return types.NewJID(s, types.DefaultUserServer), nil
}

// phoneOf is the international number of a phone JID ("+79123456789"), or "".
func phoneOf(jid types.JID) string {
	if jid.Server != types.DefaultUserServer || !allDigits(jid.User) || jid.User == "" {
		return ""
	}
	return "+" + jid.User
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// MakeEditID names one edit of a message when the edit has no id of its own:
// "<original id>@<edit time in unix milliseconds>".
func MakeEditID(orig types.MessageID, unixMilli int64) inbox.ExternalID {
	return inbox.ExternalID(orig + "@" + strconv.FormatInt(unixMilli, 10))
}

// outgoingIDPrefix starts the ids of WhatsApp Web, like whatsmeow's GenerateMessageID.
const outgoingIDPrefix = "3EB0"

// MakeOutgoingID is the WhatsApp message id of part `part` (from 0) of a stored outbound
// message: "3EB0" and 18 uppercase hex digits, the form of whatsmeow's
// GenerateMessageID, but derived instead of random. The outbox records the id only
// after Send returned, so after a crash (or an answer lost on the way) the message is
// sent again; with the same id, the client's phone keeps one copy. The linked device's
// JID takes part so that a new data folder (account and message numbers start again
// from 1) and a new linking never reuse an id of earlier messages.
func MakeOutgoingID(device string, acc inbox.AccountID, msg inbox.MessageID, part int) types.MessageID {
	h := sha256.New()
	fmt.Fprintf(h, "salonchat/whatsapp/outgoing/v1\x00%s\x00%d\x00%d\x00%d", device, acc, msg, part)
	return types.MessageID(outgoingIDPrefix + strings.ToUpper(hex.EncodeToString(h.Sum(nil)[:9])))
}

// linkedJID is the device JID an account was linked as.
func linkedJID(acc inbox.Account) (types.JID, error) {
	s := strings.TrimSpace(acc.Settings[SettingJID])
	if s == "" {
		return types.JID{}, inbox.Errorf(inbox.CodeInvalid, "whatsapp.not_linked", nil)
	}
	jid, err := types.ParseJID(s)
	if err != nil || jid.User == "" || jid.Server != types.DefaultUserServer {
		return types.JID{}, &inbox.Error{Code: inbox.CodeInvalid, Key: "whatsapp.not_linked",
			Err: fmt.Errorf("jid setting %q is not a device address", s)}
	}
	return jid, nil
}
