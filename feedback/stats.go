package feedback

import (
	"context"
	"fmt"
)

// Stats are the numbers of records stored, for logs and metrics. Expired
// records not yet pruned are included.
type Stats struct {
	Unanswered, Votes, Choices int
}

// Stats counts the stored records.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	if err := ctx.Err(); err != nil {
		return Stats{}, fmt.Errorf("feedback stats: %w", err)
	}
	var st Stats
	err := s.view(func(b buckets) error {
		st.Unanswered = count(b.meta, metaNumUnanswered)
		st.Votes = count(b.meta, metaNumVotes)
		st.Choices = count(b.meta, metaNumChoices)
		return nil
	})
	if err != nil {
		return Stats{}, fmt.Errorf("feedback stats: %w", err)
	}
	return st, nil
}
