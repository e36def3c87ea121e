package main

import (
	"context"
	"os/signal"
	"syscall"

	"salonchat/connectors"
)

// runServe runs every enabled account and the outbox without a window, until SIGINT or
// SIGTERM: for a machine that only receives (a server in the back office) or for scripts.
func runServe(e *env, args []string) int {
	fs := e.flags("serve")
	if code, ok := e.parse(fs, args, false); !ok {
		return code
	}
	defer e.logToFile("serve")()
	store, err := openStore(e.cfg)
	if err != nil {
		return e.fail("open store", err)
	}
	defer store.Close()
	nets := networks(e.cfg, e.log)
	svc := service(store, nets, e.log)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	mgr := connectors.NewManager(svc, nets, e.log)
	if err := mgr.Start(ctx); err != nil {
		return e.fail("start connectors", err)
	}
	e.log.Info("serving", "data", e.cfg.DataDir)
	done := make(chan struct{})
	go func() { defer close(done); svc.Run(ctx, postponeCheck) }()
	waitBackups := goRun(ctx, e.backups(store).Run)
	<-ctx.Done()
	e.log.Info("stopping")
	mgr.Close()
	<-done
	waitBackups() // a backup in progress finishes before the store closes
	return exitOK
}
