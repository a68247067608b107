package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/content"
	"faqbot/feedback"
	"faqbot/reload"
)

// reloadTimeout bounds a reload started from Discord; the interaction is
// deferred, and its token stays valid for 15 minutes.
const reloadTimeout = 10 * time.Minute

// isModerator checks, on our side, what Discord's default member
// permissions only suggest: Manage Server (or Administrator), or one of the
// configured moderator roles.
func (b *Bot) isModerator(i *discordgo.Interaction) bool {
	if i.Member == nil {
		return false
	}
	if i.Member.Permissions&(discordgo.PermissionManageServer|discordgo.PermissionAdministrator) != 0 {
		return true
	}
	for _, r := range i.Member.Roles {
		if slices.Contains(b.cfg.ModeratorRoles, r) {
			return true
		}
	}
	return false
}

// handleFAQ runs the moderator commands: /faq reload, /faq unanswered and
// /faq learned.
func (b *Bot) handleFAQ(ctx context.Context, i *discordgo.Interaction) response {
	if i.GuildID == "" {
		// A DM tells nothing of the member's roles: a moderator there is
		// to be sent to the server, not told they are none.
		return private(&discordgo.InteractionResponseData{Content: "`/faq` works in the server, not in DMs. Please use it in a channel of the server."})
	}
	if !b.isModerator(i) {
		b.log.Info("refused moderator command", "user", userID(i), "guild", i.GuildID)
		return private(&discordgo.InteractionResponseData{Content: "Sorry, only moderators can use `/faq` commands."})
	}
	data := i.ApplicationCommandData()
	sub := ""
	if len(data.Options) > 0 {
		sub = data.Options[0].Name
	}
	switch sub {
	case subReload:
		return b.handleReload(i)
	case subUnanswered:
		return b.handleUnanswered(ctx, i)
	case subLearned:
		return b.handleLearned(ctx, i)
	default:
		return private(&discordgo.InteractionResponseData{Content: "Sorry, I don't know that `/faq` command. Try `/faq reload`, `/faq unanswered` or `/faq learned`."})
	}
}

// handleReload is /faq reload. Reloading may take longer than Discord's
// 3 seconds: the response acknowledges at once, and the report follows as
// an edit of it.
func (b *Bot) handleReload(i *discordgo.Interaction) response {
	if b.reloader == nil {
		return private(&discordgo.InteractionResponseData{Content: "Reloading is not available in this setup."})
	}
	return response{
		resp: &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()},
		},
		then: func(ctx context.Context, sent error) {
			if sent != nil {
				return // the moderator saw nothing: no reload they would not hear of
			}
			b.reload(ctx, i)
		},
	}
}

// reload runs a reload a moderator asked for and edits their deferred
// response into its report.
func (b *Bot) reload(ctx context.Context, i *discordgo.Interaction) {
	// The reload outlives the handler's timeout (the deferred reply stays
	// open for 15 minutes), but not the bot: a shutdown stops it.
	rctx, cancel := context.WithTimeout(b.stopping, reloadTimeout)
	defer cancel()
	b.log.Info("reload requested", "user", userID(i), "guild", i.GuildID)
	rep, err := b.reloader.TryReload(rctx)
	text := reloadText(rep, err)
	// A fresh deadline: the reload may have used up rctx, or the bot be
	// stopping, and the moderator should still hear what happened.
	sctx, scancel := context.WithTimeout(context.WithoutCancel(ctx), restTimeout)
	defer scancel()
	if _, err := b.s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &text, AllowedMentions: noMentions()}, discordgo.WithContext(sctx)); err != nil {
		b.log.Warn("send reload report", "err", b.apiError(err))
	}
}

