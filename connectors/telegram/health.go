package telegram

import (
	"errors"
	"time"

	"github.com/go-telegram/bot"

	"salonchat/connectors/internal/httpx"
	"salonchat/inbox"
)

// Health reasons (translation keys, assets/translations/telegram.*.json). Only the
// HealthError ones put the "!" on the account.
const (
	// HealthError: the token is wrong or was revoked (401). Polling stops.
	reasonTokenInvalid = "health.token_invalid"
	// HealthError: Telegram (or the api_url server) knows no such bot (404). Polling stops.
	reasonBotNotFound = "health.bot_not_found"
	// HealthError: another program takes this bot's updates, or a webhook is set (409).
	// Polling goes on once a minute and recovers by itself when the other side stops.
	reasonConflict = "health.conflict"
	// HealthError: api_url answers, but not as a Bot API server. Polling goes on slowly.
	reasonServerURLWrong = "telegram.health.server_url_wrong"
	// HealthConnecting: no connection to Telegram; retrying.
	reasonOffline = "telegram.health.offline"
	// HealthConnecting: the proxy does not answer or does not let us through; retrying.
	reasonProxyFailed = "telegram.health.proxy_failed"
	// HealthConnecting: Telegram's servers answer with errors (5xx); retrying.
	reasonServerError = "telegram.health.server_error"
	// HealthConnecting: Telegram asked to slow down (429); retrying after its pause.
	reasonRateLimited = "telegram.health.rate_limited"
)

// trouble is what a failed Bot API call means for the connection.
type trouble struct {
	state  inbox.HealthState
	reason string
	// stop: polling cannot go on with these settings.
	stop bool
	// slow: retry at the longest backoff (the cause is outside SalonChat's reach).
	slow bool
	// retryAfter is the pause Telegram asked for (429).
	retryAfter time.Duration
}

// classify tells what an error of getUpdates/getMe says about the connection.
func (c *client) classify(err error) trouble {
	var tooMany *bot.TooManyRequestsError
	var se *statusError
	switch {
	case errors.Is(err, bot.ErrorUnauthorized):
		return trouble{state: inbox.HealthError, reason: reasonTokenInvalid, stop: true}
	case errors.Is(err, bot.ErrorNotFound), errors.As(err, &se) && se.Code == 404 && !c.local:
		return trouble{state: inbox.HealthError, reason: reasonBotNotFound, stop: true}
	case errors.Is(err, bot.ErrorConflict):
		return trouble{state: inbox.HealthError, reason: reasonConflict, slow: true}
	case errors.As(err, &tooMany):
		return trouble{state: inbox.HealthConnecting, reason: reasonRateLimited,
			retryAfter: time.Duration(tooMany.RetryAfter) * time.Second}
	case errors.As(err, &se) && !se.API && c.local:
		return trouble{state: inbox.HealthError, reason: reasonServerURLWrong, slow: true}
	case errors.As(err, &se) && se.Code >= 500:
		return trouble{state: inbox.HealthConnecting, reason: reasonServerError}
	case c.proxy != nil && httpx.ViaProxyFailed(err):
		return trouble{state: inbox.HealthConnecting, reason: reasonProxyFailed}
	}
	return trouble{state: inbox.HealthConnecting, reason: reasonOffline}
}
