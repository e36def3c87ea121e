package whatsapp

import (
	"cmp"
	"mime"
	"strings"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"salonchat/inbox"
)

// remoteFile is an attachment still on WhatsApp's servers.
type remoteFile struct {
	att int // index in Inbound.Attachments
	msg whatsmeow.DownloadableMessage
}

// ignored says why a message is not a client's message to the salon, or "" when it is.
// Such messages are acknowledged and not stored.
func ignored(info types.MessageInfo) string {
	switch {
	case info.IsFromMe:
		return "typed on the salon's own phone"
	case info.IsGroup || info.Chat.Server == types.GroupServer:
		return "group chat"
	case info.Chat.Server == types.BroadcastServer:
		return "status update or broadcast list"
	case info.Chat.Server != types.DefaultUserServer && info.Chat.Server != types.HiddenUserServer:
		return "not a person's chat (" + info.Chat.Server + ")"
	case info.Sender.IsBot():
		return "bot"
	}
	return ""
}

// toInbound turns a client's message into an Inbound of the chat peer (a phone JID, or a
// LID whose number is unknown) and lists its files to download. skip, when not empty,
// says why the message is not stored: a deletion (kept as it was; only logged), a
// reaction, or a kind SalonChat does not show.
func toInbound(e *events.Message, peer types.JID) (in inbox.Inbound, files []remoteFile, skip string) {
	in = inbox.Inbound{
		Peer:       MakePeerID(peer),
		Phone:      phoneOf(peer),
		ChatName:   strings.TrimSpace(e.Info.PushName),
		ExternalID: inbox.ExternalID(e.Info.ID),
		At:         e.Info.Timestamp.UTC(),
	}
	m := e.Message
	if pm := m.GetProtocolMessage(); pm != nil {
		return protocolInbound(in, e, pm)
	}
	if m.GetReactionMessage() != nil || m.GetEncReactionMessage() != nil {
		return in, nil, "reaction"
	}
	in.ReplyTo = inbox.ExternalID(contextOf(m).GetStanzaID())
	in.Text = textOf(m)
	add := func(a inbox.Attachment, d whatsmeow.DownloadableMessage) {
		if d != nil {
			a.RemoteID = remoteID(d)
			files = append(files, remoteFile{att: len(in.Attachments), msg: d})
		}
		in.Attachments = append(in.Attachments, a)
	}
	addMedia(m, add)
	addItems(m, &in, add)
	if in.Text == "" && len(in.Attachments) == 0 {
		return in, nil, "a kind of message SalonChat does not show"
	}
	return in, files, ""
}

// protocolInbound handles the protocol messages a client sends: an edit becomes a
// revision of the original; a deletion only reaches the log (SalonChat keeps what the
// client once wrote).
func protocolInbound(in inbox.Inbound, e *events.Message, pm *waE2E.ProtocolMessage) (inbox.Inbound, []remoteFile, string) {
	orig := pm.GetKey().GetID()
	switch pm.GetType() {
	case waE2E.ProtocolMessage_MESSAGE_EDIT:
		in.Text = textOf(pm.GetEditedMessage())
		if orig == "" || in.Text == "" {
			return in, nil, "edit without an original or a text"
		}
		at := e.Info.Timestamp
		if ms := pm.GetTimestampMS(); ms > 0 {
			at = time.UnixMilli(ms)
		}
		in.At, in.EditOf = at.UTC(), inbox.ExternalID(orig)
		if e.Info.ID == "" || e.Info.ID == orig {
			in.ExternalID = MakeEditID(orig, at.UnixMilli())
		}
		return in, nil, ""
	case waE2E.ProtocolMessage_REVOKE:
		return in, nil, "deleted by the client; SalonChat keeps message " + orig
	}
	return in, nil, "protocol message " + pm.GetType().String()
}

// textOf is a message's text or its media's caption.
func textOf(m *waE2E.Message) string {
	switch {
	case m.GetConversation() != "":
		return m.GetConversation()
	case m.GetExtendedTextMessage() != nil:
		return m.GetExtendedTextMessage().GetText()
	case m.GetImageMessage() != nil:
		return m.GetImageMessage().GetCaption()
	case m.GetVideoMessage() != nil:
		return m.GetVideoMessage().GetCaption()
	case m.GetDocumentMessage() != nil:
		return m.GetDocumentMessage().GetCaption()
	}
	return ""
}

// contextOf is the reply context of a message of any kind, or nil.
func contextOf(m *waE2E.Message) *waE2E.ContextInfo {
	for _, x := range []interface{ GetContextInfo() *waE2E.ContextInfo }{
		m.GetExtendedTextMessage(), m.GetImageMessage(), m.GetVideoMessage(), m.GetPtvMessage(),
		m.GetAudioMessage(), m.GetDocumentMessage(), m.GetStickerMessage(), m.GetLocationMessage(),
		m.GetLiveLocationMessage(), m.GetContactMessage(), m.GetContactsArrayMessage(),
	} {
		if ci := x.GetContextInfo(); ci != nil {
			return ci
		}
	}
	return nil
}

type addFunc func(a inbox.Attachment, d whatsmeow.DownloadableMessage)

