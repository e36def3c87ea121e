package whatsapp

import (
	"strings"
	"testing"

	"salonchat/connectors/internal/conntest"
)

// TestWALog: whatsmeow's DEBUG lines (which show QR codes) never reach the log; the
// rest does, with the module named.
func TestWALog(t *testing.T) {
	var b conntest.Log
	l := newWALog(b.Logger(), "client")
	l.Debugf("Emitting QR code %s", sampleCode)
	l.Sub("QRChannel").Debugf("Emitting QR code %s", sampleCode)
	l.Infof("Successfully paired %s", "79990001122:12@s.whatsapp.net")
	l.Sub("Socket").Warnf("Error reading from websocket: %v", "EOF")
	out := b.String()
	if strings.Contains(out, "2@Xk3v") {
		t.Errorf("a QR code reached the log:\n%s", out)
	}
	if !strings.Contains(out, "Successfully paired") || !strings.Contains(out, "module=whatsmeow/client") ||
		!strings.Contains(out, "sub=Socket") || !strings.Contains(out, "level=WARN") {
		t.Errorf("log:\n%s", out)
	}
}
