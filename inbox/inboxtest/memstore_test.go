package inboxtest_test

import (
	"testing"

	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
)

func TestMemStore_StoreSuite(t *testing.T) {
	inboxtest.RunStoreSuite(t, func(testing.TB) inbox.Store { return inboxtest.NewMemStore() })
}
