package ui

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

func TestTimeline_OlderPagesOnScrollUp(t *testing.T) {
	s := newDialogSalon(t)
	for i := 1; i <= 2*tlPage+20; i++ {
		s.receive(inbox.Inbound{Account: s.tg.ID, Peer: "5551", Text: fmt.Sprintf("сообщение %d", i)})
	}
	s.open(s.answered.Dialog)
	tl := s.d.timeline
	total := len(s.messages(s.answered.Chat))
	if len(tl.msgs) != tlPage || !tl.more {
		t.Fatalf("opened with %d messages (more %v); want the newest page", len(tl.msgs), tl.more)
	}
	if !tl.atBottom() {
		t.Error("a dialog opens scrolled to the bottom")
	}
	s.runLater()
	if len(tl.msgs) != tlPage {
		t.Fatal("older messages loaded without scrolling up")
	}

	for page := 2; tl.more; page++ {
		first := tl.msgs[0].ID
		tl.list.ScrollToTop()
		seen := tl.offsetOf(first) - tl.list.GetScrollOffset()
		s.runLater()
		if want := min(page*tlPage, total); len(tl.msgs) != want {
			t.Fatalf("after scrolling up: %d messages; want %d", len(tl.msgs), want)
		}
		// The message that was at the top stays where the operator saw it.
		if d := tl.offsetOf(first) - tl.list.GetScrollOffset() - seen; d < -1 || d > 1 {
			t.Errorf("page %d: the former first message moved %.0f px from the top", page, d)
		}
	}
	if len(tl.msgs) != total || tl.msgs[0].ID != s.messages(s.answered.Chat)[0].ID {
		t.Errorf("loaded %d of %d messages", len(tl.msgs), total)
	}
}

func TestTimeline_NewMessageFollowsBottom(t *testing.T) {
	s := newDialogSalon(t)
	for i := 0; i < 30; i++ {
		s.receive(inbox.Inbound{Account: s.tg.ID, Peer: "5551", Text: "строка"})
	}
	s.open(s.answered.Dialog)
	tl := s.d.timeline
	s.receive(inbox.Inbound{Account: s.tg.ID, Peer: "5551", Text: "новое"})
	s.pump()
	if !tl.atBottom() {
		t.Error("a new message while at the bottom should scroll into view")
	}
	tl.list.ScrollToTop()
	s.runLater()
	s.receive(inbox.Inbound{Account: s.tg.ID, Peer: "5551", Text: "ещё новое"})
	s.pump()
	if tl.atBottom() {
		t.Error("a new message pulled the operator away from older messages")
	}
	if got := tl.msgs[len(tl.msgs)-1].Text; got != "ещё новое" {
		t.Errorf("last message %q; want the new one appended", got)
	}
}

func TestTimeline_DaysAndSides(t *testing.T) {
	s := newDialogSalon(t)
	s.clock.Advance(24 * time.Hour)
	s.receive(inbox.Inbound{Account: s.tg.ID, Peer: "5551", Text: "Добрый день, это снова я"})
	s.open(s.answered.Dialog)
	texts := s.itemTexts()
	if !hasLine(texts, "Вчера") || !hasLine(texts, "Сегодня") {
		t.Errorf("items %q; want separators Вчера and Сегодня", texts)
	}
	r := newTimelineRow(s.d.timeline)
	r.Resize(fyne.NewSize(600, 100))
	for _, it := range s.d.timeline.items {
		if it.kind != tlMessage {
			continue
		}
		r.set(it)
		x := r.bubble.box.Position().X
		if left := x < 100; left != (it.msg.Direction == inbox.DirInbound) {
			t.Errorf("%q drawn at x=%.0f; want the client's on the left, the salon's on the right", it.msg.Text, x)
		}
	}
}

func TestTimeline_DayTitles(t *testing.T) {
	s := newDialogSalon(t)
	now := localTime(s.svc.Now())
	cases := []struct {
		at   time.Time
		want string
	}{
		{now, "Сегодня"},
		{now.AddDate(0, 0, -1), "Вчера"},
		{time.Date(now.Year(), 3, 8, 12, 0, 0, 0, time.Local), "8 марта"},
		{time.Date(now.Year()-1, 12, 31, 12, 0, 0, 0, time.Local), fmt.Sprintf("31 декабря %d", now.Year()-1)},
	}
	for _, c := range cases {
		if got := s.d.dayTitle(c.at); got != c.want {
			t.Errorf("dayTitle(%v) = %q; want %q", c.at, got, c.want)
		}
	}
}

