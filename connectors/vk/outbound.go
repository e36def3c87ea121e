package vk

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/SevereCloud/vksdk/v2/api"

	"salonchat/connectors/internal/files"
	"salonchat/connectors/internal/textsplit"
	"salonchat/inbox"
)

// Timeouts of one sent part and one upload, on top of the caller's context.
const (
	textTimeout   = time.Minute
	uploadTimeout = 30 * time.Minute
	// floodPause is how long to wait after VK's flood control (error 9), which gives no
	// figure of its own.
	floodPause = 30 * time.Second
)

// Send delivers one message and returns the VK message id of its LAST part. A message
// may become several VK messages: text over 4 096 characters is split at paragraph,
// line or word boundaries; files (pictures up to 50 MB as photos, everything else as
// documents up to 200 MB, uploaded first through the messages upload servers) ride with
// the last text part, ten at most per VK message; each place goes as its own message.
// The reply goes with the first part.
//
// Every part carries a random_id derived from the stored message's id and the part's
// number (see RandomID), so when an answer is lost and the outbox sends the message
// again, VK recognises the parts that already went out and does not send them twice.
//
// Send blocks until VK answered every part or ctx ended. Errors are *inbox.SendError:
// permanent when the client never allowed the community's messages or forbade them
// (901), their privacy settings refuse them (902), the community blacklisted them
// (900), the key may not send, a file is missing, too large or refused; temporary (with
// RetryAfter after flood control) for rate limits, VK's internal errors, network trouble
// and error 5 (which also turns the health to error).
func (c *Connector) Send(ctx context.Context, m inbox.Outbound) (inbox.ExternalID, error) {
	peer, err := ParsePeerID(m.Chat.Peer)
	if err != nil || peer < 0 || peer >= chatPeerBase {
		return "", &inbox.SendError{Permanent: true, Reason: "vk.chat_invalid", Err: fmt.Errorf("peer %q: %w", m.Chat.Peer, err)}
	}
	files, extra, err := c.outFiles(m.Message)
	if err != nil {
		return "", err
	}
	salt, err := c.state.randomSalt()
	if err != nil {
		return "", &inbox.SendError{Reason: "send.temporary", Err: fmt.Errorf("random id salt: %w", err)}
	}
	atts, err := c.uploadAll(ctx, peer, files)
	if err != nil {
		c.log.Warn("upload failed", "err", c.api.logValue(err))
		return "", c.sendError(err)
	}
	parts := plan(strings.TrimSpace(m.Message.Text), atts, extra)
	switch {
	case len(parts) == 0:
		return "", &inbox.SendError{Permanent: true, Reason: "send.empty", Err: errors.New("nothing to send")}
	case len(parts) > maxParts:
		return "", &inbox.SendError{Permanent: true, Reason: "vk.too_long", Err: fmt.Errorf("%d parts", len(parts))}
	}
	reply := 0
	if m.Message.ReplyTo != "" {
		reply, _ = ParseMessageID(m.Message.ReplyTo) // an unknown reply target is no reason to fail
	}
	last := 0
	for i, p := range parts {
		id, err := c.sendPart(ctx, peer, p, RandomID(salt, m.Message.ID, i), reply)
		if err != nil {
			c.log.Warn("send failed", "part", i+1, "of", len(parts), "err", c.api.logValue(err))
			return "", c.sendError(err)
		}
		last, reply = id, 0
	}
	c.log.Debug("sent", "parts", len(parts), "message", last)
	return MakeMessageID(last), nil
}

// part is one VK message of an outbound message.
type part struct {
	text     string
	atts     []string // "photo-1_2_key", "doc-1_3"
	lat, lon float64
	place    bool
}

// outFile is an attachment to upload.
type outFile struct {
	path, name string
	photo      bool
}

// plan lays out the parts: the text's pieces, the files with the last piece (ten per
// message), then each place.
func plan(text string, atts []string, extra []part) []part {
	var parts []part
	for _, t := range textsplit.Split(text, maxTextLen) {
		parts = append(parts, part{text: t})
	}
	for len(atts) > 0 {
		n := min(len(atts), maxAttachments)
		if len(parts) > 0 && parts[len(parts)-1].atts == nil && !parts[len(parts)-1].place {
			parts[len(parts)-1].atts = atts[:n]
		} else {
			parts = append(parts, part{atts: atts[:n]})
		}
		atts = atts[n:]
	}
	return append(parts, extra...)
}

// outFiles checks a message's attachments: files must exist (paths are absolute, or
// relative to DataDir, see files.Stat) and fit VK's limits; places and contacts need no file.
func (c *Connector) outFiles(m inbox.Message) (files []outFile, extra []part, err error) {
	for _, a := range m.Attachments {
		switch {
		case a.Path == "" && a.Kind == inbox.AttachLocation:
			extra = append(extra, part{lat: a.Lat, lon: a.Lon, place: true})
			continue
		case a.Path == "" && a.Kind == inbox.AttachContact && a.Phone != "":
			extra = append(extra, part{text: joinNonEmpty(" ", a.Name, a.Phone)})
			continue
		case a.Path == "" && a.Kind == inbox.AttachLink && a.URL != "":
			extra = append(extra, part{text: a.URL})
			continue
		}
		f, err := c.outFile(a)
		if err != nil {
			return nil, nil, err
		}
		files = append(files, f)
	}
	return files, extra, nil
}

