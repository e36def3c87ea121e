package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// sendEntry is the composer's text: multi-line, but Enter sends and Shift+Enter starts a
// new line, as in every messenger (a plain multi-line Entry does the opposite). A typed
// ":smile:" becomes 😄 as soon as its closing colon is typed.
type sendEntry struct {
	widget.Entry
	onSend func()
	shift  bool
}

func newSendEntry(onSend func()) *sendEntry {
	e := &sendEntry{onSend: onSend}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(3)
	return e
}

func isShift(k *fyne.KeyEvent) bool {
	return k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight
}

// KeyDown tracks Shift (the Entry keeps its own copy private).
func (e *sendEntry) KeyDown(k *fyne.KeyEvent) {
	if isShift(k) {
		e.shift = true
	}
	e.Entry.KeyDown(k)
}

func (e *sendEntry) KeyUp(k *fyne.KeyEvent) {
	if isShift(k) {
		e.shift = false
	}
	e.Entry.KeyUp(k)
}

// TypedKey sends on Enter (both the main and the keypad key); with Shift held the
// Entry inserts a new line, since no OnSubmitted is set.
func (e *sendEntry) TypedKey(k *fyne.KeyEvent) {
	if (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && !e.shift {
		if !e.Disabled() {
			e.onSend()
		}
		return
	}
	e.Entry.TypedKey(k)
}

func (e *sendEntry) TypedRune(r rune) {
	e.Entry.TypedRune(r)
	if r == ':' {
		e.emojizeAtCursor()
	}
}

// emojizeAtCursor turns a ":code:" just completed before the cursor into its emoji.
func (e *sendEntry) emojizeAtCursor() {
	out, cursor, ok := emojizeBefore([]rune(e.Text), e.CursorTextOffset())
	if !ok {
		return
	}
	e.SetText(string(out))
	e.CursorRow, e.CursorColumn = rowCol(out, cursor)
	e.Refresh()
}

// insert puts text at the cursor (replacing a selection) the way pasting does, so that
// it can be undone and line breaks land where they should.
func (e *sendEntry) insert(text string) {
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: textClipboard(text)})
}

// textClipboard is a clipboard that holds one text, for insert.
type textClipboard string

func (c textClipboard) Content() string     { return string(c) }
func (c textClipboard) SetContent(_ string) {}

// rowCol is the row and column of rune offset pos in text.
func rowCol(text []rune, pos int) (row, col int) {
	for _, r := range text[:pos] {
		if r == '\n' {
			row, col = row+1, 0
		} else {
			col++
		}
	}
	return row, col
}
