package vk

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/SevereCloud/vksdk/v2/api"

	"salonchat/connectors/internal/httpx"
	"salonchat/inbox"
)

// checkTimeout bounds "Проверить подключение".
const checkTimeout = 30 * time.Second

// neededRights are the access key's rights SalonChat uses, in the order Check reports
// them missing, with the key saying which is missing: the long poll needs "manage",
// sending "messages", sending pictures and files "photos" and "docs".
var neededRights = []struct{ name, key string }{
	{"manage", "vk.right_missing.manage"},
	{"messages", "vk.right_missing.messages"},
	{"photos", "vk.right_missing.photos"},
	{"docs", "vk.right_missing.docs"},
}

// Check tries an account's settings ("Проверить подключение"): whose key it is and
// whether VK blocked the community (groups.getById), whether the key has the rights
// SalonChat needs (groups.getTokenPermissions) and whether it may read the long poll
// settings (groups.getLongPollSettings). It returns nil when the account can be used,
// else an *inbox.Error whose key says what is wrong: one of New's, vk.token_invalid,
// vk.not_community_token, vk.community_blocked, vk.group_mismatch, vk.right_missing.<right>,
// vk.proxy_failed, vk.api_url_wrong, vk.network_unreachable, vk.check_rate_limited or
// vk.check_failed. Check blocks for at most 30 seconds.
func Check(ctx context.Context, acc inbox.Account, opts Options) error {
	c, err := newClient(acc, opts.withDefaults())
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	if err := c.community(ctx); err != nil {
		return c.checkError(err)
	}
	var perms struct {
		Permissions []struct {
			Name string `json:"name"`
		} `json:"permissions"`
	}
	if err := c.call(ctx, "groups.getTokenPermissions", nil, &perms); err != nil {
		return c.checkError(err)
	}
	have := map[string]bool{}
	for _, p := range perms.Permissions {
		have[p.Name] = true
	}
	for _, r := range neededRights {
		if !have[r.name] {
			return inbox.Errorf(inbox.CodeInvalid, r.key, nil)
		}
	}
	// Run turns the long poll on itself; reading its settings proves the key may.
	var lp struct{}
	if err := c.call(ctx, "groups.getLongPollSettings", api.Params{"group_id": c.groupID}, &lp); err != nil {
		return c.checkError(err)
	}
	return nil
}

// checkCommunity is Run's first step: the key must be the community's and the
// community must not be blocked.
func (c *Connector) checkCommunity(ctx context.Context) error { return c.api.community(ctx) }

// community asks VK whose key this is (a community key without group_id names its own
// community) and compares it with the group setting.
func (c *client) community(ctx context.Context) error {
	var groups []struct {
		ID          int    `json:"id"`
		Deactivated string `json:"deactivated"`
	}
	if err := c.call(ctx, "groups.getById", nil, &groups); err != nil {
		return err
	}
	switch {
	case len(groups) == 0:
		return fmt.Errorf("groups.getById: %w", errNotCommunityKey)
	case groups[0].ID != c.groupID:
		return fmt.Errorf("key of community %d, group setting %d: %w", groups[0].ID, c.groupID, errGroupMismatch)
	case groups[0].Deactivated != "":
		return fmt.Errorf("community %d is %s: %w", c.groupID, groups[0].Deactivated, errCommunityBlocked)
	}
	return nil
}

// checkError names what a failed check call says is wrong.
func (c *client) checkError(err error) error {
	e := &inbox.Error{Code: inbox.CodeInvalid, Err: errors.New(c.scrub(err.Error()))}
	var ae *api.Error
	var ct *api.InvalidContentType
	switch {
	case errors.Is(err, errCommunityBlocked):
		e.Key = "vk.community_blocked"
	case errors.Is(err, errGroupMismatch):
		e.Key = "vk.group_mismatch"
	case errors.Is(err, errNotCommunityKey):
		e.Key = "vk.not_community_token"
	case errors.As(err, &ae):
		c.checkAPIError(e, ae)
	case errors.As(err, &ct) && c.custom:
		e.Key = "vk.api_url_wrong"
	case c.proxy != nil && httpx.ViaProxyFailed(err):
		e.Code, e.Key = inbox.CodeUnavailable, "vk.proxy_failed"
		e.Args = map[string]any{"Proxy": c.proxy.Redacted()}
	case c.custom && httpx.NoServer(err):
		e.Key = "vk.api_url_wrong"
	case errors.As(err, &ct), httpx.NoAnswer(err):
		e.Code, e.Key = inbox.CodeUnavailable, "vk.network_unreachable"
	default:
		e.Code, e.Key = inbox.CodeInternal, "vk.check_failed"
	}
	if e.Key == "vk.api_url_wrong" {
		e.Args = map[string]any{"URL": c.baseURL}
	}
	return e
}

// checkAPIError names VK's refusals of the check's calls.
func (c *client) checkAPIError(e *inbox.Error, ae *api.Error) {
	switch ae.Code {
	case api.ErrAuth:
		e.Key = "vk.token_invalid"
		if communityBlocked(ae) {
			e.Key = "vk.community_blocked"
		}
	case api.ErrAccess, api.ErrGroupAuth, api.ErrPermission:
		e.Key = "vk.right_missing.manage"
	case api.ErrParam:
		// groups.getById without group_id refuses a user's key this way.
		e.Key = "vk.not_community_token"
	case api.ErrTooMany, api.ErrFlood, api.ErrRateLimit:
		e.Code, e.Key = inbox.CodeUnavailable, "vk.check_rate_limited"
	default:
		e.Code, e.Key = inbox.CodeUnavailable, "vk.check_failed"
	}
}
