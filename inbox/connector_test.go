package inbox_test

import (
	"testing"

	"salonchat/inbox"
)

func TestService_Send_Limits(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		limited := inbox.NewService(e.store, inbox.WithClock(e.clock), inbox.WithLimits(func(a inbox.Account) inbox.Limits {
			return inbox.Limits{FileSize: 50 << 20, ImageSize: 10 << 20}
		}))
		r := e.receive("1", "Пришлите фото работ")
		cases := []struct {
			name string
			att  inbox.Attachment
			key  string
		}{
			{"photo over 10 MB", inbox.Attachment{Kind: inbox.AttachImage, Name: "ногти.jpg", Size: 11 << 20}, "send.file_too_large"},
			{"file over 50 MB", inbox.Attachment{Kind: inbox.AttachFile, Name: "прайс.pdf", Size: 51 << 20}, "send.file_too_large"},
			{"photo within", inbox.Attachment{Kind: inbox.AttachImage, Name: "маникюр.jpg", Size: 9 << 20}, ""},
		}
		for _, c := range cases {
			_, err := limited.Send(e.anna.ID, inbox.Outgoing{Chat: r.Chat, Attachments: []inbox.Attachment{c.att}})
			key, args := "", map[string]any(nil)
			if err != nil {
				key, args = inbox.ErrorKey(err)
			}
			if key != c.key {
				t.Errorf("%s: error %v; want key %q", c.name, err, c.key)
			}
			if c.key != "" && args["Name"] != c.att.Name {
				t.Errorf("%s: error args %v do not name the file", c.name, args)
			}
		}
	})
}

func TestService_Receipt(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		r := e.receive("1", "?")
		m := e.send(e.anna, r.Chat, "Ответ")
		_, err := e.svc.UpdateDelivery(m.ID, inbox.Delivery{State: inbox.Sent, ExternalID: "900"})
		e.must(err)
		e.must(e.svc.Receipt(e.tg.ID, "1", "900", inbox.Delivered))
		e.must(e.svc.Receipt(e.tg.ID, "1", "unknown", inbox.Read))
		e.must(e.svc.Receipt(e.tg.ID, "nobody", "900", inbox.Read))
		got, err := e.svc.Message(m.ID)
		e.must(err)
		if got.Delivery.State != inbox.Delivered {
			t.Errorf("after receipt: %v; want delivered", got.Delivery.State)
		}
		out, err := e.svc.Outbound(m.ID)
		e.must(err)
		if out.Chat.ID != r.Chat || out.Account.ID != e.tg.ID || out.Message.Text != "Ответ" {
			t.Errorf("Outbound = %+v", out)
		}
	})
}

func TestService_UpdateAccount_NewSettingsClearTheBadge(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		broken := inbox.Health{State: inbox.HealthError, Reason: "health.token_invalid"}
		e.must(e.svc.SetHealth(e.tg.ID, broken))
		acc := e.tg
		acc.Title = "Новое имя"
		e.must(e.svc.UpdateAccount(acc))
		if as, _ := e.svc.Accounts(); !as[0].Health.Broken() {
			t.Error("a rename cleared the '!' though nothing was fixed")
		}
		acc.Settings = map[string]string{"token": "новый"}
		e.must(e.svc.UpdateAccount(acc))
		if as, _ := e.svc.Accounts(); as[0].Health.State != inbox.HealthConnecting {
			t.Errorf("after new settings health = %+v; want connecting", as[0].Health)
		}
	})
}

func TestService_NoteConsent(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		// A new subscriber who never wrote: a chat with an open dialog to greet them.
		e.must(e.svc.NoteConsent(e.tg.ID, "500", true, "ev-1", e.clock.Now()))
		e.must(e.svc.NoteConsent(e.tg.ID, "500", true, "ev-1", e.clock.Now())) // redelivered
		var chat inbox.Chat
		e.must(e.store.View(func(tx inbox.ReadTx) error {
			c, ok, err := tx.ChatByPeer(e.tg.ID, "500")
			if !ok {
				t.Fatal("no chat for the new subscriber")
			}
			chat = c
			return err
		}))
		if got := e.systemKinds(chat.ID); len(got) != 1 || got[0] != inbox.SysMessagesAllowed {
			t.Fatalf("notes %v; want one 'allowed'", got)
		}
		if d := e.dialog(chat.Dialog); d.Status != inbox.DialogOpen || d.Awaiting {
			t.Errorf("dialog after permission %+v; want open, not awaiting", d)
		}
		// A refusal after the dialog was closed goes into a new closed dialog.
		e.must(e.svc.CloseDialog(e.anna.ID, chat.Dialog))
		first := chat.Dialog
		e.must(e.svc.NoteConsent(e.tg.ID, "500", false, "ev-2", e.clock.Now()))
		c, _ := e.svc.Chat(chat.ID)
		if d := e.dialog(c.Dialog); c.Dialog == first || d.Status != inbox.DialogClosed {
			t.Errorf("refusal noted in dialog %d %+v; want a new closed dialog", c.Dialog, d)
		}
		if got := e.systemKinds(chat.ID); len(got) != 3 || got[2] != inbox.SysMessagesDenied {
			t.Errorf("notes %v; want allowed, closed, denied", got)
		}
	})
}
