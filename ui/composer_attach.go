package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"salonchat/attach"
	"salonchat/inbox"
)

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
// outbox (package attach, shared with salonchat send). A photo too big to go as a photo
// goes as a file when the file limit allows.
func (c *composer) addFile(src string) {
	tr, net := c.d.u.tr, c.d.row.Chat.Network
	att, err := attach.Describe(src)
	if err != nil {
		c.showWarning(tr.Err(err))
		return
	}
	limit := func(k inbox.AttachmentKind) int64 { return uploadLimit(net, k) }
	att = attach.Fit(att, limit)
	if max := limit(att.Kind); att.Size > max {
		c.showWarning(tr.T("composer.attach.too_big", map[string]any{"Name": att.Name, "Size": c.d.fileSize(att.Size),
			"Limit": c.d.fileSize(max), "Network": c.d.u.networkName(net)}))
		return
	}
	att, full, err := attach.Copy(c.d.u.opts.DataDir, src, att)
	if err != nil {
		c.d.u.showError(err)
		return
	}
	c.files = append(c.files, pendingFile{full: full, att: att})
	c.clearWarning()
	c.refreshChips()
}
