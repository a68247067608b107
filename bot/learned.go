package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"faqbot/content"
	"faqbot/feedback"
	"faqbot/metrics"
)

// learnedPerPage is how many phrasings a page of /faq learned lists: each
// takes a row of buttons, and the fifth row pages.
const learnedPerPage = 4

// maxLearnedListed bounds the pending phrasings read for /faq learned.
const maxLearnedListed = 1000

// The views of /faq learned, as the option's value and in button ids.
const (
	viewPending  = "pending"
	viewAccepted = "accepted"
)

// Actions of /faq learned's buttons.
const (
	actAccept = "acc"
	actReject = "rej"
	actPage   = "page"
)

// learnedView is one page of /faq learned.
type learnedView struct {
	accepted bool // the accepted phrasings (with Remove), else the pending ones
	page     int
}

func (v learnedView) name() string {
	if v.accepted {
		return viewAccepted
	}
	return viewPending
}

// learnedButtonID is the custom id of a /faq learned button.
func learnedButtonID(action string, v learnedView, id string) string {
	s := idLearned + action + ":" + v.name() + ":" + strconv.Itoa(v.page)
	if id != "" {
		s += ":" + id
	}
	return s
}

// parseLearnedButton reads what follows idLearned in a custom id.
func parseLearnedButton(s string) (action string, v learnedView, id string, ok bool) {
	parts := strings.SplitN(s, ":", 4)
	if len(parts) < 3 || (parts[1] != viewPending && parts[1] != viewAccepted) {
		return "", v, "", false
	}
	page, err := strconv.Atoi(parts[2])
	if err != nil || page < 0 {
		return "", v, "", false
	}
	v = learnedView{accepted: parts[1] == viewAccepted, page: page}
	if len(parts) == 4 {
		id = parts[3]
	}
	return parts[0], v, id, parts[0] == actPage || id != ""
}

// learnedLists is what /faq learned shows: the phrasings of the view, and
// how many are accepted (and of those, orphaned) for the pending view's
// footer.
type learnedLists struct {
	items    []feedback.Phrasing
	accepted int
	orphaned int
}

// learnedPage renders a page of /faq learned: the phrasings grouped by
// passage (named by its heading, or as orphaned when it is gone) with the
// members behind each, a row of Accept/Reject (or Remove) buttons per
// phrasing, and paging. Members wrote the phrasings: they are escaped.
// note, written by the bot, leads the message.
func learnedPage(v learnedView, l learnedLists, byRef func(string) (content.Passage, bool), note string) *discordgo.InteractionResponseData {
	pages := max(1, (len(l.items)+learnedPerPage-1)/learnedPerPage)
	v.page = min(v.page, pages-1)
	var sb strings.Builder
	if note != "" {
		sb.WriteString(note + "\n\n")
	}
	items := l.items[min(v.page*learnedPerPage, len(l.items)):min((v.page+1)*learnedPerPage, len(l.items))]
	switch {
	case len(l.items) == 0 && v.accepted:
		sb.WriteString("No accepted phrasings yet.\n")
	case len(l.items) == 0:
		sb.WriteString("No phrasings are waiting. Members teach the bot when they pick a \"did you mean\" answer, or give an answer a 👍.\n")
	case v.accepted:
		fmt.Fprintf(&sb, "**Accepted phrasings**, searched as other ways to ask their question (page %d of %d):\n", v.page+1, pages)
	default:
		fmt.Fprintf(&sb, "**Phrasings members taught, waiting for a decision** (page %d of %d):\n", v.page+1, pages)
	}
	var rows []discordgo.MessageComponent
	last := "\x00"
	for k, ph := range items {
		n := v.page*learnedPerPage + k + 1
		if ph.PassageID != last {
			last = ph.PassageID
			if p, ok := byRef(ph.PassageID); ok {
				fmt.Fprintf(&sb, "**%s**\n", escapeMarkdown(clip(heading(p), 150)))
			} else {
				fmt.Fprintf(&sb, "**%s** (orphaned: this passage is no longer in the content)\n", escapeMarkdown(clip(ph.PassageID, 150)))
			}
		}
		text := escapeMarkdown(clip(ph.Text, 200))
		num := strconv.Itoa(n)
		if v.accepted {
			how := "by a moderator"
			if ph.By == byAuto {
				how = "automatically"
			}
			fmt.Fprintf(&sb, "%d. “%s” — accepted %s, %s\n", n, text, how, ph.Decided.UTC().Format("2006-01-02"))
			rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "Remove " + num, Style: discordgo.DangerButton, CustomID: learnedButtonID(actReject, v, ph.ID)},
			}})
			continue
		}
		members := "1 member"
		if ph.Members != 1 {
			members = strconv.Itoa(ph.Members) + " members"
		}
		fmt.Fprintf(&sb, "%d. “%s” — %s\n", n, text, members)
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Accept " + num, Style: discordgo.SuccessButton, CustomID: learnedButtonID(actAccept, v, ph.ID)},
			discordgo.Button{Label: "Reject " + num, Style: discordgo.SecondaryButton, CustomID: learnedButtonID(actReject, v, ph.ID)},
		}})
	}
	if !v.accepted && l.accepted > 0 {
		fmt.Fprintf(&sb, "\n%d accepted phrasing(s)", l.accepted)
		if l.orphaned > 0 {
			fmt.Fprintf(&sb, ", %d of them orphaned", l.orphaned)
		}
		sb.WriteString(".\n")
	}
	nav := discordgo.ActionsRow{}
	if v.page > 0 {
		nav.Components = append(nav.Components, discordgo.Button{Label: "◀ Previous", Style: discordgo.SecondaryButton,
			CustomID: learnedButtonID(actPage, learnedView{accepted: v.accepted, page: v.page - 1}, "")})
	}
	if v.page < pages-1 {
		nav.Components = append(nav.Components, discordgo.Button{Label: "Next ▶", Style: discordgo.SecondaryButton,
			CustomID: learnedButtonID(actPage, learnedView{accepted: v.accepted, page: v.page + 1}, "")})
	}
	other, label := learnedView{accepted: !v.accepted}, "Show accepted"
	if v.accepted {
		label = "Show pending"
	}
	nav.Components = append(nav.Components, discordgo.Button{Label: label, Style: discordgo.SecondaryButton, CustomID: learnedButtonID(actPage, other, "")})
	rows = append(rows, nav)
	return &discordgo.InteractionResponseData{
		Content:    clip(sb.String(), maxContent),
		Components: rows,
		Flags:      discordgo.MessageFlagsSuppressEmbeds,
	}
}

