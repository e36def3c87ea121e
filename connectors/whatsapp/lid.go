package whatsapp

import (
	"context"

	"go.mau.fi/whatsmeow/types"
)

// lidLookup finds the phone number behind a LID; whatsmeow's session store
// (Store.LIDs) is one. An empty JID means the mapping is not known.
type lidLookup interface {
	GetPNForLID(ctx context.Context, lid types.JID) (types.JID, error)
}

// phoneJID returns the phone-number JID of the person behind a direct chat, from the
// addresses WhatsApp gave (chat, sender, the sender's alternative address) and, for a
// LID-only message, the session store's LID map. WhatsApp moves people from phone
// addresses to LIDs; keying every chat by the number keeps one client's messages in one
// thread. ok is false when only a LID is known: the caller then keys the chat by it.
func phoneJID(ctx context.Context, lids lidLookup, addrs ...types.JID) (jid types.JID, ok bool) {
	var lid types.JID
	for _, a := range addrs {
		switch a.Server {
		case types.DefaultUserServer:
			if a.User != "" {
				return a.ToNonAD(), true
			}
		case types.HiddenUserServer:
			if lid.IsEmpty() && a.User != "" {
				lid = a.ToNonAD()
			}
		}
	}
	if lid.IsEmpty() {
		return types.JID{}, false
	}
	if lids != nil {
		if pn, err := lids.GetPNForLID(ctx, lid); err == nil && !pn.IsEmpty() && pn.Server == types.DefaultUserServer {
			return pn.ToNonAD(), true
		}
	}
	return lid, false
}
