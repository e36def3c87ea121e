package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"salonchat/attach"
	"salonchat/inbox"
)

// runSend queues a message the way the composer does: the same Service.Send with the
// account's network limits, so the same refusals, system notes and auto-assignment. Files
// are copied into the outbox by package attach, as the composer copies them. The running
// app or salonchat serve sends what is queued. A refused message queues nothing and
// leaves no copied file behind.
func runSend(e *env, args []string) int {
	fs := e.flags("send")
	chat := fs.Uint64("chat", 0, e.tr.T("cli.flag.send_chat"))
	text := fs.String("text", "", e.tr.T("cli.flag.send_text"))
	var files fileFlags
	fs.Var(&files, "file", e.tr.T("cli.flag.send_file"))
	operator := fs.String("operator", "", e.tr.T("cli.flag.send_operator"))
	if code, ok := e.parse(fs, args, false); !ok {
		return code
	}
	if *chat == 0 {
		fmt.Fprintln(e.stderr, e.tr.T("cli.send_usage"))
		return exitUsage
	}
	return withService(e, func(svc *inbox.Service) int {
		ops, err := svc.Operators()
		if err != nil {
			return e.fail("list operators", err)
		}
		op, err := pickOperator(ops, *operator)
		if err != nil {
			return e.fail("choose operator", err)
		}
		acc, err := chatAccount(svc, inbox.ChatID(*chat))
		if err != nil {
			return e.fail("find chat", err)
		}
		atts, copies, err := e.attachFiles(files, networks(e.cfg, e.log).Limits(acc))
		if err != nil {
			return e.fail("attach files", err)
		}
		m, err := svc.Send(op.ID, inbox.Outgoing{Chat: inbox.ChatID(*chat), Text: *text, Attachments: atts})
		if err != nil {
			removeAll(copies)
			return e.fail("send", err)
		}
		fmt.Fprintln(e.stdout, uint64(m.ID))
		return exitOK
	})
}

// fileFlags collects a flag that may repeat: --file a.jpg --file b.pdf.
type fileFlags []string

func (f *fileFlags) String() string     { return strings.Join(*f, ", ") }
func (f *fileFlags) Set(v string) error { *f = append(*f, v); return nil }

// chatAccount returns the account a chat belongs to, or a translated "no such chat".
func chatAccount(svc *inbox.Service, id inbox.ChatID) (inbox.Account, error) {
	c, err := svc.Chat(id)
	if errors.Is(err, inbox.ErrNotFound) {
		return inbox.Account{}, &inbox.Error{Code: inbox.CodeNotFound, Key: "cli.chat_not_found",
			Args: map[string]any{"ID": uint64(id)}, Err: err}
	}
	if err != nil {
		return inbox.Account{}, err
	}
	accounts, err := svc.Accounts()
	if err != nil {
		return inbox.Account{}, err
	}
	for _, a := range accounts {
		if a.ID == c.Account {
			return a, nil
		}
	}
	return inbox.Account{}, fmt.Errorf("chat %d: account %d: %w", id, c.Account, inbox.ErrNotFound)
}

// attachFiles checks the files against the network's limits before copying any (a file
// the Service would refuse is not copied at all), then copies them into the outbox. It
// returns the attachments and the copies on disk; on an error nothing is left copied.
func (e *env) attachFiles(paths []string, lim inbox.Limits) (atts []inbox.Attachment, copies []string, err error) {
	for _, p := range paths {
		a, err := attach.Describe(p)
		if err != nil {
			return nil, nil, err
		}
		atts = append(atts, attach.Fit(a, attach.LimitOf(lim)))
	}
	if err := lim.Check(atts); err != nil {
		return nil, nil, err
	}
	for i, p := range paths {
		var full string
		if atts[i], full, err = attach.Copy(e.cfg.DataDir, p, atts[i]); err != nil {
			removeAll(copies)
			return nil, nil, err
		}
		copies = append(copies, full)
	}
	return atts, copies, nil
}

func removeAll(paths []string) {
	for _, p := range paths {
		os.Remove(p)
	}
}

// pickOperator finds who sends: the operator named (by name, any case, or by number), or
// without a name the only active operator. An inactive operator does not send, as in
// the window, where only active operators can be chosen.
func pickOperator(ops []inbox.Operator, want string) (inbox.Operator, error) {
	want = strings.TrimSpace(want)
	var active []inbox.Operator
	for _, o := range ops {
		if o.Active {
			active = append(active, o)
		}
		if want == "" {
			continue
		}
		if id, err := strconv.ParseUint(want, 10, 64); (err == nil && uint64(o.ID) == id) || strings.EqualFold(o.Name, want) {
			if !o.Active {
				return o, &inbox.Error{Code: inbox.CodeConflict, Key: "cli.operator_inactive", Args: map[string]any{"Name": o.Name}}
			}
			return o, nil
		}
	}
	list := operatorList(active)
	switch {
	case want != "":
		return inbox.Operator{}, &inbox.Error{Code: inbox.CodeNotFound, Key: "cli.operator_not_found",
			Args: map[string]any{"Name": want, "List": list}}
	case len(active) == 1:
		return active[0], nil
	case len(active) == 0:
		return inbox.Operator{}, &inbox.Error{Code: inbox.CodeConflict, Key: "cli.no_operator"}
	}
	return inbox.Operator{}, &inbox.Error{Code: inbox.CodeInvalid, Key: "cli.choose_operator", Args: map[string]any{"List": list}}
}

// operatorList is the active operators, one a line with the number --operator takes.
func operatorList(ops []inbox.Operator) string {
	var b strings.Builder
	for _, o := range ops {
		fmt.Fprintf(&b, "\n  %d  %s", o.ID, o.Name)
	}
	return b.String()
}
