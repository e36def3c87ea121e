package whatsapp

import (
	"reflect"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/proto/waCommon"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"salonchat/inbox"
)

// media fields every downloadable message carries; the direct path names the file in
// the fake client.
func mediaKeys(path string) (url, directPath *string, key, enc, sha []byte) {
	return proto.String("https://mmg.whatsapp.net" + path), proto.String(path), []byte("k"), []byte("e"), []byte("s")
}

func imageMsg(caption string) *waE2E.ImageMessage {
	u, p, k, e, s := mediaKeys("/v/t62/image")
	return &waE2E.ImageMessage{URL: u, DirectPath: p, MediaKey: k, FileEncSHA256: e, FileSHA256: s,
		Mimetype: proto.String("image/jpeg"), FileLength: proto.Uint64(48213), Caption: optional(caption),
		Width: proto.Uint32(1280), Height: proto.Uint32(960)}
}

func quoted(id string) *waE2E.ContextInfo {
	return &waE2E.ContextInfo{StanzaID: proto.String(id), Participant: proto.String(salonDevice.ToNonAD().String()),
		QuotedMessage: text("Ждём вас в пятницу в 15:00")}
}

// TestToInbound converts real-shaped message events of every kind a client sends.
func TestToInbound(t *testing.T) {
	at := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	base := inbox.Inbound{Peer: "79123456789", Phone: "+79123456789", ChatName: "Анна", At: at}
	with := func(ext string, f func(*inbox.Inbound)) inbox.Inbound {
		in := base
		in.ExternalID = inbox.ExternalID(ext)
		f(&in)
		return in
	}
	vid := func() *waE2E.VideoMessage {
		u, p, k, e, s := mediaKeys("/v/t62/video")
		return &waE2E.VideoMessage{URL: u, DirectPath: p, MediaKey: k, FileEncSHA256: e, FileSHA256: s,
			Mimetype: proto.String("video/mp4"), FileLength: proto.Uint64(1_200_000), Seconds: proto.Uint32(12)}
	}
	audio := func(ptt bool, mt string) *waE2E.AudioMessage {
		u, p, k, e, s := mediaKeys("/v/t62/audio")
		return &waE2E.AudioMessage{URL: u, DirectPath: p, MediaKey: k, FileEncSHA256: e, FileSHA256: s,
			Mimetype: proto.String(mt), FileLength: proto.Uint64(9000), PTT: proto.Bool(ptt), Seconds: proto.Uint32(7)}
	}
	doc := func(caption string) *waE2E.DocumentMessage {
		u, p, k, e, s := mediaKeys("/v/t62/document")
		return &waE2E.DocumentMessage{URL: u, DirectPath: p, MediaKey: k, FileEncSHA256: e, FileSHA256: s,
			Mimetype: proto.String("application/pdf"), FileName: proto.String("Прайс 2026.pdf"),
			FileLength: proto.Uint64(250_000), Caption: optional(caption), PageCount: proto.Uint32(3)}
	}
	sticker := func() *waE2E.StickerMessage {
		u, p, k, e, s := mediaKeys("/v/t62/sticker")
		return &waE2E.StickerMessage{URL: u, DirectPath: p, MediaKey: k, FileEncSHA256: e, FileSHA256: s,
			Mimetype: proto.String("image/webp"), FileLength: proto.Uint64(20_000), Width: proto.Uint32(512), Height: proto.Uint32(512)}
	}
	vcard := "BEGIN:VCARD\nVERSION:3.0\nN:;Мария;;;\nFN:Мария Мастер\nitem1.TEL;waid=79001112233:+7 900 111-22-33\nitem1.X-ABLabel:Mobile\nEND:VCARD"
	tests := []struct {
		name  string
		raw   *waE2E.Message
		want  inbox.Inbound
		files int
	}{
		{"text", text("Здравствуйте! Можно записаться на маникюр?"),
			with("A1", func(in *inbox.Inbound) {
				in.Text = "Здравствуйте! Можно записаться на маникюр?"
			}), 0},
		{"reply", &waE2E.Message{ExtendedTextMessage: &waE2E.ExtendedTextMessage{Text: proto.String("Да, буду"), ContextInfo: quoted("3EB0ABCDEF")}},
			with("A1", func(in *inbox.Inbound) { in.Text, in.ReplyTo = "Да, буду", "3EB0ABCDEF" }), 0},
		{"link preview", &waE2E.Message{ExtendedTextMessage: &waE2E.ExtendedTextMessage{Text: proto.String("Вот такой дизайн https://example.com/nails"),
			MatchedText: proto.String("https://example.com/nails"), Title: proto.String("Nails")}},
			with("A1", func(in *inbox.Inbound) { in.Text = "Вот такой дизайн https://example.com/nails" }), 0},
		{"image with caption", &waE2E.Message{ImageMessage: imageMsg("Хочу такой цвет")},
			with("A1", func(in *inbox.Inbound) {
				in.Text = "Хочу такой цвет"
				in.Attachments = []inbox.Attachment{{Kind: inbox.AttachImage, Name: "photo.jpg", MIME: "image/jpeg", Size: 48213}}
			}), 1},
		{"image replying", &waE2E.Message{ImageMessage: func() *waE2E.ImageMessage { m := imageMsg(""); m.ContextInfo = quoted("3EB0111"); return m }()},
			with("A1", func(in *inbox.Inbound) {
				in.ReplyTo = "3EB0111"
				in.Attachments = []inbox.Attachment{{Kind: inbox.AttachImage, Name: "photo.jpg", MIME: "image/jpeg", Size: 48213}}
			}), 1},
		{"view once image", &waE2E.Message{ViewOnceMessageV2: &waE2E.FutureProofMessage{Message: &waE2E.Message{ImageMessage: imageMsg("")}}},
			with("A1", func(in *inbox.Inbound) {
				in.Attachments = []inbox.Attachment{{Kind: inbox.AttachImage, Name: "photo.jpg", MIME: "image/jpeg", Size: 48213}}
			}), 1},
		{"document", &waE2E.Message{DocumentMessage: doc("")},
			with("A1", func(in *inbox.Inbound) {
				in.Attachments = []inbox.Attachment{{Kind: inbox.AttachFile, Name: "Прайс 2026.pdf", MIME: "application/pdf", Size: 250_000}}
			}), 1},
		{"document with caption", &waE2E.Message{DocumentWithCaptionMessage: &waE2E.FutureProofMessage{Message: &waE2E.Message{DocumentMessage: doc("Посмотрите анализы")}}},
			with("A1", func(in *inbox.Inbound) {
				in.Text = "Посмотрите анализы"
				in.Attachments = []inbox.Attachment{{Kind: inbox.AttachFile, Name: "Прайс 2026.pdf", MIME: "application/pdf", Size: 250_000}}
			}), 1},
		{"voice", &waE2E.Message{AudioMessage: audio(true, "audio/ogg; codecs=opus")},
			with("A1", func(in *inbox.Inbound) {
				in.Attachments = []inbox.Attachment{{Kind: inbox.AttachVoice, Name: "voice.ogg", MIME: "audio/ogg", Size: 9000}}
			}), 1},
		{"audio", &waE2E.Message{AudioMessage: audio(false, "audio/mpeg")},
			with("A1", func(in *inbox.Inbound) {
				in.Attachments = []inbox.Attachment{{Kind: inbox.AttachAudio, Name: "audio.mp3", MIME: "audio/mpeg", Size: 9000}}
			}), 1},
		{"video with caption", &waE2E.Message{VideoMessage: func() *waE2E.VideoMessage {
			v := vid()
			v.Caption = proto.String("Вот так отросли")
			return v
		}()},
			with("A1", func(in *inbox.Inbound) {
				in.Text = "Вот так отросли"
				in.Attachments = []inbox.Attachment{{Kind: inbox.AttachVideo, Name: "video.mp4", MIME: "video/mp4", Size: 1_200_000}}
			}), 1},
		{"gif", &waE2E.Message{VideoMessage: func() *waE2E.VideoMessage { v := vid(); v.GifPlayback = proto.Bool(true); return v }()},
			with("A1", func(in *inbox.Inbound) {
				in.Attachments = []inbox.Attachment{{Kind: inbox.AttachVideo, Name: "animation.mp4", MIME: "video/mp4", Size: 1_200_000}}
			}), 1},
		{"video note", &waE2E.Message{PtvMessage: vid()},
			with("A1", func(in *inbox.Inbound) {
				in.Attachments = []inbox.Attachment{{Kind: inbox.AttachVideo, Name: "video_note.mp4", MIME: "video/mp4", Size: 1_200_000}}
			}), 1},
		{"sticker", &waE2E.Message{StickerMessage: sticker()},
			with("A1", func(in *inbox.Inbound) {
				in.Attachments = []inbox.Attachment{{Kind: inbox.AttachSticker, Name: "sticker.webp", MIME: "image/webp", Size: 20_000}}
			}), 1},
		{"location", &waE2E.Message{LocationMessage: &waE2E.LocationMessage{DegreesLatitude: proto.Float64(55.7558), DegreesLongitude: proto.Float64(37.6173),
			Name: proto.String("Салон «Лилия»"), Address: proto.String("Тверская, 1")}},
			with("A1", func(in *inbox.Inbound) {
				in.Attachments = []inbox.Attachment{{Kind: inbox.AttachLocation, Name: "Салон «Лилия», Тверская, 1", Lat: 55.7558, Lon: 37.6173}}
			}), 0},
		{"live location", &waE2E.Message{LiveLocationMessage: &waE2E.LiveLocationMessage{DegreesLatitude: proto.Float64(55.75), DegreesLongitude: proto.Float64(37.61),
			Caption: proto.String("Подхожу")}},
			with("A1", func(in *inbox.Inbound) {
				in.Attachments = []inbox.Attachment{{Kind: inbox.AttachLocation, Name: "Подхожу", Lat: 55.75, Lon: 37.61}}
			}), 0},
		{"contact card", &waE2E.Message{ContactMessage: &waE2E.ContactMessage{DisplayName: proto.String("Мария мастер"), Vcard: proto.String(vcard)}},
			with("A1", func(in *inbox.Inbound) {
				in.Attachments = []inbox.Attachment{{Kind: inbox.AttachContact, Name: "Мария мастер", Phone: "+79001112233"}}
			}), 0},
		{"contact cards", &waE2E.Message{ContactsArrayMessage: &waE2E.ContactsArrayMessage{Contacts: []*waE2E.ContactMessage{
			{DisplayName: proto.String("Мама"), Vcard: proto.String("BEGIN:VCARD\nFN:Мама\nTEL;type=CELL:8 (912) 000-00-01\nEND:VCARD")},
			{Vcard: proto.String(vcard)},
		}}},
			with("A1", func(in *inbox.Inbound) {
				in.Attachments = []inbox.Attachment{{Kind: inbox.AttachContact, Name: "Мама", Phone: "8 (912) 000-00-01"},
					{Kind: inbox.AttachContact, Name: "Мария Мастер", Phone: "+79001112233"}}
			}), 0},
		{"poll", &waE2E.Message{PollCreationMessageV3: &waE2E.PollCreationMessage{Name: proto.String("Когда удобно?"),
			Options: []*waE2E.PollCreationMessage_Option{{OptionName: proto.String("Утро")}, {OptionName: proto.String("Вечер")}}}},
			with("A1", func(in *inbox.Inbound) { in.Text = "📊 Когда удобно?\n— Утро\n— Вечер" }), 0},
		{"disappearing", &waE2E.Message{EphemeralMessage: &waE2E.FutureProofMessage{Message: text("Исчезающее")}},
			with("A1", func(in *inbox.Inbound) { in.Text = "Исчезающее" }), 0},
		{"edit", &waE2E.Message{EditedMessage: &waE2E.FutureProofMessage{Message: &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{
			Type: waE2E.ProtocolMessage_MESSAGE_EDIT.Enum(), Key: &waCommon.MessageKey{RemoteJID: proto.String(salonDevice.ToNonAD().String()), FromMe: proto.Bool(false), ID: proto.String("A0")},
			EditedMessage: text("Можно на маникюр и педикюр?"), TimestampMS: proto.Int64(at.Add(time.Minute).UnixMilli())}}}},
			with("A1", func(in *inbox.Inbound) {
				in.Text, in.EditOf, in.At = "Можно на маникюр и педикюр?", "A0", at.Add(time.Minute)
			}), 0},
		{"edit of a caption", &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{
			Type: waE2E.ProtocolMessage_MESSAGE_EDIT.Enum(), Key: &waCommon.MessageKey{ID: proto.String("A0")},
			EditedMessage: &waE2E.Message{ImageMessage: &waE2E.ImageMessage{Caption: proto.String("Вот этот цвет")}}}},
			with("A1", func(in *inbox.Inbound) { in.Text, in.EditOf = "Вот этот цвет", "A0" }), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := message("A1", tt.raw)
			got, files, skip := toInbound(e, clientPN)
			if skip != "" {
				t.Fatalf("skipped: %s", skip)
			}
			if len(files) != tt.files {
				t.Errorf("%d files to download; want %d", len(files), tt.files)
			}
			for _, f := range files {
				a := &got.Attachments[f.att]
				if _, err := parseRemoteID(a.RemoteID); err != nil {
					t.Errorf("attachment %d RemoteID %q: %v", f.att, a.RemoteID, err)
				}
				a.RemoteID = ""
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("toInbound =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

// TestToInbound_EditID: an edit without an id of its own is named by the original and
// the edit's time, so each edit is a revision.
func TestToInbound_EditID(t *testing.T) {
	edit := func(id string, ms int64) *events.Message {
		e := message(id, &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{Type: waE2E.ProtocolMessage_MESSAGE_EDIT.Enum(),
			Key: &waCommon.MessageKey{ID: proto.String("A0")}, EditedMessage: text("новый текст"), TimestampMS: proto.Int64(ms)}})
		return e
	}
	a, _, _ := toInbound(edit("", 1764064800000), clientPN)
	b, _, _ := toInbound(edit("A0", 1764064860000), clientPN)
	if a.ExternalID != "A0@1764064800000" || b.ExternalID != "A0@1764064860000" || a.EditOf != "A0" {
		t.Errorf("edit ids %q, %q (of %q); want A0@<ms> each", a.ExternalID, b.ExternalID, a.EditOf)
	}
}

// TestToInbound_Skipped: what is not a client's message worth storing is acknowledged
// and logged, not stored.
func TestToInbound_Skipped(t *testing.T) {
	tests := []struct {
		name string
		raw  *waE2E.Message
	}{
		{"deletion", &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{Type: waE2E.ProtocolMessage_REVOKE.Enum(),
			Key: &waCommon.MessageKey{ID: proto.String("A0")}}}},
		{"reaction", &waE2E.Message{ReactionMessage: &waE2E.ReactionMessage{Text: proto.String("❤️"),
			Key: &waCommon.MessageKey{ID: proto.String("3EB0AA")}}}},
		{"history sync notice", &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{Type: waE2E.ProtocolMessage_HISTORY_SYNC_NOTIFICATION.Enum()}}},
		{"empty edit", &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{Type: waE2E.ProtocolMessage_MESSAGE_EDIT.Enum(),
			Key: &waCommon.MessageKey{ID: proto.String("A0")}}}},
		{"unknown kind", &waE2E.Message{CallLogMesssage: &waE2E.CallLogMessage{}}},
	}
	for _, tt := range tests {
		if _, _, skip := toInbound(message("A1", tt.raw), clientPN); skip == "" {
			t.Errorf("%s: stored; want skipped", tt.name)
		}
	}
}

