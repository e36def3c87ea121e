package demo

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"salonchat/inbox"
)

// event is one thing that happens in the story at a moment.
type event struct {
	at  time.Time
	seq int // keeps the planned order of events at the same moment
	do  func() error
}

// chatRun is a chat as the story plays it.
type chatRun struct {
	plan   *chatPlan
	id     inbox.ChatID
	ext    int  // the network's last message number (Telegram, VK)
	linked bool // decided while scheduling: the chat has its client by now
}

// line is one parsed script line.
type line struct {
	client   bool
	text     string
	edit     string
	attach   string // photo, voice, file, location
	template string
}

// schedule turns plans into the story's events, in time order.
func (g *salonGen) schedule(plans []chatPlan) []event {
	var evs []event
	for i := range plans {
		run := &chatRun{plan: &plans[i], ext: 1 + g.rnd.IntN(400), linked: plans[i].link == linkPhone}
		var prevEnd time.Time
		for k, d := range plans[i].dialogs {
			current := k == len(plans[i].dialogs)-1
			t0 := g.start(d.end, current)
			if !prevEnd.IsZero() && t0.Before(prevEnd.Add(6*time.Hour)) {
				t0 = g.workHour(g.now.Sub(prevEnd.Add(g.between(24*time.Hour, 3*24*time.Hour))))
			}
			de := g.dialogEvents(run, d, t0)
			de = g.fitBeforeNow(de)
			prevEnd = de[len(de)-1].at
			evs = append(evs, de...)
		}
	}
	for i := range evs {
		evs[i].seq = i
	}
	slices.SortFunc(evs, func(a, b event) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	return evs
}

// fitBeforeNow moves a dialog's events back, whole, when its last one would come after
// the story's end.
func (g *salonGen) fitBeforeNow(evs []event) []event {
	limit := g.now.Add(-2 * time.Minute)
	last := evs[len(evs)-1].at
	if !last.After(limit) {
		return evs
	}
	shift := last.Sub(limit) + g.between(time.Minute, 20*time.Minute)
	for i := range evs {
		evs[i].at = evs[i].at.Add(-shift)
	}
	return evs
}

// dialogEvents plays as much of a dialog's script as its ending needs, then what the
// operators did to it.
func (g *salonGen) dialogEvents(run *chatRun, d dialogPlan, t time.Time) []event {
	b := &storyBuilder{g: g, run: run, t: t, op: d.op}
	lines := cut(parse(d.script.lines), d.end)
	if d.end == endAwaiting && !lines[len(lines)-1].client {
		lines = append(lines, line{client: true, text: pick(g, followUps)})
	}
	for i, l := range lines {
		if l.client {
			b.client(l, i == 0)
			continue
		}
		last := i == len(lines)-1 || !slices.ContainsFunc(lines[i+1:], func(l line) bool { return !l.client })
		b.salon(l, d.end == endFailed && last)
		if d.end == endReassigned && i == firstSalon(lines) {
			b.after(5*time.Minute, 30*time.Minute)
			b.reassign()
		}
	}
	b.finish(d.end)
	return b.evs
}

// cut keeps the lines a dialog with this ending has had so far.
func cut(lines []line, e ending) []line {
	switch e {
	case endUnanswered, endUnansweredAssigned, endPostponedAwaiting, endSpam:
		n := 0
		for n < len(lines) && lines[n].client {
			n++
		}
		return lines[:max(n, 1)]
	case endAwaiting, endClosed:
		return lines
	}
	for len(lines) > 1 && lines[len(lines)-1].client {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func firstSalon(lines []line) int {
	return slices.IndexFunc(lines, func(l line) bool { return !l.client })
}

// parse reads script lines (see scripts for the notation).
func parse(src []string) []line {
	out := make([]line, 0, len(src))
	for _, s := range src {
		l := line{client: s[0] == '>'}
		s = strings.TrimSpace(s[1:])
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			l.template = s[1 : len(s)-1]
			out = append(out, l)
			continue
		}
		if strings.HasPrefix(s, "[") {
			end := strings.IndexByte(s, ']')
			l.attach, s = s[1:end], strings.TrimSpace(s[end+1:])
		}
		l.text, l.edit, _ = strings.Cut(s, " || ")
		out = append(out, l)
	}
	return out
}
