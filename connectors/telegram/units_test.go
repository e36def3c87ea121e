package telegram

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"salonchat/inbox"
)

func TestIDs(t *testing.T) {
	if p := MakePeerID(-1001234567890); p != "-1001234567890" {
		t.Errorf("MakePeerID = %q", p)
	}
	if id, err := ParsePeerID("111222333"); id != 111222333 || err != nil {
		t.Errorf("ParsePeerID = %d, %v", id, err)
	}
	for _, bad := range []inbox.PeerID{"", "abc", "0", "1.5"} {
		if _, err := ParsePeerID(bad); err == nil {
			t.Errorf("ParsePeerID(%q) accepted", bad)
		}
	}
	if e := MakeEditID(42, 1700000000); e != "42@1700000000" {
		t.Errorf("MakeEditID = %q", e)
	}
	for in, want := range map[inbox.ExternalID]int{"42": 42, "42@1700000000": 42} {
		if got, err := ParseMessageID(in); got != want || err != nil {
			t.Errorf("ParseMessageID(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	if _, err := ParseMessageID("x@1"); err == nil {
		t.Error("ParseMessageID(x@1) accepted")
	}
}

func TestSendFailure(t *testing.T) {
	wrap := func(sentinel error, desc string) error { return fmt.Errorf("%w, %s", sentinel, desc) }
	cases := []struct {
		err       error
		permanent bool
		reason    string
	}{
		{wrap(bot.ErrorForbidden, "Forbidden: bot was blocked by the user"), true, "telegram.blocked"},
		{wrap(bot.ErrorForbidden, "Forbidden: user is deactivated"), true, "telegram.user_deactivated"},
		{wrap(bot.ErrorForbidden, "Forbidden: bot can't initiate conversation with a user"), true, "telegram.forbidden"},
		{wrap(bot.ErrorBadRequest, "Bad Request: chat not found"), true, "telegram.chat_not_found"},
		{wrap(bot.ErrorBadRequest, "Bad Request: file is too big"), true, "telegram.file_too_large"},
		{fmt.Errorf("do: %w", &statusError{Code: 413}), true, "telegram.file_too_large"},
		{wrap(bot.ErrorBadRequest, "Bad Request: message text is empty"), true, "telegram.bad_request"},
		{&bot.MigrateError{Message: "migrated", MigrateToChatID: -100}, true, "telegram.bad_request"},
		{wrap(bot.ErrorUnauthorized, "Unauthorized"), false, "health.token_invalid"},
		{wrap(bot.ErrorNotFound, "Not Found"), false, "health.bot_not_found"},
		{&bot.TooManyRequestsError{RetryAfter: 3}, false, "telegram.rate_limited"},
		{fmt.Errorf("do: %w", &statusError{Code: 502}), false, "telegram.network"},
		{errors.New("dial tcp: connection refused"), false, "telegram.network"},
	}
	for _, c := range cases {
		for _, to := range []target{{chatID: 1}, {chatID: 1, conn: "conn-1"}} {
			f := sendFailure(c.err, to)
			if f.Permanent != c.permanent || f.Reason != c.reason {
				t.Errorf("sendFailure(%v, %+v) = permanent %v %q; want %v %q", c.err, to, f.Permanent, f.Reason, c.permanent, c.reason)
			}
		}
	}
}

// TestSendFailure_Business checks the refusals of a reply through a business connection,
// in Telegram's words, and that the same words mean nothing special for the bot's chats.
func TestSendFailure_Business(t *testing.T) {
	wrap := func(sentinel error, desc string) error { return fmt.Errorf("%w, %s", sentinel, desc) }
	cases := []struct {
		err    error
		reason string
	}{
		{wrap(bot.ErrorBadRequest, "Bad Request: BUSINESS_PEER_USAGE_MISSING"), "telegram.business.window_closed"},
		{wrap(bot.ErrorBadRequest, "Bad Request: business connection not found"), "telegram.business.connection_gone"},
		{wrap(bot.ErrorBadRequest, "Bad Request: BUSINESS_CONNECTION_INVALID"), "telegram.business.connection_gone"},
		{wrap(bot.ErrorForbidden, "Forbidden: BUSINESS_CONNECTION_NOT_ALLOWED"), "telegram.business.connection_gone"},
		{wrap(bot.ErrorBadRequest, "Bad Request: BUSINESS_PEER_INVALID"), "telegram.business.chat_not_allowed"},
		{wrap(bot.ErrorForbidden, "Forbidden: BOT_ACCESS_FORBIDDEN"), "telegram.business.no_rights"},
		{wrap(bot.ErrorBadRequest, "Bad Request: not enough rights to send messages on behalf of the business account"), "telegram.business.no_rights"},
		{wrap(bot.ErrorBadRequest, "Bad Request: BUSINESS_SOMETHING_NEW"), "telegram.business.refused"},
		{wrap(bot.ErrorBadRequest, "Bad Request: chat not found"), "telegram.chat_not_found"},
	}
	for _, c := range cases {
		f := sendFailure(c.err, target{chatID: 1, conn: "conn-1"})
		if !f.Permanent || f.Reason != c.reason {
			t.Errorf("business sendFailure(%v) = permanent %v %q; want permanent %q", c.err, f.Permanent, f.Reason, c.reason)
		}
		if f := sendFailure(c.err, target{chatID: 1}); strings.HasPrefix(f.Reason, "telegram.business.") {
			t.Errorf("sendFailure(%v) to the bot's own chat = %q; want no business reason", c.err, f.Reason)
		}
	}
	if f := sendFailure(&bot.TooManyRequestsError{RetryAfter: 2}, target{chatID: 1, conn: "c"}); f.Permanent || f.Reason != "telegram.rate_limited" {
		t.Errorf("business rate limit = %+v; want temporary telegram.rate_limited", f)
	}
}

func TestBusinessPeerID(t *testing.T) {
	for _, conn := range []inbox.ConnectionID{"AQADBgADb-xk_1", "a@b", "@"} {
		p := MakeBusinessPeerID(111222333, conn)
		chat, got, err := ParseAnyPeerID(p)
		if err != nil || chat != 111222333 || got != conn {
			t.Errorf("ParseAnyPeerID(%q) = %d %q %v; want 111222333 %q", p, chat, got, err, conn)
		}
		if p == MakePeerID(111222333) {
			t.Errorf("business peer %q equals the bot chat's peer", p)
		}
	}
	if chat, conn, err := ParseAnyPeerID(MakePeerID(42)); err != nil || chat != 42 || conn != "" {
		t.Errorf("ParseAnyPeerID(42) = %d %q %v", chat, conn, err)
	}
	for _, bad := range []inbox.PeerID{"42@", "@conn", "x@conn", "", "0@c"} {
		if _, _, err := ParseAnyPeerID(bad); err == nil {
			t.Errorf("ParseAnyPeerID(%q) accepted", bad)
		}
	}
}

func TestToInbound_MoreKinds(t *testing.T) {
	from := &models.User{ID: 7, FirstName: "Ольга"}
	chat := models.Chat{ID: 7, Type: models.ChatTypePrivate}
	cases := []struct {
		name  string
		msg   models.Message
		ok    bool
		text  string
		kind  inbox.AttachmentKind
		aname string
	}{
		{"venue", models.Message{Venue: &models.Venue{Title: "Салон «Лилия»", Address: "ул. Ленина, 5", Location: models.Location{Latitude: 1, Longitude: 2}},
			Location: &models.Location{Latitude: 1, Longitude: 2}}, true, "", inbox.AttachLocation, "Салон «Лилия», ул. Ленина, 5"},
		{"animation", models.Message{Animation: &models.Animation{FileID: "a", FileName: "cat.gif.mp4"}, Document: &models.Document{FileID: "a"}},
			true, "", inbox.AttachVideo, "cat.gif.mp4"},
		{"video sticker without thumbnail", models.Message{Sticker: &models.Sticker{FileID: "s", IsVideo: true}}, true, "", inbox.AttachSticker, "sticker.webm"},
		{"dice", models.Message{Dice: &models.Dice{Emoji: "🎲", Value: 5}}, true, "🎲 5", "", ""},
		{"poll", models.Message{Poll: &models.Poll{Question: "Когда удобно?", Options: []models.PollOption{{Text: "утро"}, {Text: "вечер"}}}},
			true, "📊 Когда удобно?\n— утро\n— вечер", "", ""},
		{"service message", models.Message{NewChatTitle: "x"}, false, "", "", ""},
		{"group", models.Message{Text: "привет", Chat: models.Chat{ID: -5, Type: models.ChatTypeGroup}}, false, "", "", ""},
	}
	for _, c := range cases {
		m := c.msg
		m.ID, m.Date, m.From = 1, 1700000000, from
		if m.Chat.ID == 0 {
			m.Chat = chat
		}
		in, _, ok := toInbound(&m, false)
		if ok != c.ok {
			t.Errorf("%s: ok = %v; want %v", c.name, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		if in.Text != c.text {
			t.Errorf("%s: text %q; want %q", c.name, in.Text, c.text)
		}
		if c.kind == "" {
			if len(in.Attachments) != 0 {
				t.Errorf("%s: attachments %+v", c.name, in.Attachments)
			}
			continue
		}
		if len(in.Attachments) != 1 || in.Attachments[0].Kind != c.kind || in.Attachments[0].Name != c.aname {
			t.Errorf("%s: attachments %+v; want one %s %q", c.name, in.Attachments, c.kind, c.aname)
		}
	}
}
