package ui

// showTemplates opens Настройки → Шаблоны; showStaff opens Настройки → Сотрудники и
// салон. (Skeleton: being built.)
func (u *UI) showTemplates() {}

func (u *UI) showStaff() {}
