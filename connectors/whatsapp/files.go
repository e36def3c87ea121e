package whatsapp

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.mau.fi/whatsmeow"

	"salonchat/inbox"
)

// downloadTimeout bounds one file's download; the connection's next message waits for
// it (see the package comment).
const downloadTimeout = 3 * time.Minute

// errTooBig: the file is over Options.MaxDownload.
var errTooBig = errors.New("file is over the download limit")

// fetch downloads a message's files into the account's folder. A file that cannot be
// fetched stays an attachment with its RemoteID and no Path, so the message is stored
// anyway; only the end of ctx stops the message (WhatsApp will deliver it again).
func (s *session) fetch(ctx context.Context, in *inbox.Inbound, files []remoteFile) error {
	for _, f := range files {
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
		return errTooBig
	}
	ctx, cancel := context.WithTimeout(ctx, downloadTimeout)
	defer cancel()
	rel := path.Join("files", s.c.folder(), storedName(msgID, f.att, a.Name))
	dst := filepath.Join(s.c.opts.DataDir, filepath.FromSlash(rel))
	// Clients' files are personal data: readable by this user only.
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return err
	}
	// Through a temporary file, so that a half-written file never has the final name.
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".download-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	err = s.cli.DownloadToFile(ctx, f.msg, tmp)
	var size int64
	if st, serr := tmp.Stat(); serr == nil {
		size = st.Size()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("download: %w", err)
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return err
	}
	a.Path, a.Size = rel, size
	return nil
}

// folder is the account's folder under DataDir/files.
func (c *Connector) folder() string { return "whatsapp-" + strconv.FormatUint(uint64(c.acc.ID), 10) }

// storedName is a file's name on disk: the message id and the attachment's place in it
// (the same message delivered again lands on itself) and the sanitised original name.
func storedName(msgID string, att int, name string) string {
	id := sanitizeName(msgID)
	if att > 0 {
		id += "-" + strconv.Itoa(att)
	}
	return id + "_" + sanitizeName(name)
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

// maxNameBytes bounds a sanitised name (file systems allow 255 bytes; the id prefix and
// the folder need room too).
const maxNameBytes = 120

// sanitizeName makes a name from the network safe as one file name on Windows, macOS
// and Linux: no path separators, no characters Windows refuses, no control or
// direction-changing characters (which can disguise "exe.jpg"), no leading or trailing
// dots and spaces, no reserved device names, at most maxNameBytes bytes with the
// extension kept. (The same rules as the Telegram connector's.)
func sanitizeName(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			continue
		case strings.ContainsRune(`/\<>:"|?*`, r):
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	s := strings.Trim(b.String(), " .")
	if s == "" {
		s = "file"
	}
	ext := path.Ext(s)
	if len(ext) > 16 || ext == s {
		ext = ""
	}
	stem := strings.TrimSuffix(s, ext)
	if reservedName(stem) {
		stem = "_" + stem
	}
	if len(stem)+len(ext) > maxNameBytes {
		stem = truncateUTF8(stem, maxNameBytes-len(ext))
	}
	return stem + ext
}

// reservedName reports the device names Windows will not open as files (CON, NUL,
// COM1, "nul.txt" too).
func reservedName(stem string) bool {
	base, _, _ := strings.Cut(strings.ToUpper(stem), ".")
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		return base[3] >= '0' && base[3] <= '9'
	}
	return false
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	for len(s) > n {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}