func TestTimeline_RetryFailed(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.answered.Dialog)
	ms := s.messages(s.answered.Chat)
	out := ms[len(ms)-1]
	_, err := s.svc.UpdateDelivery(out.ID, inbox.Delivery{State: inbox.Failed, Reason: "send.blocked"})
	must(t, err)
	s.pump()
	shown := s.timelineTexts()
	for _, want := range []string{"⚠ не отправлено", "Клиент запретил сообщения", "Повторить"} {
		if !strings.Contains(shown, want) {
			t.Errorf("failed message shows %q; want %q", shown, want)
		}
	}
	retry := s.timelineButton("Повторить")
	if retry == nil {
		t.Fatal("no Повторить button on screen")
	}
	test.Tap(retry)
	s.pump()
	m, err := s.svc.Message(out.ID)
	must(t, err)
	if m.Delivery.State != inbox.Queued {
		t.Fatalf("after Повторить the state is %v; want queued", m.Delivery.State)
	}
	if shown := s.timelineTexts(); !strings.Contains(shown, "⏱ в очереди") || strings.Contains(shown, "Повторить") {
		t.Errorf("after retrying the row shows %q", shown)
	}
}

func TestTimeline_DeliveryStates(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.answered.Dialog)
	ms := s.messages(s.answered.Chat)
	out := ms[len(ms)-1]
	for _, st := range []struct {
		state inbox.DeliveryState
		want  string
	}{{inbox.Sent, "✓ отправлено"}, {inbox.Delivered, "✓✓ доставлено"}, {inbox.Read, "✓✓ прочитано"}} {
		_, err := s.svc.UpdateDelivery(out.ID, inbox.Delivery{State: st.state})
		must(t, err)
		s.pump()
		if shown := s.timelineTexts(); !strings.Contains(shown, st.want) {
			t.Errorf("state %v shows %q; want %q", st.state, shown, st.want)
		}
	}
}

func TestTimeline_Revisions(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.unanswer.Dialog)
	s.receive(inbox.Inbound{Account: s.wa.ID, Peer: "79123456789@s.whatsapp.net", ExternalID: "x1@edit", EditOf: "x1",
		Text: "Здравствуйте! Можно записаться на маникюр в воскресенье?"})
	s.pump()
	shown := s.timelineTexts()
	if !strings.Contains(shown, "в воскресенье?") || !strings.Contains(shown, "изменено") {
		t.Fatalf("edited message shows %q; want the new text marked изменено", shown)
	}
	var edited *tapText
	walk(s.d.timeline.list, func(o fyne.CanvasObject) bool {
		if tt, ok := o.(*tapText); ok && tt.Visible() && tt.text.Text == "изменено" {
			edited = tt
		}
		return o.Visible()
	})
	test.Tap(edited)
	texts := s.overlayTexts()
	for _, want := range []string{"Как написано сначала", "в субботу?", "Правка 1", "в воскресенье?"} {
		if !strings.Contains(texts, want) {
			t.Errorf("revisions show %q; want %q", texts, want)
		}
	}
}

func TestTimeline_PlainTextOnly(t *testing.T) {
	s := newDialogSalon(t)
	text := "**жирный** ![](http://tracker.example/p.png) <b>тег</b>"
	s.receive(inbox.Inbound{Account: s.tg.ID, Peer: "5551", Text: text})
	s.open(s.answered.Dialog)
	if !strings.Contains(s.timelineTexts(), text) {
		t.Errorf("client text was not shown verbatim: %q", s.timelineTexts())
	}
}

func TestTimeline_Attachments(t *testing.T) {
	s := newDialogSalon(t)
	writePNG(t, filepath.Join(s.ui.opts.DataDir, "media", "photo.png"), 800, 400)
	must(t, os.WriteFile(filepath.Join(s.ui.opts.DataDir, "media", "price.pdf"), make([]byte, 2500), 0o600))
	s.receive(inbox.Inbound{Account: s.tg.ID, Peer: "5551", Attachments: []inbox.Attachment{
		{Kind: inbox.AttachImage, Name: "photo.png", Path: "media/photo.png"},
		{Kind: inbox.AttachFile, Name: "price.pdf", Size: 2500, Path: "media/price.pdf"},
		{Kind: inbox.AttachFile, Name: "later.doc", Size: 5 << 20},
		{Kind: inbox.AttachFile, Name: "escape.txt", Path: "../outside.txt"},
		{Kind: inbox.AttachLocation, Lat: 56.838924, Lon: 60.605703},
	}})
	s.open(s.answered.Dialog)
	shown := s.timelineTexts()
	for _, want := range []string{"price.pdf", "2 КБ", "Открыть", "Сохранить как…", "later.doc", "файл ещё не загружен", "📍 56.83892, 60.60570"} {
		if !strings.Contains(shown, want) {
			t.Errorf("attachments show %q; want %q", shown, want)
		}
	}
	var thumb *tapImage
	walk(s.d.timeline.list, func(o fyne.CanvasObject) bool {
		if ti, ok := o.(*tapImage); ok {
			thumb = ti
		}
		return o.Visible()
	})
	if thumb == nil {
		t.Fatal("no thumbnail for the picture")
	}
	if got := thumb.img.MinSize(); got.Width != thumbMax || got.Height != thumbMax/2 {
		t.Errorf("thumbnail %v; want %dx%d (fit in %d, proportions kept)", got, thumbMax, thumbMax/2, thumbMax)
	}
	windows := len(s.app.Driver().AllWindows())
	test.Tap(thumb)
	if got := len(s.app.Driver().AllWindows()); got != windows+1 {
		t.Errorf("tapping the thumbnail opened %d windows; want the picture in one", got-windows)
	}
	if strings.Count(shown, "файл ещё не загружен") != 2 {
		t.Errorf("a path outside the data folder should read as not downloaded: %q", shown)
	}
}

