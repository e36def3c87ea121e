package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"salonchat/inbox"
)

// fakeChecker answers the WhatsApp number check from a table.
type fakeChecker struct {
	on    map[string]bool
	asked []string
}

func (c *fakeChecker) IsOnNetwork(_ context.Context, phone string) (bool, error) {
	c.asked = append(c.asked, phone)
	return c.on[phone], nil
}

// A new WhatsApp conversation starts only after WhatsApp confirmed the number.
func TestWriteChecksNumberBeforeNewWhatsAppChat(t *testing.T) {
	f := newFixture(t)
	checker := &fakeChecker{on: map[string]bool{"79261112233": true}}
	f.ui.opts.NumberChecker = func(id inbox.AccountID) (inbox.NumberChecker, bool) { return checker, id == f.wa.ID }
	cases := []struct {
		phone string
		sent  bool
	}{
		{"+7 926 555-44-33", false},
		{"+7 926 111-22-33", true},
	}
	for _, c := range cases {
		cl, err := f.svc.SaveClient(f.anna.ID, inbox.Client{Name: "Клиентка " + c.phone, Phones: []string{c.phone}})
		must(t, err)
		w := f.ui.openWrite(writeTarget{Client: cl.ID})
		if txt := overlayText(f.ui); !strings.Contains(txt, "сначала проверим") {
			t.Errorf("%s: no note that the number is checked first:\n%s", c.phone, txt)
		}
		w.comp.entry.SetText("Здравствуйте!")
		w.comp.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		cd, err := f.svc.ClientDetails(cl.ID)
		must(t, err)
		if sent := len(cd.Chats) == 1; sent != c.sent {
			t.Errorf("%s: chat started %v; want %v", c.phone, sent, c.sent)
		}
		if !c.sent && !strings.Contains(overlayText(f.ui), "нет в WhatsApp") {
			t.Errorf("%s: the window does not say the number is not on WhatsApp:\n%s", c.phone, overlayText(f.ui))
		}
		if !c.sent {
			w.close()
		}
	}
	if len(checker.asked) != 2 {
		t.Errorf("numbers checked %v; want each once", checker.asked)
	}
}
