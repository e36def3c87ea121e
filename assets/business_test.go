package assets

import (
	"io/fs"
	"strings"
	"testing"

	"salonchat/i18n"
	"salonchat/inbox"
)

// TestTranslations_Business renders the Telegram Business texts as the composer shows
// them (with the refusal's arguments) and as a failed message shows its reason (the key
// alone): neither may leak a template placeholder.
func TestTranslations_Business(t *testing.T) {
	sub, err := fs.Sub(Translations, TranslationsDir)
	if err != nil {
		t.Fatal(err)
	}
	ru, err := i18n.New(sub, "ru")
	if err != nil {
		t.Fatal(err)
	}
	window := map[string]any{"Account": "@lotos_salon", "Hours": 24, "Date": "23.11", "Time": "14:05"}
	cases := []struct {
		key  string
		args map[string]any
		want []string
	}{
		{"send.reply_window_closed", window, []string{"24 ч", "(последнее — 23.11 в 14:05)", "с телефона салона (@lotos_salon)"}},
		{"send.reply_window_closed", nil, []string{"24 ч после последнего сообщения клиента. Напишите"}},
		{"send.connection_disabled", map[string]any{"Account": "@lotos_salon"}, []string{"Telegram @lotos_salon отключил", "Чат-боты"}},
		{"send.connection_no_reply", nil, []string{"в Telegram не разрешил", "«Отвечать на сообщения»"}},
		{"connection.disabled", nil, []string{"Настройки → Telegram для бизнеса → Чат-боты"}},
		{"connection.no_reply_rights", nil, []string{"«Отвечать на сообщения»"}},
		{inbox.KeyAuthorElsewhere, map[string]any{"Network": "Telegram"}, []string{"в Telegram, не из SalonChat"}},
		{inbox.KeyDeletedOnNetwork, map[string]any{"Network": "Telegram"}, []string{"удалено в Telegram"}},
		{inbox.KeyDeletedOnNetwork, nil, []string{"удалено в мессенджере"}},
	}
	for _, c := range cases {
		got := ru.T(c.key, c.args)
		if strings.Contains(got, "<no value>") || strings.Contains(got, "{{") {
			t.Errorf("T(%q, %v) = %q: a placeholder leaks", c.key, c.args, got)
		}
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("T(%q, %v) = %q; want it to contain %q", c.key, c.args, got, w)
			}
		}
	}
}
