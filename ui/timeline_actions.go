package ui

import (
	"io"
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// contextMenu is what a right click on a row offers: copying the text, the revisions of
// an edited message, another try for a failed one.
func (t *timeline) contextMenu(it tlItem) *fyne.Menu {
	if it.kind == tlDay {
		return nil
	}
	tr, m := t.d.u.tr, it.msg
	text := m.CurrentText()
	if it.kind != tlMessage {
		text = t.d.systemText(m)
	}
	items := []*fyne.MenuItem{fyne.NewMenuItem(tr.T("dialog.copy"), func() { t.d.u.app.Clipboard().SetContent(text) })}
	if len(m.Revisions) > 0 {
		items = append(items, fyne.NewMenuItem(tr.T("dialog.revisions.show"), func() { t.showRevisions(m) }))
	}
	if m.Delivery != nil && m.Delivery.State == inbox.Failed {
		items = append(items, fyne.NewMenuItem(tr.T("dialog.retry"), func() { t.retry(m.ID) }))
	}
	return fyne.NewMenu("", items...)
}

// retry queues a failed message again; the row changes when the event comes back.
func (t *timeline) retry(id inbox.MessageID) {
	if err := t.d.u.svc.Retry(id); err != nil {
		t.d.u.showError(err)
	}
}

// showRevisions lists an edited message as the client first wrote it and after each
// edit, with times: edits are kept, never overwritten.
func (t *timeline) showRevisions(m *inbox.Message) {
	d := t.d
	tr := d.u.tr
	list := container.NewVBox(t.revision(tr.T("dialog.revisions.original", map[string]any{"At": d.dateTime(m.At)}), m.Text))
	for i, r := range m.Revisions {
		list.Add(widget.NewSeparator())
		list.Add(t.revision(tr.T("dialog.revisions.edit", map[string]any{"N": i + 1, "At": d.dateTime(r.At)}), r.Text))
	}
	dlg := dialog.NewCustom(tr.T("dialog.revisions.title"), tr.T("dialog.ok"), container.NewVScroll(list), d.u.win)
	dlg.Resize(fyne.NewSize(480, 420))
	dlg.Show()
}

func (t *timeline) revision(title, text string) fyne.CanvasObject {
	head := widget.NewLabel(title)
	head.TextStyle.Bold = true
	head.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(head, wrappedLabel(text))
}

// attachmentPath is where an attachment's file is on this computer, or "" when it has
// not been downloaded yet. Paths come from the network side, so one that would leave the
// data folder is treated as missing.
func (d *dialogView) attachmentPath(a inbox.Attachment) string {
	if a.Path == "" || !filepath.IsLocal(filepath.FromSlash(a.Path)) {
		return ""
	}
	p := filepath.Join(d.u.opts.DataDir, filepath.FromSlash(a.Path))
	if st, err := os.Stat(p); err != nil || st.IsDir() {
		return ""
	}
	return p
}

// showImage opens a picture large in its own window, with the file's actions under it.
func (d *dialogView) showImage(name, path string) {
	tr := d.u.tr
	w := d.u.app.NewWindow(name)
	img := canvas.NewImageFromFile(path)
	img.FillMode = canvas.ImageFillContain
	open := widget.NewButton(tr.T("dialog.file.open"), func() { d.openFile(path) })
	save := widget.NewButton(tr.T("dialog.file.save"), func() { d.saveFileAs(name, path, w) })
	w.SetContent(container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), open, save), nil, nil, img))
	w.Resize(fyne.NewSize(900, 680))
	w.Show()
}

// openFile opens a file in the program the computer uses for it, off the UI goroutine
// (see openPath). The path is not logged: file names come from clients.
func (d *dialogView) openFile(path string) {
	app, log := d.u.app, d.u.log
	go func() {
		if err := openPath(app, path); err != nil {
			log.Error("open file", "err", err)
		}
	}()
}

// openURL opens a web address from a message; anything but http(s) is ignored, since
// the address comes from outside.
func (d *dialogView) openURL(raw string) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return
	}
	d.openParsedURL(u)
}

// openParsedURL runs off the UI goroutine: on Windows OpenURL waits for the program.
func (d *dialogView) openParsedURL(u *url.URL) {
	app := d.u.app
	go func() {
		if err := app.OpenURL(u); err != nil {
			// Only the host: the rest of a link from a message is the client's text.
			d.u.log.Error("open link", "host", u.Host, "err", err)
		}
	}()
}

// saveFileAs copies an attachment to where the administrator chooses; the chooser opens
// over parent.
func (d *dialogView) saveFileAs(name, path string, parent fyne.Window) {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			d.u.showError(err)
			return
		}
		defer w.Close()
		if err := copyFileTo(w, path); err != nil {
			d.u.showError(err)
		}
	}, parent)
	save.SetFileName(name)
	save.Show()
}

func copyFileTo(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}
