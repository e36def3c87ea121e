package telegram

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"salonchat/connectors/internal/files"
	"salonchat/connectors/internal/retry"
	"salonchat/connectors/internal/textsplit"
	"salonchat/inbox"
)

// Timeouts of one sent part, on top of the caller's context.
const (
	textTimeout   = time.Minute
	uploadTimeout = 30 * time.Minute
	// partRetries is how often a later part of a split message is retried here after a
	// temporary failure, so that a retry of the whole message (which would send the
	// earlier parts again) stays rare.
	partRetries = 3
)

// Send delivers one message and returns the Telegram message_id of its LAST part. A
// message may become several Telegram messages: text over 4 096 characters is split at
// paragraph, line or word boundaries; each attachment is one message (images as photos
// up to 10 MB, everything else as documents); the text rides as the caption of the first
// file when it fits in 1 024 characters, else it goes first, on its own. The reply goes
// with the first part.
//
// A chat through a business connection (its peer made by MakeBusinessPeerID, or
// Chat.Via set) is answered as the salon's account: every part carries the
// business_connection_id. Telegram refuses such replies more than 24 hours after the
// client's last message, and when the connection is gone or may not reply: permanent
// errors with a telegram.business.* reason.
//
// Send blocks until Telegram answered every part or ctx ended. Errors are
// *inbox.SendError: permanent when the client blocked the bot, the account was deleted,
// the chat is unknown or a file is missing; temporary (with RetryAfter for rate limits)
// for network trouble, server errors and 401 (which also turns the health to error). The
// Bot API has no idempotency key: when a later part fails for good after earlier ones
// went out, a retry of the message sends those again.
func (c *Connector) Send(ctx context.Context, m inbox.Outbound) (inbox.ExternalID, error) {
	to, err := targetOf(m.Chat)
	if err != nil {
		return "", &inbox.SendError{Permanent: true, Reason: "telegram.chat_not_found", Err: err}
	}
	parts, err := c.plan(m.Message)
	if err != nil {
		return "", err
	}
	reply := 0
	if m.Message.ReplyTo != "" {
		reply, _ = ParseMessageID(m.Message.ReplyTo) // an unknown reply target is no reason to fail
	}
	last := 0
	for i, p := range parts {
		id, err := c.sendWithRetry(ctx, to, p, reply, i > 0)
		if err != nil {
			c.log.Warn("send failed", "part", i+1, "of", len(parts), "business", to.business(), "err", c.api.logValue(err))
			return "", c.sendError(err, to)
		}
		last, reply = id, 0
	}
	if last == 0 {
		return "", &inbox.SendError{Permanent: true, Reason: "send.empty", Err: errors.New("nothing to send")}
	}
	c.log.Debug("sent", "parts", len(parts), "message", last)
	return MakeMessageID(last), nil
}

// target is where a message goes: a chat, through a business connection or not.
type target struct {
	chatID int64
	conn   string // business_connection_id; "" for the bot's own chats
}

func (t target) business() bool { return t.conn != "" }

// targetOf reads a chat's address from its peer; Chat.Via names the connection when the
// peer does not.
func targetOf(c inbox.Chat) (target, error) {
	chatID, conn, err := ParseAnyPeerID(c.Peer)
	if err != nil {
		return target{}, err
	}
	if conn == "" {
		conn = c.Via
	}
	return target{chatID: chatID, conn: string(conn)}, nil
}

// partKind is how one part goes to Telegram.
type partKind int

const (
	partText partKind = iota
	partPhoto
	partDocument
	partLocation
	partContact
)

// part is one Telegram message of an outbound message.
type part struct {
	kind partKind
	text string // the text, or the caption of a photo or document
	path string // absolute path of a photo or document
	name string // the file name the client sees
	att  inbox.Attachment
}

