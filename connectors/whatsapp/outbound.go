package whatsapp

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/types"

	"salonchat/connectors/internal/files"
	"salonchat/inbox"
)

// connectWait is how long Send waits for Run to be connected before it gives the
// message back to the outbox for a later try.
const connectWait = 20 * time.Second

// errNotConnected: Run is not running, or not connected and logged in yet.
var errNotConnected = errors.New("not connected to WhatsApp")

// Send delivers one message and returns the WhatsApp id of its LAST part. A message may
// become several WhatsApp messages: each attachment is one (pictures as photos up to
// 16 MB, other files as documents up to 100 MB); the text rides as the caption of the
// first file when it fits in 1 024 characters, else it goes first, on its own (split
// beyond 65 536 characters). The reply goes with the first part.
//
// Each part's id is MakeOutgoingID of the stored message, reserved before anything is
// sent, so a second Send of the same message (after a crash, or an answer that never
// came) repeats the same ids and the client sees each part once. Parts are paced and a
// bulk send is refused (pacer).
//
// Send blocks until WhatsApp acknowledged every part or ctx ended. Errors are
// *inbox.SendError: permanent for a bulk send (whatsapp.bulk_refused), a chat that is
// not a person's (whatsapp.chat_invalid), a missing or too large file, a message the
// server refused; temporary when SalonChat is not connected, uploads or the network
// fail.
func (c *Connector) Send(ctx context.Context, m inbox.Outbound) (inbox.ExternalID, error) {
	to, err := ParsePeerID(m.Chat.Peer)
	if err != nil {
		return "", &inbox.SendError{Permanent: true, Reason: "whatsapp.chat_invalid", Err: err}
	}
	parts, err := c.plan(m.Message)
	if err != nil {
		return "", err
	}
	if len(parts) == 0 {
		return "", &inbox.SendError{Permanent: true, Reason: "send.empty", Err: errors.New("nothing to send")}
	}
	s, err := c.waitSession(ctx)
	if err != nil {
		return "", sendFailure(err)
	}
	device := s.cli.OwnJID().String()
	var last types.MessageID
	for i, p := range parts {
		if i == 0 {
			p.reply = m.Message.ReplyTo
		}
		id := MakeOutgoingID(device, c.acc.ID, m.Message.ID, i)
		if err := c.sendPart(ctx, s.cli, to, m.Chat.Peer, id, p); err != nil {
			c.log.Warn("send failed", "part", i+1, "of", len(parts), "err", err)
			return "", sendFailure(err)
		}
		last = id
	}
	return inbox.ExternalID(last), nil
}

// sendPart paces, uploads and sends one part under its reserved id.
func (c *Connector) sendPart(ctx context.Context, cli waClient, to types.JID, peer inbox.PeerID, id types.MessageID, p part) error {
	if err := c.pace.wait(ctx, peer); err != nil {
		return err
	}
	msg, err := buildMessage(ctx, cli, to, p)
	if err != nil {
		return err
	}
	c.sends.start(id, time.Now())
	_, err = cli.SendMessage(ctx, to, msg, whatsmeow.SendRequestExtra{ID: id})
	c.sends.finish(id, time.Now())
	return err
}

// waitSession returns Run's session once it is connected and logged in.
func (c *Connector) waitSession(ctx context.Context) (*session, error) {
	deadline := time.NewTimer(connectWait)
	defer deadline.Stop()
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		if s := c.session(); s != nil && s.cli.IsLoggedIn() {
			return s, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("%w: %w", errNotConnected, ctx.Err())
		case <-deadline.C:
			return nil, errNotConnected
		case <-tick.C:
		}
	}
}

// partKind is how one part goes to WhatsApp.
type partKind int

const (
	partText partKind = iota
	partImage
	partDocument
	partLocation
	partContact
)

