// Package support is what a salon sends to whoever helps it: the rotating log file of a
// data folder and the support report, a zip made from the logs, the versions and the
// accounts' health.
//
// The report never carries what the salon's clients or its tokens say: accounts are
// described by network, title and health only (no settings), the store by its record
// counts and size (no records), and every setting value of every account is blacked
// out of the log files as they are copied, in case a log line ever quoted one. Log
// lines themselves carry no message text (see STYLE.md, "Logging").
//
//	logs/salonchat.log            the current log; older ones beside it, named by
//	                              lumberjack: salonchat-2026-11-25T10-00-00.000.log
//
// Zip entries: versions.json, accounts.json, store.json, logs/<every log file>.
package support
