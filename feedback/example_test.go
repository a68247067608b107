package feedback_test

import (
	"context"
	"fmt"
	"time"

	"faqbot/feedback"
)

func ExampleStore_Unanswered() {
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	s, err := feedback.Open("", "test", 90*24*time.Hour, func() time.Time { return now }) // "" = memory only
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()

	for _, q := range []string{"How do I join a raid?", "where is the rules channel", "how do I  join a raid"} {
		if err := s.RecordUnanswered(ctx, q, ""); err != nil {
			fmt.Println(err)
			return
		}
	}
	qs, err := s.Unanswered(ctx, now.Add(-7*24*time.Hour), 10)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, q := range qs {
		fmt.Printf("%d× %s\n", q.Count, q.Text)
	}
	// Output:
	// 2× how do I join a raid
	// 1× where is the rules channel
}

func ExampleStore_RecordVote() {
	ctx := context.Background()
	s, err := feedback.Open("", "test", 90*24*time.Hour, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()

	// The bot never stores a member's id, only a salted hash of it.
	ann := feedback.VoterKey(s.Salt(), "123456789012345678")
	bob := feedback.VoterKey(s.Salt(), "876543210987654321")
	for _, v := range []struct {
		passage, voter string
		up             bool
	}{
		{"faq.md#join", ann, true},
		{"faq.md#rules", ann, false},
		{"faq.md#rules", bob, false},
		{"faq.md#join", bob, false},
		{"faq.md#join", ann, false}, // ann changes her mind: still one vote
	} {
		if err := s.RecordVote(ctx, v.passage, v.voter, v.up); err != nil {
			fmt.Println(err)
			return
		}
	}
	disliked, err := s.Disliked(ctx, 5)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range disliked {
		fmt.Printf("%s: %d👎 %d👍\n", p.PassageID, p.Down, p.Up)
	}
	// Output:
	// faq.md#join: 2👎 0👍
	// faq.md#rules: 2👎 0👍
}

func ExampleStore_RecordChoice() {
	ctx := context.Background()
	s, err := feedback.Open("", "test", 90*24*time.Hour, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()

	// Two members picked the card FAQ for their question.
	for _, member := range []string{"123456789012345678", "876543210987654321"} {
		if _, err := s.RecordChoice(ctx, "My card still hasn't come", "faq.md#card-arrival", feedback.VoterKey(s.Salt(), member)); err != nil {
			fmt.Println(err)
			return
		}
	}
	pending, _ := s.Pending(ctx, 10)
	for _, p := range pending {
		fmt.Printf("%s: %q ×%d\n", p.PassageID, p.Text, p.Members)
	}
	// A moderator accepts it: it becomes an alias of the passage.
	if _, err := s.Decide(ctx, pending[0].ID, true, "moderator"); err != nil {
		fmt.Println(err)
		return
	}
	accepted, _ := s.Decided(ctx, feedback.Accepted)
	fmt.Println(len(accepted), "accepted:", accepted[0].Text)
	// Output:
	// faq.md#card-arrival: "My card still hasn't come" ×2
	// 1 accepted: My card still hasn't come
}