// plan turns a message into the parts to send, in order.
func (c *Connector) plan(m inbox.Message) ([]part, error) {
	var files []part
	for _, a := range m.Attachments {
		p, err := c.filePart(a)
		if err != nil {
			return nil, err
		}
		files = append(files, p)
	}
	text := strings.TrimSpace(m.Text)
	if text != "" && len(files) > 0 && (files[0].kind == partPhoto || files[0].kind == partDocument) && textsplit.Len(text) <= maxCaptionLen {
		files[0].text = text
		return files, nil
	}
	var parts []part
	for _, t := range textsplit.Split(text, maxTextLen) {
		parts = append(parts, part{kind: partText, text: t})
	}
	return append(parts, files...), nil
}

// filePart checks one attachment: its file must exist (paths are absolute, or relative
// to DataDir, see files.Stat) and fit the account's limits.
func (c *Connector) filePart(a inbox.Attachment) (part, error) {
	switch {
	case a.Path == "" && a.Kind == inbox.AttachLocation:
		return part{kind: partLocation, att: a}, nil
	case a.Path == "" && a.Kind == inbox.AttachContact && a.Phone != "":
		return part{kind: partContact, att: a}, nil
	case a.Path == "":
		return part{}, &inbox.SendError{Permanent: true, Reason: "telegram.file_missing", Err: fmt.Errorf("attachment %q has no file", a.Name)}
	}
	p, st, err := files.Stat(c.opts.DataDir, a.Path)
	if err != nil {
		return part{}, &inbox.SendError{Permanent: true, Reason: "telegram.file_missing", Err: fmt.Errorf("attachment %q: %w", a.Name, err)}
	}
	if st.Size() > c.Limits().FileSize {
		return part{}, &inbox.SendError{Permanent: true, Reason: "telegram.file_too_large", Err: fmt.Errorf("attachment %q: %d bytes", a.Name, st.Size())}
	}
	kind := partDocument
	if a.Kind == inbox.AttachImage && st.Size() <= maxPhotoSize {
		kind = partPhoto
	}
	return part{kind: kind, path: p, name: cmp.Or(a.Name, filepath.Base(p)), att: a}, nil
}

// sendWithRetry sends one part; a later part is retried after temporary failures.
func (c *Connector) sendWithRetry(ctx context.Context, to target, p part, reply int, later bool) (int, error) {
	for attempt := 1; ; attempt++ {
		id, err := c.sendPart(ctx, to, p, reply)
		if err == nil || !later || attempt > partRetries || ctx.Err() != nil {
			return id, err
		}
		f := sendFailure(err, to)
		if f.Permanent || f.Reason == reasonTokenInvalid || f.Reason == reasonBotNotFound {
			return id, err
		}
		retry.Sleep(ctx, max(f.RetryAfter, c.opts.MinBackoff*time.Duration(attempt)))
	}
}

