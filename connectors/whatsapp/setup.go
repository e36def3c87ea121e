package whatsapp

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waCompanionReg"
	"go.mau.fi/whatsmeow/store"
	"google.golang.org/protobuf/proto"
)

// deviceName is what the salon's phone lists under "Linked devices".
const deviceName = "SalonChat"

var (
	propsOnce   sync.Once
	versionOnce sync.Once
)

// prepare sets, once per process and before any client exists, what whatsmeow keeps in
// package variables: the device's name and kind (sent when linking) and, in production,
// the current WhatsApp Web version (WhatsApp refuses versions a few weeks old, and
// whatsmeow's built-in one ages with SalonChat's build). Later calls wait for the first.
func prepare(ctx context.Context, opts Options) {
	propsOnce.Do(func() {
		store.SetOSInfo(deviceName, [3]uint32{1, 0, 0})
		store.DeviceProps.PlatformType = waCompanionReg.DeviceProps_DESKTOP.Enum()
		// History is not imported (see the package comment): do not ask for a full one.
		store.DeviceProps.RequireFullSync = proto.Bool(false)
	})
	if !opts.FetchVersion {
		return
	}
	versionOnce.Do(func() {
		hc := opts.HTTPClient
		if hc == nil {
			hc = &http.Client{Timeout: 20 * time.Second}
		}
		ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		v, err := whatsmeow.GetLatestVersion(ctx, hc)
		if err != nil {
			opts.Log.Warn("current WhatsApp Web version not known; using the built-in one",
				"version", store.GetWAVersion().String(), "err", err)
			return
		}
		store.SetWAVersion(*v)
		opts.Log.Info("WhatsApp Web version", "version", v.String())
	})
}

// whatsmeowClient is a client of a stored device, logging to log at INFO and above.
func whatsmeowClient(dev *store.Device, log *slog.Logger) *whatsmeow.Client {
	return whatsmeow.NewClient(dev, newWALog(log, "client"))
}
