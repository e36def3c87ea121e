package ui

import (
	"strings"

	"salonchat/inbox"
)

// checkFields explains, right above the text, every template field left in it: the
// Service refuses to send raw braces, and the administrator should see why before
// pressing Enter. It runs on every change of the text.
func (c *composer) checkFields(text string) {
	if !strings.Contains(text, "{") {
		c.clearWarning()
		return
	}
	data := c.templateData()
	filled, problems := inbox.RenderTemplate(text, data)
	var lines []string
	for _, p := range problems {
		lines = append(lines, c.problemText(p, data))
	}
	fillable := filled != text
	if fillable {
		lines = append(lines, c.d.u.tr.T("composer.fields.fillable"))
	}
	if len(lines) == 0 {
		c.clearWarning()
		return
	}
	c.showWarning(strings.Join(lines, "\n"))
	c.fill.Hidden = !fillable
	c.fill.Refresh()
}

// problemText names a field and why it is empty: "нет предстоящего визита для
// {Визит.Дата}", "неизвестное поле {Клиент.Скидка}".
func (c *composer) problemText(p inbox.FieldProblem, data inbox.TemplateData) string {
	group, _, _ := strings.Cut(p.Field, ".")
	key := "composer.field.no_value"
	switch {
	case p.Reason == "template.unknown_field":
		key = "composer.field.unknown"
	case group == "Визит" && data.Visit == nil:
		key = "composer.field.no_visit"
	case group == "Клиент" && data.Client == nil:
		key = "composer.field.no_client"
	case group == "Заявка" && data.Lead == nil:
		key = "composer.field.no_lead"
	case group == "Салон":
		key = "composer.field.no_salon"
	}
	return c.d.u.tr.T(key, map[string]any{"Field": "{" + p.Field + "}"})
}

// fillFields replaces the fields typed by hand that have values for this client.
func (c *composer) fillFields() {
	filled, _ := inbox.RenderTemplate(c.entry.Text, c.templateData())
	c.entry.SetText(filled)
}

// templateData is what fields are filled from for the chat shown, read once and kept
// until a client changes.
func (c *composer) templateData() inbox.TemplateData {
	if c.tplData == nil {
		read := func() (inbox.TemplateData, error) { return c.d.u.svc.TemplateData(c.d.u.me.ID, c.d.row.Chat.ID) }
		if c.data != nil {
			read = c.data
		}
		data, err := read()
		if err != nil {
			c.d.u.log.Error("template data", "chat", c.d.row.Chat.ID, "err", err)
		}
		c.tplData = &data
	}
	return *c.tplData
}

func (c *composer) forgetTemplateData() { c.tplData = nil }
