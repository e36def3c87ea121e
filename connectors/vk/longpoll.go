package vk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/SevereCloud/vksdk/v2/api"
)

// events is what this package asks the long poll for (groups.setLongPollSettings).
var events = []string{"message_new", "message_edit", "message_allow", "message_deny", "message_read"}

// lpServer is groups.getLongPollServer's answer.
type lpServer struct {
	Key    string     `json:"key"`
	Server string     `json:"server"`
	Ts     flexString `json:"ts"`
}

// lpAnswer is one long poll answer: events and the ts to ask next, or a failure code.
type lpAnswer struct {
	Ts      flexString        `json:"ts"`
	Failed  int               `json:"failed"`
	Updates []json.RawMessage `json:"updates"`
}

// flexString reads a JSON string or number as a string (VK sends ts either way).
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*f = flexString(n.String())
	return nil
}

// setupLongPoll turns the community's long poll on with the events this package reads,
// in API version 5.131.
func (c *client) setupLongPoll(ctx context.Context) error {
	p := api.Params{"group_id": c.groupID, "enabled": 1, "api_version": api.Version}
	for _, e := range events {
		p[e] = 1
	}
	var ok int
	return c.call(ctx, "groups.setLongPollSettings", p, &ok)
}

// longPollServer asks for a long poll server, key and current ts.
func (c *client) longPollServer(ctx context.Context) (lpServer, error) {
	var s lpServer
	if err := c.call(ctx, "groups.getLongPollServer", api.Params{"group_id": c.groupID}, &s); err != nil {
		return s, err
	}
	if s.Key == "" || s.Server == "" || s.Ts == "" {
		return s, errors.New("groups.getLongPollServer: answer without key, server or ts")
	}
	if !strings.Contains(s.Server, "://") {
		s.Server = "https://" + s.Server
	}
	return s, nil
}

// check is one long poll request: events from ts on, waiting up to wait for news.
func (c *client) check(ctx context.Context, srv lpServer, ts string, wait time.Duration) (lpAnswer, error) {
	ctx, cancel := context.WithTimeout(ctx, wait+30*time.Second)
	defer cancel()
	u, err := url.Parse(srv.Server)
	if err != nil {
		return lpAnswer{}, errors.New("long poll: bad server address")
	}
	q := u.Query()
	q.Set("act", "a_check")
	q.Set("key", srv.Key)
	q.Set("ts", ts)
	q.Set("wait", strconv.Itoa(int(wait/time.Second)))
	u.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return lpAnswer{}, errors.New("long poll: bad server address")
	}
	resp, err := c.transfer.Do(req)
	if err != nil {
		return lpAnswer{}, fmt.Errorf("long poll: %w", c.redact(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return lpAnswer{}, fmt.Errorf("long poll: %w", c.redact(err))
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if resp.StatusCode != http.StatusOK || (mt != "application/json" && !looksLikeJSON(body)) {
		return lpAnswer{}, &statusError{Code: resp.StatusCode, What: "long poll"}
	}
	var a lpAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		return lpAnswer{}, fmt.Errorf("long poll: decode answer: %w", err)
	}
	if a.Failed == 0 && a.Ts == "" {
		return lpAnswer{}, errors.New("long poll: answer without ts")
	}
	return a, nil
}

// looksLikeJSON accepts a long poll answer served as text/javascript or without a
// type, as VK's long poll servers have done.
func looksLikeJSON(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && b[0] == '{'
}