// part is one WhatsApp message of an outbound message.
type part struct {
	kind  partKind
	text  string // the text, or the caption of an image or document
	path  string // absolute path of an image or document
	name  string // the file name the client sees
	mime  string
	att   inbox.Attachment
	reply inbox.ExternalID
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
	if text != "" && len(files) > 0 && (files[0].kind == partImage || files[0].kind == partDocument) &&
		utf8.RuneCountInString(text) <= maxCaptionLen {
		files[0].text = text
		return files, nil
	}
	var parts []part
	for _, t := range splitText(text, maxTextLen) {
		parts = append(parts, part{kind: partText, text: t})
	}
	return append(parts, files...), nil
}

// filePart checks one attachment: its file must exist (paths are absolute, or relative
// to DataDir, see files.Stat) and fit WhatsApp's limits.
func (c *Connector) filePart(a inbox.Attachment) (part, error) {
	missing := func(err error) error {
		return &inbox.SendError{Permanent: true, Reason: "whatsapp.file_missing", Err: fmt.Errorf("attachment %q: %w", a.Name, err)}
	}
	switch {
	case a.Path == "" && a.Kind == inbox.AttachLocation:
		return part{kind: partLocation, att: a}, nil
	case a.Path == "" && a.Kind == inbox.AttachContact && a.Phone != "":
		return part{kind: partContact, att: a}, nil
	case a.Path == "":
		return part{}, missing(errors.New("no file"))
	}
	p, st, err := files.Stat(c.opts.DataDir, a.Path)
	if err != nil {
		return part{}, missing(err)
	}
	if st.Size() > maxFileSize {
		return part{}, &inbox.SendError{Permanent: true, Reason: "whatsapp.file_too_large", Err: fmt.Errorf("attachment %q: %d bytes", a.Name, st.Size())}
	}
	name := cmp.Or(a.Name, filepath.Base(p))
	mt := fileMIME(a.MIME, name, p)
	kind := partDocument
	if a.Kind == inbox.AttachImage && st.Size() <= maxImageSize && (mt == "image/jpeg" || mt == "image/png") {
		kind = partImage
	}
	return part{kind: kind, path: p, name: name, mime: mt, att: a}, nil
}

// splitText cuts text into pieces of at most n characters, at a paragraph, line or
// word boundary when there is one in the second half of a piece.
func splitText(text string, n int) []string {
	var out []string
	for text != "" {
		if utf8.RuneCountInString(text) <= n {
			return append(out, text)
		}
		cut := len(string([]rune(text)[:n]))
		head := text[:cut]
		for _, sep := range []string{"\n\n", "\n", " "} {
			if i := strings.LastIndex(head, sep); i > cut/2 {
				cut = i + len(sep)
				break
			}
		}
		out = append(out, strings.TrimRight(text[:cut], " \n"))
		text = strings.TrimLeft(text[cut:], " \n")
	}
	return out
}

// sendFailure classifies a failed send for the outbox.
func sendFailure(err error) *inbox.SendError {
	var se *inbox.SendError
	if errors.As(err, &se) {
		return se
	}
	permanent := func(reason string) *inbox.SendError {
		return &inbox.SendError{Permanent: true, Reason: reason, Err: err}
	}
	temporary := func(reason string) *inbox.SendError { return &inbox.SendError{Reason: reason, Err: err} }
	switch {
	case errors.Is(err, errBulk):
		return permanent("whatsapp.bulk_refused")
	case errors.Is(err, whatsmeow.ErrUnknownServer), errors.Is(err, whatsmeow.ErrRecipientADJID),
		errors.Is(err, whatsmeow.ErrBroadcastListUnsupported):
		return permanent("whatsapp.chat_invalid")
	case errors.Is(err, whatsmeow.ErrServerReturnedError):
		return permanent("whatsapp.send_refused")
	case errors.Is(err, errNotConnected), errors.Is(err, whatsmeow.ErrNotConnected), errors.Is(err, whatsmeow.ErrNotLoggedIn):
		return temporary("whatsapp.not_connected")
	case errors.Is(err, errUpload):
		return temporary("whatsapp.upload_failed")
	}
	return temporary("whatsapp.network")
}
