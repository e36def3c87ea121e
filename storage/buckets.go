package storage

// bucket names a top-level bucket; doc.go describes each one's keys and values. A
// transaction caches the handle of each bucket it opens (see tx.bucket).
type bucket int

const (
	bMeta bucket = iota
	bOperators
	bAccounts
	bChats
	bPeers
	bChatDialogs
	bClientChats
	bPhones
	bNames
	bDialogs
	bAct
	bCounters
	bPostponed
	bMsgs
	bMsgChat
	bExt
	bDelivery
	bRevisions
	bQueued
	bClients
	bVisits
	bClientVisits
	bTasks
	bClientTasks
	bLeads
	bClientLeads
	bTemplates
	bSalon
	// Schema version 2: the client list, its searches and history, the lead list.
	bClientOrder
	bClientNames
	bClientPhones
	bClientHistory
	bLeadStatus
	bLeadCounts
	// Schema version 3: Telegram Business connections, deletion marks, the client's last
	// message in a business chat.
	bConnections
	bDeleted
	bLastIn
	nBuckets
)

// bucketNames are the names in the file, by bucket: every bucket of the current schema.
var bucketNames = [nBuckets][]byte{
	bMeta: []byte("meta"), bOperators: []byte("operators"), bAccounts: []byte("accounts"),
	bChats: []byte("chats"), bPeers: []byte("peers"), bChatDialogs: []byte("chatdialogs"),
	bClientChats: []byte("clientchats"), bPhones: []byte("phones"), bNames: []byte("names"),
	bDialogs: []byte("dialogs"), bAct: []byte("act"), bCounters: []byte("counters"),
	bPostponed: []byte("postponed"), bMsgs: []byte("msgs"), bMsgChat: []byte("msgchat"),
	bExt: []byte("ext"), bDelivery: []byte("delivery"), bRevisions: []byte("revisions"),
	bQueued: []byte("queued"), bClients: []byte("clients"), bVisits: []byte("visits"),
	bClientVisits: []byte("clientvisits"), bTasks: []byte("tasks"), bClientTasks: []byte("clienttasks"),
	bLeads: []byte("leads"), bClientLeads: []byte("clientleads"), bTemplates: []byte("templates"),
	bSalon: []byte("salon"), bClientOrder: []byte("clientorder"), bClientNames: []byte("clientnames"),
	bClientPhones: []byte("clientphones"), bClientHistory: []byte("clienthistory"),
	bLeadStatus: []byte("leadstatus"), bLeadCounts: []byte("leadcounts"),
	bConnections: []byte("connections"), bDeleted: []byte("deleted"), bLastIn: []byte("lastin"),
}

func (b bucket) String() string { return string(bucketNames[b]) }

// Keys in the meta and salon buckets.
var (
	kVersion = []byte("version")
	// kClients counts the clients in the list (not merged), for the list's length.
	kClients = []byte("clients")
	kSalon   = []byte("salon")
)
