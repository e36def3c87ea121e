package vk

import (
	"cmp"
	"fmt"
	"mime"
	"path"
	"strconv"
	"strings"

	"salonchat/inbox"
)

// attachment is one item of a message's "attachments" (API 5.131); only the field
// named by Type is set.
type attachment struct {
	Type         string        `json:"type"`
	Photo        *photo        `json:"photo"`
	Doc          *doc          `json:"doc"`
	AudioMessage *audioMessage `json:"audio_message"`
	Sticker      *sticker      `json:"sticker"`
	Video        *ownedItem    `json:"video"`
	Wall         *wallPost     `json:"wall"`
	Link         *link         `json:"link"`
	Graffiti     *graffiti     `json:"graffiti"`
	Audio        *audio        `json:"audio"`
}

type imageSize struct {
	Type   string  `json:"type"`
	URL    string  `json:"url"`
	Width  float64 `json:"width"` // VK has sent sizes as 180.000000
	Height float64 `json:"height"`
}

type photo struct {
	ID      int         `json:"id"`
	OwnerID int         `json:"owner_id"`
	Sizes   []imageSize `json:"sizes"`
}

type doc struct {
	ID      int    `json:"id"`
	OwnerID int    `json:"owner_id"`
	Title   string `json:"title"`
	Size    int64  `json:"size"`
	Ext     string `json:"ext"`
	URL     string `json:"url"`
}

type audioMessage struct {
	ID      int    `json:"id"`
	OwnerID int    `json:"owner_id"`
	LinkOgg string `json:"link_ogg"`
	LinkMp3 string `json:"link_mp3"`
}

type sticker struct {
	StickerID int         `json:"sticker_id"`
	Images    []imageSize `json:"images"`
}

type ownedItem struct {
	ID      int    `json:"id"`
	OwnerID int    `json:"owner_id"`
	Title   string `json:"title"`
}

type wallPost struct {
	ID      int    `json:"id"`
	OwnerID int    `json:"owner_id"`
	ToID    int    `json:"to_id"` // older API versions
	FromID  int    `json:"from_id"`
	Text    string `json:"text"`
}

type link struct {
	URL   string `json:"url"`
	Title string `json:"title"`
}

type graffiti struct {
	ID      int    `json:"id"`
	OwnerID int    `json:"owner_id"`
	URL     string `json:"url"`
}

type audio struct {
	ID      int    `json:"id"`
	OwnerID int    `json:"owner_id"`
	Artist  string `json:"artist"`
	Title   string `json:"title"`
}

type geo struct {
	Coordinates struct {
		Latitude  float64 `json:"latitude"`
		Longitude float64 `json:"longitude"`
	} `json:"coordinates"`
	Place *struct {
		Title string `json:"title"`
	} `json:"place"`
}

// remoteFile is an attachment still on VK's side.
type remoteFile struct {
	att  int    // index in Inbound.Attachments
	url  string // never logged: VK's file links carry access hashes
	name string // VK's id of the file, the first part of the name on disk
}

// addAttachments adds a message's attachments and place to in, and returns the files
// to download.
func (c *Connector) addAttachments(in *inbox.Inbound, m *message) []remoteFile {
	var files []remoteFile
	add := func(a inbox.Attachment, url string) {
		if url != "" {
			files = append(files, remoteFile{att: len(in.Attachments), url: url, name: a.RemoteID})
		}
		in.Attachments = append(in.Attachments, a)
	}
	for _, a := range m.Attachments {
		att, url, ok := convertAttachment(a)
		if !ok {
			// Something SalonChat cannot show (a story, a poll, a gift, a call…): a link to
			// the dialog in VK, so the operator knows to look there.
			att = inbox.Attachment{Kind: inbox.AttachLink, Name: a.Type,
				URL: fmt.Sprintf("https://vk.com/gim%d?sel=%d", c.api.groupID, m.PeerID)}
		}
		add(att, url)
	}
	if g := m.Geo; g != nil && (g.Coordinates.Latitude != 0 || g.Coordinates.Longitude != 0) {
		a := inbox.Attachment{Kind: inbox.AttachLocation, Lat: g.Coordinates.Latitude, Lon: g.Coordinates.Longitude}
		if g.Place != nil {
			a.Name = g.Place.Title
		}
		add(a, "")
	}
	return files
}