// TestIgnored: the salon's own messages, groups, status and channels never reach the
// inbox.
func TestIgnored(t *testing.T) {
	group := types.NewJID("120363000000000001", types.GroupServer)
	tests := []struct {
		name string
		src  types.MessageSource
		want bool
	}{
		{"client by number", types.MessageSource{Chat: clientPN, Sender: clientPN}, false},
		{"client by LID", types.MessageSource{Chat: clientLID, Sender: clientLID, SenderAlt: clientPN}, false},
		{"typed on the salon's phone", types.MessageSource{Chat: clientPN, Sender: salonDevice, IsFromMe: true}, true},
		{"group", types.MessageSource{Chat: group, Sender: clientPN, IsGroup: true}, true},
		{"status", types.MessageSource{Chat: types.StatusBroadcastJID, Sender: clientPN}, true},
		{"broadcast list", types.MessageSource{Chat: types.NewJID("1700000000", types.BroadcastServer), Sender: clientPN}, true},
		{"channel", types.MessageSource{Chat: types.NewJID("120363000000000002", types.NewsletterServer)}, true},
	}
	for _, tt := range tests {
		got := ignored(types.MessageInfo{MessageSource: tt.src}) != ""
		if got != tt.want {
			t.Errorf("ignored(%s) = %v; want %v", tt.name, got, tt.want)
		}
	}
}

