package main

import (
	"bufio"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// The running window answers on a loopback port so that a second start — a
// double-click on the shortcut while SalonChat sits hidden in the tray — brings that
// window forward instead of only saying that the data is in use. The port and a random
// key are written to beaconFile in the data folder (readable by this user only): the key
// keeps other users of the computer from poking the window.

// beaconFile names the running window's port and key inside the data folder.
const beaconFile = "window.json"

type beaconInfo struct {
	Port int    `json:"port"`
	Key  string `json:"key"`
}

// beacon is the running window's listener.
type beacon struct {
	ln   net.Listener
	key  string
	path string
	log  *slog.Logger
}

// listenBeacon starts answering "show" requests for dataDir by calling show (from the
// listener's goroutine: show must hand over to the UI goroutine itself).
func listenBeacon(dataDir string, show func(), log *slog.Logger) (*beacon, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	raw := make([]byte, 16)
	if _, err := rand.Read(raw); err != nil {
		ln.Close()
		return nil, err
	}
	b := &beacon{ln: ln, key: hex.EncodeToString(raw), path: filepath.Join(dataDir, beaconFile), log: log}
	info, _ := json.Marshal(beaconInfo{Port: ln.Addr().(*net.TCPAddr).Port, Key: b.key})
	if err := os.WriteFile(b.path, info, 0o600); err != nil {
		ln.Close()
		return nil, err
	}
	go b.serve(show)
	return b, nil
}

func (b *beacon) serve(show func()) {
	for {
		conn, err := b.ln.Accept()
		if err != nil {
			return // closed
		}
		go func() {
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(2 * time.Second))
			line, err := bufio.NewReader(conn).ReadString('\n')
			if err != nil || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(line)), []byte("show "+b.key)) != 1 {
				b.log.Warn("beacon: a request without the key was ignored")
				return
			}
			show()
			conn.Write([]byte("ok\n"))
		}()
	}
}

// Close stops answering and removes the beacon file.
func (b *beacon) Close() {
	b.ln.Close()
	if err := os.Remove(b.path); err != nil && !errors.Is(err, os.ErrNotExist) {
		b.log.Warn("beacon: remove file", "err", err)
	}
}

// askToShow asks a SalonChat window running on dataDir to come forward; it reports
// whether one did. A beacon file left by a copy that crashed finds nobody listening.
func askToShow(dataDir string, timeout time.Duration) bool {
	data, err := os.ReadFile(filepath.Join(dataDir, beaconFile))
	if err != nil {
		return false
	}
	var info beaconInfo
	if json.Unmarshal(data, &info) != nil || info.Port == 0 || info.Key == "" {
		return false
	}
	conn, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(info.Port)), timeout)
	if err != nil {
		return false
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(timeout))
	if _, err := conn.Write([]byte("show " + info.Key + "\n")); err != nil {
		return false
	}
	answer, err := bufio.NewReader(conn).ReadString('\n')
	return err == nil && answer == "ok\n"
}
