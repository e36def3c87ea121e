package whatsapp

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"go.mau.fi/whatsmeow"

	"salonchat/connectors/internal/files"
	"salonchat/inbox"
)

// downloadTimeout bounds one file's download; the connection's next message waits for
// it (see the package comment).
const downloadTimeout = 3 * time.Minute

// fetch downloads a message's files into the account's folder. A file that cannot be
// fetched stays an attachment with its RemoteID and no Path, so the message is stored
// anyway; only the end of ctx stops the message (WhatsApp will deliver it again).
func (s *session) fetch(ctx context.Context, in *inbox.Inbound, remote []remoteFile) error {
	for _, f := range remote {
		a := &in.Attachments[f.att]
		err := s.fetchOne(ctx, a, f, string(in.ExternalID))
		if err == nil {
			continue
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		s.log.Warn("file not downloaded, kept as a reference to WhatsApp", "message", string(in.ExternalID),
			"kind", string(a.Kind), "size", a.Size, "err", err)
	}
	return nil
}

func (s *session) fetchOne(ctx context.Context, a *inbox.Attachment, f remoteFile, msgID string) error {
	if a.Size > s.c.opts.MaxDownload {
		return files.ErrTooBig // over Options.MaxDownload
	}
	ctx, cancel := context.WithTimeout(ctx, downloadTimeout)
	defer cancel()
	rel := path.Join(files.Dir(inbox.WhatsApp, s.c.acc.ID), storedName(msgID, f.att, a.Name))
	var size int64
	err := files.Save(files.Abs(s.c.opts.DataDir, rel), func(tmp *os.File) error {
		if err := s.cli.DownloadToFile(ctx, f.msg, tmp); err != nil {
			return err
		}
		if st, err := tmp.Stat(); err == nil {
			size = st.Size()
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("download: %w", err)
	}
	a.Path, a.Size = rel, size
	return nil
}

// storedName is a file's name on disk: the message id and the attachment's place in it
// (the same message delivered again lands on itself) and the sanitised original name.
func storedName(msgID string, att int, name string) string {
	id := files.SanitizeName(msgID)
	if att > 0 {
		id += "-" + strconv.Itoa(att)
	}
	return id + "_" + files.SanitizeName(name)
}

// remoteMedia is what downloading a file later needs, kept in Attachment.RemoteID as
// "wa1:" and base64 JSON.
type remoteMedia struct {
	Type       whatsmeow.MediaType `json:"t"`
	DirectPath string              `json:"p"`
	MediaKey   []byte              `json:"k"`
	EncSHA256  []byte              `json:"e"`
	SHA256     []byte              `json:"s"`
	Length     int64               `json:"l,omitempty"`
}

const remotePrefix = "wa1:"

func remoteID(d whatsmeow.DownloadableMessage) string {
	r := remoteMedia{Type: whatsmeow.GetMediaType(d), DirectPath: d.GetDirectPath(), MediaKey: d.GetMediaKey(),
		EncSHA256: d.GetFileEncSHA256(), SHA256: d.GetFileSHA256()}
	if l, ok := d.(interface{ GetFileLength() uint64 }); ok {
		r.Length = int64(l.GetFileLength())
	}
	if r.DirectPath == "" {
		return ""
	}
	b, _ := json.Marshal(r)
	return remotePrefix + base64.RawURLEncoding.EncodeToString(b)
}

// parseRemoteID reads back a RemoteID made by remoteID.
func parseRemoteID(s string) (remoteMedia, error) {
	var r remoteMedia
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(s, remotePrefix))
	if err == nil && strings.HasPrefix(s, remotePrefix) {
		err = json.Unmarshal(b, &r)
	}
	if err != nil || !strings.HasPrefix(s, remotePrefix) || r.DirectPath == "" {
		return remoteMedia{}, fmt.Errorf("not a WhatsApp file reference")
	}
	return r, nil
}
