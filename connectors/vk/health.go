package vk

import (
	"errors"
	"strings"

	"github.com/SevereCloud/vksdk/v2/api"

	"salonchat/connectors/internal/httpx"
	"salonchat/inbox"
)

// Health reasons (translation keys, assets/translations/vk.*.json). Only the HealthError
// ones put the "!" on the account; those marked "stop" end Run.
const (
	// HealthError, stop: the access key is wrong, expired or was deleted (error 5).
	reasonTokenInvalid = "vk.health.token_invalid"
	// HealthError, stop: VK blocked or deleted the community.
	reasonCommunityBlocked = "vk.health.community_blocked"
	// HealthError, stop: the key may not manage the community, which the long poll
	// needs (errors 15, 27, 7 on the long poll methods).
	reasonNoManageRight = "vk.health.no_manage_right"
	// HealthError, stop: the key belongs to another community than the group setting, or
	// VK knows no such community (error 100).
	reasonGroupMismatch = "vk.health.group_mismatch"
	// HealthError: api_url answers, but not as VK's API. Polling goes on slowly.
	reasonAPIURLWrong = "vk.health.api_url_wrong"
	// HealthConnecting: no connection to VK; retrying.
	reasonOffline = "vk.health.offline"
	// HealthConnecting: the proxy does not answer or does not let us through; retrying.
	reasonProxyFailed = "vk.health.proxy_failed"
	// HealthConnecting: VK's servers answer with errors; retrying.
	reasonServerError = "vk.health.server_error"
	// HealthConnecting: VK asked to slow down (errors 6, 9, 29); retrying after a pause.
	reasonRateLimited = "vk.health.rate_limited"
)

// trouble is what a failed call means for the connection.
type trouble struct {
	state  inbox.HealthState
	reason string
	// stop: polling cannot go on with these settings.
	stop bool
	// slow: retry at the longest backoff (the cause is outside SalonChat's reach).
	slow bool
	// limited: VK asked to slow down; wait at least five times the shortest backoff.
	limited bool
}

// classify tells what an error of the long poll or its setup says about the connection.
func (c *client) classify(err error) trouble {
	var ae *api.Error
	var ct *api.InvalidContentType
	var se *statusError
	switch {
	case errors.Is(err, errCommunityBlocked):
		return trouble{state: inbox.HealthError, reason: reasonCommunityBlocked, stop: true}
	case errors.Is(err, errGroupMismatch), errors.Is(err, errNotCommunityKey):
		return trouble{state: inbox.HealthError, reason: reasonGroupMismatch, stop: true}
	case errors.As(err, &ae):
		return c.classifyAPI(ae)
	case errors.As(err, &ct) && c.custom:
		return trouble{state: inbox.HealthError, reason: reasonAPIURLWrong, slow: true}
	case errors.As(err, &ct), errors.As(err, &se):
		return trouble{state: inbox.HealthConnecting, reason: reasonServerError}
	case c.proxy != nil && httpx.ViaProxyFailed(err):
		return trouble{state: inbox.HealthConnecting, reason: reasonProxyFailed}
	}
	return trouble{state: inbox.HealthConnecting, reason: reasonOffline}
}

// classifyAPI sorts VK's API errors (dev.vk.com/ru/reference/errors).
func (c *client) classifyAPI(e *api.Error) trouble {
	switch e.Code {
	case api.ErrAuth:
		if communityBlocked(e) {
			return trouble{state: inbox.HealthError, reason: reasonCommunityBlocked, stop: true}
		}
		return trouble{state: inbox.HealthError, reason: reasonTokenInvalid, stop: true}
	case api.ErrAccess, api.ErrGroupAuth, api.ErrPermission:
		return trouble{state: inbox.HealthError, reason: reasonNoManageRight, stop: true}
	case api.ErrParam:
		return trouble{state: inbox.HealthError, reason: reasonGroupMismatch, stop: true}
	case api.ErrTooMany, api.ErrFlood, api.ErrRateLimit:
		return trouble{state: inbox.HealthConnecting, reason: reasonRateLimited, limited: true}
	}
	return trouble{state: inbox.HealthConnecting, reason: reasonServerError}
}

// communityBlocked reports VK's refusal of a community's key because the community is
// blocked or deleted (error 5, "User authorization failed: group is blocked.").
func communityBlocked(e *api.Error) bool {
	m := strings.ToLower(e.Message)
	return strings.Contains(m, "group is blocked") || strings.Contains(m, "group is deleted") ||
		strings.Contains(m, "community is blocked") || strings.Contains(m, "banned")
}