func (c *Connector) outFile(a inbox.Attachment) (outFile, error) {
	missing := func(err error) error {
		return &inbox.SendError{Permanent: true, Reason: "vk.file_missing", Err: fmt.Errorf("attachment %q: %w", a.Name, err)}
	}
	if a.Path == "" {
		return outFile{}, missing(errors.New("no file"))
	}
	p, st, err := files.Stat(c.opts.DataDir, a.Path)
	if err != nil {
		return outFile{}, missing(err)
	}
	if st.Size() > maxDocSize {
		return outFile{}, &inbox.SendError{Permanent: true, Reason: "vk.file_too_large", Err: fmt.Errorf("attachment %q: %d bytes", a.Name, st.Size())}
	}
	return outFile{path: p, name: cmp.Or(a.Name, filepath.Base(p)), photo: a.Kind == inbox.AttachImage && st.Size() <= maxPhotoSize}, nil
}

// sendPart sends one VK message and returns its id.
func (c *Connector) sendPart(ctx context.Context, peer int, p part, randomID int32, reply int) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, textTimeout)
	defer cancel()
	params := api.Params{"peer_id": peer, "random_id": randomID}
	if p.text != "" {
		params["message"] = p.text
	}
	if len(p.atts) > 0 {
		params["attachment"] = strings.Join(p.atts, ",")
	}
	if p.place {
		params["lat"] = strconv.FormatFloat(p.lat, 'f', -1, 64)
		params["long"] = strconv.FormatFloat(p.lon, 'f', -1, 64)
	}
	if reply > 0 {
		params["reply_to"] = reply
	}
	var id int
	if err := c.api.call(ctx, "messages.send", params, &id); err != nil {
		return 0, err
	}
	return id, nil
}

// sendError classifies a failed send and, when it shows the settings are broken, turns
// the account's health to error.
func (c *Connector) sendError(err error) *inbox.SendError {
	f := sendFailure(err)
	if f.Reason == reasonTokenInvalid || f.Reason == reasonCommunityBlocked {
		c.health.SetIfBound(inbox.Health{State: inbox.HealthError, Reason: f.Reason, Detail: c.api.scrub(err.Error())})
	}
	return f
}

// sendFailure classifies a failed send for the outbox.
func sendFailure(err error) *inbox.SendError {
	var se *inbox.SendError
	if errors.As(err, &se) {
		return se
	}
	var ae *api.Error
	var ue *uploadError
	var ct *api.InvalidContentType
	var st *statusError
	switch {
	case errors.As(err, &ae):
		return apiSendFailure(ae, err)
	case errors.As(err, &ue):
		return &inbox.SendError{Permanent: true, Reason: "vk.file_refused", Err: err}
	case errors.As(err, &st) && st.Code == 413:
		return &inbox.SendError{Permanent: true, Reason: "vk.file_too_large", Err: err}
	case errors.As(err, &ct), errors.As(err, &st):
		return &inbox.SendError{Reason: "vk.server_error", Err: err}
	}
	// No answer at all: the network, a timeout, the proxy.
	return &inbox.SendError{Reason: "vk.network", Err: err}
}

// apiSendFailure sorts VK's refusals of messages.send and the upload methods.
func apiSendFailure(e *api.Error, err error) *inbox.SendError {
	permanent := func(reason string) *inbox.SendError {
		return &inbox.SendError{Permanent: true, Reason: reason, Err: err}
	}
	temporary := func(reason string) *inbox.SendError { return &inbox.SendError{Reason: reason, Err: err} }
	switch e.Code {
	case api.ErrMessagesDenySend:
		return permanent("vk.cannot_write")
	case api.ErrMessagesPrivacy:
		return permanent("vk.privacy")
	case api.ErrMessagesUserBlocked:
		return permanent("vk.blacklisted")
	case api.ErrAccess, api.ErrGroupAuth, api.ErrPermission, api.ErrMessagesChatDisabled:
		return permanent("vk.send_denied")
	case api.ErrUpload:
		return permanent("vk.file_refused")
	case api.ErrAuth:
		if communityBlocked(e) {
			return temporary(reasonCommunityBlocked)
		}
		return temporary(reasonTokenInvalid)
	case api.ErrFlood:
		f := temporary("vk.rate_limited")
		f.RetryAfter = floodPause
		return f
	case api.ErrTooMany, api.ErrRateLimit, api.ErrCaptcha:
		return temporary("vk.rate_limited")
	case api.ErrUnknown, api.ErrServer:
		return temporary("vk.server_error")
	}
	return permanent("vk.bad_request")
}
