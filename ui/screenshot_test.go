package ui

import (
	"image/png"
	"os"
	"testing"

	"fyne.io/fyne/v2"

	"salonchat/inbox"
)

// TestScreenshot renders the fixture salon as the screenshot command would. Set
// SALONCHAT_SCREENSHOT to a file name to keep the picture and look at it.
func TestScreenshot(t *testing.T) {
	f := newPanelFixture(t)
	unread := f.row(f.unanswer.Dialog).Dialog.Unread
	img, err := Screenshot(f.svc, translator(t, "ru"), Options{}, fyne.NewSize(1366, 768), Shot{})
	must(t, err)
	if b := img.Bounds(); b.Dx() != 1366 || b.Dy() != 768 {
		t.Fatalf("screenshot is %v; want 1366×768", b)
	}
	colours := map[[4]uint32]bool{}
	for y := 0; y < 768; y += 3 {
		for x := 0; x < 1366; x += 3 {
			r, g, b, a := img.At(x, y).RGBA()
			colours[[4]uint32{r, g, b, a}] = true
		}
	}
	if len(colours) < 20 {
		t.Errorf("screenshot has %d colours; want a drawn window, not a blank", len(colours))
	}
	if got := f.row(f.unanswer.Dialog).Dialog.Unread; got != unread {
		t.Errorf("taking a screenshot changed the unread count from %d to %d", unread, got)
	}
	if out := os.Getenv("SALONCHAT_SCREENSHOT"); out != "" {
		file, err := os.Create(out)
		must(t, err)
		defer file.Close()
		must(t, png.Encode(file, img))
	}
}

func (f *fixture) row(id inbox.DialogID) inbox.DialogRow {
	f.t.Helper()
	r, err := f.svc.Row(id)
	must(f.t, err)
	return r
}

// The client's card is drawn at the card window's size; a lead's card over the messenger.
func TestScreenshot_ClientAndLead(t *testing.T) {
	f := newPanelFixture(t)
	c, err := f.svc.Chat(f.unanswer.Chat)
	must(t, err)
	lead, err := f.svc.SaveLead(inbox.Lead{Client: c.Client, Want: "Маникюр", Channel: inbox.WhatsApp})
	must(t, err)
	card, err := Screenshot(f.svc, translator(t, "ru"), Options{}, fyne.NewSize(1366, 768), Shot{Client: c.Client})
	must(t, err)
	if b := card.Bounds(); b.Dx() != 760 || b.Dy() != 680 {
		t.Errorf("client card shot is %v; want the card window's 760×680", b)
	}
	full, err := Screenshot(f.svc, translator(t, "ru"), Options{}, fyne.NewSize(1366, 768), Shot{Lead: lead.ID})
	must(t, err)
	if b := full.Bounds(); b.Dx() != 1366 {
		t.Errorf("lead shot is %v; want the window", b)
	}
	if _, err := Screenshot(f.svc, translator(t, "ru"), Options{}, fyne.NewSize(1366, 768), Shot{Client: 999}); err == nil {
		t.Error("a shot of a client that does not exist succeeded")
	}
}
