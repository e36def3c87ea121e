package vk

import (
	"fmt"
	"strconv"
	"strings"

	"salonchat/inbox"
)

// chatPeerBase is where VK's peer ids of group chats begin (2 000 000 000 + chat id).
const chatPeerBase = 2_000_000_000

// MakePeerID names a VK dialog (for a client: their user id, VK's peer_id) as an inbox
// peer.
func MakePeerID(peerID int) inbox.PeerID { return inbox.PeerID(strconv.Itoa(peerID)) }

// ParsePeerID reads back a peer id made by MakePeerID.
func ParsePeerID(p inbox.PeerID) (int, error) {
	id, err := strconv.Atoi(string(p))
	if err != nil || id == 0 {
		return 0, fmt.Errorf("vk peer %q: not a peer id", p)
	}
	return id, nil
}

// MakeMessageID names a message by its VK message id (unique within the community; the
// id messages.send returns).
func MakeMessageID(messageID int) inbox.ExternalID {
	return inbox.ExternalID(strconv.Itoa(messageID))
}

// MakeEditID names one edit of a message: "<message id>@<update_time>". VK gives edits
// no id of their own; the time of the edit tells two edits of one message apart.
func MakeEditID(messageID int, updateTime int64) inbox.ExternalID {
	return inbox.ExternalID(strconv.Itoa(messageID) + "@" + strconv.FormatInt(updateTime, 10))
}

// ParseMessageID returns the VK message id of an id made by MakeMessageID or MakeEditID.
func ParseMessageID(ext inbox.ExternalID) (int, error) {
	s, _, _ := strings.Cut(string(ext), "@")
	id, err := strconv.Atoi(s)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("vk message id %q: not a message id", ext)
	}
	return id, nil
}

// Random ids. messages.send drops a message whose random_id this community already
// used (VK checks it against the whole history of the sender), so the id of a part must
// be the same on every retry and different for everything else. It is a bijection of
// (stored message id, part number) on positive 31-bit numbers, keyed by a per-account
// salt kept in the data folder: no two parts of one data folder share an id (up to 2²⁵
// messages of up to 64 parts), and after a fresh start with a new data folder the ids
// are as unlikely to meet old ones as random ones.
const (
	randomBits = 31
	randomMask = 1<<randomBits - 1
	// maxParts is how many VK messages one stored message may become.
	maxParts = 64
)

// RandomID returns the random_id of part (0-based) of a stored message under salt.
func RandomID(salt uint32, msg inbox.MessageID, part int) int32 {
	x := (uint32(msg)*maxParts + uint32(part%maxParts)) & randomMask
	x = (x ^ salt) & randomMask
	// Each step is invertible modulo 2³¹: xor with a right shift, and multiplication
	// by an odd number.
	x ^= x >> 16
	x = (x * 0x45d9f3b) & randomMask
	x ^= x >> 13
	x = (x * 0x2c1b3c6d) & randomMask
	x ^= x >> 16
	if x == 0 {
		x = randomMask // 0 would turn VK's check off; one input in 2³¹ lands here
	}
	return int32(x)
}
