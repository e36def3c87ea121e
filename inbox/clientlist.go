package inbox

import (
	"slices"
	"strings"
	"unicode"
)

// ClientCursor is where a page of the client list ended; the zero cursor starts at the
// beginning. Pass ClientPage.Next back as it is.
type ClientCursor struct {
	Key    string // the last client's ClientSortKey
	Client ClientID
}

// ClientPage is one page of the client list (menu Клиенты) or of a client search.
type ClientPage struct {
	Clients []Client
	// Next is the cursor of the following page; zero when there are no more.
	Next ClientCursor
	// Total is how many clients the list or search holds in all, for the list's length.
	Total int
}

// ClientSortKey is what the client list is ordered by: the display name lower-cased,
// with ё as е, so that "Ёлкина" sorts among the Е.
func ClientSortKey(c Client) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(c.DisplayName())), "ё", "е")
}

// NameWords splits a name or a query into the words name searches match: lower-cased,
// ё folded into е (people type it either way), split at everything that is neither a
// letter nor a digit.
func NameWords(s string) []string {
	s = strings.ReplaceAll(strings.ToLower(s), "ё", "е")
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// ClientWords are the distinct searchable words of a client: of the name and of the
// surname, first name and patronymic.
func ClientWords(c Client) []string {
	var out []string
	for _, s := range []string{c.Name, c.Surname, c.FirstName, c.Patronymic} {
		for _, w := range NameWords(s) {
			if !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// Clients returns a page of the client list by name (menu Клиенты), or of the clients
// matching q: a phone in any notation ("8 912 345", "+7 (912) 345-67-89", "912345")
// matches the digits anywhere in a phone, other text matches the start of a word of the
// name. Merged clients are left out.
func (s *Service) Clients(q string, after ClientCursor, n int) (ClientPage, error) {
	var page ClientPage
	err := s.store.View(func(tx ReadTx) (err error) {
		page, err = tx.ListClients(strings.TrimSpace(q), after, max(n, 0))
		return err
	})
	return page, err
}

// SearchClients finds up to limit clients by name word or phone, as Clients does, for
// "Прикрепить к клиенту".
func (s *Service) SearchClients(q string, limit int) ([]Client, error) {
	page, err := s.Clients(q, ClientCursor{}, limit)
	return page.Clients, err
}

// ClientsByPhone lists the clients who have this phone (any notation), so that a form can
// warn that the number is already someone's; merged clients are left out.
func (s *Service) ClientsByPhone(phone string) ([]Client, error) {
	n := NormalizePhone(phone)
	if n == "" {
		return nil, nil
	}
	var out []Client
	err := s.store.View(func(tx ReadTx) (err error) {
		out, err = tx.ClientsByPhone(n)
		return err
	})
	return out, err
}
