package main

import (
	"encoding/json"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestBeacon_SecondStartBringsTheWindowForward(t *testing.T) {
	dir := t.TempDir()
	shown := make(chan struct{}, 1)
	b, err := listenBeacon(dir, func() { shown <- struct{}{} }, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(dir, beaconFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("beacon file: %v, %v; want one readable by this user only", fi, err)
	}
	if !askToShow(dir, time.Second) {
		t.Fatal("askToShow found no window although one listens")
	}
	select {
	case <-shown:
	case <-time.After(time.Second):
		t.Fatal("the running window was not asked to show itself")
	}
	b.Close()
	if _, err := os.Stat(filepath.Join(dir, beaconFile)); !os.IsNotExist(err) {
		t.Errorf("beacon file left after Close: %v", err)
	}
	if askToShow(dir, time.Second) {
		t.Error("askToShow succeeded with no window running")
	}
}

func TestBeacon_WrongKeyOrStaleFileShowsNothing(t *testing.T) {
	dir := t.TempDir()
	shown := make(chan struct{}, 1)
	b, err := listenBeacon(dir, func() { shown <- struct{}{} }, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	// Another user of the computer who guesses the port but cannot read the key.
	port := b.ln.Addr().(*net.TCPAddr).Port
	forged, _ := json.Marshal(beaconInfo{Port: port, Key: "guess"})
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, beaconFile), forged, 0o600); err != nil {
		t.Fatal(err)
	}
	if askToShow(other, time.Second) {
		t.Error("a request with the wrong key was answered")
	}
	// A file left by a copy that crashed: nobody listens on its port.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	deadPort := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	stale, _ := json.Marshal(beaconInfo{Port: deadPort, Key: b.key})
	if err := os.WriteFile(filepath.Join(other, beaconFile), stale, 0o600); err != nil {
		t.Fatal(err)
	}
	if askToShow(other, time.Second) {
		t.Error("a stale beacon file was taken for a running window")
	}
	select {
	case <-shown:
		t.Error("the window was shown for a request without the key")
	case <-time.After(100 * time.Millisecond):
	}
}
