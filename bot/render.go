package bot

import (
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"faqbot/content"
	"faqbot/index"
)

// Discord's limits that replies must respect.
const (
	maxEmbedTitle       = 256
	maxEmbedDescription = 4096
	maxEmbedFooter      = 2048
	maxButtonLabel      = 80
	maxContent          = 2000
	maxChoice           = 100
)

// Button custom ID prefixes.
const (
	idAlternative = "alt:"
	idVoteUp      = "vote:up:"
	idVoteDown    = "vote:down:"
	idLearned     = "learn:"
)

// keySuffix is what a button's custom id carries of the question asked:
// ":" and its key, or nothing.
func keySuffix(key string) string {
	if key == "" {
		return ""
	}
	return ":" + key
}

// splitKey splits what follows a button's prefix into the passage ref and
// the question's key ("" for buttons without one).
func splitKey(s string) (ref, key string) {
	ref, key, _ = strings.Cut(s, ":")
	return ref, key
}

// noMentions is set on every message the bot sends: nothing it writes,
// whether from content or echoed from a member, may ping anyone.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// massMentions breaks @everyone and @here with a zero-width space.
var massMentions = strings.NewReplacer("@everyone", "@\u200beveryone", "@here", "@\u200bhere")

// defuse breaks @everyone and @here with a zero-width space, so they do
// not even look like pings (allowed mentions already keep them silent).
func defuse(s string) string { return massMentions.Replace(s) }

// clip shortens s to n characters, ending in "…" when cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// heading names a passage: the FAQ question, or the article title.
func heading(p content.Passage) string {
	if p.Kind == content.KindFAQ && strings.TrimSpace(p.Question) != "" {
		return p.Question
	}
	if strings.TrimSpace(p.Title) != "" {
		return p.Title
	}
	return "Answer"
}

// answerEmbed shows a passage: its heading linked to the source, the
// section, the best part of the text, and a footer with the source and,
// when known, the confidence.
func answerEmbed(h index.Hit, confidence float64) *discordgo.MessageEmbed {
	p := h.Passage
	text := h.Excerpt
	if text == "" {
		text = p.Text
	}
	e := &discordgo.MessageEmbed{
		Title:       clip(defuse(heading(p)), maxEmbedTitle),
		Description: clip(defuse(text), maxEmbedDescription),
		Color:       0x5865F2,
	}
	e.URL = embedURL(p.URL)
	context := p.Section
	if p.Kind == content.KindPassage && p.Section != "" && p.Title != "" {
		context = p.Title + " › " + p.Section
	}
	if context != "" && context != e.Title {
		e.Author = &discordgo.MessageEmbedAuthor{Name: clip(defuse(context), maxEmbedTitle)}
	}
	footer := "Source: " + sourceName(p)
	if confidence >= 0 {
		footer += fmt.Sprintf(" · confidence %d%%", int(confidence*100+0.5))
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: clip(defuse(footer), maxEmbedFooter)}
	return e
}

// sourceName is where a passage comes from: the site of its link, else its
// file's name and line (never its path on the server, which p.File has).
func sourceName(p content.Passage) string {
	if u, err := url.Parse(p.URL); err == nil && u.Host != "" {
		return u.Host
	}
	if p.File != "" {
		name := path.Base(filepath.ToSlash(p.File))
		if p.Line > 0 {
			name += ":" + strconv.Itoa(p.Line)
		}
		return name
	}
	return "content"
}

// alternativeRow offers other passages as buttons ("Did you mean …"),
// each labelled with what sets it apart (see labels); clicking one shows
// it to the clicker alone. key (may be "") names the question asked, so
// that the asker's click teaches the bot a phrasing (see askedQuestions).
func alternativeRow(alts []index.Hit, key string) []discordgo.MessageComponent {
	alts = alts[:min(len(alts), 3)]
	if len(alts) == 0 {
		return nil
	}
	ps := make([]content.Passage, len(alts))
	for i, h := range alts {
		ps[i] = h.Passage
	}
	row := discordgo.ActionsRow{}
	for i, l := range labels(ps) {
		row.Components = append(row.Components, discordgo.Button{
			Label:    l,
			Style:    discordgo.SecondaryButton,
			CustomID: idAlternative + index.Ref(alts[i].Passage.ID) + keySuffix(key),
		})
	}
	return []discordgo.MessageComponent{row}
}

// voteRow asks whether the answer helped; key is as for alternativeRow.
func voteRow(passageID, key string) discordgo.MessageComponent {
	ref := index.Ref(passageID) + keySuffix(key)
	return discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Style: discordgo.SecondaryButton, CustomID: idVoteUp + ref, Emoji: &discordgo.ComponentEmoji{Name: "👍"}},
		discordgo.Button{Style: discordgo.SecondaryButton, CustomID: idVoteDown + ref, Emoji: &discordgo.ComponentEmoji{Name: "👎"}},
	}}
}

// answerMessage is the reply for a confident answer: the embed, then
// alternatives and feedback buttons; key is as for alternativeRow.
func answerMessage(res index.Result, key string) ([]*discordgo.MessageEmbed, []discordgo.MessageComponent) {
	h := res.Answer()
	comps := alternativeRow(res.Alternatives(), key)
	comps = append(comps, voteRow(h.Passage.ID, key))
	return []*discordgo.MessageEmbed{answerEmbed(*h, res.Confidence)}, comps
}

// noAnswerText is the short reply when nothing is confident (msg is
// NO_ANSWER_MESSAGE); the alternatives, if any, come as buttons.
func noAnswerText(res index.Result, msg string) string {
	switch {
	case res.Reason == index.ReasonNoTerms:
		return "Could you ask that with a few more words? I couldn't find anything to search for."
	case len(res.Alternatives()) == 0:
		return "Sorry, I couldn't find anything about that. A moderator may be able to help."
	}
	return clip(defuse(msg), maxContent)
}
