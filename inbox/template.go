package inbox

import (
	"regexp"
	"slices"
	"strings"
	"time"
)

// TemplateData is what a template's fields are filled from.
type TemplateData struct {
	Client   *Client
	Visit    *Visit // the next booked visit, if any
	Lead     *Lead
	Salon    Salon
	Operator Operator
	Location *time.Location // where dates are shown; nil means local time
}

// FieldProblem says why a field could not be filled.
type FieldProblem struct {
	Field  string // as written, without braces: "Визит.Дата"
	Reason string // translation key: "template.unknown_field" or "template.no_value"
}

// fieldPattern matches {Группа.Поле}; anything else in braces is ordinary text.
var fieldPattern = regexp.MustCompile(`\{([\p{L}]+\.[\p{L}]+)\}`)

// templateFields maps every known field to how it is read. A field returns "" when the
// value is not known for this client.
var templateFields = map[string]func(TemplateData) string{
	"Клиент.Имя":     func(d TemplateData) string { return ifClient(d, func(c *Client) string { return c.FirstName }) },
	"Клиент.Фамилия": func(d TemplateData) string { return ifClient(d, func(c *Client) string { return c.Surname }) },
	"Клиент.Отчество": func(d TemplateData) string {
		return ifClient(d, func(c *Client) string { return c.Patronymic })
	},
	"Клиент.ФИО": func(d TemplateData) string { return ifClient(d, func(c *Client) string { return c.FullName() }) },
	"Клиент.Телефон": func(d TemplateData) string {
		return ifClient(d, func(c *Client) string {
			if len(c.Phones) == 0 {
				return ""
			}
			return FormatPhone(c.Phones[0])
		})
	},
	"Визит.Дата": func(d TemplateData) string {
		return ifVisit(d, func(v *Visit) string { return v.At.In(d.loc()).Format("02.01.2006") })
	},
	"Визит.Время": func(d TemplateData) string {
		return ifVisit(d, func(v *Visit) string { return v.At.In(d.loc()).Format("15:04") })
	},
	"Визит.Мастер":  func(d TemplateData) string { return ifVisit(d, func(v *Visit) string { return v.Master }) },
	"Визит.Услуга":  func(d TemplateData) string { return ifVisit(d, func(v *Visit) string { return v.Service }) },
	"Заявка.Услуга": func(d TemplateData) string { return ifLead(d, func(l *Lead) string { return l.Want }) },
	"Заявка.Дата": func(d TemplateData) string {
		return ifLead(d, func(l *Lead) string { return dateOrEmpty(l.Desired, d.loc()) })
	},
	"Заявка.Имя":     func(d TemplateData) string { return ifLead(d, func(l *Lead) string { return l.Name }) },
	"Заявка.Телефон": func(d TemplateData) string { return ifLead(d, func(l *Lead) string { return FormatPhone(l.Phone) }) },
	"Салон.Название": func(d TemplateData) string { return d.Salon.Name },
	"Салон.Адрес":    func(d TemplateData) string { return d.Salon.Address },
	"Салон.Телефон":  func(d TemplateData) string { return d.Salon.Phone },
	"Оператор.Имя":   func(d TemplateData) string { return d.Operator.Name },
}

// TemplateFields lists every field a template may use, sorted, for editors and help.
func TemplateFields() []string {
	out := make([]string, 0, len(templateFields))
	for f := range templateFields {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}

// TemplateFieldGroup is one group of the template editor's field list.
type TemplateFieldGroup struct {
	Name   string   // "Клиент"
	Fields []string // "Клиент.Имя", … sorted
}

// templateGroupOrder is the order the editor lists the groups in.
var templateGroupOrder = []string{"Клиент", "Визит", "Заявка", "Салон", "Оператор"}

// TemplateFieldGroups lists every field a template may use by group, in the editor's
// order: Клиент, Визит, Заявка, Салон, Оператор.
func TemplateFieldGroups() []TemplateFieldGroup {
	out := make([]TemplateFieldGroup, len(templateGroupOrder))
	for i, g := range templateGroupOrder {
		out[i].Name = g
		for _, f := range TemplateFields() {
			if strings.HasPrefix(f, g+".") {
				out[i].Fields = append(out[i].Fields, f)
			}
		}
	}
	return out
}

// CheckTemplate returns the fields of text that are not known, for the editor to flag
// as the text is typed.
func CheckTemplate(text string) []FieldProblem {
	_, problems := RenderTemplate(text, TemplateData{})
	return slices.DeleteFunc(problems, func(p FieldProblem) bool { return p.Reason != "template.unknown_field" })
}

// RenderTemplate fills the fields of text from data. Every field that is unknown or has
// no value for this client is reported by name and left in the text as written, so that
// the composer can show it; Send refuses text that still holds a field.
func RenderTemplate(text string, data TemplateData) (string, []FieldProblem) {
	var problems []FieldProblem
	out := fieldPattern.ReplaceAllStringFunc(text, func(m string) string {
		name := m[1 : len(m)-1]
		get, ok := templateFields[name]
		if !ok {
			problems = append(problems, FieldProblem{Field: name, Reason: "template.unknown_field"})
			return m
		}
		v := strings.TrimSpace(get(data))
		if v == "" {
			problems = append(problems, FieldProblem{Field: name, Reason: "template.no_value"})
			return m
		}
		return v
	})
	return out, problems
}

// UnfilledField returns the first template field left in text, so that raw braces never
// reach a client.
func UnfilledField(text string) (string, bool) {
	m := fieldPattern.FindStringSubmatch(text)
	if m == nil {
		return "", false
	}
	return m[1], true
}

func (d TemplateData) loc() *time.Location {
	if d.Location != nil {
		return d.Location
	}
	return time.Local
}

func ifClient(d TemplateData, f func(*Client) string) string {
	if d.Client == nil {
		return ""
	}
	return f(d.Client)
}

func ifVisit(d TemplateData, f func(*Visit) string) string {
	if d.Visit == nil {
		return ""
	}
	return f(d.Visit)
}

func ifLead(d TemplateData, f func(*Lead) string) string {
	if d.Lead == nil {
		return ""
	}
	return f(d.Lead)
}

func dateOrEmpty(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("02.01.2006")
}
