package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"salonchat/attach"
	"salonchat/inbox"
)

var fyneKeyReturn = fyne.KeyEvent{Name: fyne.KeyReturn}

func TestComposer_EnterSends(t *testing.T) {
	for _, key := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter} {
		t.Run(string(key), func(t *testing.T) {
			s := newDialogSalon(t)
			s.open(s.unanswer.Dialog)
			e := s.d.composer.entry
			test.Type(e, "Да, в субботу в 12:00 свободно")
			e.TypedKey(&fyne.KeyEvent{Name: key})
			s.pump()
			if e.Text != "" {
				t.Errorf("entry keeps %q after sending", e.Text)
			}
			ms := s.messages(s.unanswer.Chat)
			last := ms[len(ms)-1]
			if last.Direction != inbox.DirOutbound || last.Text != "Да, в субботу в 12:00 свободно" || last.Delivery.State != inbox.Queued {
				t.Fatalf("last message %+v; want the text queued", last)
			}
			texts := s.itemTexts()
			if !hasLine(texts, "Диалог взят в работу: Анна Петрова") || !hasLine(texts, "Да, в субботу в 12:00 свободно | ⏱ в очереди") {
				t.Errorf("timeline %q; want the auto-assign note and the queued message", texts)
			}
			if got := s.d.header.operator.sel.Selected; got != "Анна Петрова" {
				t.Errorf("operator selector = %q after the first reply; want Анна Петрова", got)
			}
			if !s.d.timeline.atBottom() {
				t.Error("the timeline does not follow the operator's own message")
			}
		})
	}
}

func TestComposer_ShiftEnterNewLine(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.unanswer.Dialog)
	e := s.d.composer.entry
	test.Type(e, "Первая строка")
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	e.TypedKey(&fyneKeyReturn)
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	test.Type(e, "вторая")
	if e.Text != "Первая строка\nвторая" {
		t.Errorf("text = %q; want two lines", e.Text)
	}
	if n := len(s.messages(s.unanswer.Chat)); n != 2 {
		t.Errorf("Shift+Enter sent something: %d messages", n)
	}
}

func TestComposer_EmptyRefused(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.unanswer.Dialog)
	s.d.composer.entry.TypedKey(&fyneKeyReturn)
	if c := s.d.composer; !c.warn.Visible() || !strings.Contains(c.warn.Text, "Напишите текст") {
		t.Errorf("an empty send shows %q; want the reason above the text", c.warn.Text)
	}
}

func TestComposer_TemplateFilled(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.unanswer.Dialog)
	c := s.d.composer
	test.Type(c.entry, "Здравствуйте! ")
	c.showTemplates()
	if !strings.Contains(s.overlayTexts(), "Напоминание о визите") {
		t.Fatalf("the template popup shows %q", s.overlayTexts())
	}
	c.tpl.list.Select(0)
	visit := localTime(t0.Add(26 * 3600e9))
	want := "Здравствуйте! Мария, ждём вас " + visit.Format("02.01.2006") + " в " + visit.Format("15:04") + ". Лотос"
	if c.entry.Text != want {
		t.Errorf("entry = %q; want %q", c.entry.Text, want)
	}
	if c.warn.Visible() {
		t.Errorf("a fully filled template warns %q", c.warn.Text)
	}
	c.entry.TypedKey(&fyneKeyReturn)
	ms := s.messages(s.unanswer.Chat)
	if got := ms[len(ms)-1].Text; got != strings.TrimSpace(want) {
		t.Errorf("sent %q; want the filled text", got)
	}
}

