package whatsapp

import (
	"context"
	"database/sql"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"go.mau.fi/whatsmeow/proto/waAdv"
	"go.mau.fi/whatsmeow/store/sqlstore"
	"go.mau.fi/whatsmeow/types"

	"salonchat/connectors/internal/conntest"
	"salonchat/inbox"
)

var discard = slog.New(slog.DiscardHandler)

// linkDevice stores a device as linking would, in an account's session store.
func linkDevice(t *testing.T, dir string, acc inbox.AccountID, jid types.JID) {
	t.Helper()
	c, err := openStore(t.Context(), dir, acc, discard)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	d := c.NewDevice()
	d.ID = &jid
	// Pairing fills these with the phone's signatures.
	d.Account = &waAdv.ADVSignedDeviceIdentity{Details: []byte{1}, AccountSignature: make([]byte, 64),
		AccountSignatureKey: make([]byte, 32), DeviceSignature: make([]byte, 64)}
	if err := d.Save(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// TestStore_OpenUpgrade: the session store opens, creates its tables and keeps a device
// on the pure-Go driver (this test also runs with CGO_ENABLED=0), in a folder with a
// Cyrillic name.
func TestStore_OpenUpgrade(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "салон данные")
	linkDevice(t, dir, 7, salonDevice)
	path := StorePath(dir, 7)
	if filepath.Base(path) != "whatsapp-7.db" {
		t.Errorf("store file %s; want whatsapp-7.db", path)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("store file mode %v; want 0600", st.Mode().Perm())
	}
	// Opened again (the next start), the device is there and the upgrade is a no-op.
	c, err := openStore(t.Context(), dir, 7, discard)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	d, err := findDevice(t.Context(), c, salonDevice)
	if err != nil || d.ID == nil || *d.ID != salonDevice {
		t.Fatalf("findDevice = %v, %v", d, err)
	}
	if _, err := findDevice(t.Context(), c, types.JID{User: "79990001122", Device: 99, Server: types.DefaultUserServer}); conntest.ErrKey(err) != "whatsapp.logged_out" {
		t.Errorf("findDevice of a device not there = %v; want whatsapp.logged_out", err)
	}
}

// TestStore_ForeignKeysNeeded shows why the DSN turns foreign keys on: sqlstore refuses
// to upgrade without them.
func TestStore_ForeignKeysNeeded(t *testing.T) {
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "plain.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = sqlstore.NewWithDB(db, "sqlite", nil).Upgrade(context.Background())
	if err == nil || !strings.Contains(err.Error(), "foreign keys") {
		t.Errorf("Upgrade without foreign keys = %v; want a refusal", err)
	}
}

// TestStore_DeleteOtherDevices: after a new linking only the new device stays.
func TestStore_DeleteOtherDevices(t *testing.T) {
	dir := t.TempDir()
	old := types.JID{User: "79990001122", Device: 11, Server: types.DefaultUserServer}
	linkDevice(t, dir, 7, old)
	linkDevice(t, dir, 7, salonDevice)
	c, err := openStore(t.Context(), dir, 7, discard)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	deleteOtherDevices(t.Context(), c, salonDevice, discard)
	all, err := c.GetAllDevices(t.Context())
	if err != nil || len(all) != 1 || *all[0].ID != salonDevice {
		t.Errorf("devices left: %v, %v; want only %s", all, err, salonDevice)
	}
}

// TestOpenDevice: the connector builds its whatsmeow client from the stored device,
// without connecting.
func TestOpenDevice(t *testing.T) {
	dir := t.TempDir()
	linkDevice(t, dir, 7, salonDevice)
	c, err := New(testAccount(), Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	cli, closeStore, err := c.openDevice()
	if err != nil {
		t.Fatal(err)
	}
	defer closeStore()
	rc := cli.(realClient)
	if cli.OwnJID() != salonDevice || cli.IsLoggedIn() || !rc.SynchronousAck || !rc.EnableDecryptedEventBuffer {
		t.Errorf("client of %s, logged in %v, sync ack %v, buffer %v", cli.OwnJID(), cli.IsLoggedIn(), rc.SynchronousAck, rc.EnableDecryptedEventBuffer)
	}
	if pn, err := cli.lids().GetPNForLID(t.Context(), clientLID); err != nil || !pn.IsEmpty() {
		t.Errorf("LID map of a new store: %s, %v; want empty", pn, err)
	}
	// Unlinked on the phone: whatsmeow deleted the device.
	other := testAccount()
	other.Settings[SettingJID] = "79990001122:13@s.whatsapp.net"
	c2, _ := New(other, Options{DataDir: dir})
	if _, _, err := c2.openDevice(); conntest.ErrKey(err) != "whatsapp.logged_out" {
		t.Errorf("openDevice of a deleted device = %v; want whatsapp.logged_out", err)
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	opts := Options{DataDir: dir}
	acc := testAccount()
	if err := Check(t.Context(), inbox.Account{ID: 7, Network: inbox.WhatsApp}, opts); conntest.ErrKey(err) != "whatsapp.not_linked" {
		t.Errorf("Check without jid = %v; want whatsapp.not_linked", err)
	}
	if err := Check(t.Context(), acc, opts); conntest.ErrKey(err) != "whatsapp.logged_out" {
		t.Errorf("Check without a session store = %v; want whatsapp.logged_out", err)
	}
	if _, err := os.Stat(StorePath(dir, 7)); !os.IsNotExist(err) {
		t.Error("Check created a session store")
	}
	linkDevice(t, dir, 7, salonDevice)
	if err := Check(t.Context(), acc, opts); err != nil {
		t.Errorf("Check of a linked account = %v", err)
	}
	acc.Settings[SettingPace] = "0"
	if err := Check(t.Context(), acc, opts); conntest.ErrKey(err) != "whatsapp.pace_invalid" {
		t.Errorf("Check with pace 0 = %v; want whatsapp.pace_invalid", err)
	}
}

func TestNetwork(t *testing.T) {
	n := Network(Options{DataDir: t.TempDir()})
	if n.Network != inbox.WhatsApp || n.New == nil || n.Check == nil || n.Limits == nil {
		t.Fatalf("Network = %+v", n)
	}
	for _, f := range n.Fields {
		if f.Required || f.Secret {
			t.Errorf("field %s is required or secret; linking is by QR code", f.Key)
		}
	}
	l := n.Limits(testAccount())
	if l.TextLen != 65536 || l.ImageSize != 16<<20 || l.FileSize != 100<<20 {
		t.Errorf("Limits = %+v", l)
	}
	if _, err := n.New(inbox.Account{ID: 1, Network: inbox.WhatsApp}); conntest.ErrKey(err) != "whatsapp.not_linked" {
		t.Errorf("New of an unlinked account = %v; want whatsapp.not_linked", err)
	}
}