// addMedia adds the message's file, if any.
func addMedia(m *waE2E.Message, add addFunc) {
	switch {
	case m.GetImageMessage() != nil:
		x := m.GetImageMessage()
		mt := baseMIME(x.GetMimetype(), "image/jpeg")
		add(inbox.Attachment{Kind: inbox.AttachImage, Name: "photo" + extOf(mt, ".jpg"), MIME: mt, Size: int64(x.GetFileLength())}, x)
	case m.GetVideoMessage() != nil:
		x := m.GetVideoMessage()
		mt, name := baseMIME(x.GetMimetype(), "video/mp4"), "video"
		if x.GetGifPlayback() {
			name = "animation"
		}
		add(inbox.Attachment{Kind: inbox.AttachVideo, Name: name + extOf(mt, ".mp4"), MIME: mt, Size: int64(x.GetFileLength())}, x)
	case m.GetPtvMessage() != nil: // a round video note
		x := m.GetPtvMessage()
		mt := baseMIME(x.GetMimetype(), "video/mp4")
		add(inbox.Attachment{Kind: inbox.AttachVideo, Name: "video_note" + extOf(mt, ".mp4"), MIME: mt, Size: int64(x.GetFileLength())}, x)
	case m.GetAudioMessage() != nil:
		x := m.GetAudioMessage()
		mt := baseMIME(x.GetMimetype(), "audio/ogg")
		a := inbox.Attachment{Kind: inbox.AttachAudio, Name: "audio" + extOf(mt, ".mp3"), MIME: mt, Size: int64(x.GetFileLength())}
		if x.GetPTT() {
			a.Kind, a.Name = inbox.AttachVoice, "voice"+extOf(mt, ".ogg")
		}
		add(a, x)
	case m.GetDocumentMessage() != nil:
		x := m.GetDocumentMessage()
		mt := baseMIME(x.GetMimetype(), "application/octet-stream")
		name := cmp.Or(x.GetFileName(), x.GetTitle())
		if name == "" {
			name = "document" + extOf(mt, "")
		}
		add(inbox.Attachment{Kind: inbox.AttachFile, Name: name, MIME: mt, Size: int64(x.GetFileLength())}, x)
	case m.GetStickerMessage() != nil:
		x := m.GetStickerMessage()
		mt := baseMIME(x.GetMimetype(), "image/webp")
		add(inbox.Attachment{Kind: inbox.AttachSticker, Name: "sticker" + extOf(mt, ".webp"), MIME: mt, Size: int64(x.GetFileLength())}, x)
	}
}

// addItems adds what is not a file: places, contact cards, polls.
func addItems(m *waE2E.Message, in *inbox.Inbound, add addFunc) {
	if x := m.GetLocationMessage(); x != nil {
		add(inbox.Attachment{Kind: inbox.AttachLocation, Name: joinNonEmpty(", ", x.GetName(), x.GetAddress()),
			Lat: x.GetDegreesLatitude(), Lon: x.GetDegreesLongitude(), URL: x.GetURL()}, nil)
	}
	if x := m.GetLiveLocationMessage(); x != nil {
		add(inbox.Attachment{Kind: inbox.AttachLocation, Name: strings.TrimSpace(x.GetCaption()),
			Lat: x.GetDegreesLatitude(), Lon: x.GetDegreesLongitude()}, nil)
	}
	cards := m.GetContactsArrayMessage().GetContacts()
	if x := m.GetContactMessage(); x != nil {
		cards = append([]*waE2E.ContactMessage{x}, cards...)
	}
	for _, c := range cards {
		name, phone := parseVCard(c.GetVcard())
		add(inbox.Attachment{Kind: inbox.AttachContact, Name: cmp.Or(strings.TrimSpace(c.GetDisplayName()), name), Phone: phone}, nil)
	}
	if p := pollOf(m); p != nil && in.Text == "" {
		lines := []string{"📊 " + p.GetName()}
		for _, o := range p.GetOptions() {
			lines = append(lines, "— "+o.GetOptionName())
		}
		in.Text = strings.Join(lines, "\n")
	}
}

func pollOf(m *waE2E.Message) *waE2E.PollCreationMessage {
	for _, p := range []*waE2E.PollCreationMessage{m.GetPollCreationMessage(), m.GetPollCreationMessageV2(), m.GetPollCreationMessageV3()} {
		if p != nil {
			return p
		}
	}
	return nil
}

// baseMIME is a MIME type without parameters ("audio/ogg; codecs=opus" → "audio/ogg").
func baseMIME(s, def string) string {
	if t, _, err := mime.ParseMediaType(s); err == nil && t != "" {
		return t
	}
	return def
}

// extOf is the usual file extension of the MIME types WhatsApp sends (the system's
// MIME tables differ between machines and may answer ".jfif" for a JPEG).
func extOf(mt, def string) string {
	if ext, ok := map[string]string{
		"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/gif": ".gif",
		"video/mp4": ".mp4", "video/3gpp": ".3gp", "video/quicktime": ".mov",
		"audio/ogg": ".ogg", "audio/mpeg": ".mp3", "audio/mp4": ".m4a", "audio/aac": ".aac",
		"audio/amr": ".amr", "application/pdf": ".pdf",
	}[mt]; ok {
		return ext
	}
	return def
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
