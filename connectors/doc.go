// Package connectors runs the salon's accounts: it starts one inbox.Connector per enabled
// account, restarts it when the account's settings change, stops it when the account is
// disabled, and runs the outbox that sends queued messages through them. Each network's
// connector lives in a sub-package (telegram/, vk/, whatsapp/).
//
// The network packages never import each other. What they share lives in small packages
// under internal/, each with one job: textsplit (cutting long text), files (received
// files on disk), health (reporting changes of health), retry (backoff), httpx (the
// proxy setting and HTTP transport), batch (storing an answer's chats in parallel, each
// in order); their tests share conntest.
package connectors
