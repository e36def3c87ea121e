package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"salonchat/inbox"
)

func TestRubles(t *testing.T) {
	u := &UI{tr: translator(t, "ru")}
	for _, c := range []struct {
		kopecks int64
		want    string
	}{
		{0, "0 ₽"},
		{50, "0,50 ₽"},
		{95050, "950,50 ₽"},
		{180000, "1 800 ₽"},
		{100000000, "1 000 000 ₽"},
		{-150000, "-1 500 ₽"},
	} {
		if got := strings.ReplaceAll(u.rubles(c.kopecks), nbsp, " "); got != c.want {
			t.Errorf("rubles(%d) = %q; want %q", c.kopecks, got, c.want)
		}
	}
}

func TestAgeOn(t *testing.T) {
	born := time.Date(1990, 3, 15, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		today time.Time
		want  int
	}{
		{time.Date(2026, 3, 14, 23, 0, 0, 0, time.UTC), 35},
		{time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC), 36},
		{time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), 36},
		{time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), 36},
	} {
		if got := ageOn(born, c.today); got != c.want {
			t.Errorf("ageOn(%s) = %d; want %d", c.today.Format(time.DateOnly), got, c.want)
		}
	}
}

// TestClientPanel_Translated checks that every key the client panel uses, those built
// from a status or network name included, is translated into both languages.
func TestClientPanel_Translated(t *testing.T) {
	keys := map[string]bool{}
	files, err := filepath.Glob("client*.go")
	must(t, err)
	literal := regexp.MustCompile(`"(client\.[a-z_.]+[a-z_])"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		must(t, err)
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			keys[m[1]] = true
		}
	}
	for _, s := range []string{string(inbox.VisitBooked), string(inbox.VisitCame), string(inbox.VisitNoShow), string(inbox.VisitCancelled)} {
		keys["client.visit."+s] = true
	}
	for _, s := range []inbox.LeadStatus{inbox.LeadNew, inbox.LeadWorking, inbox.LeadBooked, inbox.LeadRejected} {
		keys["client.lead."+string(s)] = true
	}
	for _, n := range inbox.Networks {
		keys["network."+string(n)] = true
	}
	for _, s := range []string{secContacts, secVisits, secTasks, secLeads, secDialogs} {
		keys["client.section."+s] = true
	}
	requireTranslated(t, keys, 40)
}
