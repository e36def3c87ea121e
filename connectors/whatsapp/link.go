package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"runtime"
	"time"

	"github.com/nyaruka/phonenumbers"
	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/types/events"

	"salonchat/inbox"
)

// LinkKind says what a LinkEvent reports.
type LinkKind int

const (
	// LinkQR: a QR code to show (Code). WhatsApp rotates them: show each new one in place
	// of the last. The first lives 60 s, the next ones 20 s, about 160 s in all.
	LinkQR LinkKind = iota + 1
	// LinkPhoneCode: the code to type on the phone (Code, "ABCD-EFGH"), by LinkByPhone.
	LinkPhoneCode
	// LinkHint: something to tell the person at the phone while linking goes on; Err
	// holds its translation key (whatsapp.scanned_without_multidevice).
	LinkHint
	// LinkSuccess: the number is linked (JID, Phone, Name). Final: save the account with
	// Apply.
	LinkSuccess
	// LinkTimeout: no code was used in time. Final: offer to start again.
	LinkTimeout
	// LinkError: linking failed. Final; Err is an *inbox.Error with a translation key:
	// whatsapp.client_outdated, whatsapp.passkey_unsupported, whatsapp.phone_code_failed
	// or whatsapp.link_failed.
	LinkError
)

// LinkEvent is one step of linking a WhatsApp number.
type LinkEvent struct {
	Kind LinkKind
	// Code is the QR code's content (LinkQR) or the pairing code (LinkPhoneCode). It
	// lets anyone who has it link the number: show it, never log it.
	Code string
	// Expires is how long the QR code stays valid (LinkQR).
	Expires time.Duration
	// JID is the linked device, Phone the salon's number ("+79123456789"), Name the
	// business name WhatsApp reports, if any (LinkSuccess).
	JID   string
	Phone string
	Name  string
	At    time.Time
	Err   error // LinkHint, LinkError
}

// Apply returns acc with the settings Run needs to find the linked device (SettingJID,
// SettingLinkedAt); the caller saves it with inbox.Service.UpdateAccount. The new
// settings restart the account's connector with the new device.
func (e LinkEvent) Apply(acc inbox.Account) inbox.Account {
	s := maps.Clone(acc.Settings)
	if s == nil {
		s = map[string]string{}
	}
	s[SettingJID] = e.JID
	s[SettingLinkedAt] = e.At.UTC().Format(time.RFC3339)
	acc.Settings = s
	return acc
}

// Link starts linking an account's number by QR code, as WhatsApp Web does: the
// administrator opens WhatsApp on the salon's phone → Linked devices → Link a device and
// scans the code. acc must be a stored WhatsApp account (its id names the session
// store); it may have been linked before (after an unlinking, say): the new device
// replaces the old one once saved.
//
// Link connects to WhatsApp and returns at once; the channel brings new QR codes as
// they rotate, then one final event (LinkSuccess, LinkTimeout or LinkError) and closes.
// When ctx ends first, linking stops and the channel closes without a final event. The
// connection made for linking is closed before LinkSuccess is sent, so the account's
// connector can take over the device right away.
func Link(ctx context.Context, acc inbox.Account, opts Options) (<-chan LinkEvent, error) {
	return startLink(ctx, acc, opts, "")
}

// LinkByPhone links by a pairing code instead of a QR code, for a phone whose camera
// cannot scan the screen: the channel brings one LinkPhoneCode to type on the phone in
// WhatsApp → Linked devices → Link a device → Link with phone number instead, then the
// final event. phone is the salon's number ("+7 912 345-67-89"; "8 912…" is read as a Russian one).
func LinkByPhone(ctx context.Context, acc inbox.Account, phone string, opts Options) (<-chan LinkEvent, error) {
	// NormalizePhone reads a Russian "8 912 …" as +7 912 …, as an administrator means it.
	digits := inbox.NormalizePhone(phone)
	if num, err := phonenumbers.Parse("+"+digits, "RU"); digits == "" || err != nil || !phonenumbers.IsValidNumber(num) {
		return nil, inbox.Errorf(inbox.CodeInvalid, "whatsapp.phone_invalid", nil)
	}
	return startLink(ctx, acc, opts, digits)
}