func TestComposer_TemplateFieldUnfilled(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.answered.Dialog) // Игорь: no client, no visit
	c := s.d.composer
	c.showTemplates()
	c.tpl.list.Select(0)
	if !strings.HasPrefix(c.entry.Text, "{Клиент.Имя}, ждём вас {Визит.Дата}") {
		t.Fatalf("entry = %q; want the unfilled fields left as written", c.entry.Text)
	}
	for _, want := range []string{"нечем заполнить {Клиент.Имя}", "Нет предстоящего визита для {Визит.Дата}", "{Визит.Время}"} {
		if !c.warn.Visible() || !strings.Contains(c.warn.Text, want) {
			t.Errorf("warning %q lacks %q", c.warn.Text, want)
		}
	}
	before := len(s.messages(s.answered.Chat))
	c.entry.TypedKey(&fyneKeyReturn)
	if n := len(s.messages(s.answered.Chat)); n != before {
		t.Fatal("a text with unfilled fields was sent")
	}
	if !strings.Contains(c.warn.Text, "незаполненное поле Клиент.Имя") {
		t.Errorf("refused send shows %q; want the Service's reason", c.warn.Text)
	}
	c.entry.SetText("Скидка {Клиент.Скидка}")
	if !strings.Contains(c.warn.Text, "Неизвестное поле {Клиент.Скидка}") {
		t.Errorf("unknown field warning = %q", c.warn.Text)
	}
	c.entry.SetText("Спасибо!")
	if c.warn.Visible() {
		t.Errorf("the warning stays (%q) after the fields are gone", c.warn.Text)
	}
}

func TestComposer_FillTypedFields(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.unanswer.Dialog)
	c := s.d.composer
	c.entry.SetText("{Клиент.Имя}, до встречи!")
	if !c.fill.Visible() {
		t.Fatal("a typed field with a value offers no Заполнить")
	}
	test.Tap(c.fill)
	if c.entry.Text != "Мария, до встречи!" || c.warn.Visible() {
		t.Errorf("after Заполнить: %q, warning %q", c.entry.Text, c.warn.Text)
	}
}

func TestComposer_EmojiPickerInsertsAtCursor(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.unanswer.Dialog)
	c := s.d.composer
	test.Type(c.entry, "Привет мир")
	c.entry.CursorColumn = len([]rune("Привет"))
	c.showEmojiPicker()
	p := c.picker
	test.Type(p.search, "smile")
	i := indexOf(p.shown, "😄")
	if i < 0 {
		t.Fatalf("searching \"smile\" shows %q; want 😄 among them", p.shown)
	}
	p.grid.OnSelected(i)
	if c.entry.Text != "Привет😄 мир" {
		t.Errorf("entry = %q; want the emoji at the cursor", c.entry.Text)
	}
	p.pop.Hide()
	c.showEmojiPicker()
	if got := c.picker.shown[0]; got != "😄" {
		t.Errorf("first emoji on reopening = %q; want the recent 😄", got)
	}
}

func TestComposer_EmojiCodes(t *testing.T) {
	cases := []struct{ typed, want string }{
		{"Спасибо :smile:", "Спасибо 😄"},
		{":heart: до встречи", "❤️ до встречи"},
		{"в 10:30: удобно", "в 10:30: удобно"},
		{"код :no_such_code:", "код :no_such_code:"},
	}
	for _, tc := range cases {
		t.Run(tc.typed, func(t *testing.T) {
			s := newDialogSalon(t)
			s.open(s.unanswer.Dialog)
			e := s.d.composer.entry
			test.Type(e, tc.typed)
			if e.Text != tc.want {
				t.Errorf("typing %q gives %q; want %q", tc.typed, e.Text, tc.want)
			}
		})
	}
}

func TestComposer_AttachOverLimit(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.answered.Dialog) // Telegram: files up to 50 MB
	c := s.d.composer
	c.addFile(sparseFile(t, "запись.mp4", 60<<20))
	if len(c.files) != 0 {
		t.Fatal("a 60 MB file was accepted for Telegram")
	}
	for _, want := range []string{"запись.mp4", "60 МБ", "Telegram", "50 МБ"} {
		if !strings.Contains(c.warn.Text, want) {
			t.Errorf("refusal %q does not name %q", c.warn.Text, want)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(s.ui.opts.DataDir, attach.OutboxDir))
	if len(entries) != 0 {
		t.Errorf("a refused file was copied: %v", entries)
	}
}

