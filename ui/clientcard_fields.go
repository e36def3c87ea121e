package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// fields lists every field of the client, "—" where it is not known.
func (c *clientCard) fields(info clientInfo) fyne.CanvasObject {
	tr, cl := c.u.tr, info.cd.Client
	var phones []string
	for i, p := range cl.Phones {
		s := inbox.FormatPhone(p)
		if i == 0 && len(cl.Phones) > 1 {
			s += " · " + tr.T("card.phone.main")
		}
		phones = append(phones, s)
	}
	birthday, created := "", ""
	if !cl.Birthday.IsZero() {
		birthday = c.u.clientBirthday(cl.Birthday)
	}
	if !cl.Created.IsZero() {
		created = c.u.clientDate(cl.Created)
	}
	consent := tr.T("card.consent.no")
	if cl.Consent {
		consent = tr.T("card.consent.yes")
	}
	form := widget.NewForm()
	for _, f := range []struct{ key, value string }{
		{"client.field.name", cl.Name}, {"client.field.surname", cl.Surname},
		{"client.field.first_name", cl.FirstName}, {"client.field.patronymic", cl.Patronymic},
		{"client.field.phones", strings.Join(phones, "\n")}, {"client.field.email", cl.Email},
		{"client.field.birthday", birthday}, {"client.change.gender", c.genderName(cl.Gender)},
		{"client.change.source", cl.Source}, {"client.change.consent", consent},
		{"client.field.notes", cl.Notes}, {"client.field.created", created},
	} {
		form.Append(tr.T(f.key), cardValue(f.value))
	}
	return form
}

func (c *clientCard) genderName(g inbox.Gender) string {
	if g == inbox.GenderUnknown {
		return ""
	}
	return c.u.tr.T("client.gender." + string(g))
}

// cardValue is a read-only field value that wraps; an unknown one is a quiet dash.
func cardValue(v string) fyne.CanvasObject {
	if v == "" {
		return plainText(muted("—"))
	}
	return plainText(textLine{text: v})
}
