package inboxtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"salonchat/inbox"
)

// RunStoreSuite runs the inbox.Store contract on every implementation. open returns a
// new, empty store and arranges its Close (and any file checks) with t.Cleanup.
//
// Every case writes through a wrapper that, after each Update and Batch, compares the
// store's ClassCounts and filter lists with a full recount from the dialogs (CheckCounts),
// and the lead counts and client list total with a recount (CheckClientCounts).
func RunStoreSuite(t *testing.T, open func(t testing.TB) inbox.Store) {
	for _, c := range storeCases {
		t.Run(c.name, func(t *testing.T) {
			c.run(t, &checkedStore{Store: open(t), t: t})
		})
	}
}

var storeCases = []struct {
	name string
	run  func(t *testing.T, s inbox.Store)
}{
	{"IDsAssigned", testIDsAssigned},
	{"NotFound", testNotFound},
	{"ChatByPeer", testChatByPeer},
	{"DialogsNewestFirstAcrossClasses", testDialogsPaging},
	{"DialogMovesBetweenLists", testDialogMoves},
	{"DialogsOfChat", testDialogsOfChat},
	{"SearchChats", testSearchChats},
	{"SearchChatsFollowsRename", testSearchRename},
	{"MessagesPaging", testMessagesPaging},
	{"DeliveryAndRevisions", testDeliveryRevisions},
	{"MessageByExternal", testMessageByExternal},
	{"AppendMessageRefusesID", testAppendRefusesID},
	{"QueuedFollowsSetDelivery", testQueued},
	{"PostponedDue", testPostponedDue},
	{"ChatsOfClientAndByPhone", testChatsOfClient},
	{"ClientRecords", testClientRecords},
	{"ClientListByName", testClientList},
	{"ClientSearch", testClientSearch},
	{"ClientsByPhone", testClientsByPhone},
	{"ClientHistory", testClientHistory},
	{"LeadList", testLeadList},
	{"ClientIndexRollback", testClientIndexRollback},
	{"UpdateErrorLeavesNothing", testUpdateError},
	{"BatchConcurrent", testBatchConcurrent},
}

// checkedStore runs CheckCounts after every write transaction.
type checkedStore struct {
	inbox.Store
	t testing.TB
}

func (s *checkedStore) Update(fn func(inbox.Tx) error) error {
	err := s.Store.Update(fn)
	CheckCounts(s.t, s.Store)
	CheckClientCounts(s.t, s.Store)
	return err
}

func (s *checkedStore) Batch(fn func(inbox.Tx) error) error {
	err := s.Store.Batch(fn)
	CheckCounts(s.t, s.Store)
	CheckClientCounts(s.t, s.Store)
	return err
}