func TestComposer_AttachAndSend(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.answered.Dialog)
	c := s.d.composer
	c.addFile(sparseFile(t, "прайс 2026.pdf", 1500))
	c.addFile(sparseFile(t, "большое фото.jpg", 12<<20)) // over Telegram's photo limit: goes as a file
	c.addFile(sparseFile(t, "лишнее.txt", 10))
	if len(c.chips.Objects) != 3 {
		t.Fatalf("%d chips; want 3", len(c.chips.Objects))
	}
	removed := c.files[2].full
	c.removeFile(2)
	if _, err := os.Stat(removed); !os.IsNotExist(err) || len(c.chips.Objects) != 2 {
		t.Fatal("removing a chip keeps the file or the chip")
	}
	c.entry.TypedKey(&fyneKeyReturn)
	ms := s.messages(s.answered.Chat)
	got := ms[len(ms)-1].Attachments
	if len(got) != 2 || got[0].Name != "прайс 2026.pdf" || got[1].Kind != inbox.AttachFile || got[1].Size != 12<<20 {
		t.Fatalf("sent attachments %+v", got)
	}
	for _, a := range got {
		if !strings.HasPrefix(a.Path, "outbox/") || strings.ContainsAny(strings.TrimPrefix(a.Path, "outbox/"), " /\\") {
			t.Errorf("path %q is not a sanitised name in the outbox", a.Path)
		}
		if _, err := os.Stat(filepath.Join(s.ui.opts.DataDir, filepath.FromSlash(a.Path))); err != nil {
			t.Errorf("attachment not in the outbox: %v", err)
		}
	}
	if len(c.files) != 0 || len(c.chips.Objects) != 0 {
		t.Error("chips stay after sending")
	}
}

func TestComposer_DraftPerChat(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.unanswer.Dialog)
	test.Type(s.d.composer.entry, "Черновик для Марии")
	s.open(s.answered.Dialog)
	if s.d.composer.entry.Text != "" {
		t.Errorf("another chat shows the draft %q", s.d.composer.entry.Text)
	}
	s.open(s.unanswer.Dialog)
	if got := s.d.composer.entry.Text; got != "Черновик для Марии" {
		t.Errorf("draft = %q after coming back", got)
	}
}

func TestUploadLimit(t *testing.T) {
	const mb = 1 << 20
	cases := []struct {
		net  inbox.Network
		kind inbox.AttachmentKind
		want int64
	}{
		{inbox.Telegram, inbox.AttachImage, 10 * mb},
		{inbox.Telegram, inbox.AttachFile, 50 * mb},
		{inbox.WhatsApp, inbox.AttachImage, 16 * mb},
		{inbox.WhatsApp, inbox.AttachVideo, 100 * mb},
		{inbox.VK, inbox.AttachFile, 200 * mb},
	}
	for _, c := range cases {
		if got := uploadLimit(c.net, c.kind); got != c.want {
			t.Errorf("uploadLimit(%s, %s) = %d; want %d", c.net, c.kind, got, c.want)
		}
	}
}

// sparseFile makes a file of the given size without writing its bytes.
func sparseFile(t *testing.T, name string, size int64) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	f, err := os.Create(p)
	must(t, err)
	must(t, f.Truncate(size))
	must(t, f.Close())
	return p
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

func TestComposer_DroppedFiles(t *testing.T) {
	s := newDialogSalon(t)
	c := s.d.composer
	p := sparseFile(t, "схема проезда.png", 2048)
	c.onDropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(p)})
	if len(c.files) != 0 {
		t.Fatal("a file dropped with no dialog open was attached")
	}
	s.open(s.unanswer.Dialog)
	c.onDropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(p)})
	if len(c.files) != 1 || c.files[0].att.Kind != inbox.AttachImage || c.files[0].att.Name != "схема проезда.png" {
		t.Errorf("dropped file attached as %+v", c.files)
	}
}