// Linking is Link and LinkByPhone bound to the options, as the settings window needs
// them; the window's tests put fakes in their place (a channel of LinkEvents is all a
// fake needs).
type Linking struct {
	QR    func(ctx context.Context, acc inbox.Account) (<-chan LinkEvent, error)
	Phone func(ctx context.Context, acc inbox.Account, phone string) (<-chan LinkEvent, error)
}

// NewLinking binds Link and LinkByPhone to opts.
func NewLinking(opts Options) Linking {
	return Linking{
		QR: func(ctx context.Context, acc inbox.Account) (<-chan LinkEvent, error) { return Link(ctx, acc, opts) },
		Phone: func(ctx context.Context, acc inbox.Account, phone string) (<-chan LinkEvent, error) {
			return LinkByPhone(ctx, acc, phone, opts)
		},
	}
}

func startLink(ctx context.Context, acc inbox.Account, opts Options, phone string) (<-chan LinkEvent, error) {
	opts = opts.withDefaults()
	if acc.ID == 0 || acc.Network != inbox.WhatsApp || opts.DataDir == "" {
		return nil, fmt.Errorf("whatsapp link: a stored WhatsApp account and Options.DataDir are required (account %d, %q)", acc.ID, acc.Network)
	}
	log := opts.Log.With("network", "whatsapp", "account", uint64(acc.ID), "linking", true)
	prepare(ctx, opts)
	container, err := openStore(ctx, opts.DataDir, acc.ID, log)
	if err != nil {
		return nil, err
	}
	cli := whatsmeowClient(container.NewDevice(), log)
	// Messages arriving before the connector takes over are not acknowledged here: with
	// the decrypted-event buffer they reach the connector on its first connection.
	cli.SynchronousAck, cli.EnableDecryptedEventBuffer = true, true
	l := &linker{cli: cli, log: log, state: make(chan any, 4)}
	cli.AddEventHandlerWithSuccessStatus(l.onEvent)
	lctx, cancel := context.WithCancel(ctx)
	items, err := cli.GetQRChannel(lctx)
	if err == nil {
		err = cli.Connect()
	}
	if err != nil {
		cancel()
		container.Close()
		return nil, &inbox.Error{Code: inbox.CodeUnavailable, Key: "whatsapp.link_failed", Err: err}
	}
	out := make(chan LinkEvent, 8)
	var pair func(context.Context) (string, error)
	if phone != "" {
		pair = func(ctx context.Context) (string, error) {
			return cli.PairPhone(ctx, phone, true, whatsmeow.PairClientChrome, pairDisplayName())
		}
	}
	go func() {
		defer close(out)
		defer container.Close()
		defer cancel()
		emit := func(e LinkEvent) {
			select {
			case out <- e:
			case <-ctx.Done(): // nobody reads any more
			}
		}
		relay(lctx, items, emit, pair, func(ctx context.Context) LinkEvent {
			ev := l.finish(ctx)
			cli.Disconnect()
			if ev.Kind == LinkSuccess && cli.Store.ID != nil {
				deleteOtherDevices(context.WithoutCancel(ctx), container, *cli.Store.ID, log)
			}
			return ev
		})
		cli.Disconnect()
		go drain(items)
	}()
	return out, nil
}