// CheckCounts recounts every dialog (through WalkChats and DialogsOfChat) and fails t
// when ClassCounts of AllOwners, 0 or any operator or assignee differs, or when a filter
// tab, read page by page, does not list exactly its dialogs, newest first.
func CheckCounts(t testing.TB, s inbox.Store) {
	t.Helper()
	err := s.View(func(tx inbox.ReadTx) error {
		var all []inbox.Dialog
		if err := tx.WalkChats(func(c inbox.Chat) error {
			ds, err := tx.DialogsOfChat(c.ID)
			all = append(all, ds...)
			return err
		}); err != nil {
			return err
		}
		owners := []uint64{inbox.AllOwners, 0}
		ops, err := tx.Operators()
		if err != nil {
			return err
		}
		for _, o := range ops {
			owners = append(owners, uint64(o.ID))
		}
		for _, d := range all {
			owners = append(owners, uint64(d.Assignee))
		}
		slices.Sort(owners)
		for _, owner := range slices.Compact(owners) {
			if err := checkOwner(tx, all, owner); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		// Errorf, not Fatalf: Batch calls this from other goroutines.
		t.Errorf("recount: %v", err)
	}
}

func ownsDialog(owner uint64, d inbox.Dialog) bool {
	return owner == inbox.AllOwners || uint64(d.Assignee) == owner
}

func checkOwner(tx inbox.ReadTx, all []inbox.Dialog, owner uint64) error {
	want := inbox.ClassCounts{}
	for _, d := range all {
		if ownsDialog(owner, d) {
			want[d.Class()]++
		}
	}
	got, err := tx.ClassCounts(owner)
	if err != nil {
		return err
	}
	for _, c := range inbox.Classes {
		if got[c] != want[c] {
			return fmt.Errorf("ClassCounts(%d)[class %d] = %d; recount %d", owner, c, got[c], want[c])
		}
	}
	if owner == 0 {
		return nil // no filter lists exactly "unassigned" with Me == 0 besides OwnerUnassigned
	}
	f := inbox.Filter{Owner: inbox.OwnerMine, Me: inbox.OperatorID(owner)}
	if owner == inbox.AllOwners {
		f = inbox.Filter{Owner: inbox.OwnerAll}
	}
	for _, st := range inbox.Statuses {
		f.Status = st
		if err := checkList(tx, all, f, owner); err != nil {
			return err
		}
	}
	if owner == inbox.AllOwners {
		for _, st := range inbox.Statuses {
			if err := checkList(tx, all, inbox.Filter{Owner: inbox.OwnerUnassigned, Status: st}, 0); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkList reads a tab three rows at a time and compares it with the recount.
func checkList(tx inbox.ReadTx, all []inbox.Dialog, f inbox.Filter, owner uint64) error {
	want := map[inbox.DialogID]bool{}
	for _, d := range all {
		if ownsDialog(owner, d) && slices.Contains(f.Status.Classes(), d.Class()) {
			want[d.ID] = true
		}
	}
	rows, err := readTab(tx, f, 3)
	if err != nil {
		return err
	}
	seen := map[inbox.DialogID]bool{}
	for i, r := range rows {
		if !want[r.Dialog.ID] || seen[r.Dialog.ID] {
			return fmt.Errorf("filter %+v lists dialog %d wrongly (twice or not in the tab)", f, r.Dialog.ID)
		}
		seen[r.Dialog.ID] = true
		if r.Chat.ID != r.Dialog.Chat {
			return fmt.Errorf("filter %+v: row of dialog %d has chat %d, want %d", f, r.Dialog.ID, r.Chat.ID, r.Dialog.Chat)
		}
		if i > 0 && r.Dialog.LastActivity.After(rows[i-1].Dialog.LastActivity) {
			return fmt.Errorf("filter %+v: dialog %d is newer than the row before it", f, r.Dialog.ID)
		}
	}
	if len(seen) != len(want) {
		return fmt.Errorf("filter %+v lists %d dialogs; recount %d", f, len(seen), len(want))
	}
	return nil
}

// readTab reads a whole tab page by page, following the cursors.
func readTab(tx inbox.ReadTx, f inbox.Filter, page int) ([]inbox.DialogRow, error) {
	var out []inbox.DialogRow
	var cur inbox.ListCursor
	for i := 0; ; i++ {
		rows, next, err := tx.Dialogs(f, cur, page)
		if err != nil {
			return nil, err
		}
		if len(rows) > page {
			return nil, fmt.Errorf("Dialogs(%+v, n=%d) returned %d rows", f, page, len(rows))
		}
		out = append(out, rows...)
		if next == (inbox.ListCursor{}) {
			return out, nil
		}
		if len(rows) == 0 || i > 10000 {
			return nil, fmt.Errorf("Dialogs(%+v) returns a cursor without rows", f)
		}
		cur = next
	}
}

// Helpers shared by the cases.

// peerSeq makes the peers of test chats unique.
var peerSeq atomic.Uint64

var base = time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)

func at(minutes int) time.Time { return base.Add(time.Duration(minutes) * time.Minute) }

func update(t testing.TB, s inbox.Store, fn func(inbox.Tx) error) {
	t.Helper()
	if err := s.Update(fn); err != nil {
		t.Fatalf("Update: %v", err)
	}
}

func view(t testing.TB, s inbox.Store, fn func(inbox.ReadTx) error) {
	t.Helper()
	if err := s.View(fn); err != nil {
		t.Fatalf("View: %v", err)
	}
}

// same compares records through JSON, which ignores how equal times are represented
// (location pointer, monotonic reading) and nothing else.
func same(t testing.TB, what string, got, want any) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("%s:\n got %s\nwant %s", what, g, w)
	}
}

// mkChat stores a chat on account 1 (peer defaults to its name).
func mkChat(t testing.TB, tx inbox.Tx, c inbox.Chat) inbox.Chat {
	t.Helper()
	if c.Account == 0 {
		c.Account = 1
	}
	if c.Peer == "" {
		c.Peer = inbox.PeerID(fmt.Sprintf("peer-%d", peerSeq.Add(1)))
	}
	if c.Network == "" {
		c.Network = inbox.Telegram
	}
	if err := tx.PutChat(&c); err != nil {
		t.Fatalf("PutChat: %v", err)
	}
	return c
}

// mkDialog stores a dialog of a new chat.
func mkDialog(t testing.TB, tx inbox.Tx, d inbox.Dialog) inbox.Dialog {
	t.Helper()
	if d.Chat == 0 {
		d.Chat = mkChat(t, tx, inbox.Chat{Name: "Клиент"}).ID
	}
	if d.Status == 0 {
		d.Status = inbox.DialogOpen
	}
	if err := tx.PutDialog(&d); err != nil {
		t.Fatalf("PutDialog: %v", err)
	}
	return d
}

func appendMsg(t testing.TB, tx inbox.Tx, m inbox.Message) inbox.Message {
	t.Helper()
	if m.Direction == 0 {
		m.Direction = inbox.DirInbound
	}
	if err := tx.AppendMessage(&m); err != nil {
		t.Fatalf("AppendMessage: %v", err)
	}
	if m.ID == 0 {
		t.Fatal("AppendMessage left ID zero")
	}
	return m
}

func ids[T any](xs []T, id func(T) uint64) []uint64 {
	out := make([]uint64, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}

func dialogIDs(rows []inbox.DialogRow) []uint64 {
	return ids(rows, func(r inbox.DialogRow) uint64 { return uint64(r.Dialog.ID) })
}

func sortedIDs[T ~uint64](xs []T) []uint64 {
	out := ids(xs, func(x T) uint64 { return uint64(x) })
	slices.Sort(out)
	return out
}

// The cases.

func testIDsAssigned(t *testing.T, s inbox.Store) {
	op := inbox.Operator{Name: "Марина", Active: true}
	acc := inbox.Account{Network: inbox.WhatsApp, Title: "Салон", Settings: map[string]string{"phone": "79120000000"}}
	cl := inbox.Client{Name: "Анна Иванова", Phones: []string{"79123456789"}}
	tp := inbox.Template{Title: "Привет", Text: "Здравствуйте, {Клиент.Имя}!"}
	salon := inbox.Salon{Name: "Лотос", Address: "Ленина, 1", Phone: "73430000000"}
	var chat inbox.Chat
	var dlg inbox.Dialog
	var msg inbox.Message
	var v inbox.Visit
	var k inbox.Task
	var l inbox.Lead
	update(t, s, func(tx inbox.Tx) error {
		for _, err := range []error{tx.PutOperator(&op), tx.PutAccount(&acc), tx.PutClient(&cl), tx.PutTemplate(&tp), tx.PutSalon(salon)} {
			if err != nil {
				return err
			}
		}
		chat = mkChat(t, tx, inbox.Chat{Account: acc.ID, Network: inbox.WhatsApp, Peer: "79123456789", Name: "Аня",
			Phone: "79123456789", Client: cl.ID, ClientName: cl.Name, Created: at(0)})
		dlg = mkDialog(t, tx, inbox.Dialog{Chat: chat.ID, Awaiting: true, Unread: 2, Opened: at(1), LastActivity: at(2),
			WaitingSince: at(1), Preview: "Можно на завтра?", PreviewDirection: inbox.DirInbound})
		msg = appendMsg(t, tx, inbox.Message{Chat: chat.ID, Dialog: dlg.ID, At: at(2), ExternalID: "w1", Text: "Можно на завтра?",
			Attachments: []inbox.Attachment{{Kind: inbox.AttachImage, Name: "фото.jpg", MIME: "image/jpeg", Size: 1234, RemoteID: "r1"}}})
		v = inbox.Visit{Client: cl.ID, At: at(60), Master: "Ольга", Service: "Стрижка", Price: 150000, Status: inbox.VisitBooked}
		k = inbox.Task{Client: cl.ID, Text: "Перезвонить", Due: at(120), Operator: op.ID}
		l = inbox.Lead{Client: cl.ID, Name: "Анна", Phone: "79123456789", Channel: inbox.WhatsApp, Status: inbox.LeadNew, Created: at(3)}
		for _, err := range []error{tx.PutVisit(&v), tx.PutTask(&k), tx.PutLead(&l)} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	chat.Dialog = dlg.ID // a new dialog is its chat's current one without a PutChat
	for name, id := range map[string]uint64{"operator": uint64(op.ID), "account": uint64(acc.ID), "client": uint64(cl.ID),
		"template": uint64(tp.ID), "chat": uint64(chat.ID), "dialog": uint64(dlg.ID), "message": uint64(msg.ID),
		"visit": uint64(v.ID), "task": uint64(k.ID), "lead": uint64(l.ID)} {
		if id == 0 {
			t.Errorf("%s id not assigned", name)
		}
	}
	view(t, s, func(tx inbox.ReadTx) error {
		gotOp, err := tx.Operator(op.ID)
		same(t, "Operator", gotOp, op)
		gotAcc, err2 := tx.Account(acc.ID)
		same(t, "Account", gotAcc, acc)
		gotCl, err3 := tx.Client(cl.ID)
		same(t, "Client", gotCl, cl)
		gotChat, err4 := tx.Chat(chat.ID)
		same(t, "Chat", gotChat, chat)
		gotDlg, err5 := tx.Dialog(dlg.ID)
		same(t, "Dialog", gotDlg, dlg)
		gotMsg, err6 := tx.Message(msg.ID)
		same(t, "Message", gotMsg, msg)
		gotSalon, err7 := tx.Salon()
		same(t, "Salon", gotSalon, salon)
		ops, err8 := tx.Operators()
		same(t, "Operators", ops, []inbox.Operator{op})
		accs, err9 := tx.Accounts()
		same(t, "Accounts", accs, []inbox.Account{acc})
		tps, err10 := tx.Templates()
		same(t, "Templates", tps, []inbox.Template{tp})
		cls, err11 := tx.Clients()
		same(t, "Clients", cls, []inbox.Client{cl})
		vs, err12 := tx.VisitsOf(cl.ID)
		same(t, "VisitsOf", vs, []inbox.Visit{v})
		ks, err13 := tx.TasksOf(cl.ID)
		same(t, "TasksOf", ks, []inbox.Task{k})
		ls, err14 := tx.LeadsOf(cl.ID)
		same(t, "LeadsOf", ls, []inbox.Lead{l})
		return errors.Join(err, err2, err3, err4, err5, err6, err7, err8, err9, err10, err11, err12, err13, err14)
	})
	// A second record of a kind gets another id.
	op2 := inbox.Operator{Name: "Света"}
	update(t, s, func(tx inbox.Tx) error { return tx.PutOperator(&op2) })
	if op2.ID == 0 || op2.ID == op.ID {
		t.Errorf("second operator id = %d; first %d", op2.ID, op.ID)
	}
}

func testNotFound(t *testing.T, s inbox.Store) {
	view(t, s, func(tx inbox.ReadTx) error {
		_, e1 := tx.Chat(42)
		_, e2 := tx.Dialog(42)
		_, e3 := tx.Message(42)
		_, e4 := tx.Operator(42)
		_, e5 := tx.Account(42)
		_, e6 := tx.Client(42)
		for i, err := range []error{e1, e2, e3, e4, e5, e6} {
			if !errors.Is(err, inbox.ErrNotFound) {
				t.Errorf("lookup %d of a missing record: %v; want ErrNotFound", i, err)
			}
		}
		return nil
	})
}

func testChatByPeer(t *testing.T, s inbox.Store) {
	var c inbox.Chat
	update(t, s, func(tx inbox.Tx) error {
		c = mkChat(t, tx, inbox.Chat{Account: 1, Peer: "p1", Name: "Анна"})
		mkChat(t, tx, inbox.Chat{Account: 2, Peer: "p2", Name: "Ольга"})
		return nil
	})
	c.Name = "Анна Петрова"
	update(t, s, func(tx inbox.Tx) error { return tx.PutChat(&c) })
	view(t, s, func(tx inbox.ReadTx) error {
		cases := []struct {
			acc  inbox.AccountID
			peer inbox.PeerID
			ok   bool
		}{{1, "p1", true}, {2, "p1", false}, {1, "p2", false}, {1, "p3", false}}
		for _, tc := range cases {
			got, ok, err := tx.ChatByPeer(tc.acc, tc.peer)
			if err != nil || ok != tc.ok {
				t.Errorf("ChatByPeer(%d, %q) = ok %v, %v; want ok %v", tc.acc, tc.peer, ok, err, tc.ok)
			}
			if ok && (got.ID != c.ID || got.Name != c.Name) {
				t.Errorf("ChatByPeer(%d, %q) = %+v; want %+v", tc.acc, tc.peer, got, c)
			}
		}
		return nil
	})
}

func testDialogsPaging(t *testing.T, s inbox.Store) {
	// Classes interleave in time: the Без ответа tab merges open and postponed awaiting.
	var d [7]inbox.Dialog
	update(t, s, func(tx inbox.Tx) error {
		d[0] = mkDialog(t, tx, inbox.Dialog{Awaiting: true, LastActivity: at(10)})
		d[1] = mkDialog(t, tx, inbox.Dialog{Status: inbox.DialogPostponed, PostponedUntil: at(999), Awaiting: true, LastActivity: at(50)})
		d[2] = mkDialog(t, tx, inbox.Dialog{Awaiting: true, LastActivity: at(30)})
		d[3] = mkDialog(t, tx, inbox.Dialog{LastActivity: at(60)})
		d[4] = mkDialog(t, tx, inbox.Dialog{Status: inbox.DialogPostponed, PostponedUntil: at(999), Awaiting: true, LastActivity: at(20)})
		d[5] = mkDialog(t, tx, inbox.Dialog{Status: inbox.DialogClosed, LastActivity: at(70)})
		d[6] = mkDialog(t, tx, inbox.Dialog{Awaiting: true, LastActivity: at(40)})
		return nil
	})
	want := map[inbox.StatusFilter][]inbox.Dialog{
		inbox.StatusUnanswered: {d[1], d[6], d[2], d[4], d[0]},
		inbox.StatusOpen:       {d[3], d[6], d[2], d[0]},
		inbox.StatusPostponed:  {d[1], d[4]},
		inbox.StatusClosed:     {d[5]},
	}
	view(t, s, func(tx inbox.ReadTx) error {
		for st, ds := range want {
			w := ids(ds, func(d inbox.Dialog) uint64 { return uint64(d.ID) })
			for _, page := range []int{1, 2, 50} {
				rows, err := readTab(tx, inbox.Filter{Owner: inbox.OwnerAll, Status: st}, page)
				if err != nil {
					return err
				}
				if got := dialogIDs(rows); !slices.Equal(got, w) {
					t.Errorf("status %d, pages of %d: dialogs %v; want %v", st, page, got, w)
				}
			}
		}
		rows, next, err := tx.Dialogs(inbox.Filter{Status: inbox.StatusUnanswered}, inbox.ListCursor{}, 2)
		if err != nil {
			return err
		}
		if len(rows) != 2 || next == (inbox.ListCursor{}) {
			t.Errorf("first page of 2: %d rows, cursor %+v; want 2 rows and a cursor", len(rows), next)
		}
		rows, next, err = tx.Dialogs(inbox.Filter{Status: inbox.StatusClosed}, inbox.ListCursor{}, 1)
		if len(rows) != 1 || next != (inbox.ListCursor{}) {
			t.Errorf("only page of the closed tab: %d rows, cursor %+v; want 1 row and no cursor", len(rows), next)
		}
		return err
	})
}

func testDialogMoves(t *testing.T, s inbox.Store) {
	var ops [2]inbox.Operator
	var d, other inbox.Dialog
	update(t, s, func(tx inbox.Tx) error {
		for i := range ops {
			ops[i] = inbox.Operator{Name: fmt.Sprintf("Оператор %d", i+1), Active: true}
			if err := tx.PutOperator(&ops[i]); err != nil {
				return err
			}
		}
		d = mkDialog(t, tx, inbox.Dialog{Awaiting: true, LastActivity: at(1)})
		other = mkDialog(t, tx, inbox.Dialog{Awaiting: true, Assignee: ops[1].ID, LastActivity: at(2)})
		return nil
	})
	in := func(f inbox.Filter) bool {
		var found bool
		view(t, s, func(tx inbox.ReadTx) error {
			rows, err := readTab(tx, f, 50)
			found = slices.Contains(dialogIDs(rows), uint64(d.ID))
			return err
		})
		return found
	}
	mine := func(op int, st inbox.StatusFilter) inbox.Filter {
		return inbox.Filter{Owner: inbox.OwnerMine, Me: ops[op].ID, Status: st}
	}
	steps := []struct {
		name   string
		change func(*inbox.Dialog)
		in     []inbox.Filter
		out    []inbox.Filter
	}{
		{"new", func(*inbox.Dialog) {},
			[]inbox.Filter{{Status: inbox.StatusUnanswered}, {Status: inbox.StatusOpen}, {Owner: inbox.OwnerUnassigned, Status: inbox.StatusUnanswered}},
			[]inbox.Filter{mine(0, inbox.StatusUnanswered), {Status: inbox.StatusClosed}}},
		{"assigned and answered", func(d *inbox.Dialog) { d.Assignee, d.Awaiting, d.LastActivity = ops[0].ID, false, at(5) },
			[]inbox.Filter{mine(0, inbox.StatusOpen), {Status: inbox.StatusOpen}},
			[]inbox.Filter{{Status: inbox.StatusUnanswered}, {Owner: inbox.OwnerUnassigned, Status: inbox.StatusOpen}, mine(1, inbox.StatusOpen)}},
		{"reassigned", func(d *inbox.Dialog) { d.Assignee = ops[1].ID },
			[]inbox.Filter{mine(1, inbox.StatusOpen)},
			[]inbox.Filter{mine(0, inbox.StatusOpen)}},
		{"postponed", func(d *inbox.Dialog) { d.Status, d.PostponedUntil = inbox.DialogPostponed, at(100) },
			[]inbox.Filter{mine(1, inbox.StatusPostponed), {Status: inbox.StatusPostponed}},
			[]inbox.Filter{mine(1, inbox.StatusOpen), {Status: inbox.StatusUnanswered}}},
		{"client wrote while postponed", func(d *inbox.Dialog) { d.Awaiting, d.LastActivity = true, at(7) },
			[]inbox.Filter{mine(1, inbox.StatusPostponed), {Status: inbox.StatusUnanswered}},
			[]inbox.Filter{{Status: inbox.StatusOpen}}},
		{"unassigned", func(d *inbox.Dialog) { d.Assignee = 0 },
			[]inbox.Filter{{Owner: inbox.OwnerUnassigned, Status: inbox.StatusPostponed}},
			[]inbox.Filter{mine(1, inbox.StatusPostponed)}},
		{"closed", func(d *inbox.Dialog) { d.Status, d.Awaiting, d.Assignee = inbox.DialogClosed, false, ops[0].ID },
			[]inbox.Filter{{Status: inbox.StatusClosed}, mine(0, inbox.StatusClosed)},
			[]inbox.Filter{{Status: inbox.StatusPostponed}, {Status: inbox.StatusUnanswered}, {Owner: inbox.OwnerUnassigned, Status: inbox.StatusClosed}}},
		{"unread changed only", func(d *inbox.Dialog) { d.Unread = 3 },
			[]inbox.Filter{{Status: inbox.StatusClosed}}, nil},
	}
	for _, st := range steps {
		st.change(&d)
		update(t, s, func(tx inbox.Tx) error { return tx.PutDialog(&d) })
		for _, f := range st.in {
			if !in(f) {
				t.Errorf("after %s: dialog missing from %+v", st.name, f)
			}
		}
		for _, f := range st.out {
			if in(f) {
				t.Errorf("after %s: dialog still in %+v", st.name, f)
			}
		}
	}
	view(t, s, func(tx inbox.ReadTx) error {
		got, err := tx.Dialog(d.ID)
		same(t, "Dialog after moves", got, d)
		rows, err2 := readTab(tx, mine(1, inbox.StatusUnanswered), 50)
		if ids := dialogIDs(rows); !slices.Equal(ids, []uint64{uint64(other.ID)}) {
			t.Errorf("the other operator's tab lists %v; want only its own dialog %d", ids, other.ID)
		}
		return errors.Join(err, err2)
	})
}

func testDialogsOfChat(t *testing.T, s inbox.Store) {
	var c inbox.Chat
	var ds []inbox.Dialog
	update(t, s, func(tx inbox.Tx) error {
		c = mkChat(t, tx, inbox.Chat{Name: "Вера"})
		mkDialog(t, tx, inbox.Dialog{LastActivity: at(0)}) // another chat's
		for i := range 3 {
			st := inbox.DialogClosed
			if i == 2 {
				st = inbox.DialogOpen
			}
			ds = append(ds, mkDialog(t, tx, inbox.Dialog{Chat: c.ID, Status: st, LastActivity: at(i)}))
		}
		c.Dialog = ds[2].ID
		return tx.PutChat(&c)
	})
	view(t, s, func(tx inbox.ReadTx) error {
		got, err := tx.DialogsOfChat(c.ID)
		same(t, "DialogsOfChat", got, ds)
		return err
	})
}

func testSearchChats(t *testing.T, s inbox.Store) {
	var anna, masha, olga, other inbox.Chat
	update(t, s, func(tx inbox.Tx) error {
		anna = mkChat(t, tx, inbox.Chat{Name: "Анна Иванова", Phone: "79123456789"})
		masha = mkChat(t, tx, inbox.Chat{Account: 2, Name: "Мария Петрова", Username: "mashap", Phone: "79261112233"})
		olga = mkChat(t, tx, inbox.Chat{Name: "Оля", Client: 7, ClientName: "Ольга Сидорова"})
		other = mkChat(t, tx, inbox.Chat{Name: "Андрей", Phone: "79990001122"})
		return nil
	})
	cases := []struct {
		q    string
		want []inbox.Chat
	}{
		{"+7 (912) 345-67-89", []inbox.Chat{anna}},
		{"89123456789", []inbox.Chat{anna}},
		{"8912", []inbox.Chat{anna}},
		{"345-67", []inbox.Chat{anna}},
		{"912", []inbox.Chat{anna}},
		{"01122", []inbox.Chat{other}},
		{"7", []inbox.Chat{}},
		{"анна", []inbox.Chat{anna}},
		{"АНН", []inbox.Chat{anna}},
		{"Иванова", []inbox.Chat{anna}},
		{"петр", []inbox.Chat{masha}},
		{"masha", []inbox.Chat{masha}},
		{"сидор", []inbox.Chat{olga}},
		{"Ольга", []inbox.Chat{olga}},
		{"оля", []inbox.Chat{olga}},
		{"ан", []inbox.Chat{anna, other}},
		{"ванова", []inbox.Chat{}},
		{"Зоя", []inbox.Chat{}},
	}
	view(t, s, func(tx inbox.ReadTx) error {
		for _, c := range cases {
			got, err := tx.SearchChats(c.q, 10)
			if err != nil {
				return err
			}
			want := ids(c.want, func(c inbox.Chat) uint64 { return uint64(c.ID) })
			slices.Sort(want)
			if g := sortedIDs(got); !slices.Equal(g, want) {
				t.Errorf("SearchChats(%q) = %v; want %v", c.q, g, want)
			}
		}
		if got, err := tx.SearchChats("ан", 1); err != nil || len(got) != 1 {
			t.Errorf("SearchChats(%q, limit 1) = %v, %v; want one chat", "ан", got, err)
		}
		if got, err := tx.SearchChats("79", 1); err != nil || len(got) != 0 {
			t.Errorf("SearchChats(%q) = %v, %v; want none: two digits are not a phone query", "79", got, err)
		}
		return nil
	})
}

func testSearchRename(t *testing.T, s inbox.Store) {
	var c inbox.Chat
	update(t, s, func(tx inbox.Tx) error {
		c = mkChat(t, tx, inbox.Chat{Name: "Светлана", Phone: "79120000001"})
		return nil
	})
	c.Name, c.Phone, c.Client, c.ClientName = "Света", "79350000002", 3, "Светлана Кузнецова"
	update(t, s, func(tx inbox.Tx) error { return tx.PutChat(&c) })
	c.ClientName = "Светлана Орлова"
	update(t, s, func(tx inbox.Tx) error { return tx.PutChat(&c) })
	view(t, s, func(tx inbox.ReadTx) error {
		for q, want := range map[string]int{"света": 1, "светлана": 1, "орлова": 1, "кузнецова": 0, "7912": 0, "7935": 1} {
			got, err := tx.SearchChats(q, 10)
			if err != nil {
				return err
			}
			if len(got) != want {
				t.Errorf("after renames, SearchChats(%q) = %v; want %d chat(s)", q, got, want)
			}
		}
		return nil
	})
}

// thread stores n messages in a chat, interleaved with messages of another chat.
func thread(t *testing.T, s inbox.Store, n int) (inbox.ChatID, []inbox.Message) {
	var chat inbox.ChatID
	var ms []inbox.Message
	update(t, s, func(tx inbox.Tx) error {
		c := mkChat(t, tx, inbox.Chat{Name: "Тред"})
		o := mkChat(t, tx, inbox.Chat{Name: "Другой"})
		d := mkDialog(t, tx, inbox.Dialog{Chat: c.ID, LastActivity: at(n)})
		chat = c.ID
		for i := range n {
			dir := []inbox.Direction{inbox.DirInbound, inbox.DirOutbound, inbox.DirSystem}[i%3]
			m := inbox.Message{Chat: c.ID, Dialog: d.ID, Direction: dir, At: at(i), Text: fmt.Sprintf("сообщение %d", i)}
			switch dir {
			case inbox.DirInbound:
				m.ExternalID = inbox.ExternalID(fmt.Sprintf("in-%d", i))
			case inbox.DirOutbound:
				m.Delivery = &inbox.Delivery{State: inbox.Read, At: at(i), ExternalID: inbox.ExternalID(fmt.Sprintf("out-%d", i))}
			case inbox.DirSystem:
				m.System = &inbox.SystemEvent{Kind: inbox.SysAssigned, Operator: 1, OperatorName: "Марина", Target: 2, TargetName: "Оля"}
			}
			ms = append(ms, appendMsg(t, tx, m))
			appendMsg(t, tx, inbox.Message{Chat: o.ID, At: at(i), Text: "шум"})
		}
		return nil
	})
	return chat, ms
}

func testMessagesPaging(t *testing.T, s inbox.Store) {
	chat, ms := thread(t, s, 120)
	view(t, s, func(tx inbox.ReadTx) error {
		before := inbox.MessageID(0)
		for _, want := range [][]inbox.Message{ms[70:], ms[20:70], ms[:20], nil} {
			page, err := tx.Messages(chat, before, 50)
			if err != nil {
				return err
			}
			if len(want) == 0 && len(page) == 0 {
				break
			}
			same(t, fmt.Sprintf("Messages(before %d)", before), page, want)
			if len(page) == 0 {
				break
			}
			before = page[0].ID
		}
		var walked []inbox.Message
		err := tx.WalkMessages(chat, func(m inbox.Message) error { walked = append(walked, m); return nil })
		same(t, "WalkMessages", walked, ms)
		stop := errors.New("stop")
		n := 0
		if err := tx.WalkMessages(chat, func(inbox.Message) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
			t.Errorf("WalkMessages with fn failing: %v after %d calls; want stop after 1", err, n)
		}
		return err
	})
}

func testDeliveryRevisions(t *testing.T, s inbox.Store) {
	chat, ms := thread(t, s, 6)
	in, out := ms[0], ms[1]
	revs := []inbox.Revision{{At: at(10), Text: "правка 1", ExternalID: "edit-1"}, {At: at(11), Text: "правка 2", ExternalID: "edit-2"}}
	d := inbox.Delivery{State: inbox.Failed, Reason: "send.blocked", Detail: "403", At: at(12), Attempts: 2, ExternalID: out.Delivery.ExternalID}
	update(t, s, func(tx inbox.Tx) error {
		for _, r := range revs {
			if err := tx.AddRevision(in.ID, r); err != nil {
				return err
			}
		}
		return tx.SetDelivery(out.ID, d)
	})
	in.Revisions, out.Delivery = revs, &d
	view(t, s, func(tx inbox.ReadTx) error {
		gotIn, err := tx.Message(in.ID)
		same(t, "Message with revisions", gotIn, in)
		if gotIn.CurrentText() != "правка 2" {
			t.Errorf("CurrentText = %q; want the last revision", gotIn.CurrentText())
		}
		gotOut, err2 := tx.Message(out.ID)
		same(t, "Message with delivery", gotOut, out)
		page, err3 := tx.Messages(chat, 0, 50)
		same(t, "Messages with extras", page[:2], []inbox.Message{in, out})
		return errors.Join(err, err2, err3)
	})
}

func testMessageByExternal(t *testing.T, s inbox.Store) {
	chat, ms := thread(t, s, 3)
	var otherChat inbox.ChatID
	update(t, s, func(tx inbox.Tx) error {
		otherChat = mkChat(t, tx, inbox.Chat{Name: "Другая"}).ID
		return tx.AddRevision(ms[0].ID, inbox.Revision{At: at(5), Text: "исправлено", ExternalID: "in-0-edit"})
	})
	view(t, s, func(tx inbox.ReadTx) error {
		cases := []struct {
			chat inbox.ChatID
			ext  inbox.ExternalID
			id   inbox.MessageID
			ok   bool
		}{
			{chat, "in-0", ms[0].ID, true},
			{chat, "in-0-edit", ms[0].ID, true},
			{chat, "nope", 0, false},
			{otherChat, "in-0", 0, false},
		}
		for _, c := range cases {
			id, ok, err := tx.MessageByExternal(c.chat, c.ext)
			if err != nil || ok != c.ok || (ok && id != c.id) {
				t.Errorf("MessageByExternal(%d, %q) = %d, %v, %v; want %d, %v", c.chat, c.ext, id, ok, err, c.id, c.ok)
			}
		}
		return nil
	})
}

func testAppendRefusesID(t *testing.T, s inbox.Store) {
	chat, ms := thread(t, s, 2)
	err := s.Update(func(tx inbox.Tx) error {
		m := inbox.Message{ID: ms[0].ID, Chat: chat, Direction: inbox.DirInbound, At: at(9), Text: "подмена"}
		return tx.AppendMessage(&m)
	})
	if err == nil {
		t.Fatal("AppendMessage with an ID set: nil error; want a refusal")
	}
	view(t, s, func(tx inbox.ReadTx) error {
		got, err := tx.Message(ms[0].ID)
		same(t, "message after a refused append", got, ms[0])
		return err
	})
}

func testQueued(t *testing.T, s inbox.Store) {
	var a, b inbox.Message
	update(t, s, func(tx inbox.Tx) error {
		c := mkChat(t, tx, inbox.Chat{Name: "Очередь"})
		appendMsg(t, tx, inbox.Message{Chat: c.ID, Direction: inbox.DirOutbound, At: at(0), Text: "отправлено",
			Delivery: &inbox.Delivery{State: inbox.Sent}})
		a = appendMsg(t, tx, inbox.Message{Chat: c.ID, Direction: inbox.DirOutbound, At: at(1), Text: "a", Delivery: &inbox.Delivery{State: inbox.Queued}})
		b = appendMsg(t, tx, inbox.Message{Chat: c.ID, Direction: inbox.DirOutbound, At: at(2), Text: "b", Delivery: &inbox.Delivery{State: inbox.Queued}})
		return nil
	})
	steps := []struct {
		name string
		id   inbox.MessageID
		st   inbox.DeliveryState
		want []inbox.MessageID
	}{
		{"initial", 0, 0, []inbox.MessageID{a.ID, b.ID}},
		{"a sent", a.ID, inbox.Sent, []inbox.MessageID{b.ID}},
		{"b failed", b.ID, inbox.Failed, nil},
		{"b retried", b.ID, inbox.Queued, []inbox.MessageID{b.ID}},
		{"a failed and retried", a.ID, inbox.Queued, []inbox.MessageID{a.ID, b.ID}},
		{"a delivered", a.ID, inbox.Delivered, []inbox.MessageID{b.ID}},
	}
	for _, st := range steps {
		if st.id != 0 {
			update(t, s, func(tx inbox.Tx) error { return tx.SetDelivery(st.id, inbox.Delivery{State: st.st, At: at(5)}) })
		}
		view(t, s, func(tx inbox.ReadTx) error {
			got, err := tx.Queued()
			if !slices.Equal(got, st.want) {
				t.Errorf("after %s: Queued() = %v; want %v", st.name, got, st.want)
			}
			return err
		})
	}
}

func testPostponedDue(t *testing.T, s inbox.Store) {
	var d [3]inbox.Dialog
	update(t, s, func(tx inbox.Tx) error {
		for i := range d {
			d[i] = mkDialog(t, tx, inbox.Dialog{Status: inbox.DialogPostponed, PostponedUntil: at(100 * (i + 1)), LastActivity: at(i)})
		}
		mkDialog(t, tx, inbox.Dialog{LastActivity: at(9)})
		return nil
	})
	due := func(m int) []uint64 {
		var out []uint64
		view(t, s, func(tx inbox.ReadTx) error {
			ids, err := tx.PostponedDue(at(m))
			out = sortedIDs(ids)
			return err
		})
		return out
	}
	if got, want := due(200), []uint64{uint64(d[0].ID), uint64(d[1].ID)}; !slices.Equal(got, want) {
		t.Errorf("PostponedDue(200) = %v; want %v (the limit is included)", got, want)
	}
	if got := due(50); len(got) != 0 {
		t.Errorf("PostponedDue(50) = %v; want none", got)
	}
	d[0].Status, d[0].PostponedUntil = inbox.DialogOpen, time.Time{}
	d[2].PostponedUntil = at(150)
	update(t, s, func(tx inbox.Tx) error { return errors.Join(tx.PutDialog(&d[0]), tx.PutDialog(&d[2])) })
	if got, want := due(200), []uint64{uint64(d[1].ID), uint64(d[2].ID)}; !slices.Equal(got, want) {
		t.Errorf("after reopening and re-postponing, PostponedDue(200) = %v; want %v", got, want)
	}
}

func testChatsOfClient(t *testing.T, s inbox.Store) {
	var c1, c2, c3 inbox.Chat
	update(t, s, func(tx inbox.Tx) error {
		c1 = mkChat(t, tx, inbox.Chat{Account: 1, Name: "Анна", Phone: "79123456789", Client: 1, ClientName: "Анна"})
		c2 = mkChat(t, tx, inbox.Chat{Account: 2, Name: "Аня", Phone: "79123456789", Client: 1, ClientName: "Анна"})
		c3 = mkChat(t, tx, inbox.Chat{Account: 1, Name: "Борис", Phone: "791234567890"})
		return nil
	})
	chatIDs := func(cs []inbox.Chat) []uint64 {
		out := ids(cs, func(c inbox.Chat) uint64 { return uint64(c.ID) })
		slices.Sort(out)
		return out
	}
	check := func(when string, client1, client2, phone []inbox.Chat) {
		view(t, s, func(tx inbox.ReadTx) error {
			g1, err1 := tx.ChatsOfClient(1)
			g2, err2 := tx.ChatsOfClient(2)
			gp, err3 := tx.ChatsByPhone("79123456789")
			for _, c := range []struct {
				what      string
				got, want []inbox.Chat
			}{{"ChatsOfClient(1)", g1, client1}, {"ChatsOfClient(2)", g2, client2}, {"ChatsByPhone", gp, phone}} {
				if !slices.Equal(chatIDs(c.got), chatIDs(c.want)) {
					t.Errorf("%s: %s = %v; want %v", when, c.what, chatIDs(c.got), chatIDs(c.want))
				}
			}
			return errors.Join(err1, err2, err3)
		})
	}
	check("linked", []inbox.Chat{c1, c2}, nil, []inbox.Chat{c1, c2})
	c2.Client, c2.Phone = 2, "79260000000"
	update(t, s, func(tx inbox.Tx) error { return tx.PutChat(&c2) })
	check("relinked", []inbox.Chat{c1}, []inbox.Chat{c2}, []inbox.Chat{c1})
	_ = c3
}

func testClientRecords(t *testing.T, s inbox.Store) {
	var a, b inbox.Client
	var v inbox.Visit
	update(t, s, func(tx inbox.Tx) error {
		a, b = inbox.Client{Name: "Анна"}, inbox.Client{Name: "Борис"}
		if err := errors.Join(tx.PutClient(&a), tx.PutClient(&b)); err != nil {
			return err
		}
		v = inbox.Visit{Client: a.ID, At: at(0), Service: "Маникюр", Status: inbox.VisitBooked}
		return tx.PutVisit(&v)
	})
	v.Client, v.Status = b.ID, inbox.VisitCame
	update(t, s, func(tx inbox.Tx) error { return tx.PutVisit(&v) })
	view(t, s, func(tx inbox.ReadTx) error {
		va, err1 := tx.VisitsOf(a.ID)
		vb, err2 := tx.VisitsOf(b.ID)
		if len(va) != 0 {
			t.Errorf("VisitsOf(old client) = %+v; want none after moving the visit", va)
		}
		same(t, "VisitsOf(new client)", vb, []inbox.Visit{v})
		return errors.Join(err1, err2)
	})
}

func testUpdateError(t *testing.T, s inbox.Store) {
	boom := errors.New("boom")
	err := s.Update(func(tx inbox.Tx) error {
		op := inbox.Operator{Name: "Марина"}
		if err := tx.PutOperator(&op); err != nil {
			return err
		}
		c := mkChat(t, tx, inbox.Chat{Account: 1, Peer: "p", Name: "Анна", Phone: "79123456789", Client: 1})
		d := mkDialog(t, tx, inbox.Dialog{Chat: c.ID, Awaiting: true, Assignee: op.ID, LastActivity: at(1)})
		appendMsg(t, tx, inbox.Message{Chat: c.ID, Dialog: d.ID, Direction: inbox.DirOutbound, At: at(1), Text: "x",
			ExternalID: "e", Delivery: &inbox.Delivery{State: inbox.Queued}})
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v; want the error fn returned", err)
	}
	view(t, s, func(tx inbox.ReadTx) error {
		n := 0
		err := tx.WalkChats(func(inbox.Chat) error { n++; return nil })
		ops, err2 := tx.Operators()
		_, ok, err3 := tx.ChatByPeer(1, "p")
		found, err4 := tx.SearchChats("анна", 10)
		byPhone, err5 := tx.ChatsByPhone("79123456789")
		q, err6 := tx.Queued()
		counts, err7 := tx.ClassCounts(inbox.AllOwners)
		ofClient, err8 := tx.ChatsOfClient(1)
		if n != 0 || len(ops) != 0 || ok || len(found) != 0 || len(byPhone) != 0 || len(q) != 0 || counts.Live() != 0 || len(ofClient) != 0 {
			t.Errorf("after a failed Update: %d chats, operators %v, peer found %v, search %v, by phone %v, queued %v, counts %v, of client %v; want nothing",
				n, ops, ok, found, byPhone, q, counts, ofClient)
		}
		return errors.Join(err, err2, err3, err4, err5, err6, err7, err8)
	})
}

// testBatchConcurrent receives messages from many goroutines through Batch. fn builds
// its records inside, so that running it twice (as Batch may) changes nothing.
func testBatchConcurrent(t *testing.T, s inbox.Store) {
	const workers, each = 16, 8
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			peer := inbox.PeerID(fmt.Sprintf("peer-%d", w))
			for i := range each {
				errs <- s.Batch(func(tx inbox.Tx) error { return receive(tx, peer, i) })
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("Batch: %v", err)
		}
	}
	view(t, s, func(tx inbox.ReadTx) error {
		for w := range workers {
			c, ok, err := tx.ChatByPeer(1, inbox.PeerID(fmt.Sprintf("peer-%d", w)))
			if err != nil || !ok {
				return fmt.Errorf("chat of worker %d: ok %v, %w", w, ok, err)
			}
			ms, err := tx.Messages(c.ID, 0, 100)
			if err != nil {
				return err
			}
			if len(ms) != each {
				t.Errorf("worker %d: %d messages; want %d", w, len(ms), each)
			}
			d, err := tx.Dialog(c.Dialog)
			if err != nil {
				return err
			}
			if d.Unread != each || d.LastMessage != ms[len(ms)-1].ID {
				t.Errorf("worker %d: dialog unread %d, last %d; want %d, %d", w, d.Unread, d.LastMessage, each, ms[len(ms)-1].ID)
			}
		}
		return nil
	})
}

// receive is a small inbound path: find or make the chat and its dialog, append the
// message unless its external id is known, and update the dialog.
func receive(tx inbox.Tx, peer inbox.PeerID, i int) error {
	c, ok, err := tx.ChatByPeer(1, peer)
	if err != nil {
		return err
	}
	if !ok {
		c = inbox.Chat{Account: 1, Network: inbox.Telegram, Peer: peer, Name: string(peer)}
		if err := tx.PutChat(&c); err != nil {
			return err
		}
	}
	ext := inbox.ExternalID(fmt.Sprintf("%s-%d", peer, i))
	if _, dup, err := tx.MessageByExternal(c.ID, ext); err != nil || dup {
		return err
	}
	d := inbox.Dialog{Chat: c.ID, Status: inbox.DialogOpen, Opened: at(i)}
	if c.Dialog != 0 {
		d, err = tx.Dialog(c.Dialog)
	} else {
		err = tx.PutDialog(&d)
	}
	if err != nil {
		return err
	}
	m := inbox.Message{Chat: c.ID, Dialog: d.ID, Direction: inbox.DirInbound, At: at(i), ExternalID: ext, Text: "привет"}
	if err := tx.AppendMessage(&m); err != nil {
		return err
	}
	d.Awaiting, d.Unread, d.LastActivity, d.LastMessage, d.Preview = true, d.Unread+1, m.At, m.ID, m.Text
	if err := tx.PutDialog(&d); err != nil {
		return err
	}
	if c.Dialog != d.ID {
		c.Dialog = d.ID
		return tx.PutChat(&c)
	}
	return nil
}
