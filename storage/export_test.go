package storage

// TxWrites reports bbolt's running totals of pages written and nodes split by committed
// transactions, for the write benchmarks' pages/op and splits/op.
func (s *Store) TxWrites() (writes, splits int64) {
	st := s.db.Stats().TxStats
	return st.GetWrite(), st.GetSplit()
}
