package inbox

import (
	"fmt"
	"slices"
)

// MergeClients merges the card drop into the card keep, when two cards turned out to be
// one person (usually a phone written two ways). The chats of drop, with their dialogs,
// and its visits, tasks and leads move to keep; keep takes drop's phones it lacks (its
// own main phone stays main), fills its empty fields from drop's, and adds drop's notes
// to its own. The merge is recorded in both histories, with keep's changed fields. drop
// is kept, marked MergedInto keep, and leaves the lists and searches; nothing is deleted.
// It returns keep as saved.
func (s *Service) MergeClients(op OperatorID, keep, drop ClientID) (Client, error) {
	if keep == drop {
		return Client{}, Errorf(CodeInvalid, "client.merge_same", nil)
	}
	var k Client
	err := s.update(func(tx Tx, ev *events) error {
		var d Client
		var err error
		if k, d, err = mergeable(tx, keep, drop); err != nil {
			return err
		}
		log, err := newChangeLog(tx, s.Now(), op)
		if err != nil {
			return err
		}
		if err := log.add(keep, ClientChange{Field: ChangeMergedFrom, Other: drop, Old: d.DisplayName()}); err != nil {
			return err
		}
		old := k
		mergeCard(&k, &d)
		if err := saveClient(tx, log, &old, &k, ev); err != nil {
			return err
		}
		if err := moveClientItems(tx, &k, drop, ev); err != nil {
			return err
		}
		d.MergedInto = keep
		if err := tx.PutClient(&d); err != nil {
			return err
		}
		ev.add(Event{Kind: EventClient, Client: drop})
		return log.add(drop, ClientChange{Field: ChangeMergedInto, Other: keep, New: k.DisplayName()})
	})
	if err != nil {
		return Client{}, err
	}
	return k, nil
}

// mergeable reads the two cards of a merge, refusing one that was merged already.
func mergeable(tx ReadTx, keep, drop ClientID) (k, d Client, err error) {
	if k, err = tx.Client(keep); err != nil {
		return k, d, fmt.Errorf("client %d: %w", keep, err)
	}
	if d, err = tx.Client(drop); err != nil {
		return k, d, fmt.Errorf("client %d: %w", drop, err)
	}
	for _, c := range []Client{k, d} {
		if c.MergedInto != 0 {
			return k, d, Errorf(CodeConflict, "client.merged", map[string]any{"Client": c.DisplayName()})
		}
	}
	return k, d, nil
}

// mergeCard completes k with what only d knows: phones k lacks (after its own), empty
// fields, d's notes after k's, consent given on either card, the earlier creation.
func mergeCard(k, d *Client) {
	k.Phones = slices.Clone(k.Phones)
	for _, p := range d.Phones {
		if !slices.Contains(k.Phones, p) {
			k.Phones = append(k.Phones, p)
		}
	}
	for _, f := range []struct{ dst, src *string }{{&k.Surname, &d.Surname}, {&k.FirstName, &d.FirstName},
		{&k.Patronymic, &d.Patronymic}, {&k.Email, &d.Email}, {&k.Source, &d.Source}} {
		if *f.dst == "" {
			*f.dst = *f.src
		}
	}
	if k.Gender == GenderUnknown {
		k.Gender = d.Gender
	}
	if k.Birthday.IsZero() {
		k.Birthday = d.Birthday
	}
	switch {
	case k.Notes == "":
		k.Notes = d.Notes
	case d.Notes != "" && d.Notes != k.Notes:
		k.Notes += "\n" + d.Notes
	}
	k.Consent = k.Consent || d.Consent
	if !d.Created.IsZero() && (k.Created.IsZero() || d.Created.Before(k.Created)) {
		k.Created = d.Created
	}
}

// moveClientItems moves the chats, visits, tasks and leads of client from to client k.
func moveClientItems(tx Tx, k *Client, from ClientID, ev *events) error {
	chats, err := tx.ChatsOfClient(from)
	if err != nil {
		return err
	}
	for _, c := range chats {
		c.Client, c.ClientName = k.ID, k.DisplayName()
		if err := tx.PutChat(&c); err != nil {
			return err
		}
		ev.add(Event{Kind: EventChat, Chat: c.ID, Client: k.ID})
	}
	visits, err := tx.VisitsOf(from)
	for i := 0; err == nil && i < len(visits); i++ {
		visits[i].Client = k.ID
		err = tx.PutVisit(&visits[i])
	}
	if err != nil {
		return err
	}
	tasks, err := tx.TasksOf(from)
	for i := 0; err == nil && i < len(tasks); i++ {
		tasks[i].Client = k.ID
		err = tx.PutTask(&tasks[i])
	}
	if err != nil {
		return err
	}
	leads, err := tx.LeadsOf(from)
	for i := 0; err == nil && i < len(leads); i++ {
		leads[i].Client = k.ID
		err = tx.PutLead(&leads[i])
	}
	return err
}

// DetachChat unlinks a chat that was attached to the wrong client. Nothing is deleted:
// the chat keeps its dialogs and messages and waits for the right client, with a system
// note in its current dialog and a record in the card it left. The chat's phone leaves
// that card too, unless another of the client's chats has it, so that the number does not
// link the chat back.
func (s *Service) DetachChat(op OperatorID, chat ChatID) error {
	return s.update(func(tx Tx, ev *events) error {
		c, err := tx.Chat(chat)
		if err != nil {
			return fmt.Errorf("chat %d: %w", chat, err)
		}
		if c.Client == 0 {
			return Errorf(CodeConflict, "client.chat_no_client", nil)
		}
		cl, err := tx.Client(c.Client)
		if err != nil {
			return fmt.Errorf("client %d: %w", c.Client, err)
		}
		log, err := newChangeLog(tx, s.Now(), op)
		if err != nil {
			return err
		}
		name := c.ClientName
		c.Client, c.ClientName = 0, ""
		if err := tx.PutChat(&c); err != nil {
			return err
		}
		ev.add(Event{Kind: EventChat, Chat: c.ID, Client: cl.ID})
		if err := leaveCard(tx, log, cl.ID, c, ev); err != nil {
			return err
		}
		return noteInDialog(tx, log, c, SystemEvent{Kind: SysClientUnset, ClientName: name}, ev)
	})
}

// dropChatPhone removes a detached chat's phone from the client's card when none of the
// client's remaining chats has it.
func dropChatPhone(tx Tx, log changeLog, cl Client, phone string, ev *events) error {
	i := slices.Index(cl.Phones, phone)
	if phone == "" || i < 0 {
		return nil
	}
	chats, err := tx.ChatsOfClient(cl.ID)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(chats, func(o Chat) bool { return o.Phone == phone }) {
		return nil
	}
	old := cl
	cl.Phones = slices.Delete(slices.Clone(cl.Phones), i, i+1)
	return saveClient(tx, log, &old, &cl, ev)
}