func TestParseVCard(t *testing.T) {
	tests := []struct{ card, name, phone string }{
		{"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ольга\r\nTEL;type=CELL;type=VOICE;waid=79121234567:+7 912 123-45-67\r\nEND:VCARD", "Ольга", "+79121234567"},
		{"BEGIN:VCARD\nFN:Без WhatsApp\nTEL;TYPE=HOME:+7 (495) 123-45-67\nEND:VCARD", "Без WhatsApp", "+7 (495) 123-45-67"},
		{"BEGIN:VCARD\nFN:Длинное\n  имя\nTEL:tel:+79990000000\nEND:VCARD", "Длинное имя", "+79990000000"},
		{"BEGIN:VCARD\nFN:Без телефона\nEND:VCARD", "Без телефона", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		name, phone := parseVCard(tt.card)
		if name != tt.name || phone != tt.phone {
			t.Errorf("parseVCard(%q) = %q, %q; want %q, %q", tt.card, name, phone, tt.name, tt.phone)
		}
	}
}

func TestRemoteID_RoundTrip(t *testing.T) {
	img := imageMsg("")
	r, err := parseRemoteID(remoteID(img))
	if err != nil {
		t.Fatal(err)
	}
	if r.DirectPath != img.GetDirectPath() || string(r.MediaKey) != "k" || r.Length != 48213 || r.Type != "WhatsApp Image Keys" {
		t.Errorf("parseRemoteID = %+v", r)
	}
	for _, bad := range []string{"", "wa1:", "wa1:!!", "AgACAgIAAxkBAAI"} {
		if _, err := parseRemoteID(bad); err == nil {
			t.Errorf("parseRemoteID(%q) accepted", bad)
		}
	}
}
