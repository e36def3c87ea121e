package telegram

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/go-telegram/bot"

	"salonchat/connectors/internal/httpx"
	"salonchat/inbox"
)

// checkTimeout bounds "Проверить подключение".
const checkTimeout = 30 * time.Second

// Check tries an account's settings ("Проверить подключение"): it asks Telegram who the
// bot is (getMe) and whether a webhook would keep the bot's messages from SalonChat. It
// returns nil when the bot can be used, else an *inbox.Error whose key says what is
// wrong: telegram.token_missing, telegram.token_invalid, telegram.proxy_invalid,
// telegram.proxy_failed, telegram.server_url_invalid, telegram.server_url_wrong,
// telegram.network_unreachable, telegram.check_rate_limited, telegram.webhook_set or
// telegram.check_failed. Check blocks for at most 30 seconds.
func Check(ctx context.Context, acc inbox.Account, opts Options) error {
	c, err := newClient(acc, opts.withDefaults())
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	if _, err := c.bot.GetMe(ctx); err != nil {
		return c.checkError(err)
	}
	info, err := c.bot.GetWebhookInfo(ctx)
	if err != nil {
		return c.checkError(err)
	}
	if info.URL != "" {
		// The webhook's address may hold secrets of another system: not shown.
		return inbox.Errorf(inbox.CodeConflict, "telegram.webhook_set", nil)
	}
	return nil
}

// checkError names what a failed check call says is wrong.
func (c *client) checkError(err error) error {
	e := &inbox.Error{Code: inbox.CodeInvalid, Err: errors.New(c.scrub(err.Error()))}
	var se *statusError
	var tooMany *bot.TooManyRequestsError
	switch {
	case errors.Is(err, bot.ErrorUnauthorized):
		e.Key = "telegram.token_invalid"
	case errors.As(err, &se) && !se.API && c.local:
		e.Key = "telegram.server_url_wrong"
	case errors.Is(err, bot.ErrorNotFound), errors.As(err, &se) && se.Code == 404:
		// Telegram answers 404 to a token it does not know in this form, and to a
		// deleted bot.
		e.Key = "telegram.token_invalid"
	case errors.As(err, &tooMany):
		e.Code, e.Key = inbox.CodeUnavailable, "telegram.check_rate_limited"
	case c.proxy != nil && httpx.ViaProxyFailed(err):
		e.Code, e.Key = inbox.CodeUnavailable, "telegram.proxy_failed"
		e.Args = map[string]any{"Proxy": c.proxy.Redacted()}
	case c.local && httpx.NoServer(err):
		e.Key = "telegram.server_url_wrong"
	case errors.As(err, &se), isTransportError(err):
		e.Code, e.Key = inbox.CodeUnavailable, "telegram.network_unreachable"
	default:
		e.Code, e.Key = inbox.CodeInternal, "telegram.check_failed"
	}
	if e.Key == "telegram.server_url_wrong" {
		e.Args = map[string]any{"URL": c.baseURL}
	}
	return e
}

// isTransportError reports an error below the Bot API: no answer at all (go-telegram/bot
// passes some of them on as text only).
func isTransportError(err error) bool {
	return httpx.NoAnswer(err) || strings.Contains(err.Error(), "error do request")
}
