// Package connectors runs the salon's accounts: it starts one inbox.Connector per enabled
// account, restarts it when the account's settings change, stops it when the account is
// disabled, and runs the outbox that sends queued messages through them. Each network's
// connector lives in a sub-package (telegram/, vk/, whatsapp/).
package connectors
