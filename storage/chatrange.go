package storage

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Since schema 4 everything a received message writes about its chat lives in the chat's
// own key range of msgs: the message (chat‖messageID), the network id that makes receiving
// idempotent (chat‖FF…FF‖2‖external id) and the dialog record (chat‖FF…FF‖1‖dialogID).
// For most chats they share one leaf page, so a durable receive copies and syncs one
// page path instead of one per bucket: on this machine each extra scattered page costs a
// commit about 55 µs, more than the work itself (PERFORMANCE.md, README).
//
// Ids issued since schema 4 carry their chat in the low bits (seq<<chatBits | chat), so a
// message or dialog is found from its id alone without an index; seq is the bucket's
// sequence, which keeps counting from the ids issued before, so ids still sort in the
// order they were issued. Ids below the file's legacy bound (meta) were issued before:
// their messages are found through msgchat, their dialogs live in dialogs, their chats'
// dialog lists in chatdialogs and their network ids in ext. Nothing is moved by the
// migration; reads look in both places.
const (
	chatBits = 24
	maxChat  = 1<<chatBits - 1
	// maxSeq keeps every id below 2^53, exact in JSON readers that hold numbers as doubles
	// (the export is read by such tools): 2^29 messages, 16.7 million chats.
	maxSeq = 1<<(53-chatBits) - 1
)

// Kinds of the chat-range keys that follow a chat's messages.
const (
	rangeDialog = 1
	rangeExt    = 2
)

var kLegacyMessages, kLegacyDialogs = []byte("legacymessages"), []byte("legacydialogs")

// chatScoped makes the id of the seq-th record of a chat.
func chatScoped(seq, chat uint64) (uint64, error) {
	if chat == 0 || chat > maxChat {
		return 0, fmt.Errorf("chat id %d is outside 1…%d", chat, maxChat)
	}
	if seq == 0 || seq > maxSeq {
		return 0, fmt.Errorf("sequence %d is outside 1…%d", seq, maxSeq)
	}
	return seq<<chatBits | chat, nil
}

func chatOfID(id uint64) uint64 { return id & maxChat }

func seqOfID(id uint64) uint64 { return id >> chatBits }

// rangeKey is chat‖FF…FF‖kind‖rest: after every message of the chat (a message id is
// never all ones) and before the next chat.
func rangeKey(chat uint64, kind byte, rest []byte) []byte {
	k := make([]byte, 17, 17+len(rest))
	binary.BigEndian.PutUint64(k, chat)
	binary.BigEndian.PutUint64(k[8:], ^uint64(0))
	k[16] = kind
	return append(k, rest...)
}

func dialogRangeKey(chat, dialog uint64) []byte { return rangeKey(chat, rangeDialog, u64key(dialog)) }

func extRangeKey(chat uint64, ext string) []byte { return rangeKey(chat, rangeExt, []byte(ext)) }

// isMessageKey tells a message's key in msgs (chat‖id) from the chat-range keys after it.
func isMessageKey(k []byte) bool { return len(k) == 16 }

// legacyBounds reads, once per transaction, the first message and dialog ids of schema 4:
// an id below its bound was issued before and is kept where schema 3 put it.
func (t *tx) legacyBounds() (messages, dialogs uint64) {
	if t.msgBound == 0 {
		m := t.bucket(bMeta)
		t.msgBound, t.dialogBound = boundOf(m.Get(kLegacyMessages)), boundOf(m.Get(kLegacyDialogs))
	}
	return t.msgBound, t.dialogBound
}

func boundOf(v []byte) uint64 {
	if len(v) != 8 {
		return 1
	}
	return keyU64(v)
}

func (t *tx) legacyMessage(id uint64) bool { b, _ := t.legacyBounds(); return id < b }

func (t *tx) legacyDialog(id uint64) bool { _, b := t.legacyBounds(); return id < b }

// recordLegacyBounds is migration 4: every id issued so far is legacy.
func recordLegacyBounds(btx *bolt.Tx) error {
	if err := createBuckets(btx); err != nil {
		return err
	}
	meta := btx.Bucket(bucketNames[bMeta])
	for _, b := range []struct {
		key    []byte
		bucket bucket
	}{{kLegacyMessages, bMsgs}, {kLegacyDialogs, bDialogs}} {
		if err := meta.Put(b.key, u64key(btx.Bucket(bucketNames[b.bucket]).Sequence()+1)); err != nil {
			return err
		}
	}
	return nil
}

// nextScoped issues the next chat-scoped id from bucket b's sequence, or, for an explicit
// id (an import), moves the sequence past it as nextID does.
func (t *tx) nextScoped(b *bolt.Bucket, id, chat uint64) (uint64, error) {
	if id != 0 {
		if chatOfID(id) != chat {
			return 0, fmt.Errorf("id %d does not belong to chat %d", id, chat)
		}
		if seqOfID(id) > b.Sequence() {
			if err := b.SetSequence(seqOfID(id)); err != nil {
				return 0, err
			}
		}
		return id, nil
	}
	seq, err := b.NextSequence()
	if err != nil {
		return 0, err
	}
	return chatScoped(seq, chat)
}

// currentDialog is the chat's newest dialog: the last dialog in its range, or, when it
// has none yet, the one its record names (a schema-3 dialog). A new dialog so never
// rewrites the chat's record (and its pages).
func (t *tx) currentDialog(chat, recorded uint64) uint64 {
	c := t.cursor(bMsgs)
	k, _ := cursorBefore(c, rangeKey(chat, rangeDialog+1, nil))
	if len(k) == 25 && hasPrefix(k, rangeKey(chat, rangeDialog, nil)) {
		return keyU64(k[17:])
	}
	return recorded
}
