package storage

import bolt "go.etcd.io/bbolt"

// TxWrites reports bbolt's running totals of pages written and nodes split by committed
// transactions, for the write benchmarks' pages/op and splits/op.
func (s *Store) TxWrites() (writes, splits int64) {
	st := s.db.Stats().TxStats
	return st.GetWrite(), st.GetSplit()
}

// Bolt is the store's bbolt handle, for BenchmarkMachine's bare bbolt operations.
func (s *Store) Bolt() *bolt.DB { return s.db }