// reloadText is the moderator's reload report. It names content files
// relative to CONTENT_DIR and never shows an internal error: the log has
// those, with the details.
func reloadText(rep reload.Report, err error) string {
	var sb strings.Builder
	took := rep.Duration.Round(time.Millisecond)
	switch {
	case errors.Is(err, reload.ErrBusy):
		return "A reload is already running. Please try again in a moment."
	case errors.Is(err, context.Canceled):
		return "⏹️ The bot is shutting down, so this reload was stopped. The previous content is still live; the new content is read when the bot starts again."
	case errors.Is(err, context.DeadlineExceeded):
		fmt.Fprintf(&sb, "⚠️ The reload took longer than %s and was stopped. The previous content is still live.\n", reloadTimeout)
	case errors.Is(err, reload.ErrCheck):
		fmt.Fprintf(&sb, "⚠️ Reload failed after %s: the new index could not find the answers to its own FAQ questions, so it was not used. The previous content is still live; the bot's log has the details.\n", took)
	case err != nil && rep.ProblemCount > 0:
		fmt.Fprintf(&sb, "⚠️ Reload failed after %s. The previous content is still live.\n", took)
	case err != nil:
		fmt.Fprintf(&sb, "⚠️ Reload failed after %s: something went wrong on the server, so the content could not be read or indexed. The previous content is still live; the bot's log has the details.\n", took)
	case rep.Unchanged:
		fmt.Fprintf(&sb, "✅ Content unchanged (%d passages); nothing to rebuild. Took %s.\n", rep.Passages, took)
	default:
		fmt.Fprintf(&sb, "✅ Reloaded in %s. The new content is live: %d passages.\n", took, rep.Passages)
		fmt.Fprintf(&sb, "Added: %s · Changed: %s · Removed: %s\n", rep.Added, rep.Changed, rep.Removed)
	}
	if rep.Fetch != "" {
		// The fetch names pages by the URLs the website linked to, and
		// quotes where it redirected: text from the site, which may hold
		// Markdown, masked links or mentions.
		for _, line := range strings.Split(clip(rep.Fetch, 600), "\n") {
			fmt.Fprintf(&sb, "%s\n", escapeMarkdown(line))
		}
	}
	if rep.ProblemCount > 0 {
		fmt.Fprintf(&sb, "%d problem(s) in the content files:\n", rep.ProblemCount)
		for _, p := range rep.Problems {
			fmt.Fprintf(&sb, "• %s\n", escapeMarkdown(clip(p.Error(), 300)))
		}
		if rep.ProblemCount > len(rep.Problems) {
			fmt.Fprintf(&sb, "…and %d more. Run `faqbot check` to see them all.\n", rep.ProblemCount-len(rep.Problems))
		}
	}
	if rep.UnreachedCount > 0 {
		fmt.Fprintf(&sb, "%d FAQ question(s) or alias(es), asked as written, are not answered from their own entry, since another entry uses the same words; give them words of their own:\n", rep.UnreachedCount)
		for _, u := range rep.Unreached {
			fmt.Fprintf(&sb, "• %s\n", escapeMarkdown(clip(u, 300)))
		}
		if rep.UnreachedCount > len(rep.Unreached) {
			fmt.Fprintf(&sb, "…and %d more. Run `faqbot check` to see them all.\n", rep.UnreachedCount-len(rep.Unreached))
		}
	}
	return clip(defuse(sb.String()), maxContent)
}

func (b *Bot) handleUnanswered(ctx context.Context, i *discordgo.Interaction) response {
	if b.record == nil {
		return private(&discordgo.InteractionResponseData{Content: "Feedback is not being recorded in this setup."})
	}
	ctx, cancel := storeContext(ctx)
	defer cancel()
	since := time.Now().Add(-b.cfg.Retention)
	qs, err := b.record.Unanswered(ctx, since, 10)
	if err != nil {
		b.log.Warn("list unanswered", "err", err)
		return private(&discordgo.InteractionResponseData{Content: "Sorry, I could not read the list right now."})
	}
	disliked, err := b.record.Disliked(ctx, 5)
	if err != nil {
		b.log.Warn("list disliked", "err", err)
	}
	// Members wrote these questions: their Markdown and mentions must not
	// come alive in front of moderators, nor their links unfold.
	return private(&discordgo.InteractionResponseData{Content: unansweredText(qs, disliked, b.answers.ByRef), Flags: discordgo.MessageFlagsSuppressEmbeds})
}

// unansweredText is the /faq unanswered list: the questions members asked
// without a confident answer, and the passages with the most 👎, all of it
// escaped (see escapeMarkdown) and within Discord's message length.
func unansweredText(qs []feedback.Question, disliked []feedback.PassageVotes, byRef func(string) (content.Passage, bool)) string {
	var sb strings.Builder
	if len(qs) == 0 {
		sb.WriteString("No unanswered questions recorded. 🎉\n")
	} else {
		sb.WriteString("**Most frequent questions without a confident answer:**\n")
		for n, q := range qs {
			fmt.Fprintf(&sb, "%d. %s — asked %d×, last %s\n", n+1, escapeMarkdown(clip(q.Text, 150)), q.Count, q.Last.UTC().Format("2006-01-02"))
		}
	}
	if len(disliked) > 0 {
		sb.WriteString("\n**Answers with the most 👎:**\n")
		for _, d := range disliked {
			title := d.PassageID
			if p, ok := byRef(d.PassageID); ok {
				title = heading(p)
			}
			fmt.Fprintf(&sb, "• %s — 👎 %d, 👍 %d\n", escapeMarkdown(clip(title, 150)), d.Down, d.Up)
		}
	}
	return clip(sb.String(), maxContent)
}
