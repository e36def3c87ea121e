package vk

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/SevereCloud/vksdk/v2/api"

	"salonchat/connectors/internal/httpx"
	"salonchat/inbox"
)

// apiTimeout bounds one API call (uploads and long polls have their own bounds).
const apiTimeout = time.Minute

// tokenPattern is the shape of a community access key: the old 85 hex characters or the
// newer "vk1.a.…" form. Checking it keeps a pasted text with spaces out of the header.
var tokenPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{20,}$`)

// client is the account's VK connection: the SDK for API methods, plain HTTP for the
// long poll, uploads and downloads.
type client struct {
	token   string
	groupID int
	baseURL string   // ends with "/method/"
	custom  bool     // api_url is set
	proxy   *url.URL // nil without a proxy setting
	vk      *api.VK
	// transfer carries long polls, uploads and downloads; it has no overall timeout
	// (each request bounds itself with its context).
	transfer *http.Client
}

func newClient(acc inbox.Account, opts Options) (*client, error) {
	token := strings.TrimSpace(acc.Settings[SettingToken])
	switch {
	case token == "":
		return nil, inbox.Errorf(inbox.CodeInvalid, "vk.token_missing", nil)
	case !tokenPattern.MatchString(token):
		return nil, inbox.Errorf(inbox.CodeInvalid, "vk.token_invalid", nil)
	}
	group, err := ParseGroup(acc.Settings[SettingGroup])
	if err != nil {
		return nil, err
	}
	base, custom, err := parseAPIURL(acc.Settings[SettingAPIURL])
	if err != nil {
		return nil, err
	}
	proxy, err := parseProxy(acc.Settings[SettingProxy])
	if err != nil {
		return nil, err
	}
	apiClient, transfer := opts.HTTPClient, opts.HTTPClient
	if opts.HTTPClient == nil {
		t := newTransport(proxy)
		apiClient = &http.Client{Transport: t, Timeout: apiTimeout}
		transfer = &http.Client{Transport: t}
	}
	vk := api.NewVK(token)
	vk.MethodURL = base
	vk.Client = apiClient
	vk.UserAgent = "SalonChat"
	return &client{token: token, groupID: group, baseURL: base, custom: custom, proxy: proxy, vk: vk, transfer: transfer}, nil
}

// ParseGroup reads the group setting: a community id as VK writes it in different
// places — 229000001, -229000001, club229000001, public229000001, event229000001 — or the
// community's address with such a name (https://vk.com/club229000001). A short name
// (vk.com/salon_lotos) cannot be read without asking VK. A bad setting is an
// *inbox.Error with the key vk.group_missing or vk.group_invalid.
func ParseGroup(raw string) (int, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return 0, inbox.Errorf(inbox.CodeInvalid, "vk.group_missing", nil)
	}
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		s = strings.Trim(u.Path, "/")
	} else if i := strings.LastIndex(s, "/"); i >= 0 {
		s = s[i+1:] // vk.com/club123 without a scheme
	}
	s = strings.TrimPrefix(s, "-")
	for _, p := range []string{"club", "public", "event"} {
		s = strings.TrimPrefix(s, p)
	}
	id, err := strconv.Atoi(s)
	if err != nil || id <= 0 {
		return 0, &inbox.Error{Code: inbox.CodeInvalid, Key: "vk.group_invalid",
			Err: fmt.Errorf("group %q: want a community id such as 229000001", raw)}
	}
	return id, nil
}

// parseAPIURL checks the api_url setting; empty means DefaultAPIURL. "https://host" and
// "https://host/method/" mean the same.
func parseAPIURL(raw string) (base string, custom bool, err error) {
	u, err := httpx.ParseAPIURL(raw, "vk.api_url_invalid", "http(s)://host[/method/]")
	switch {
	case err != nil:
		return "", false, err
	case u == nil:
		return DefaultAPIURL, false, nil
	}
	p := strings.TrimRight(u.Path, "/")
	if !strings.HasSuffix(p, "/method") {
		p += "/method"
	}
	u.Path = p + "/"
	return u.String(), true, nil
}

// parseProxy checks a proxy setting with the rules every network shares, naming the
// error for VK.
func parseProxy(raw string) (*url.URL, error) { return httpx.ParseProxy(raw, "vk.proxy_invalid") }

// newTransport dials VK directly or through the proxy (see httpx.NewTransport), with
// timeouts on every step that is not the answer's body.
func newTransport(proxy *url.URL) *http.Transport {
	t := httpx.NewTransport(proxy)
	t.DialContext = (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	// A long poll answers within its wait (at most 90 s); an upload's answer comes once
	// the file is sent.
	t.ResponseHeaderTimeout = 2 * time.Minute
	return t
}

// statusError is an HTTP answer that is not what VK's servers give: a gateway's error
// page, or a page from something that is not VK.
type statusError struct {
	Code int
	What string // "long poll", "upload", "download"
}

func (e *statusError) Error() string { return fmt.Sprintf("%s: HTTP %d", e.What, e.Code) }

// call runs an API method with the connector's context and timeout and decodes its
// response into dest.
func (c *client) call(ctx context.Context, method string, params api.Params, dest any) error {
	ctx, cancel := context.WithTimeout(ctx, apiTimeout)
	defer cancel()
	p := api.Params{}
	for k, v := range params {
		p[k] = v
	}
	if err := c.vk.RequestUnmarshal(method, dest, p.WithContext(ctx)); err != nil {
		return fmt.Errorf("%s: %w", method, c.redact(err))
	}
	return nil
}

// redact takes secrets out of a transport error's URL: the long poll key is in its
// query, VK's file links carry access hashes.
func (c *client) redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil {
			u.RawQuery, u.User = "", nil
			ue.URL = u.String()
		} else {
			ue.URL = "(address hidden)"
		}
	}
	return err
}

// scrub removes the token from a text bound for a log or a health detail.
func (c *client) scrub(s string) string { return httpx.Scrub(s, c.token) }

// logValue is an error as text safe to log.
func (c *client) logValue(err error) slog.Value { return httpx.LogValue(err, c.token) }
