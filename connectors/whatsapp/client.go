package whatsapp

import (
	"context"
	"io"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
)

// waClient is the part of *whatsmeow.Client the connector uses, so that tests can run
// it against a fake without the network.
type waClient interface {
	// Connect opens the websocket; login and failures arrive as events.
	Connect() error
	Disconnect()
	IsLoggedIn() bool
	AddEventHandlerWithSuccessStatus(h whatsmeow.EventHandlerWithSuccessStatus) uint32
	RemoveEventHandler(id uint32) bool
	SendMessage(ctx context.Context, to types.JID, msg *waE2E.Message, extra ...whatsmeow.SendRequestExtra) (whatsmeow.SendResponse, error)
	UploadReader(ctx context.Context, plaintext io.Reader, tempFile io.ReadWriteSeeker, mt whatsmeow.MediaType) (whatsmeow.UploadResponse, error)
	DownloadToFile(ctx context.Context, msg whatsmeow.DownloadableMessage, file whatsmeow.File) error
	IsOnWhatsApp(ctx context.Context, phones []string) ([]types.IsOnWhatsAppResponse, error)
	// OwnJID is the linked device's JID; lids looks LIDs up in the session store.
	OwnJID() types.JID
	lids() lidLookup
}

// realClient adapts *whatsmeow.Client to waClient.
type realClient struct{ *whatsmeow.Client }

func (c realClient) OwnJID() types.JID {
	if c.Store.ID == nil {
		return types.JID{}
	}
	return *c.Store.ID
}

func (c realClient) lids() lidLookup { return c.Store.LIDs }

// newWAClient builds the whatsmeow client of a stored device, set up for SalonChat (see
// the package comment for why each switch).
func newWAClient(cli *whatsmeow.Client) *whatsmeow.Client {
	// Acknowledge a message only after the handler stored it, and keep its decrypted
	// text until then so that a redelivery can be read.
	cli.SynchronousAck = true
	cli.EnableDecryptedEventBuffer = true
	// A failing first connection (no internet at start) goes on in the background like
	// any later reconnection, with health connecting.
	cli.InitialAutoReconnect = true
	// Clients see the grey "delivered" ticks once SalonChat stored their message,
	// without SalonChat showing as "online" (which would silence the salon phone's
	// notifications).
	cli.SetForceActiveDeliveryReceipts(true)
	// whatsmeow waits 2 s more after every failed attempt, without end; keep the wait
	// at most about a minute.
	cli.AutoReconnectHook = func(error) bool {
		cli.AutoReconnectErrors = min(cli.AutoReconnectErrors, 30)
		return true
	}
	return cli
}
