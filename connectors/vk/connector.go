// Package vk connects a VK community ("сообщество ВКонтакте") to the inbox: clients write
// to the salon's community, operators answer from SalonChat. It implements
// inbox.Connector on top of github.com/SevereCloud/vksdk/v2 (API version 5.131, sent to
// https://api.vk.ru/method/ unless the api_url setting says otherwise).
//
// # What comes from the SDK, and what does not
//
// API methods go through the SDK's api.VK: it sends the token in an Authorization
// header (never in a URL or a form), adds v=5.131, throttles itself to 20 calls a second
// per token and returns VK's errors as *api.Error. Each call carries its context and the
// connector's own http.Client (the SDK's default has no timeout).
//
// The Bots Long Poll loop is this package's own (inbound.go), for the reasons in
// vksdk v2.17.0's longpoll-bot: it moves its ts past an answer before the handlers ran
// (a crash in between loses the answer), its TsFromContext panics, it returns on the
// first network error and cannot be told where to resume. Event objects are decoded
// into this package's small structs (convert.go), which tolerate VK's shifting field
// types instead of dropping a whole message for one of them.
//
// # Receiving, and where the long poll resumes
//
// VK keeps a community's events for a limited time (it does not promise how long) and
// hands them to anyone who asks with a valid key and a ts; reading does not consume
// them. The loop:
//
//  1. once per Run, checks that the token belongs to the community of the group setting
//     and that the community is not blocked (groups.getById), and turns the long poll
//     on with API version 5.131 and exactly the events this package reads — message_new,
//     message_edit, message_allow, message_deny, message_read — (groups.setLongPollSettings;
//     this needs the token's "manage" right). Other programs reading the same
//     community's long poll get the same events; they see version 5.131 too;
//  2. gets a server and key (groups.getLongPollServer);
//  3. asks for the events from ts on (act=a_check), waiting up to 25 s for news;
//  4. looks the senders' names up (one users.get for the whole answer, cached), turns
//     each message into an inbox.Inbound with its files downloaded, and hands it to
//     Sink.Receive — different chats in parallel, each chat in order;
//  5. only when every message of the answer is on disk, moves ts to the answer's ts and
//     writes it to <DataDir>/state/vk-<account id>.ts (atomically: a temporary file
//     renamed over the old one). If a Receive fails, the same ts is asked again after a
//     pause: VK answers with the same events and the store drops the ones it has.
//
// The ts file is the only state kept besides the store. Without it (the first start)
// the loop begins at the ts VK gives with the key: what arrived before the account was
// connected is not fetched. With it, a restart resumes where the last stored answer
// ended, so a crash loses nothing and doubles nothing. The file names the community, so
// a ts of another community (the group setting changed) is ignored.
//
// Long poll failures are handled as dev.vk.com documents them: failed:1 (the ts is older
// than VK's history, or history was partly lost) — go on from the ts VK sends, and log
// that events may be missing; failed:2 (the key expired) — get a new key, keep our ts;
// failed:3 (the information is lost) — get a new key and ts. A network error also gets a
// new key and keeps the ts.
//
// # Identifiers and duplicates
//
// inbox.PeerID is VK's peer_id (the client's user id for a private dialog with the
// community); inbox.ExternalID is VK's message id, which is unique within the community
// and is also what messages.send returns and message_read names, so receipts and replies
// match. An edit is "<message id>@<update_time>" with EditOf set. Group chats (peer ids
// from 2 000 000 000), the community's own messages (out=1) and events of other kinds
// are skipped.
//
// SalonChat's own sends come back from VK as message_reply, which this package does not
// subscribe to (and skips if another program turned it on); the store would drop them
// anyway, as the id messages.send returned is indexed with the sent message. Replies an
// administrator types in VK's own web interface arrive the same way and are therefore
// not shown in SalonChat either — a known limit of this version.
//
// message_allow and message_deny (the client allowed or forbade the community's messages)
// are noted in the client's chat as system notes through inbox.ConsentSink, once per VK
// event id; a sink without that ability only gets them in the log.
// message_read marks the named outbound message read.
//
// # Files
//
// Received files go to <DataDir>/files/vk-<account id>/, named by VK's id of the file
// ("photo123_456", "doc123_789", …) and the sanitised original name, so a redelivered
// message overwrites its own file. Photos come in their largest size, stickers as their
// largest picture (AttachImage), voice messages as .ogg (AttachVoice); videos, wall posts
// and links are AttachLink with the vk.com address, places AttachLocation. Files over
// 200 MB and failed downloads are kept as attachments with RemoteID and no Path.
//
// # Sending
//
// See outbound.go: files are uploaded through the messages upload servers, text over
// 4 096 characters is split, and every part carries a random_id derived from the stored
// message, so a retry never sends a part twice (VK drops a repeated random_id).
//
// # Health
//
// See health.go: ok once the long poll server answered; connecting while the network,
// VK's servers or a rate limit are in the way; error (polling stops) when the token is
// wrong or revoked, lacks the "manage" right, belongs to another community, or the
// community is blocked.
package vk

