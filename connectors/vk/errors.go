package vk

import "errors"

// ErrRunning is returned by Run when the connector is already running.
var ErrRunning = errors.New("vk connector already running")

// What groups.getById tells about the settings before the long poll starts. Health and
// Check turn them into translation keys.
var (
	// errCommunityBlocked: VK blocked or deleted the community.
	errCommunityBlocked = errors.New("the community is blocked or deleted")
	// errGroupMismatch: the key belongs to another community than the group setting.
	errGroupMismatch = errors.New("the access key belongs to another community")
	// errNotCommunityKey: groups.getById without group_id named no community, so the
	// key is a user's or an application's.
	errNotCommunityKey = errors.New("the key is not a community's access key")
)
