package ui

import (
	"fmt"
	"image"
	_ "image/gif"  // decoders for thumbnails
	_ "image/jpeg" //
	_ "image/png"  //
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // WhatsApp stickers and many phone pictures

	"salonchat/inbox"
)

// Attachment sizes in a bubble.
const (
	thumbMax     = 240 // the longest side of a thumbnail on screen
	fileRowWidth = 380 // what a file row needs for its name and two buttons
)

// thumbnail is a picture scaled down once for its bubble (kept at twice the size shown,
// for sharp HiDPI screens); img is nil when the file cannot be read as a picture.
type thumbnail struct {
	img  image.Image
	size fyne.Size
}

// setAttachments fills a bubble's attachment box for message m and says whether it
// holds a file row (which wants a wider bubble than its minimum).
func (t *timeline) setAttachments(box *fyne.Container, m *inbox.Message) (fileRows bool) {
	box.Objects = nil
	for _, a := range m.Attachments {
		v := t.attachmentView(a)
		_, isRow := v.(*fyne.Container)
		fileRows = fileRows || isRow
		box.Objects = append(box.Objects, v)
	}
	box.Hidden = len(box.Objects) == 0
	box.Refresh()
	return fileRows
}

func (t *timeline) attachmentView(a inbox.Attachment) fyne.CanvasObject {
	d := t.d
	switch a.Kind {
	case inbox.AttachLocation:
		text := d.u.tr.T("dialog.location", map[string]any{"Lat": fmt.Sprintf("%.5f", a.Lat), "Lon": fmt.Sprintf("%.5f", a.Lon)})
		return newTapText(text, func() { d.openURL(mapsURL(a.Lat, a.Lon)) })
	case inbox.AttachLink:
		return newTapText(a.URL, func() { d.openURL(a.URL) })
	case inbox.AttachContact:
		return wrappedLabel(d.u.tr.T("dialog.contact", map[string]any{"Name": a.Name, "Phone": inbox.FormatPhone(a.Phone)}))
	}
	path := d.attachmentPath(a)
	if (a.Kind == inbox.AttachImage || a.Kind == inbox.AttachSticker) && path != "" {
		if th := t.thumb(path); th.img != nil {
			return newTapImage(th.img, th.size, func() { d.showImage(a.Name, path) })
		}
	}
	return t.fileRow(a, path)
}

// fileRow is a file with its name and size, and Открыть / Сохранить как… once the file
// is on disk.
func (t *timeline) fileRow(a inbox.Attachment, path string) fyne.CanvasObject {
	d := t.d
	tr := d.u.tr
	name := widget.NewLabel(a.Name)
	if a.Name == "" {
		name.SetText(tr.T("dialog.file.noname"))
	}
	name.Truncation = fyne.TextTruncateEllipsis
	info := smallText(false)
	icon := widget.NewIcon(fileIcon(a.Kind))
	if path == "" {
		info.Text = tr.T("dialog.file.missing")
		return container.NewBorder(nil, nil, icon, nil, container.NewVBox(name, info))
	}
	if a.Size > 0 {
		info.Text = d.fileSize(a.Size)
	}
	open := widget.NewButton(tr.T("dialog.file.open"), func() { d.openFile(path) })
	save := widget.NewButton(tr.T("dialog.file.save"), func() { d.saveFileAs(a.Name, path, d.u.win) })
	return container.NewBorder(nil, nil, icon, container.NewCenter(container.NewHBox(open, save)), container.NewVBox(name, info))
}

func fileIcon(k inbox.AttachmentKind) fyne.Resource {
	switch k {
	case inbox.AttachImage, inbox.AttachSticker:
		return theme.FileImageIcon()
	case inbox.AttachVideo:
		return theme.FileVideoIcon()
	case inbox.AttachVoice, inbox.AttachAudio:
		return theme.FileAudioIcon()
	}
	return theme.FileIcon()
}

// thumb reads a picture once and keeps it scaled down for its bubble.
func (t *timeline) thumb(path string) thumbnail {
	th, ok := t.thumbs[path]
	if !ok {
		th = makeThumbnail(path)
		t.thumbs[path] = th
	}
	return th
}

func makeThumbnail(path string) thumbnail {
	f, err := os.Open(path)
	if err != nil {
		return thumbnail{}
	}
	defer f.Close()
	src, _, err := image.Decode(f)
	if err != nil {
		return thumbnail{}
	}
	b := src.Bounds()
	if b.Dx() <= 0 || b.Dy() <= 0 {
		return thumbnail{}
	}
	scale := min(1, float64(thumbMax)/float64(max(b.Dx(), b.Dy())))
	size := fyne.NewSize(float32(float64(b.Dx())*scale), float32(float64(b.Dy())*scale))
	dw, dh := min(b.Dx(), int(size.Width*2)), min(b.Dy(), int(size.Height*2))
	dst := image.NewRGBA(image.Rect(0, 0, max(dw, 1), max(dh, 1)))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	return thumbnail{img: dst, size: size}
}

// mapsURL shows a point on Yandex Maps, which salons in Russia use.
func mapsURL(lat, lon float64) string {
	return fmt.Sprintf("https://yandex.ru/maps/?pt=%.6f,%.6f&z=16&l=map", lon, lat)
}
