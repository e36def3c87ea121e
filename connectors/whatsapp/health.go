package whatsapp

import (
	"fmt"
	"strconv"
	"time"

	"go.mau.fi/whatsmeow/types/events"

	"salonchat/inbox"
)

// Health reasons (translation keys, assets/translations/whatsapp.*.json). Only the
// HealthError ones put the "!" on the account.
const (
	// HealthConnecting: connecting, or whatsmeow reconnects after the connection broke.
	reasonConnecting = "whatsapp.health.connecting"
	// HealthConnecting: WhatsApp's servers do not answer keep-alive pings.
	reasonOffline = "whatsapp.health.offline"
	// HealthError: the number was unlinked on the phone; whatsmeow deleted the device.
	// Run ends: the number must be linked again.
	reasonLoggedOut = "whatsapp.logged_out"
	// HealthError: another program (or another SalonChat) connected with this device.
	// Run ends, so that the two do not take the connection from each other endlessly.
	reasonStreamReplaced = "whatsapp.stream_replaced"
	// HealthError: WhatsApp refuses this version of SalonChat. Run ends.
	reasonClientOutdated = "whatsapp.client_outdated"
	// HealthError: WhatsApp banned the number for a while; reasonTempBan + "." + code
	// names the cause. Run connects again when the ban ends.
	reasonTempBan = "whatsapp.temp_ban"
	// HealthError: WhatsApp refused the connection for another reason; Run tries again
	// after the longest backoff.
	reasonConnectFailure = "whatsapp.connect_failure"
)

// tempBanCodes are the ban causes with a text of their own (see events.TempBanReason).
var tempBanCodes = map[events.TempBanReason]bool{101: true, 102: true, 103: true, 104: true, 106: true}

// verdict is what a connection event means for the account.
type verdict struct {
	health inbox.Health
	// stop: Run ends with health.Reason; the settings cannot work any more.
	stop bool
	// again > 0: whatsmeow will not reconnect by itself; Run connects again after this.
	again time.Duration
}

// judge reads a whatsmeow connection event; ok is false for other events. now dates a
// temporary ban's end; retry is the wait after an unexplained refusal.
func judge(evt any, now time.Time, retry time.Duration) (v verdict, ok bool) {
	h := func(state inbox.HealthState, reason, detail string) inbox.Health {
		return inbox.Health{State: state, Reason: reason, Detail: detail}
	}
	switch e := evt.(type) {
	case *events.Connected, *events.KeepAliveRestored:
		return verdict{health: h(inbox.HealthOK, "", "")}, true
	case *events.Disconnected:
		return verdict{health: h(inbox.HealthConnecting, reasonConnecting, "disconnected; reconnecting")}, true
	case *events.KeepAliveTimeout:
		if e.ErrorCount == 1 {
			return verdict{}, false // one late answer is no news; the next ping tells
		}
		return verdict{health: h(inbox.HealthConnecting, reasonOffline,
			fmt.Sprintf("%d keep-alive pings unanswered", e.ErrorCount))}, true
	case *events.LoggedOut:
		return verdict{health: h(inbox.HealthError, reasonLoggedOut, e.PermanentDisconnectDescription()), stop: true}, true
	case *events.StreamReplaced:
		return verdict{health: h(inbox.HealthError, reasonStreamReplaced, e.PermanentDisconnectDescription()), stop: true}, true
	case *events.ClientOutdated:
		return verdict{health: h(inbox.HealthError, reasonClientOutdated, e.PermanentDisconnectDescription()), stop: true}, true
	case *events.TemporaryBan:
		return banVerdict(e, now), true
	case *events.ConnectFailure:
		return verdict{health: h(inbox.HealthError, reasonConnectFailure, e.PermanentDisconnectDescription()), again: retry}, true
	case *events.CATRefreshError:
		return verdict{health: h(inbox.HealthError, reasonConnectFailure, e.PermanentDisconnectDescription()), again: retry}, true
	}
	return verdict{}, false
}

// banVerdict names a temporary ban's cause in the reason and its end in the detail;
// Run waits for the end (an hour when WhatsApp gave none) and connects again.
func banVerdict(e *events.TemporaryBan, now time.Time) verdict {
	reason := reasonTempBan
	if tempBanCodes[e.Code] {
		reason += "." + strconv.Itoa(int(e.Code))
	}
	wait, detail := e.Expire, e.String()
	if wait > 0 {
		detail += "; ends " + now.Add(wait).UTC().Format("2006-01-02 15:04 MST")
	} else {
		wait = time.Hour
	}
	return verdict{health: inbox.Health{State: inbox.HealthError, Reason: reason, Detail: detail}, again: wait}
}

// HealthOf is the account health a whatsmeow connection event stands for (Connected,
// Disconnected, KeepAliveTimeout, LoggedOut, StreamReplaced, ClientOutdated,
// TemporaryBan, ConnectFailure…); ok is false for other events. The connector reports
// these itself; tests of the UI use it to show what an event does to an account.
func HealthOf(evt any) (h inbox.Health, ok bool) {
	v, ok := judge(evt, time.Now(), 0)
	return v.health, ok
}
