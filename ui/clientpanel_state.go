package ui

import (
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// sectionState remembers which sections the operator opened or closed, so that a reload
// (a new message, the next client) keeps them that way. A section nobody touched starts
// open when it has something in it.
type sectionState struct {
	chosen map[string]bool
	acc    *widget.Accordion
	keys   []string
	set    []bool // what build opened, to tell the operator's changes from its own
}

func newSectionState() *sectionState { return &sectionState{chosen: map[string]bool{}} }

// keep notes what the operator changed in the accordion built last.
func (s *sectionState) keep() {
	if s.acc == nil {
		return
	}
	for i, item := range s.acc.Items {
		if item.Open != s.set[i] {
			s.chosen[s.keys[i]] = item.Open
		}
	}
}

// build makes the accordion of secs, several items open at once.
func (s *sectionState) build(secs []section) *widget.Accordion {
	s.keep()
	s.acc, s.keys, s.set = widget.NewAccordion(), nil, nil
	s.acc.MultiOpen = true
	for _, sec := range secs {
		item := widget.NewAccordionItem(sec.title, sec.body)
		item.Open = s.isOpen(sec)
		s.acc.Append(item)
		s.keys, s.set = append(s.keys, sec.key), append(s.set, item.Open)
	}
	return s.acc
}

func (s *sectionState) isOpen(sec section) bool {
	if open, ok := s.chosen[sec.key]; ok {
		return open
	}
	return sec.count != 0
}

// watched is the client and chats a view shows, to tell which events concern it.
type watched struct {
	client inbox.ClientID
	chats  map[inbox.ChatID]bool
}

func watchOf(cd inbox.ClientDetails) watched {
	w := watched{client: cd.Client.ID, chats: map[inbox.ChatID]bool{}}
	for _, c := range cd.Chats {
		w.chats[c.ID] = true
	}
	return w
}

// touches reports whether ev changes the client, one of its chats or dialogs, or the
// operator names shown beside tasks and dialogs.
func (w watched) touches(ev inbox.Event) bool {
	if w.client == 0 {
		return false
	}
	switch ev.Kind {
	case inbox.EventChat, inbox.EventDialog:
		return w.chats[ev.Chat] || ev.Client == w.client
	case inbox.EventClient:
		return ev.Client == w.client
	case inbox.EventSettings:
		return true
	}
	return false
}
