// Package whatsapp connects the salon's WhatsApp number to the inbox as a linked device
// (like WhatsApp Web): clients write to the salon's number, operators answer from
// SalonChat. It implements inbox.Connector on top of go.mau.fi/whatsmeow.
//
// # Linking and the session store
//
// A number is linked once, by QR code or by a pairing code typed on the phone (link.go:
// Link, LinkByPhone). whatsmeow keeps the linked device's keys and Signal sessions in
// its own SQL store, sqlstore, in <DataDir>/whatsapp-<account id>.db, on the pure-Go
// SQLite driver modernc.org/sqlite: SalonChat stays one static binary with no C
// compiler needed to build it (CGO_ENABLED=0 works). A bbolt store of our own would
// mean re-implementing whatsmeow's thirteen store interfaces, which change with its
// releases. After linking, the account's "jid" setting names the device in that file.
//
// # Receiving, and when WhatsApp is told a message arrived
//
// whatsmeow decrypts a message and calls the event handlers one after another; with
// Client.SynchronousAck it acknowledges the message to the server (and sends the grey
// "delivered" ticks) only after every handler returned true. The handler here hands the
// message to the session's worker goroutine, which downloads its files and stores it
// with Sink.Receive, and waits for the worker's answer: true once the message is on
// disk, false when storing failed or Run is ending. A message answered with false is
// not acknowledged, so WhatsApp delivers it again on the next connection; because
// Client.EnableDecryptedEventBuffer keeps the decrypted text in the session store
// until the acknowledgement, the second delivery can still be read (a Signal message
// cannot be decrypted twice). Waiting in the handler holds back the next message of
// the connection; whatsmeow allows for that (it warns after 30 s and goes on after
// five minutes), and keep-alives and replies to our own requests do not pass through
// the handler queue. Everything else the handler sees (receipts, connection state) is
// queued for the worker without waiting.
//
// Messages that history sync brings after linking are not imported: the Service has no
// way to store a client's old message without opening an unanswered dialog, and a
// salon's three months of history would flood the chat list. Messages the salon types
// on its phone (Info.IsFromMe) are not stored in this version either; deletions by the
// client (REVOKE) are written to the log only, the message stays as it was. Groups,
// status updates, broadcast lists and channels are ignored.
//
// A client's chat is keyed by the phone number (peer "79123456789"), so the chat's
// phone is known at once and links the chat to the client who has that number. WhatsApp
// increasingly addresses people by LID ("…@lid"); the number is taken from the
// message's alternative address or from the session store's LID map (lid.go).
//
// # Sending
//
// Each part of an outbound message gets a WhatsApp message id derived from the device,
// the account and the stored message id (ids.go), so a retry after a crash or a lost
// answer sends the same id again and the client's phone drops the copy. Sends are paced
// and bulk sends refused to keep the number from being banned (pace.go).
//
// # Health
//
// See health.go: ok when connected; connecting while whatsmeow reconnects; error ("!")
// when the number was unlinked on the phone, another program took over the session,
// WhatsApp banned the number for a while or refuses this SalonChat version.
//
// # Files
//
// Received files go to <DataDir>/files/whatsapp-<account id>/, named by the message id,
// so a redelivered message overwrites its own file. A file that cannot be downloaded is
// kept as an attachment without Path; its RemoteID holds what a later download needs.
package whatsapp

import (
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"salonchat/connectors/internal/health"
	"salonchat/inbox"
)

// Keys of inbox.Account.Settings for a WhatsApp account.
const (
	// SettingJID is the linked device's JID ("79123456789:12@s.whatsapp.net"), written
	// after linking (LinkEvent.Apply). Without it the account is not linked.
	SettingJID = "jid"
	// SettingLinkedAt is when the device was linked (RFC 3339). It changes with every
	// linking, so re-linking always restarts the account's connector.
	SettingLinkedAt = "linked_at"
	// SettingPace is the least number of seconds between two sent messages (1 to 60);
	// empty means Options.Pace.
	SettingPace = "pace_seconds"
)

// WhatsApp's limits for what SalonChat sends.
const (
	maxTextLen    = 65536
	maxCaptionLen = 1024
	maxImageSize  = 16 << 20
	maxFileSize   = 100 << 20
)

