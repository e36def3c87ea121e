package whatsapp

import (
	"context"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/types/events"

	"salonchat/inbox"
)

func TestIsOnNetwork(t *testing.T) {
	e := newEnv(t)
	_, _ = e.run()
	e.fake.emit(&events.Connected{})
	e.fake.setLoggedIn(true)
	e.fake.mu.Lock()
	e.fake.onWA = map[string]bool{"+79123456789": true}
	e.fake.mu.Unlock()

	cases := []struct {
		phone string
		want  bool
		key   string
	}{
		{"8 (912) 345-67-89", true, ""},
		{"+7 900 000-00-00", false, ""},
		{"8 912 34", false, "client.bad_phone"},
	}
	for _, c := range cases {
		got, err := e.c.IsOnNetwork(t.Context(), c.phone)
		key := ""
		if err != nil {
			key, _ = inbox.ErrorKey(err)
		}
		if got != c.want || key != c.key {
			t.Errorf("IsOnNetwork(%q) = %v, %v; want %v, key %q", c.phone, got, err, c.want, c.key)
		}
	}
}

func TestIsOnNetwork_Offline(t *testing.T) {
	e := newEnv(t)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err := e.c.IsOnNetwork(ctx, "+79123456789")
	if key, _ := inbox.ErrorKey(err); key != "whatsapp.check_offline" {
		t.Errorf("check while not connected: %v; want whatsapp.check_offline", err)
	}
}
