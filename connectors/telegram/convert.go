package telegram

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"salonchat/inbox"
)

// remoteFile is an attachment still on Telegram's side.
type remoteFile struct {
	att      int // index in Inbound.Attachments
	fileID   string
	uniqueID string
}

// toInbound turns a client's message into an Inbound and lists the files to fetch. It
// returns ok=false for what is not a client's message to the salon: group and channel
// chats (SalonChat answers clients one to one), and service messages with nothing to
// show.
func toInbound(m *models.Message, edited bool) (in inbox.Inbound, files []remoteFile, ok bool) {
	if m == nil || m.Chat.Type != models.ChatTypePrivate || m.From == nil {
		return in, nil, false
	}
	in = inbox.Inbound{
		Peer:       MakePeerID(m.Chat.ID),
		ChatName:   strings.TrimSpace(m.From.FirstName + " " + m.From.LastName),
		Username:   m.From.Username,
		ExternalID: MakeMessageID(m.ID),
		At:         time.Unix(int64(m.Date), 0).UTC(),
		Text:       m.Text,
	}
	if in.Text == "" {
		in.Text = m.Caption
	}
	if edited {
		at := m.EditDate
		if at == 0 {
			at = m.Date
		}
		in.ExternalID, in.EditOf, in.At = MakeEditID(m.ID, at), MakeMessageID(m.ID), time.Unix(int64(at), 0).UTC()
	}
	if m.ReplyToMessage != nil {
		in.ReplyTo = MakeMessageID(m.ReplyToMessage.ID)
	}
	add := func(a inbox.Attachment, fileID, uniqueID string) {
		if fileID != "" {
			a.RemoteID = fileID
			files = append(files, remoteFile{att: len(in.Attachments), fileID: fileID, uniqueID: uniqueID})
		}
		in.Attachments = append(in.Attachments, a)
	}
	addMedia(m, add)
	addItems(m, &in, add)
	if in.Text == "" && len(in.Attachments) == 0 {
		return in, nil, false
	}
	return in, files, true
}

type addFunc func(a inbox.Attachment, fileID, uniqueID string)

// addMedia adds the message's file, if any. An animation (GIF) also fills Document,
// so it is looked at first.
func addMedia(m *models.Message, add addFunc) {
	switch {
	case len(m.Photo) > 0:
		p := largest(m.Photo)
		add(inbox.Attachment{Kind: inbox.AttachImage, Name: "photo.jpg", MIME: "image/jpeg", Size: int64(p.FileSize)}, p.FileID, p.FileUniqueID)
	case m.Animation != nil:
		a := m.Animation
		add(inbox.Attachment{Kind: inbox.AttachVideo, Name: cmp.Or(a.FileName, "animation.mp4"), MIME: a.MimeType, Size: a.FileSize}, a.FileID, a.FileUniqueID)
	case m.Document != nil:
		d := m.Document
		add(inbox.Attachment{Kind: inbox.AttachFile, Name: cmp.Or(d.FileName, "document"), MIME: d.MimeType, Size: d.FileSize}, d.FileID, d.FileUniqueID)
	case m.Voice != nil:
		v := m.Voice
		add(inbox.Attachment{Kind: inbox.AttachVoice, Name: "voice.ogg", MIME: cmp.Or(v.MimeType, "audio/ogg"), Size: v.FileSize}, v.FileID, v.FileUniqueID)
	case m.Audio != nil:
		a := m.Audio
		add(inbox.Attachment{Kind: inbox.AttachAudio, Name: audioName(a), MIME: a.MimeType, Size: a.FileSize}, a.FileID, a.FileUniqueID)
	case m.Video != nil:
		v := m.Video
		add(inbox.Attachment{Kind: inbox.AttachVideo, Name: cmp.Or(v.FileName, "video.mp4"), MIME: cmp.Or(v.MimeType, "video/mp4"), Size: v.FileSize}, v.FileID, v.FileUniqueID)
	case m.VideoNote != nil:
		v := m.VideoNote
		add(inbox.Attachment{Kind: inbox.AttachVideo, Name: "video_note.mp4", MIME: "video/mp4", Size: int64(v.FileSize)}, v.FileID, v.FileUniqueID)
	case m.Sticker != nil:
		addSticker(m.Sticker, add)
	}
}

// addSticker adds a sticker as a picture: the .webp itself for a static sticker, the
// thumbnail for an animated (.tgs) or video (.webm) one, which SalonChat cannot play.
func addSticker(s *models.Sticker, add addFunc) {
	if !s.IsAnimated && !s.IsVideo {
		add(inbox.Attachment{Kind: inbox.AttachImage, Name: "sticker.webp", MIME: "image/webp", Size: int64(s.FileSize)}, s.FileID, s.FileUniqueID)
		return
	}
	if t := s.Thumbnail; t != nil {
		add(inbox.Attachment{Kind: inbox.AttachImage, Name: "sticker", Size: int64(t.FileSize)}, t.FileID, t.FileUniqueID)
		return
	}
	// No picture to show: keep the sticker file itself.
	name := "sticker.tgs"
	if s.IsVideo {
		name = "sticker.webm"
	}
	add(inbox.Attachment{Kind: inbox.AttachSticker, Name: name, Size: int64(s.FileSize)}, s.FileID, s.FileUniqueID)
}

// addItems adds what is not a file: places, contacts, dice, polls.
func addItems(m *models.Message, in *inbox.Inbound, add addFunc) {
	switch {
	case m.Venue != nil:
		v := m.Venue
		add(inbox.Attachment{Kind: inbox.AttachLocation, Name: joinNonEmpty(", ", v.Title, v.Address),
			Lat: v.Location.Latitude, Lon: v.Location.Longitude}, "", "")
	case m.Location != nil:
		add(inbox.Attachment{Kind: inbox.AttachLocation, Lat: m.Location.Latitude, Lon: m.Location.Longitude}, "", "")
	}
	if c := m.Contact; c != nil {
		add(inbox.Attachment{Kind: inbox.AttachContact, Name: joinNonEmpty(" ", c.FirstName, c.LastName), Phone: c.PhoneNumber}, "", "")
		// Only a contact of the sender themselves tells the chat's phone (the "share my
		// number" button); a card of someone else is just a card, and so is the salon's
		// own card sent from its business account (the sender is not the chat's person).
		if c.UserID != 0 && c.UserID == m.From.ID && m.From.ID == m.Chat.ID {
			in.Phone = c.PhoneNumber
		}
	}
	if d := m.Dice; d != nil && in.Text == "" {
		in.Text = fmt.Sprintf("%s %d", d.Emoji, d.Value)
	}
	if p := m.Poll; p != nil && in.Text == "" {
		lines := []string{"📊 " + p.Question}
		for _, o := range p.Options {
			lines = append(lines, "— "+o.Text)
		}
		in.Text = strings.Join(lines, "\n")
	}
}

// largest is the biggest size of a photo (Telegram lists them small to large, but the
// order is not promised).
func largest(ps []models.PhotoSize) models.PhotoSize {
	best := ps[0]
	for _, p := range ps[1:] {
		if p.Width*p.Height > best.Width*best.Height || (p.Width*p.Height == best.Width*best.Height && p.FileSize > best.FileSize) {
			best = p
		}
	}
	return best
}

func audioName(a *models.Audio) string {
	if a.FileName != "" {
		return a.FileName
	}
	if n := joinNonEmpty(" — ", a.Performer, a.Title); n != "" {
		return n + ".mp3"
	}
	return "audio.mp3"
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
