// Package conntest holds what the connectors' tests share: a dead address and HTTP and
// SOCKS5 proxies for the proxy tests, a restartable HTTP server for the networks' fake
// servers, a sink that stores through a real inbox.Service, running a connector, waiting
// for a condition, capturing the log, and the check of a network's translation files.
// It is imported by tests only.
package conntest
