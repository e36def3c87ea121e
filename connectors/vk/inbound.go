package vk

import (
	"context"
	"errors"

	"salonchat/connectors/internal/retry"
	"salonchat/inbox"
)

// Run receives messages until ctx ends (see the package comment for where the long poll
// resumes). It returns nil when ctx ends, ErrRunning when the connector already runs,
// and an *inbox.Error (key vk.health.token_invalid, vk.health.community_blocked,
// vk.health.no_manage_right or vk.health.group_mismatch) when the settings cannot work:
// the health is then HealthError, and polling on would only repeat the refusal.
func (c *Connector) Run(ctx context.Context, sink inbox.Sink) error {
	if c.opts.DataDir == "" {
		return errors.New("vk: Options.DataDir is required to receive files")
	}
	if !c.running.CompareAndSwap(false, true) {
		return ErrRunning
	}
	defer c.running.Store(false)
	c.health.Bind(sink)
	p := &poller{c: c, sink: sink, wait: retry.Backoff{Min: c.opts.MinBackoff, Max: c.opts.MaxBackoff}}
	ts, err := c.state.loadTs()
	if err != nil {
		c.log.Warn("saved long poll position unreadable; starting from VK's current one", "err", err)
	}
	p.ts = ts
	return p.run(ctx)
}

// poller is one Run's long poll loop.
type poller struct {
	c    *Connector
	sink inbox.Sink
	wait retry.Backoff
	// ready: the community and its long poll settings were checked in this Run.
	ready bool
	// srv is the long poll server and key; an empty key means "ask for a new one".
	srv lpServer
	// ts is where the next request starts: everything before it is on disk. Empty
	// until the first server answer when nothing was saved.
	ts string
	// failures counts failed answers in a row.
	failures int
}

func (p *poller) run(ctx context.Context) error {
	for ctx.Err() == nil {
		if err := p.connect(ctx); err != nil {
			if stop := p.trouble(ctx, err); stop != nil {
				return stop
			}
			continue
		}
		a, err := p.c.api.check(ctx, p.srv, p.ts, p.c.opts.PollWait)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			p.srv.Key = "" // the server may have moved: ask again, keep our ts
			if stop := p.trouble(ctx, err); stop != nil {
				return stop
			}
			continue
		}
		if a.Failed != 0 {
			p.failed(a)
			if p.failures++; p.failures > 3 {
				retry.Sleep(ctx, p.wait.Next()) // VK keeps failing: do not spin
			}
			continue
		}
		p.failures = 0
		p.wait.Reset()
		p.c.health.Set(inbox.Health{State: inbox.HealthOK})
		if err := p.store(ctx, a); err != nil && ctx.Err() == nil {
			d := p.wait.Next()
			p.c.log.Error("received messages not stored; asking VK for them again", "retry_in", d, "err", p.c.api.logValue(err))
			retry.Sleep(ctx, d)
		}
	}
	return nil
}

// connect checks the community (once per Run) and gets a long poll key when there is
// none. It reports ok health once the long poll server is known.
func (p *poller) connect(ctx context.Context) error {
	if !p.ready {
		if err := p.c.checkCommunity(ctx); err != nil {
			return err
		}
		if err := p.c.api.setupLongPoll(ctx); err != nil {
			return err
		}
		p.ready = true
	}
	if p.srv.Key != "" {
		return nil
	}
	srv, err := p.c.api.longPollServer(ctx)
	if err != nil {
		return err
	}
	p.srv = srv
	if p.ts == "" {
		p.ts = string(srv.Ts)
		p.save()
	}
	p.wait.Reset()
	p.c.health.Set(inbox.Health{State: inbox.HealthOK})
	return nil
}

// failed follows VK's instructions for a failed long poll answer.
func (p *poller) failed(a lpAnswer) {
	switch a.Failed {
	case 1:
		p.c.log.Warn("VK's event history no longer reaches the saved position; going on from VK's, some messages may be missing",
			"from", p.ts, "to", string(a.Ts))
		if a.Ts == "" { // nowhere to go on from: start over as after failed:3
			p.srv.Key, p.ts = "", ""
			return
		}
		p.ts = string(a.Ts)
		p.save()
	case 2:
		p.c.log.Debug("long poll key expired; getting a new one")
		p.srv.Key = ""
	case 3:
		p.c.log.Warn("VK lost the long poll information; starting from its current position, some messages may be missing")
		p.srv.Key, p.ts = "", ""
	default:
		p.c.log.Warn("unknown long poll failure; getting a new key", "failed", a.Failed)
		p.srv.Key = ""
	}
}

// save records the position; without it a restart asks VK for more than needed, and
// the store drops the repeats.
func (p *poller) save() {
	if err := p.c.state.saveTs(p.ts); err != nil {
		p.c.log.Warn("long poll position not saved", "err", err)
	}
}

// trouble reports a failed call as health and waits before the next one; it returns the
// error that ends Run when polling cannot go on.
func (p *poller) trouble(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return nil
	}
	t := p.c.api.classify(err)
	detail := p.c.api.scrub(err.Error())
	p.c.health.Set(inbox.Health{State: t.state, Reason: t.reason, Detail: detail})
	if t.stop {
		p.c.log.Error("polling stopped", "reason", t.reason, "err", detail)
		return &inbox.Error{Code: inbox.CodeUnavailable, Key: t.reason, Err: err}
	}
	d := p.wait.Next()
	if t.slow {
		d = p.wait.Max
	}
	if t.limited {
		d = max(d, 5*p.wait.Min)
	}
	p.c.log.Warn("VK long poll failed", "reason", t.reason, "retry_in", d, "err", detail)
	retry.Sleep(ctx, d)
	return nil
}
