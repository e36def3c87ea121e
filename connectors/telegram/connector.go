// Package telegram connects a Telegram bot to the inbox: clients write to the salon's
// bot, operators answer from SalonChat. It implements inbox.Connector on top of
// github.com/go-telegram/bot.
//
// # Receiving, and when Telegram is told a message arrived
//
// Telegram keeps an update until a later getUpdates call passes an offset above its
// update_id; that call is the acknowledgement. go-telegram/bot's own polling loop
// (Bot.Start, v1.19.0 get_updates.go) stores each update's id as the next offset and hands
// the update to a buffered channel (1 024 deep) *before* any handler has run, then polls
// again at once: an update is confirmed while its handler may not even have started, and
// a crash or shutdown loses everything still in the channel. It also retries 401
// Unauthorized forever. So this package runs its own getUpdates loop (inbound.go) with a
// small typed call (client.go) and uses the library only for the other methods (getMe,
// getFile, send*). The loop:
//
//  1. polls with offset = the id after the last update that is on disk (none at start:
//     Telegram then returns everything not yet confirmed, so nothing needs persisting);
//  2. turns each update of the answer into an inbox.Inbound, downloading its files;
//  3. hands it to Sink.Receive; updates of different chats go in parallel (the store
//     groups them into shared commits), updates of one chat in order;
//  4. moves the offset past the longest run of updates whose Receive returned nil. A
//     failed update and everything after it are asked for again by the next poll;
//     the store's deduplication on (chat, message id) swallows the repeats.
//
// A crash anywhere in between therefore loses nothing (unconfirmed updates come back;
// Telegram keeps them for 24 hours) and doubles nothing (the store deduplicates).
//
// # Telegram Business
//
// The same loop receives the chats of the salon's own Telegram account once the account
// connected this bot (business.go): connections go to the sink (inbox.BusinessSink), a
// chat through a connection gets its own peer (MakeBusinessPeerID) and Send answers in
// it as the account, with business_connection_id. Trouble with a connection (disabled,
// no right to reply, the 24-hour window closed) never changes the bot's health: it is
// shown on the connection.
//
// # Health
//
// See health.go: ok after a successful poll; connecting while the network, the Telegram
// servers or a rate limit are in the way; error when the token is wrong or revoked (401;
// polling stops), the bot or server is unknown (404; polling stops) or another program
// takes this bot's updates (409; polling goes on slowly until it clears).
//
// # Files
//
// Received files go to <DataDir>/files/telegram-<account id>/, named by Telegram's
// unique file id and the sanitised original name, so a redelivered message overwrites
// its own file instead of adding a copy. inbox.Attachment.Path is relative to DataDir,
// with forward slashes. Files over the Bot API's 20 MB download limit, and files whose
// download failed, are kept as attachments with RemoteID (the file_id) and no Path.
package telegram

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"salonchat/connectors/internal/health"
	"salonchat/inbox"
)

// Keys of inbox.Account.Settings for a Telegram account.
const (
	// SettingToken is the bot's token from @BotFather ("123456:ABC-DEF…").
	SettingToken = "token"
	// SettingAPIURL is an optional Bot API server URL (a local telegram-bot-api server);
	// empty means https://api.telegram.org. A local server lifts the upload limit to
	// 2 000 MB and the download limit altogether.
	SettingAPIURL = "api_url"
	// SettingProxy is an optional proxy URL: http://, https:// or socks5://, with
	// user:password@ when the proxy needs them.
	SettingProxy = "proxy"
)

// DefaultAPIURL is the public Bot API server.
const DefaultAPIURL = "https://api.telegram.org"

// Bot API limits (core.telegram.org/bots/api).
const (
	maxTextLen      = 4096
	maxCaptionLen   = 1024
	maxPhotoSize    = 10 << 20
	maxUploadSize   = 50 << 20
	maxLocalUpload  = 2000 << 20
	maxDownloadSize = 20 << 20
)

// Options are what a Connector needs besides the account.
type Options struct {
	// DataDir is SalonChat's data folder; received files go to
	// DataDir/files/telegram-<account id>/. Required by Run.
	DataDir string
	// Log receives the connector's log, with network and account fields added; nil
	// discards it. Tokens and file links are never logged.
	Log *slog.Logger
	// PollTimeout is how long one getUpdates call waits for news (default 50 s).
	PollTimeout time.Duration
	// MinBackoff and MaxBackoff bound the wait between retries after an error (defaults
	// 1 s and 1 min). Tests use short ones.
	MinBackoff, MaxBackoff time.Duration
	// HTTPClient, when set, carries every request as it is: the proxy setting is then not
	// applied. For tests; nil builds a client from the account's settings.
	HTTPClient *http.Client
}

func (o Options) withDefaults() Options {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.PollTimeout <= 0 {
		o.PollTimeout = 50 * time.Second
	}
	if o.MinBackoff <= 0 {
		o.MinBackoff = time.Second
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = time.Minute
	}
	o.MaxBackoff = max(o.MaxBackoff, o.MinBackoff)
	return o
}

// Connector is one Telegram bot's connection. Run and Send may be called from different
// goroutines; Run only once at a time.
type Connector struct {
	acc    inbox.Account
	opts   Options
	log    *slog.Logger
	api    *client
	health *health.Reporter

	running atomic.Bool
}

var _ inbox.Connector = (*Connector)(nil)

// ErrRunning is returned by Run when the connector is already running.
var ErrRunning = errors.New("telegram connector already running")

// New makes the connector of a Telegram account. It checks the settings (an
// *inbox.Error with a translation key says what is wrong: telegram.token_missing,
// telegram.token_invalid, telegram.server_url_invalid, telegram.proxy_invalid) but
// makes no network call.
func New(acc inbox.Account, opts Options) (*Connector, error) {
	opts = opts.withDefaults()
	log := opts.Log.With("network", "telegram", "account", uint64(acc.ID))
	opts.Log = log
	api, err := newClient(acc, opts)
	if err != nil {
		return nil, err
	}
	return &Connector{acc: acc, opts: opts, log: log, api: api, health: health.NewReporter(log)}, nil
}

// Limits are the Bot API's limits for this account (see LimitsFor).
func (c *Connector) Limits() inbox.Limits { return LimitsFor(c.acc) }

// LimitsFor returns what a Telegram account accepts in one message: text up to 4 096
// characters (longer text is split), photos up to 10 MB, files up to 50 MB, or 2 000 MB
// through a local Bot API server (the api_url setting). It suits inbox.WithLimits.
func LimitsFor(acc inbox.Account) inbox.Limits {
	l := inbox.Limits{TextLen: maxTextLen, ImageSize: maxPhotoSize, FileSize: maxUploadSize}
	if strings.TrimSpace(acc.Settings[SettingAPIURL]) != "" {
		l.FileSize = maxLocalUpload
	}
	return l
}
