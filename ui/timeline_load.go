package ui

import (
	"cmp"
	"slices"

	"salonchat/inbox"
)

// load shows the newest page of a chat, scrolled to the bottom.
func (t *timeline) load(chat inbox.ChatID) {
	msgs, err := t.d.u.svc.Messages(chat, 0, tlPage)
	if err != nil {
		t.d.u.showError(err)
	}
	if chat != t.chat {
		clear(t.thumbs) // keep memory to the chat shown
		clear(t.heights)
	}
	t.chat, t.msgs, t.more, t.loading = chat, msgs, len(msgs) == tlPage, false
	t.items = buildItems(t.msgs)
	t.replaceList(tlScroll{bottom: true})
}

// reload re-reads what is shown after events were missed or accounts changed, keeping
// the operator's place: reloads come with connection changes, not with their scrolling.
func (t *timeline) reload() {
	if len(t.msgs) == 0 {
		t.load(t.chat)
		return
	}
	msgs, err := t.d.u.svc.Messages(t.chat, 0, len(t.msgs)+tlPage)
	if err != nil {
		t.d.u.log.Error("reload messages", "chat", t.chat, "err", err)
		return
	}
	to := tlScroll{bottom: t.atBottom(), offset: t.list.GetScrollOffset()}
	t.more = t.more || len(msgs) == len(t.msgs)+tlPage
	t.msgs = msgs
	clear(t.heights) // delivery states and revisions may have changed unseen
	t.items = buildItems(t.msgs)
	t.replaceList(to)
}

// loadOlder puts the page before the oldest shown on top, keeping in view what the
// operator was looking at.
func (t *timeline) loadOlder(chat inbox.ChatID) {
	t.loading = false
	if chat != t.chat || !t.more || len(t.msgs) == 0 {
		return
	}
	anchor := t.msgs[0].ID
	before := t.offsetOf(anchor)
	offset := t.list.GetScrollOffset()
	if !t.prependPage() {
		return
	}
	t.replaceList(tlScroll{offset: offset + t.offsetOf(anchor) - before})
}

// prependPage reads the page before the oldest message shown and rebuilds the rows; it
// says whether anything was added.
func (t *timeline) prependPage() bool {
	older, err := t.d.u.svc.Messages(t.chat, t.msgs[0].ID, tlPage)
	if err != nil {
		t.d.u.log.Error("older messages", "chat", t.chat, "err", err)
		return false
	}
	t.more = len(older) == tlPage
	if len(older) == 0 {
		return false
	}
	t.msgs = append(older, t.msgs...)
	t.items = buildItems(t.msgs)
	return true
}

// reveal scrolls to where an earlier dialog of the chat begins (one opened from the
// client's history), reading older pages until its start is loaded.
func (t *timeline) reveal(dialog inbox.DialogID) {
	for range tlRevealPages {
		if len(t.msgs) == 0 || !t.more || t.msgs[0].Dialog != dialog && slices.ContainsFunc(t.msgs, func(m inbox.Message) bool { return m.Dialog == dialog }) {
			break
		}
		if !t.prependPage() {
			break
		}
	}
	i := slices.IndexFunc(t.items, func(it tlItem) bool { return it.kind != tlDay && it.msg.Dialog == dialog })
	if i < 0 {
		return
	}
	if i > 0 && t.items[i-1].kind == tlDay {
		i-- // show the day the dialog began too
	}
	t.replaceList(tlScroll{offset: t.offsetAt(i)})
}

// appendNew adds the messages stored since the last one shown, following them to the
// bottom when the operator was there already (or just sent one).
func (t *timeline) appendNew() {
	var last inbox.MessageID
	if n := len(t.msgs); n > 0 {
		last = t.msgs[n-1].ID
	}
	newest, err := t.d.u.svc.Messages(t.chat, 0, tlPage)
	if err != nil {
		t.d.u.log.Error("new messages", "chat", t.chat, "err", err)
		return
	}
	i := slices.IndexFunc(newest, func(m inbox.Message) bool { return m.ID > last })
	if i < 0 {
		return
	}
	if i == 0 && len(newest) == tlPage && last != 0 {
		t.load(t.chat) // more arrived than a page: start again from the newest
		return
	}
	follow := t.atBottom() || t.stick
	t.stick = false
	from := len(t.items)
	t.msgs = append(t.msgs, newest[i:]...)
	t.items = buildItems(t.msgs)
	for j := from; j < len(t.items); j++ {
		t.list.SetItemHeight(j, t.heightOf(j))
	}
	t.list.Refresh()
	if follow {
		t.scroll(tlScroll{bottom: true})
	}
}

// updateMessage re-reads a message whose delivery state or revisions changed.
func (t *timeline) updateMessage(id inbox.MessageID) {
	i, ok := slices.BinarySearchFunc(t.msgs, id, func(m inbox.Message, id inbox.MessageID) int {
		return cmp.Compare(m.ID, id)
	})
	if !ok {
		return
	}
	m, err := t.d.u.svc.Message(id)
	if err != nil {
		t.d.u.log.Error("message", "id", id, "err", err)
		return
	}
	t.msgs[i] = m
	for j, it := range t.items {
		if it.kind != tlDay && it.msg.ID == id {
			delete(t.heights, it.key())
			t.list.SetItemHeight(j, t.heightOf(j))
			t.list.RefreshItem(j)
		}
	}
}
