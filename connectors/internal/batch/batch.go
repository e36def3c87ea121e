// Package batch stores what one answer of a network brought: the chats in parallel,
// which lets the store group their messages into shared commits (a backlog after a night
// offline), and each chat's messages one after another, in order.
package batch

import "sync"

// ByChat calls receive for every item and returns each item's error. Items of different
// chats (chat names an item's chat) go in parallel, at most parallel chats at once; the
// items of one chat go in order, and after a failure the chat's later items are not
// received but get the same error, so that a chat's messages are never stored out of
// order. ByChat returns when every call has returned.
func ByChat[T any, K comparable](items []T, chat func(T) K, parallel int, receive func(T) error) []error {
	results := make([]error, len(items))
	byChat := map[K][]int{}
	for i, it := range items {
		byChat[chat(it)] = append(byChat[chat(it)], i)
	}
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for _, idx := range byChat {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			for k, i := range idx {
				if err := receive(items[i]); err != nil {
					for _, j := range idx[k:] {
						results[j] = err
					}
					return
				}
			}
		})
	}
	wg.Wait()
	return results
}