// sendPart sends one part and returns its message_id.
func (c *Connector) sendPart(ctx context.Context, to target, p part, reply int) (int, error) {
	var rp *models.ReplyParameters
	if reply != 0 {
		rp = &models.ReplyParameters{MessageID: reply, AllowSendingWithoutReply: true}
	}
	timeout := uploadTimeout
	if p.kind == partText {
		timeout = textTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var msg *models.Message
	var err error
	switch p.kind {
	case partText:
		msg, err = c.api.bot.SendMessage(ctx, &bot.SendMessageParams{BusinessConnectionID: to.conn, ChatID: to.chatID, Text: p.text, ReplyParameters: rp})
	case partPhoto, partDocument:
		msg, err = c.sendFile(ctx, to, p, rp)
		if p.kind == partPhoto && photoRefused(err) {
			// Telegram turns down some pictures as photos (odd sizes or formats); they
			// still go as files.
			p.kind = partDocument
			msg, err = c.sendFile(ctx, to, p, rp)
		}
	case partLocation:
		msg, err = c.api.bot.SendLocation(ctx, &bot.SendLocationParams{BusinessConnectionID: to.conn, ChatID: to.chatID,
			Latitude: p.att.Lat, Longitude: p.att.Lon, ReplyParameters: rp})
	case partContact:
		msg, err = c.api.bot.SendContact(ctx, &bot.SendContactParams{BusinessConnectionID: to.conn, ChatID: to.chatID,
			PhoneNumber: p.att.Phone, FirstName: cmp.Or(p.att.Name, p.att.Phone), ReplyParameters: rp})
	}
	if err != nil {
		return 0, err
	}
	return msg.ID, nil
}

// sendFile uploads a photo or a document, read from disk as it goes out.
func (c *Connector) sendFile(ctx context.Context, to target, p part, rp *models.ReplyParameters) (*models.Message, error) {
	f, err := os.Open(p.path)
	if err != nil {
		return nil, &inbox.SendError{Permanent: true, Reason: "telegram.file_missing", Err: err}
	}
	defer f.Close()
	in := &models.InputFileUpload{Filename: p.name, Data: f}
	if p.kind == partPhoto {
		return c.api.bot.SendPhoto(ctx, &bot.SendPhotoParams{BusinessConnectionID: to.conn, ChatID: to.chatID, Photo: in, Caption: p.text, ReplyParameters: rp})
	}
	return c.api.bot.SendDocument(ctx, &bot.SendDocumentParams{BusinessConnectionID: to.conn, ChatID: to.chatID, Document: in, Caption: p.text, ReplyParameters: rp})
}

// photoRefused reports Telegram's refusals of a picture as a photo (the file itself is
// fine as a document).
func photoRefused(err error) bool {
	if !errors.Is(err, bot.ErrorBadRequest) {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "PHOTO_INVALID_DIMENSIONS") || strings.Contains(s, "IMAGE_PROCESS_FAILED") ||
		strings.Contains(s, "PHOTO_EXT_INVALID") || strings.Contains(s, "PHOTO_SAVE_FILE_INVALID")
}

// sendError classifies a failed send and, when it shows the settings are broken, turns
// the account's health to error. A refused business reply leaves the health alone: it
// is the connection's trouble, shown on the connection, not the bot's.
func (c *Connector) sendError(err error, to target) *inbox.SendError {
	f := sendFailure(err, to)
	if f.Reason == reasonTokenInvalid || f.Reason == reasonBotNotFound {
		c.health.SetIfBound(inbox.Health{State: inbox.HealthError, Reason: f.Reason, Detail: c.api.scrub(err.Error())})
	}
	return f
}

// sendFailure classifies a failed send to a target for the outbox.
func sendFailure(err error, to target) *inbox.SendError {
	var se *inbox.SendError
	if errors.As(err, &se) {
		return se
	}
	if to.business() {
		if f := businessFailure(err); f != nil {
			return f
		}
	}
	desc := strings.ToLower(err.Error())
	permanent := func(reason string) *inbox.SendError {
		return &inbox.SendError{Permanent: true, Reason: reason, Err: err}
	}
	temporary := func(reason string) *inbox.SendError { return &inbox.SendError{Reason: reason, Err: err} }
	var tooMany *bot.TooManyRequestsError
	var migrate *bot.MigrateError
	var status *statusError
	switch {
	case errors.Is(err, bot.ErrorForbidden) && strings.Contains(desc, "blocked"):
		return permanent("telegram.blocked")
	case errors.Is(err, bot.ErrorForbidden) && strings.Contains(desc, "deactivated"):
		return permanent("telegram.user_deactivated")
	case errors.Is(err, bot.ErrorForbidden):
		return permanent("telegram.forbidden")
	case errors.Is(err, bot.ErrorBadRequest) && strings.Contains(desc, "chat not found"):
		return permanent("telegram.chat_not_found")
	case errors.Is(err, bot.ErrorBadRequest) && strings.Contains(desc, "too big"),
		errors.As(err, &status) && status.Code == 413:
		return permanent("telegram.file_too_large")
	case errors.Is(err, bot.ErrorBadRequest), errors.As(err, &migrate):
		return permanent("telegram.bad_request")
	case errors.Is(err, bot.ErrorUnauthorized):
		return temporary(reasonTokenInvalid)
	case errors.Is(err, bot.ErrorNotFound):
		return temporary(reasonBotNotFound)
	case errors.As(err, &tooMany):
		f := temporary("telegram.rate_limited")
		f.RetryAfter = time.Duration(tooMany.RetryAfter) * time.Second
		return f
	}
	return temporary("telegram.network")
}