// relay turns whatsmeow's QR channel into LinkEvents until the final one. pair, when
// set, asks for a pairing code once the connection is up (the first QR code says so);
// finish is called on success and makes the final event.
func relay(ctx context.Context, items <-chan whatsmeow.QRChannelItem, emit func(LinkEvent),
	pair func(context.Context) (string, error), finish func(context.Context) LinkEvent) {
	fail := func(key string, err error) {
		emit(LinkEvent{Kind: LinkError, At: time.Now(), Err: &inbox.Error{Code: inbox.CodeUnavailable, Key: key, Err: err}})
	}
	asked := false
	for it := range items {
		switch it.Event {
		case whatsmeow.QRChannelEventCode:
			if pair == nil {
				emit(LinkEvent{Kind: LinkQR, Code: it.Code, Expires: it.Timeout, At: time.Now()})
				continue
			}
			if !asked {
				asked = true
				code, err := pair(ctx)
				if err != nil {
					fail("whatsapp.phone_code_failed", err)
					return
				}
				emit(LinkEvent{Kind: LinkPhoneCode, Code: code, At: time.Now()})
			}
		case whatsmeow.QRChannelSuccess.Event:
			emit(finish(ctx))
			return
		case whatsmeow.QRChannelTimeout.Event:
			emit(LinkEvent{Kind: LinkTimeout, At: time.Now()})
			return
		case whatsmeow.QRChannelClientOutdated.Event:
			fail("whatsapp.client_outdated", errors.New("WhatsApp refuses this client version"))
			return
		case whatsmeow.QRChannelScannedWithoutMultidevice.Event:
			emit(LinkEvent{Kind: LinkHint, At: time.Now(),
				Err: inbox.Errorf(inbox.CodeInvalid, "whatsapp.scanned_without_multidevice", nil)})
		case whatsmeow.QRChannelEventPasskeyRequest, whatsmeow.QRChannelEventPasskeyResponse:
			fail("whatsapp.passkey_unsupported", errors.New("the phone asks for a passkey"))
			return
		default:
			err := it.Error
			if err == nil {
				err = errors.New(it.Event)
			}
			fail("whatsapp.link_failed", err)
			return
		}
	}
}

// linker follows the linking connection's events.
type linker struct {
	cli   *whatsmeow.Client
	log   *slog.Logger
	state chan any // PairSuccess, Connected and the events that end a connection
}

func (l *linker) onEvent(evt any) bool {
	switch e := evt.(type) {
	case *events.Message:
		// Left for the connector (see startLink): false keeps it unacknowledged.
		return ignored(e.Info) != ""
	case *events.PairSuccess, *events.Connected, events.PermanentDisconnect:
		select {
		case l.state <- evt:
		default:
		}
	}
	return true
}

// finish waits for the first login after pairing (whatsmeow reconnects after
// PairSuccess) so that an immediate refusal is reported, and makes the final event.
// The pairing is stored already; a login that does not come in time is left to the
// connector.
func (l *linker) finish(ctx context.Context) LinkEvent {
	ev := LinkEvent{Kind: LinkSuccess}
	t := time.NewTimer(45 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return l.success(ev)
		case <-t.C:
			l.log.Warn("no login after linking yet; the connector will connect")
			return l.success(ev)
		case evt := <-l.state:
			switch e := evt.(type) {
			case *events.PairSuccess:
				ev.Name = e.BusinessName
			case *events.Connected:
				return l.success(ev)
			case events.PermanentDisconnect:
				v, _ := judge(evt, time.Now(), 0)
				return LinkEvent{Kind: LinkError, At: time.Now(), Err: &inbox.Error{Code: inbox.CodeUnavailable,
					Key: v.health.Reason, Err: errors.New(e.PermanentDisconnectDescription())}}
			}
		}
	}
}

func (l *linker) success(ev LinkEvent) LinkEvent {
	ev.At = time.Now()
	if id := l.cli.Store.ID; id != nil {
		ev.JID, ev.Phone = id.String(), phoneOf(id.ToNonAD())
	}
	return ev
}

// drain empties the QR channel after the final event for a while, so that whatsmeow
// never blocks on it.
func drain(items <-chan whatsmeow.QRChannelItem) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for {
		select {
		case _, ok := <-items:
			if !ok {
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

// pairDisplayName is how the phone names SalonChat while pairing by code; WhatsApp
// accepts only "Browser (OS)" names of common browsers and systems.
func pairDisplayName() string {
	switch runtime.GOOS {
	case "windows":
		return "Chrome (Windows)"
	case "darwin":
		return "Chrome (Mac OS)"
	}
	return "Chrome (Linux)"
}
