package ui

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// attachments is what goes with the next message.
func (c *composer) attachments() []inbox.Attachment {
	out := make([]inbox.Attachment, len(c.files))
	for i, f := range c.files {
		out[i] = f.att
	}
	return out
}

// refreshChips shows each waiting file with its size and a button to remove it.
func (c *composer) refreshChips() {
	c.chips.Objects = nil
	for i, f := range c.files {
		label := widget.NewLabel(c.d.u.tr.T("composer.attach.chip", map[string]any{"Name": f.att.Name, "Size": c.d.fileSize(f.att.Size)}))
		label.Truncation = fyne.TextTruncateEllipsis
		remove := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { c.removeFile(i) })
		remove.Importance = widget.LowImportance
		c.chips.Add(container.NewBorder(nil, nil, widget.NewIcon(fileIcon(f.att.Kind)), remove, label))
	}
	c.chips.Refresh()
}

// removeFile drops a waiting file and its copy in the outbox.
func (c *composer) removeFile(i int) {
	if i >= len(c.files) {
		return
	}
	os.Remove(c.files[i].full)
	c.files = append(c.files[:i:i], c.files[i+1:]...)
	c.refreshChips()
}