// convertAttachment turns one attachment into an inbox attachment and the address of
// its file, if it has one to download; ok is false for kinds SalonChat does not show.
func convertAttachment(a attachment) (att inbox.Attachment, url string, ok bool) {
	switch {
	case a.Type == "photo" && a.Photo != nil:
		p := a.Photo
		best := largest(p.Sizes)
		return inbox.Attachment{Kind: inbox.AttachImage, Name: "photo.jpg", MIME: "image/jpeg",
			RemoteID: fileID("photo", p.OwnerID, p.ID)}, best.URL, true
	case a.Type == "doc" && a.Doc != nil:
		d := a.Doc
		name := docName(d)
		return inbox.Attachment{Kind: inbox.AttachFile, Name: name, MIME: mime.TypeByExtension(path.Ext(name)),
			Size: d.Size, RemoteID: fileID("doc", d.OwnerID, d.ID)}, d.URL, true
	case a.Type == "audio_message" && a.AudioMessage != nil:
		v := a.AudioMessage
		att = inbox.Attachment{Kind: inbox.AttachVoice, Name: "voice.ogg", MIME: "audio/ogg", RemoteID: fileID("audiomsg", v.OwnerID, v.ID)}
		if v.LinkOgg == "" {
			att.Name, att.MIME = "voice.mp3", "audio/mpeg"
			return att, v.LinkMp3, true
		}
		return att, v.LinkOgg, true
	case a.Type == "sticker" && a.Sticker != nil:
		s := a.Sticker
		return inbox.Attachment{Kind: inbox.AttachImage, Name: "sticker.png", MIME: "image/png",
			RemoteID: "sticker" + strconv.Itoa(s.StickerID)}, largest(s.Images).URL, true
	case a.Type == "graffiti" && a.Graffiti != nil:
		g := a.Graffiti
		return inbox.Attachment{Kind: inbox.AttachImage, Name: "graffiti.png", MIME: "image/png",
			RemoteID: fileID("graffiti", g.OwnerID, g.ID)}, g.URL, true
	}
	return linkAttachment(a)
}

// linkAttachment turns what lives on vk.com (videos, wall posts, music, links) into a
// link.
func linkAttachment(a attachment) (inbox.Attachment, string, bool) {
	l := inbox.Attachment{Kind: inbox.AttachLink}
	switch {
	case a.Type == "video" && a.Video != nil:
		v := a.Video
		l.Name, l.URL, l.RemoteID = cmp.Or(v.Title, "video"), fmt.Sprintf("https://vk.com/video%d_%d", v.OwnerID, v.ID), fileID("video", v.OwnerID, v.ID)
	case a.Type == "wall" && a.Wall != nil:
		w := a.Wall
		owner := w.OwnerID
		if owner == 0 {
			owner = w.ToID
		}
		if owner == 0 {
			owner = w.FromID
		}
		l.Name, l.URL = cmp.Or(firstLine(w.Text, 100), "wall"), fmt.Sprintf("https://vk.com/wall%d_%d", owner, w.ID)
	case a.Type == "audio" && a.Audio != nil:
		m := a.Audio
		l.Name, l.URL = cmp.Or(joinNonEmpty(" — ", m.Artist, m.Title), "audio"), fmt.Sprintf("https://vk.com/audio%d_%d", m.OwnerID, m.ID)
	case a.Type == "link" && a.Link != nil && a.Link.URL != "":
		l.Name, l.URL = a.Link.Title, a.Link.URL
	default:
		return inbox.Attachment{}, "", false
	}
	return l, "", true
}

// largest is the biggest picture of a photo or sticker. Sizes without dimensions (VK's
// letter types only) are ranked by their letter, w being the largest.
func largest(sizes []imageSize) imageSize {
	var best imageSize
	rank := func(s imageSize) float64 {
		if a := s.Width * s.Height; a > 0 {
			return a
		}
		return float64(strings.IndexByte("smxopqryzw", firstByte(s.Type)) + 1)
	}
	for _, s := range sizes {
		if s.URL != "" && (best.URL == "" || rank(s) > rank(best)) {
			best = s
		}
	}
	return best
}

func firstByte(s string) byte {
	if s == "" {
		return 0
	}
	return s[0]
}

// docName is a document's name with its extension (VK keeps them apart; a title may
// already end with it).
func docName(d *doc) string {
	name := cmp.Or(strings.TrimSpace(d.Title), "document")
	if d.Ext != "" && !strings.EqualFold(path.Ext(name), "."+d.Ext) {
		name += "." + d.Ext
	}
	return name
}

// fileID is VK's name of a file: "photo123_456" (negative owners are communities).
func fileID(kind string, owner, id int) string { return fmt.Sprintf("%s%d_%d", kind, owner, id) }

func firstLine(s string, max int) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > max {
		s = string(r[:max]) + "…"
	}
	return s
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