import (
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"salonchat/connectors/internal/health"
	"salonchat/inbox"
)

// Keys of inbox.Account.Settings for a VK account.
const (
	// SettingToken is the community's access key (Управление → Работа с API → Ключи
	// доступа), with the rights "управление сообществом", "сообщения сообщества",
	// "фотографии" and "документы".
	SettingToken = "token"
	// SettingGroup is the community's id: 229000001, -229000001, club229000001 or the
	// address https://vk.com/club229000001.
	SettingGroup = "group"
	// SettingAPIURL is an optional API address; empty means DefaultAPIURL.
	SettingAPIURL = "api_url"
	// SettingProxy is an optional proxy URL: http://, https:// or socks5://, with
	// user:password@ when the proxy needs them.
	SettingProxy = "proxy"
)

// DefaultAPIURL is VK's API address; VK asked integrations to move from api.vk.com to
// api.vk.ru in 2025.
const DefaultAPIURL = "https://api.vk.ru/method/"

// VK's limits as dev.vk.com states them (checked against the documentation as known in
// 2025; VK may change them without notice): a message's text is at most 4 096
// characters; a photo upload at most 50 MB (and width + height up to 14 000 px); a
// document at most 200 MB. A message carries at most 10 attachments.
const (
	maxTextLen      = 4096
	maxPhotoSize    = 50 << 20
	maxDocSize      = 200 << 20
	maxAttachments  = 10
	maxDownloadSize = 200 << 20
)

// Options are what a Connector needs besides the account.
type Options struct {
	// DataDir is SalonChat's data folder: received files go to DataDir/files/vk-<id>/,
	// the long poll position to DataDir/state/. Required by Run.
	DataDir string
	// Log receives the connector's log, with network and account fields added; nil
	// discards it. Tokens, long poll keys and file links are never logged.
	Log *slog.Logger
	// PollWait is how long one long poll request waits for news (default 25 s, VK's
	// recommended value; at most 90 s).
	PollWait time.Duration
	// MinBackoff and MaxBackoff bound the wait between retries after an error (defaults
	// 1 s and 1 min). Tests use short ones.
	MinBackoff, MaxBackoff time.Duration
	// HTTPClient, when set, carries every request as it is: the proxy setting is then not
	// applied. For tests; nil builds clients from the account's settings.
	HTTPClient *http.Client
}

func (o Options) withDefaults() Options {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.PollWait <= 0 {
		o.PollWait = 25 * time.Second
	}
	o.PollWait = min(o.PollWait, 90*time.Second)
	if o.MinBackoff <= 0 {
		o.MinBackoff = time.Second
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = time.Minute
	}
	o.MaxBackoff = max(o.MaxBackoff, o.MinBackoff)
	return o
}

// Connector is one VK community's connection. Run and Send may be called from
// different goroutines; Run only once at a time.
type Connector struct {
	acc    inbox.Account
	opts   Options
	log    *slog.Logger
	api    *client
	health *health.Reporter
	names  *nameCache
	state  *state

	running atomic.Bool
}

var _ inbox.Connector = (*Connector)(nil)

// New makes the connector of a VK account. It checks the settings (an *inbox.Error with
// a translation key says what is wrong: vk.token_missing, vk.token_invalid,
// vk.group_missing, vk.group_invalid, vk.api_url_invalid, vk.proxy_invalid) but makes no
// network call.
func New(acc inbox.Account, opts Options) (*Connector, error) {
	opts = opts.withDefaults()
	log := opts.Log.With("network", "vk", "account", uint64(acc.ID))
	opts.Log = log
	api, err := newClient(acc, opts)
	if err != nil {
		return nil, err
	}
	return &Connector{acc: acc, opts: opts, log: log, api: api, health: health.NewReporter(log),
		names: newNameCache(), state: newState(opts.DataDir, acc.ID, api.groupID)}, nil
}

// Limits are VK's limits for this account (see LimitsFor).
func (c *Connector) Limits() inbox.Limits { return LimitsFor(c.acc) }

// LimitsFor returns what a VK community accepts in one message: text up to 4 096
// characters (longer text is split), photos up to 50 MB, other files up to 200 MB. It
// suits inbox.WithLimits.
func LimitsFor(inbox.Account) inbox.Limits {
	return inbox.Limits{TextLen: maxTextLen, ImageSize: maxPhotoSize, FileSize: maxDocSize}
}
