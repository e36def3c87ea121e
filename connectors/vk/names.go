package vk

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/SevereCloud/vksdk/v2/api"
)

// maxCachedNames bounds the name cache; past it the cache starts over (names are asked
// again, one users.get per long poll answer).
const maxCachedNames = 10000

// usersPerCall is users.get's limit of ids per call.
const usersPerCall = 1000

// name is what the chat list shows of a VK user.
type name struct {
	name     string // "Анна Смирнова"
	username string // the page's short name when the user chose one ("anna_smirnova")
}

// nameCache remembers users' names for the connector's lifetime.
type nameCache struct {
	mu sync.Mutex
	m  map[int]name
}

func newNameCache() *nameCache { return &nameCache{m: map[int]name{}} }

func (c *nameCache) get(id int) (name, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.m[id]
	return n, ok
}

func (c *nameCache) put(id int, n name) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxCachedNames {
		c.m = map[int]name{}
	}
	c.m[id] = n
}

// defaultScreenName is the address VK gives a page whose owner chose none.
var defaultScreenName = regexp.MustCompile(`^id[0-9]+$`)

// lookupNames fills the cache with the senders of an answer's messages it does not know
// yet, in one users.get call per thousand (VK throttles a community to 20 calls a
// second: a call per message would slow a backlog down to a crawl). A failed lookup is
// logged and leaves the names empty: the chat keeps the name it has, and the next
// message of the sender asks again.
func (c *Connector) lookupNames(ctx context.Context, evs []event) {
	seen := map[int]bool{}
	var ids []string
	for _, ev := range evs {
		if m := ev.msg; m != nil && m.FromID > 0 && !seen[m.FromID] {
			seen[m.FromID] = true
			if _, ok := c.names.get(m.FromID); !ok {
				ids = append(ids, strconv.Itoa(m.FromID))
			}
		}
	}
	for len(ids) > 0 {
		n := min(len(ids), usersPerCall)
		if err := c.fetchNames(ctx, ids[:n]); err != nil {
			c.log.Warn("users.get failed; names stay empty for now", "users", n, "err", c.api.logValue(err))
			return
		}
		ids = ids[n:]
	}
}

func (c *Connector) fetchNames(ctx context.Context, ids []string) error {
	var users []struct {
		ID         int    `json:"id"`
		FirstName  string `json:"first_name"`
		LastName   string `json:"last_name"`
		ScreenName string `json:"screen_name"`
	}
	p := api.Params{"user_ids": strings.Join(ids, ","), "fields": "screen_name"}
	if err := c.api.call(ctx, "users.get", p, &users); err != nil {
		return err
	}
	for _, u := range users {
		n := name{name: joinNonEmpty(" ", u.FirstName, u.LastName)}
		if !defaultScreenName.MatchString(u.ScreenName) {
			n.username = u.ScreenName
		}
		c.names.put(u.ID, n)
	}
	return nil
}
