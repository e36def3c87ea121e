package ui

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"salonchat/inbox"
)

// outboxDir is the folder, inside the data folder, where files wait to be sent.
const outboxDir = "outbox"

// pendingFile is an attachment copied into the outbox, waiting for Send.
type pendingFile struct {
	att  inbox.Attachment
	full string // the copy on disk
}

// uploadLimit is the biggest file a network takes, by what it is. The connectors will
// know better later; until then the UI refuses early what would fail anyway.
func uploadLimit(n inbox.Network, k inbox.AttachmentKind) int64 {
	const mb = 1 << 20
	photo := k == inbox.AttachImage
	switch {
	case n == inbox.Telegram && photo:
		return 10 * mb
	case n == inbox.Telegram:
		return 50 * mb
	case n == inbox.WhatsApp && photo:
		return 16 * mb
	case n == inbox.WhatsApp:
		return 100 * mb
	}
	return 200 * mb
}

func (c *composer) pickFile() {
	dlg := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			c.d.u.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		c.addFile(path)
	}, c.d.u.win)
	dlg.Resize(fyne.NewSize(820, 560))
	dlg.Show()
}

// onDropped attaches files dropped on the window while a dialog is open and can send.
func (c *composer) onDropped(_ fyne.Position, uris []fyne.URI) {
	if c.d.row.Chat.ID == 0 || c.entry.Disabled() {
		return
	}
	for _, u := range uris {
		if u.Scheme() == "file" {
			c.addFile(u.Path())
		}
	}
}

// addFile checks a chosen file against the network's limit and copies it into the
// outbox, so that it is sent even if the original is moved before the outbox gets to it.
// A photo too big to go as a photo goes as a file when the file limit allows.
func (c *composer) addFile(src string) {
	tr, net := c.d.u.tr, c.d.row.Chat.Network
	name := filepath.Base(src)
	st, err := os.Stat(src)
	if err != nil || st.IsDir() {
		c.showWarning(tr.T("composer.attach.unreadable", map[string]any{"Name": name}))
		return
	}
	kind, mimeType := attachmentKind(src)
	if kind == inbox.AttachImage && st.Size() > uploadLimit(net, kind) {
		kind = inbox.AttachFile
	}
	if limit := uploadLimit(net, kind); st.Size() > limit {
		c.showWarning(tr.T("composer.attach.too_big", map[string]any{"Name": name, "Size": c.d.fileSize(st.Size()),
			"Limit": c.d.fileSize(limit), "Network": c.d.u.networkName(net)}))
		return
	}
	rel, full, err := c.copyToOutbox(src, name)
	if err != nil {
		c.d.u.showError(err)
		return
	}
	c.files = append(c.files, pendingFile{full: full, att: inbox.Attachment{Kind: kind, Name: name, MIME: mimeType, Size: st.Size(), Path: rel}})
	c.clearWarning()
	c.refreshChips()
}

// attachmentKind tells a picture from other files by its name, else by its first bytes.
func attachmentKind(path string) (inbox.AttachmentKind, string) {
	t := mime.TypeByExtension(strings.ToLower(filepath.Ext(path)))
	if t == "" {
		if f, err := os.Open(path); err == nil {
			head := make([]byte, 512)
			n, _ := io.ReadFull(f, head)
			f.Close()
			t = http.DetectContentType(head[:n])
		}
	}
	t, _, _ = strings.Cut(t, ";")
	switch {
	case t == "image/jpeg", t == "image/png", t == "image/gif", t == "image/webp":
		return inbox.AttachImage, t
	case strings.HasPrefix(t, "video/"):
		return inbox.AttachVideo, t
	case strings.HasPrefix(t, "audio/"):
		return inbox.AttachAudio, t
	}
	return inbox.AttachFile, t
}

// copyToOutbox copies src under a unique, sanitised name and returns its path relative
// to the data folder (as messages store it) and on disk.
func (c *composer) copyToOutbox(src, name string) (rel, full string, err error) {
	if c.d.u.opts.DataDir == "" {
		return "", "", errors.New("outbox: no data folder")
	}
	dir := filepath.Join(c.d.u.opts.DataDir, outboxDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", "", err
	}
	in, err := os.Open(src)
	if err != nil {
		return "", "", err
	}
	defer in.Close()
	out, err := os.CreateTemp(dir, "*-"+sanitizeFileName(name))
	if err != nil {
		return "", "", err
	}
	if _, err = io.Copy(out, in); err == nil {
		err = out.Close()
	} else {
		out.Close()
	}
	if err != nil {
		os.Remove(out.Name())
		return "", "", err
	}
	return outboxDir + "/" + filepath.Base(out.Name()), out.Name(), nil
}

// sanitizeFileName keeps letters, digits and a few marks, so that no name can reach
// outside the outbox or trip Windows' reserved characters.
func sanitizeFileName(name string) string {
	clean := strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), strings.ContainsRune(".-_()", r):
			return r
		case unicode.IsSpace(r):
			return '_'
		}
		return -1
	}, name)
	clean = strings.TrimLeft(clean, ".")
	if r := []rune(clean); len(r) > 80 {
		clean = string(r[len(r)-80:])
	}
	if clean == "" {
		return "file"
	}
	return clean
}
