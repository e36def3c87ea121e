package whatsapp

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // sizes of sent pictures
	_ "image/png"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"google.golang.org/protobuf/proto"
)

// errUpload: a file could not be uploaded to WhatsApp's media servers.
var errUpload = errors.New("upload failed")

// uploader is the part of the client that puts files on WhatsApp's media servers.
type uploader interface {
	UploadReader(ctx context.Context, plaintext io.Reader, tempFile io.ReadWriteSeeker, mt whatsmeow.MediaType) (whatsmeow.UploadResponse, error)
}

// buildMessage turns one part into the WhatsApp message to send to, uploading its file
// first. A reply quotes the client's message by id; the quoted text itself is left
// empty, as WhatsApp Web does, and the client's phone shows its own copy.
func buildMessage(ctx context.Context, up uploader, to types.JID, p part) (*waE2E.Message, error) {
	var ci *waE2E.ContextInfo
	if p.reply != "" {
		ci = &waE2E.ContextInfo{StanzaID: proto.String(string(p.reply)), Participant: proto.String(to.String()),
			QuotedMessage: &waE2E.Message{Conversation: proto.String("")}}
	}
	switch p.kind {
	case partText:
		if ci == nil {
			return &waE2E.Message{Conversation: proto.String(p.text)}, nil
		}
		return &waE2E.Message{ExtendedTextMessage: &waE2E.ExtendedTextMessage{Text: proto.String(p.text), ContextInfo: ci}}, nil
	case partLocation:
		return &waE2E.Message{LocationMessage: &waE2E.LocationMessage{DegreesLatitude: proto.Float64(p.att.Lat),
			DegreesLongitude: proto.Float64(p.att.Lon), Name: optional(p.att.Name), ContextInfo: ci}}, nil
	case partContact:
		name := cmp.Or(p.att.Name, p.att.Phone)
		return &waE2E.Message{ContactMessage: &waE2E.ContactMessage{DisplayName: proto.String(name),
			Vcard: proto.String(makeVCard(name, p.att.Phone)), ContextInfo: ci}}, nil
	case partImage:
		return imageMessage(ctx, up, p, ci)
	}
	return documentMessage(ctx, up, p, ci)
}

func imageMessage(ctx context.Context, up uploader, p part, ci *waE2E.ContextInfo) (*waE2E.Message, error) {
	r, err := upload(ctx, up, p.path, whatsmeow.MediaImage)
	if err != nil {
		return nil, err
	}
	img := &waE2E.ImageMessage{Caption: optional(p.text), Mimetype: proto.String(p.mime), ContextInfo: ci,
		URL: proto.String(r.URL), DirectPath: proto.String(r.DirectPath), MediaKey: r.MediaKey,
		FileEncSHA256: r.FileEncSHA256, FileSHA256: r.FileSHA256, FileLength: proto.Uint64(r.FileLength)}
	if w, h, ok := imageSize(p.path); ok {
		img.Width, img.Height = proto.Uint32(w), proto.Uint32(h)
	}
	return &waE2E.Message{ImageMessage: img}, nil
}

// documentMessage sends a file; with a caption it is wrapped the way phones send it
// (DocumentWithCaptionMessage).
func documentMessage(ctx context.Context, up uploader, p part, ci *waE2E.ContextInfo) (*waE2E.Message, error) {
	r, err := upload(ctx, up, p.path, whatsmeow.MediaDocument)
	if err != nil {
		return nil, err
	}
	doc := &waE2E.DocumentMessage{FileName: proto.String(p.name), Title: proto.String(p.name), Caption: optional(p.text),
		Mimetype: proto.String(p.mime), ContextInfo: ci,
		URL: proto.String(r.URL), DirectPath: proto.String(r.DirectPath), MediaKey: r.MediaKey,
		FileEncSHA256: r.FileEncSHA256, FileSHA256: r.FileSHA256, FileLength: proto.Uint64(r.FileLength)}
	if p.text == "" {
		return &waE2E.Message{DocumentMessage: doc}, nil
	}
	return &waE2E.Message{DocumentWithCaptionMessage: &waE2E.FutureProofMessage{
		Message: &waE2E.Message{DocumentMessage: doc}}}, nil
}

// upload encrypts and uploads a file as it is read from disk (a 100 MB document is not
// held in memory).
func upload(ctx context.Context, up uploader, path string, mt whatsmeow.MediaType) (whatsmeow.UploadResponse, error) {
	f, err := os.Open(path)
	if err != nil {
		return whatsmeow.UploadResponse{}, err
	}
	defer f.Close()
	r, err := up.UploadReader(ctx, f, nil, mt)
	if err != nil {
		return r, fmt.Errorf("%w: %w", errUpload, err)
	}
	return r, nil
}

// fileMIME is an attachment's MIME type: as stored, else by the name's extension, else
// by the file's first bytes.
func fileMIME(stored, name, path string) string {
	if t := baseMIME(stored, ""); t != "" && t != "application/octet-stream" {
		return t
	}
	if t := baseMIME(mime.TypeByExtension(strings.ToLower(filepath.Ext(name))), ""); t != "" {
		return t
	}
	f, err := os.Open(path)
	if err != nil {
		return "application/octet-stream"
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	return baseMIME(http.DetectContentType(head[:n]), "application/octet-stream")
}

// imageSize reads a JPEG's or PNG's width and height without decoding the picture.
func imageSize(path string) (w, h uint32, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, false
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, 0, false
	}
	return uint32(cfg.Width), uint32(cfg.Height), true
}

// makeVCard is the contact card of a shared contact.
func makeVCard(name, phone string) string {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, phone)
	tel := "TEL;type=CELL:" + phone
	if digits != "" {
		tel = "TEL;type=CELL;waid=" + digits + ":+" + digits
	}
	clean := strings.NewReplacer("\r", " ", "\n", " ", ";", ",").Replace(name)
	return "BEGIN:VCARD\nVERSION:3.0\nN:;" + clean + ";;;\nFN:" + clean + "\n" + tel + "\nEND:VCARD"
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return proto.String(s)
}
