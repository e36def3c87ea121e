// Package attach turns a file a person picked (in the composer, or with salonchat send
// --file) into an inbox.Attachment waiting in the data folder's outbox: what kind of file
// it is, whether a photo too big for the network goes as a file instead, and a private
// copy under a safe name, so that the message is sent even if the original is moved
// before the outbox gets to it. Both ways of sending use this one code.
package attach
