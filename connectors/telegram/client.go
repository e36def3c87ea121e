package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"salonchat/connectors/internal/httpx"
	"salonchat/inbox"
)

// allowedUpdates is passed with every getUpdates: Telegram remembers the list from the
// previous call, so leaving it out would keep whatever another program asked for. The
// business updates are Telegram Business (business.go).
var allowedUpdates = []string{"message", "edited_message",
	"business_connection", "business_message", "edited_business_message", "deleted_business_messages"}

// pollLimit is how many updates one getUpdates returns at most (the Bot API's maximum).
const pollLimit = 100

// tokenPattern is the shape of a bot token: "<bot id>:<secret>". Checking it keeps a
// pasted token with spaces or slashes out of the request path.
var tokenPattern = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]+$`)

// client is the account's Bot API connection: go-telegram/bot for the ordinary methods,
// and an own call for getUpdates (see the package comment).
type client struct {
	token   string
	botID   int64    // the bot's own user id: the token's part before the colon
	baseURL string   // without the trailing slash
	local   bool     // a Bot API server of the salon's own (api_url is set)
	proxy   *url.URL // nil without a proxy setting
	http    *http.Client
	doer    doer
	bot     *bot.Bot
}

func newClient(acc inbox.Account, opts Options) (*client, error) {
	token := strings.TrimSpace(acc.Settings[SettingToken])
	switch {
	case token == "":
		return nil, inbox.Errorf(inbox.CodeInvalid, "telegram.token_missing", nil)
	case !tokenPattern.MatchString(token):
		return nil, inbox.Errorf(inbox.CodeInvalid, "telegram.token_invalid", nil)
	}
	base, local, err := parseAPIURL(acc.Settings[SettingAPIURL])
	if err != nil {
		return nil, err
	}
	proxy, err := ParseProxy(acc.Settings[SettingProxy])
	if err != nil {
		return nil, err
	}
	hc := opts.HTTPClient
	if hc == nil {
		hc = newHTTPClient(proxy)
	}
	botID, _ := strconv.ParseInt(token[:strings.IndexByte(token, ':')], 10, 64)
	c := &client{token: token, botID: botID, baseURL: base, local: local, proxy: proxy, http: hc, doer: doer{hc}}
	log := opts.Log
	c.bot, err = bot.New(token,
		bot.WithSkipGetMe(),
		bot.WithServerURL(base),
		bot.WithHTTPClient(opts.PollTimeout, c.doer),
		bot.WithDefaultHandler(func(context.Context, *bot.Bot, *models.Update) {}),
		bot.WithErrorsHandler(func(err error) { log.Debug("bot library", "err", c.scrub(err.Error())) }),
	)
	if err != nil {
		return nil, fmt.Errorf("telegram client: %w", err)
	}
	return c, nil
}

// parseAPIURL checks the api_url setting; empty means the public server.
func parseAPIURL(raw string) (base string, local bool, err error) {
	u, err := httpx.ParseAPIURL(raw, "telegram.server_url_invalid", "http(s)://host[:port]")
	switch {
	case err != nil:
		return "", false, err
	case u == nil:
		return DefaultAPIURL, false, nil
	}
	return strings.TrimRight(u.String(), "/"), true, nil
}

// ParseProxy checks a proxy setting: empty means none; otherwise an http://, https://,
// socks5:// or socks5h:// URL with a host, and user:password@ if the proxy wants them. A
// bad setting is an *inbox.Error with the key telegram.proxy_invalid. Every network
// reads its proxy setting with these rules.
func ParseProxy(raw string) (*url.URL, error) { return httpx.ParseProxy(raw, "telegram.proxy_invalid") }

// newHTTPClient returns a client without an overall timeout (long polls and uploads take
// long; each call bounds itself with its context), through the proxy when one is set.
func newHTTPClient(proxy *url.URL) *http.Client {
	return &http.Client{Transport: httpx.NewTransport(proxy)}
}

// doer is the HTTP client go-telegram/bot and the own calls send through. It turns an
// answer that is not a Bot API answer (a 5xx from a gateway, an HTML page from a wrong
// server URL) into a *statusError, which the library would otherwise report only as
// text.
type doer struct{ c *http.Client }

func (d doer) Do(r *http.Request) (*http.Response, error) {
	resp, err := d.c.Do(r)
	if err != nil {
		return nil, err
	}
	api := isJSON(resp.Header)
	if resp.StatusCode >= 500 || !api {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		return nil, &statusError{Code: resp.StatusCode, API: api}
	}
	return resp, nil
}

func isJSON(h http.Header) bool {
	mt, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	return mt == "application/json"
}

// statusError is an HTTP answer without a Bot API result: a server error, or a page
// from something that is not a Bot API server (API false).
type statusError struct {
	Code int
	API  bool
}

func (e *statusError) Error() string {
	if !e.API {
		return fmt.Sprintf("HTTP %d, not a Bot API answer", e.Code)
	}
	return fmt.Sprintf("HTTP %d from the Bot API server", e.Code)
}

// apiResponse is the Bot API's envelope.
type apiResponse struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// getUpdates asks for the updates from offset on (0: from the earliest unconfirmed one),
// waiting up to the poll timeout for news. Passing offset confirms every update below it.
func (c *client) getUpdates(ctx context.Context, offset int64, limit int, wait time.Duration) ([]json.RawMessage, error) {
	ctx, cancel := context.WithTimeout(ctx, wait+30*time.Second)
	defer cancel()
	allowed, _ := json.Marshal(allowedUpdates)
	fields := [][2]string{
		{"limit", strconv.Itoa(limit)},
		{"timeout", strconv.Itoa(int(wait / time.Second))},
		{"allowed_updates", string(allowed)},
	}
	if offset > 0 {
		fields = append(fields, [2]string{"offset", strconv.FormatInt(offset, 10)})
	}
	var raw []json.RawMessage
	if err := c.call(ctx, "getUpdates", fields, &raw); err != nil {
		return nil, err
	}
	return raw, nil
}

// call is one Bot API method sent the way go-telegram/bot sends it (a multipart POST),
// with its errors mapped to the library's sentinels so one classification serves both.
func (c *client) call(ctx context.Context, method string, fields [][2]string, dest any) error {
	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	for _, f := range fields {
		if err := form.WriteField(f[0], f[1]); err != nil {
			return err
		}
	}
	if err := form.Close(); err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/bot"+c.token+"/"+method, &body)
	if err != nil {
		return fmt.Errorf("%s: %s", method, c.scrub(err.Error()))
	}
	req.Header.Set("Content-Type", form.FormDataContentType())
	resp, err := c.doer.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", method, c.redact(err))
	}
	defer resp.Body.Close()
	var r apiResponse
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return fmt.Errorf("%s: decode answer: %w", method, err)
	}
	if !r.OK {
		return fmt.Errorf("%s: %w", method, apiError(r))
	}
	if err := json.Unmarshal(r.Result, dest); err != nil {
		return fmt.Errorf("%s: decode result: %w", method, err)
	}
	return nil
}

// apiError maps a Bot API error the way go-telegram/bot does (v1.19.0 raw_request.go).
func apiError(r apiResponse) error {
	switch r.ErrorCode {
	case http.StatusForbidden:
		return fmt.Errorf("%w, %s", bot.ErrorForbidden, r.Description)
	case http.StatusBadRequest:
		return fmt.Errorf("%w, %s", bot.ErrorBadRequest, r.Description)
	case http.StatusUnauthorized:
		return fmt.Errorf("%w, %s", bot.ErrorUnauthorized, r.Description)
	case http.StatusNotFound:
		return fmt.Errorf("%w, %s", bot.ErrorNotFound, r.Description)
	case http.StatusConflict:
		return fmt.Errorf("%w, %s", bot.ErrorConflict, r.Description)
	case http.StatusTooManyRequests:
		return &bot.TooManyRequestsError{Message: fmt.Sprintf("%s, %s", bot.ErrorTooManyRequests, r.Description),
			RetryAfter: r.Parameters.RetryAfter}
	}
	return fmt.Errorf("error response from telegram, %d %s", r.ErrorCode, r.Description)
}

// redact takes the token out of a transport error's URL (it is in every method's path
// and in file links).
func (c *client) redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = c.scrub(ue.URL)
	}
	return err
}

// scrub removes the token from a text bound for a log or a health detail.
func (c *client) scrub(s string) string { return httpx.Scrub(s, c.token) }

// logValue is an error as text safe to log.
func (c *client) logValue(err error) slog.Value { return httpx.LogValue(err, c.token) }
