package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// waCodeSize is the side of the square that holds the QR code: large enough for a
// phone camera held at arm's length, small enough to leave the steps beside it.
const waCodeSize = 260

// waCodeArea is the square beside the steps, showing what the phone needs now: a
// button that asks for a code, a spinner while WhatsApp is asked, the QR code, the
// phone number to pair, the phone code, or a button that asks again. One at a time.
type waCodeArea struct {
	box       *fyne.Container
	parts     []fyne.CanvasObject
	start     *fyne.Container
	busy      *fyne.Container
	spinner   *widget.Activity
	qr        *canvas.Image
	phoneForm *fyne.Container
	phone     *widget.Entry
	codeBox   *fyne.Container
	codeText  *widget.Label
	again     *fyne.Container
	againBtn  *widget.Button
}

func newWACodeArea(p *waLink) *waCodeArea {
	tr := p.w.u.tr
	a := &waCodeArea{spinner: widget.NewActivity()}
	startBtn := widget.NewButtonWithIcon(tr.T("accounts_whatsapp.show_qr"), theme.VisibilityIcon(), p.start)
	startBtn.Importance = widget.HighImportance
	a.start = waCentred(startBtn, accountCaption(tr.T("accounts_whatsapp.show_qr_hint")))
	a.busy = waCentred(a.spinner, waCentredLabel(tr.T("accounts_whatsapp.preparing")))
	a.qr = canvas.NewImageFromImage(nil)
	a.qr.FillMode = canvas.ImageFillContain
	a.qr.SetMinSize(fyne.NewSquareSize(waCodeSize))
	a.phone = widget.NewEntry()
	a.phone.SetPlaceHolder(tr.T("accounts_whatsapp.phone_placeholder"))
	a.phone.OnSubmitted = func(string) { p.onGetCode() }
	get := widget.NewButton(tr.T("accounts_whatsapp.get_code"), p.onGetCode)
	get.Importance = widget.HighImportance
	a.phoneForm = waCentred(accountField(tr.T("accounts_whatsapp.phone_label"), a.phone,
		tr.T("accounts_whatsapp.phone_hint")), get)
	a.codeText = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true, Monospace: true})
	a.codeText.SizeName = theme.SizeNameHeadingText
	a.codeBox = waCentred(waCentredLabel(tr.T("accounts_whatsapp.phone_code_label")), a.codeText)
	a.againBtn = widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), p.start)
	a.againBtn.Importance = widget.HighImportance
	a.again = waCentred(a.againBtn)
	a.parts = []fyne.CanvasObject{a.start, a.busy, a.qr, a.phoneForm, a.codeBox, a.again}
	// The square keeps its size whatever it shows, so that the steps beside it do not jump.
	frame := canvas.NewRectangle(color.Transparent)
	frame.SetMinSize(fyne.NewSquareSize(waCodeSize))
	a.box = container.NewStack(append([]fyne.CanvasObject{frame}, a.parts...)...)
	a.show(a.start)
	return a
}

// show makes part the one thing in the square.
func (a *waCodeArea) show(part fyne.CanvasObject) {
	for _, o := range a.parts {
		if o == part {
			o.Show()
		} else {
			o.Hide()
		}
	}
	if part == a.busy {
		a.spinner.Start()
	} else {
		a.spinner.Stop()
	}
	a.box.Refresh()
}

// showAgain offers to ask WhatsApp again, with the button saying what it will do.
func (a *waCodeArea) showAgain(label string) {
	a.againBtn.SetText(label)
	a.show(a.again)
}

// waCentred stacks objects in the middle of the square, each as wide as the square.
func waCentred(objs ...fyne.CanvasObject) *fyne.Container {
	box := container.NewVBox(layout.NewSpacer())
	for _, o := range objs {
		box.Add(o)
	}
	box.Add(layout.NewSpacer())
	return container.NewPadded(box)
}

// waCentredLabel is a wrapped label centred in the square.
func waCentredLabel(text string) *widget.Label {
	l := accountWrapped(text)
	l.Alignment = fyne.TextAlignCenter
	return l
}
