package main

import (
	"fmt"
	"image/png"
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"

	"salonchat/inbox"
	"salonchat/ui"
)

// runScreenshot renders the messenger window without a display into a PNG file.
func runScreenshot(e *env, args []string) int {
	fs := e.flags("screenshot")
	out := fs.String("out", "", e.tr.T("cli.flag.out_png"))
	size := fs.String("size", "1366x768", e.tr.T("cli.flag.size"))
	dialog := fs.Uint64("dialog", 0, e.tr.T("cli.flag.dialog"))
	client := fs.Uint64("client", 0, e.tr.T("cli.flag.shot_client"))
	lead := fs.Uint64("lead", 0, e.tr.T("cli.flag.shot_lead"))
	if code, ok := e.parse(fs, args, false); !ok {
		return code
	}
	w, h, ok := parseSize(*size)
	if *out == "" || !ok {
		fmt.Fprintln(e.stderr, e.tr.T("cli.screenshot_usage"))
		return exitUsage
	}
	store, err := openStore(e.cfg)
	if err != nil {
		return e.fail("open store", err)
	}
	defer store.Close()
	svc := service(store, networks(e.cfg, e.log), e.log)
	img, err := ui.Screenshot(svc, e.tr, ui.Options{DataDir: e.cfg.DataDir, Log: e.log}, fyne.NewSize(w, h),
		ui.Shot{Dialog: inbox.DialogID(*dialog), Client: inbox.ClientID(*client), Lead: inbox.LeadID(*lead)})
	if err != nil {
		return e.fail("render", err)
	}
	if err := writeFile(*out, func(wr io.Writer) error { return png.Encode(wr, img) }); err != nil {
		return e.fail("write screenshot", err)
	}
	fmt.Fprintln(e.stderr, e.tr.T("screenshot.written", map[string]any{"File": *out}))
	return exitOK
}

// parseSize reads "1366x768".
func parseSize(s string) (w, h float32, ok bool) {
	ws, hs, found := strings.Cut(strings.ToLower(s), "x")
	wi, err1 := strconv.Atoi(ws)
	hi, err2 := strconv.Atoi(hs)
	if !found || err1 != nil || err2 != nil || wi < 320 || hi < 240 || wi > 7680 || hi > 4320 {
		return 0, 0, false
	}
	return float32(wi), float32(hi), true
}