// loadLearned reads the lists a view shows.
func (b *Bot) loadLearned(ctx context.Context, v learnedView) (learnedLists, error) {
	var l learnedLists
	accepted, err := b.record.Decided(ctx, feedback.Accepted)
	if err != nil {
		return l, err
	}
	l.accepted = len(accepted)
	for _, ph := range accepted {
		if _, ok := b.answers.ByRef(ph.PassageID); !ok {
			l.orphaned++
		}
	}
	if v.accepted {
		l.items = accepted
		return l, nil
	}
	l.items, err = b.record.Pending(ctx, maxLearnedListed)
	return l, err
}

// handleLearned is /faq learned [list:pending|accepted].
func (b *Bot) handleLearned(ctx context.Context, i *discordgo.Interaction) response {
	if b.record == nil {
		return private(&discordgo.InteractionResponseData{Content: "Feedback is not being recorded in this setup."})
	}
	v := learnedView{accepted: stringOption(options(i.ApplicationCommandData().Options), optList) == viewAccepted}
	l, err := b.loadLearned(ctx, v)
	if err != nil {
		b.log.Warn("list learned phrasings", "err", err)
		return private(&discordgo.InteractionResponseData{Content: "Sorry, I could not read the list right now."})
	}
	b.log.Debug("learned list", "view", v.name(), "items", len(l.items), "accepted", l.accepted)
	return private(learnedPage(v, l, b.answers.ByRef, ""))
}

// handleLearnedButton runs a /faq learned button: accept, reject (or
// remove) a phrasing, or turn the page; the list is shown again in place.
// Moderators only, checked here as for the command.
func (b *Bot) handleLearnedButton(ctx context.Context, i *discordgo.Interaction, rest string) response {
	if !b.isModerator(i) {
		b.log.Info("refused moderator button", "user", userID(i), "guild", i.GuildID)
		return private(&discordgo.InteractionResponseData{Content: "Sorry, only moderators can accept or reject phrasings."})
	}
	action, v, id, ok := parseLearnedButton(rest)
	if !ok || b.record == nil {
		return private(&discordgo.InteractionResponseData{Content: "Sorry, that button no longer works. Please run `/faq learned` again."})
	}
	note := ""
	if action == actAccept || action == actReject {
		ph, err := b.record.Decide(ctx, id, action == actAccept, byModerator)
		note = decideNote(ph, v, action == actAccept, err, b.answers.ByRef)
		switch {
		case errors.Is(err, feedback.ErrUnknownPhrasing), errors.Is(err, feedback.ErrTooManyLearned):
		case err != nil:
			b.log.Warn("decide on phrasing", "phrasing", id, "err", err)
		default:
			if ph.State == feedback.Accepted {
				b.metrics.Learned(metrics.LearnAccepted)
			} else {
				b.metrics.Learned(metrics.LearnRejected)
			}
			b.log.Info("phrasing decided", "passage", ph.PassageID, "phrasing", ph.ID, "state", ph.State, "user", userID(i))
			b.relearnSoon()
		}
	}
	l, err := b.loadLearned(ctx, v)
	if err != nil {
		b.log.Warn("list learned phrasings", "err", err)
		return private(&discordgo.InteractionResponseData{Content: "Sorry, I could not read the list right now."})
	}
	return update(learnedPage(v, l, b.answers.ByRef, note))
}

// decideNote says what a decision did, in the moderator's words.
func decideNote(ph feedback.Phrasing, v learnedView, accept bool, err error, byRef func(string) (content.Passage, bool)) string {
	switch {
	case errors.Is(err, feedback.ErrUnknownPhrasing):
		return "That phrasing is no longer listed."
	case errors.Is(err, feedback.ErrTooManyLearned):
		return fmt.Sprintf("⚠️ %d phrasings are decided already, the most the bot keeps. Move accepted ones into your files (`faqbot export -learned`) and remove them here.", feedback.MaxLearned)
	case err != nil:
		return "Sorry, that did not work. Please try again in a moment."
	}
	text := escapeMarkdown(clip(ph.Text, 200))
	switch {
	case accept:
		where := ""
		if p, ok := byRef(ph.PassageID); ok {
			where = " for **" + escapeMarkdown(clip(heading(p), 150)) + "**"
		}
		return fmt.Sprintf("✅ Accepted “%s”%s: it is searched within a few seconds.", text, where)
	case v.accepted:
		return fmt.Sprintf("🗑️ Removed “%s”: it is no longer searched, and will not be suggested again.", text)
	default:
		return fmt.Sprintf("❌ Rejected “%s”: it will not be suggested again.", text)
	}
}
