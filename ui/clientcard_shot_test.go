package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"salonchat/inbox"
)

// TestCard_Screenshot writes the client card, viewed and in edit mode with a wrong phone,
// to $SALONCHAT_SHOTS at the card's own size. Skipped otherwise.
func TestCard_Screenshot(t *testing.T) {
	dir := os.Getenv("SALONCHAT_SHOTS")
	if testing.Short() || dir == "" {
		t.Skip("set SALONCHAT_SHOTS to a folder to write screenshots")
	}
	f := newPanelFixture(t)
	id := mariaID(t, f)
	_, err := f.svc.SaveTask(inbox.Task{Client: id, Text: "Перезвонить про окрашивание", Operator: f.anna.ID, Due: t0.AddDate(0, 0, 2)})
	must(t, err)
	c := openTestCard(t, f, id)
	shot := func(name string) {
		out, err := os.Create(filepath.Join(dir, name+".png"))
		must(t, err)
		defer out.Close()
		must(t, png.Encode(out, c.win.Canvas().Capture()))
	}
	shot("card_view")
	c.scroll.ScrollToBottom()
	shot("card_view_bottom")
	test.Tap(c.visitForm.open)
	c.visitForm.at.SetText("25:00")
	test.Tap(c.visitForm.save)
	shot("card_visit_form")
	test.Tap(c.editBtn)
	c.edit.addPhone("12ab")
	c.edit.entries[inbox.FieldEmail].SetText("maria@mail")
	test.Tap(c.edit.save)
	shot("card_edit_error")

	l := f.ui.openClients()
	out, err := os.Create(filepath.Join(dir, "clients_list.png"))
	must(t, err)
	defer out.Close()
	must(t, png.Encode(out, l.win.Canvas().Capture()))
}