func TestTimeline_CopyMenu(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.unanswer.Dialog)
	var it tlItem
	for _, i := range s.d.timeline.items {
		if i.kind == tlMessage {
			it = i
		}
	}
	menu := s.d.timeline.contextMenu(it)
	menu.Items[0].Action()
	if got := s.app.Clipboard().Content(); got != "Здравствуйте! Можно записаться на маникюр в субботу?" {
		t.Errorf("Копировать put %q on the clipboard", got)
	}
}

func (s *dialogSalon) timelineButton(text string) (found *widget.Button) {
	walk(s.d.timeline.list, func(o fyne.CanvasObject) bool {
		if b, ok := o.(*widget.Button); ok && b.Visible() && b.Text == text {
			found = b
		}
		return o.Visible()
	})
	return found
}

func writePNG(t *testing.T, path string, w, h int) {
	t.Helper()
	must(t, os.MkdirAll(filepath.Dir(path), 0o700))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		img.Set(x, h/2, color.RGBA{R: 200, A: 255})
	}
	f, err := os.Create(path)
	must(t, err)
	defer f.Close()
	must(t, png.Encode(f, img))
}

func TestTimeline_ReloadKeepsPlace(t *testing.T) {
	s := newDialogSalon(t)
	for i := 0; i < 40; i++ {
		s.receive(inbox.Inbound{Account: s.tg.ID, Peer: "5551", Text: fmt.Sprintf("сообщение %d", i)})
	}
	s.open(s.answered.Dialog)
	tl := s.d.timeline
	tl.list.ScrollToOffset(200)
	must(t, s.svc.SetHealth(s.tg.ID, inbox.Health{State: inbox.HealthConnecting, Reason: "telegram.health.offline"}))
	s.pump() // an account event reloads the centre
	if got := tl.list.GetScrollOffset(); got != 200 {
		t.Errorf("scroll offset %.0f after a reload; want the place kept (200)", got)
	}
}

func TestTimeline_RevealEarlierDialog(t *testing.T) {
	s := newDialogSalon(t)
	for i := 0; i < 60; i++ {
		s.receive(inbox.Inbound{Account: s.tg.ID, Peer: "5551", Text: fmt.Sprintf("старый диалог %d", i)})
	}
	must(t, s.svc.CloseDialog(s.anna.ID, s.answered.Dialog))
	for i := 0; i < 80; i++ {
		s.receive(inbox.Inbound{Account: s.tg.ID, Peer: "5551", Text: fmt.Sprintf("новый диалог %d", i)})
	}
	s.open(s.answered.Dialog) // the closed one, as the client panel opens it
	tl := s.d.timeline
	if tl.msgs[0].Dialog != s.answered.Dialog || tl.msgs[0].ID != s.messages(s.answered.Chat)[0].ID {
		t.Fatalf("the earlier dialog's start was not loaded (first shown: %q)", tl.msgs[0].Text)
	}
	first := slices.IndexFunc(tl.items, func(it tlItem) bool { return it.kind != tlDay && it.msg.Dialog == s.answered.Dialog })
	if off := tl.list.GetScrollOffset(); off > tl.offsetAt(first)+1 {
		t.Errorf("scrolled to %.0f; want the dialog's start (%.0f) in view", off, tl.offsetAt(first))
	}
	if s.d.current() != s.answered.Dialog || !s.d.header.closeBtn.Disabled() {
		t.Error("the header should act on the dialog opened (closed), not the chat's current one")
	}
}
