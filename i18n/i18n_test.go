package i18n

import (
	"errors"
	"testing"
	"testing/fstest"

	"salonchat/inbox"
)

var testFS = fstest.MapFS{
	"base.ru.json": {Data: []byte(`{"hello": "Привет, {{.Name}}", "error.internal": "Внутренняя ошибка",
		"send.empty": "Пустое сообщение", "dialogs": {"one": "{{.Count}} диалог", "few": "{{.Count}} диалога", "many": "{{.Count}} диалогов", "other": "{{.Count}} диалога"}}`)},
	"base.en.json": {Data: []byte(`{"hello": "Hello, {{.Name}}", "dialogs": {"one": "{{.Count}} dialog", "other": "{{.Count}} dialogs"}}`)},
}

func TestTranslator(t *testing.T) {
	ru, err := New(testFS, "ru_RU.UTF-8")
	if err != nil {
		t.Fatal(err)
	}
	en, err := New(testFS, "en_US")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ got, want string }{
		{ru.T("hello", map[string]any{"Name": "Анна"}), "Привет, Анна"},
		{en.T("hello", map[string]any{"Name": "Anna"}), "Hello, Anna"},
		{ru.N("dialogs", 1), "1 диалог"},
		{ru.N("dialogs", 3), "3 диалога"},
		{ru.N("dialogs", 5), "5 диалогов"},
		{ru.N("dialogs", 21), "21 диалог"},
		{en.N("dialogs", 2), "2 dialogs"},
		{ru.T("no.such.key"), "no.such.key"},
		{ru.Err(inbox.Errorf(inbox.CodeInvalid, "send.empty", nil)), "Пустое сообщение"},
		{ru.Err(errors.New("disk on fire")), "Внутренняя ошибка"},
		{en.T("send.empty"), "Пустое сообщение"}, // falls back to Russian
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: got %q; want %q", i, c.got, c.want)
		}
	}
	if !en.Has("hello") || en.Has("send.empty") {
		t.Error("Has does not tell translated keys from fallbacks")
	}
}