// Options are what a Connector needs besides the account.
type Options struct {
	// DataDir is SalonChat's data folder: the session store is
	// DataDir/whatsapp-<account id>.db, received files go to
	// DataDir/files/whatsapp-<account id>/. Required.
	DataDir string
	// Log receives the connector's log, with network and account fields added; nil
	// discards it. whatsmeow's own log goes here at INFO and above (its DEBUG level shows
	// QR codes and every network node).
	Log *slog.Logger
	// FetchVersion asks web.whatsapp.com for the current WhatsApp Web version before the
	// first connection, so that a SalonChat built weeks ago is not refused as outdated.
	// Production sets it; tests never reach the network.
	FetchVersion bool
	// HTTPClient carries the version request; nil means a client with a 20 s timeout.
	HTTPClient *http.Client
	// Pace is the least time between two sent messages of an account (default 2 s); a
	// random extra of up to half of it is added each time, so sends do not tick like a
	// machine.
	Pace time.Duration
	// BulkChats is how many different chats an account may write to within BulkWindow
	// (default 20 in one minute); a message to one more chat is refused.
	BulkChats  int
	BulkWindow time.Duration
	// MaxDownload is the largest received file downloaded (default 100 MB); bigger ones
	// stay on WhatsApp's servers, as attachments without a path.
	MaxDownload int64
	// MinBackoff and MaxBackoff bound the waits between connection attempts (defaults
	// 2 s and 5 min). Tests use short ones.
	MinBackoff, MaxBackoff time.Duration
}

func (o Options) withDefaults() Options {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Pace <= 0 {
		o.Pace = 2 * time.Second
	}
	if o.BulkChats <= 0 {
		o.BulkChats = 20
	}
	if o.BulkWindow <= 0 {
		o.BulkWindow = time.Minute
	}
	if o.MaxDownload <= 0 {
		o.MaxDownload = maxFileSize
	}
	if o.MinBackoff <= 0 {
		o.MinBackoff = 2 * time.Second
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 5 * time.Minute
	}
	o.MaxBackoff = max(o.MaxBackoff, o.MinBackoff)
	return o
}

// Connector is one WhatsApp number's connection. Run and Send may be called from
// different goroutines; Run only once at a time. Send needs a running Run: WhatsApp
// allows one connection per linked device.
type Connector struct {
	acc    inbox.Account
	jid    string
	opts   Options
	log    *slog.Logger
	health *health.Reporter
	pace   *pacer
	sends  *sendLog

	// open connects nothing: it opens the session store and returns the device's
	// client and what closes the store. Tests replace it with a fake.
	open func() (waClient, func(), error)

	running atomic.Bool
	mu      sync.Mutex
	cur     *session // the running Run's session, for Send
}

var _ inbox.Connector = (*Connector)(nil)

// New makes the connector of a linked WhatsApp account. It checks the settings (an
// *inbox.Error with a translation key says what is wrong: whatsapp.not_linked,
// whatsapp.pace_invalid) but opens nothing and makes no network call.
func New(acc inbox.Account, opts Options) (*Connector, error) {
	opts = opts.withDefaults()
	jid, err := linkedJID(acc)
	if err != nil {
		return nil, err
	}
	pace, err := paceOf(acc, opts.Pace)
	if err != nil {
		return nil, err
	}
	log := opts.Log.With("network", "whatsapp", "account", uint64(acc.ID))
	opts.Log = log
	c := &Connector{acc: acc, jid: jid.String(), opts: opts, log: log, health: health.NewReporter(log),
		pace: newPacer(pace, opts.BulkChats, opts.BulkWindow), sends: newSendLog()}
	c.open = c.openDevice
	return c, nil
}

// Limits are what WhatsApp accepts (see LimitsFor).
func (c *Connector) Limits() inbox.Limits { return LimitsFor(c.acc) }

// LimitsFor returns what a WhatsApp account accepts in one message: text up to 65 536
// characters, images up to 16 MB (bigger pictures go as files), files up to 100 MB. It
// suits inbox.WithLimits.
func LimitsFor(inbox.Account) inbox.Limits {
	return inbox.Limits{TextLen: maxTextLen, ImageSize: maxImageSize, FileSize: maxFileSize}
}

// paceOf reads the account's pace setting, or def when it has none.
func paceOf(acc inbox.Account, def time.Duration) (time.Duration, error) {
	s := strings.TrimSpace(strings.ReplaceAll(acc.Settings[SettingPace], ",", "."))
	if s == "" {
		return def, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 1 || f > 60 {
		return 0, &inbox.Error{Code: inbox.CodeInvalid, Key: "whatsapp.pace_invalid",
			Err: fmt.Errorf("pace %q", acc.Settings[SettingPace])}
	}
	return time.Duration(f * float64(time.Second)), nil
}
