package bot

import "github.com/bwmarrin/discordgo"

// Command and option names.
const (
	cmdAsk         = "ask"
	cmdFAQ         = "faq"
	cmdFindAnswer  = "Find an answer" // a message command: in a message's Apps menu
	optQuestion    = "question"
	optPrivate     = "private"
	subReload      = "reload"
	subUnanswered  = "unanswered"
	subLearned     = "learned"
	optList        = "list"
	moderatorPerms = discordgo.PermissionManageServer
)

// commandSet is the commands faqbot registers (bulk overwrite, so removed
// commands disappear too): /ask, /faq for moderators, and "Find an answer"
// in a message's Apps menu, with which anyone answers another member's
// question.
func commandSet(cfg Config) []*discordgo.ApplicationCommand {
	modPerms := int64(moderatorPerms)
	noDM := false
	return []*discordgo.ApplicationCommand{
		{
			Name:        cmdAsk,
			Description: "Ask a question; the answer comes from this server's FAQ and articles",
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type:         discordgo.ApplicationCommandOptionString,
					Name:         optQuestion,
					Description:  "Your question",
					Required:     true,
					Autocomplete: true,
					MaxLength:    cfg.MaxQuestionLength,
				},
				{
					Type:        discordgo.ApplicationCommandOptionBoolean,
					Name:        optPrivate,
					Description: "Only you see the answer",
				},
			},
		},
		{
			Name: cmdFindAnswer,
			Type: discordgo.MessageApplicationCommand,
		},
		{
			Name:                     cmdFAQ,
			Description:              "Moderator tools for the FAQ",
			DefaultMemberPermissions: &modPerms,
			DMPermission:             &noDM,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: subReload, Description: "Reload the content files now"},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: subUnanswered, Description: "Frequent questions without an answer, and disliked answers"},
				{
					Type: discordgo.ApplicationCommandOptionSubCommand, Name: subLearned,
					Description: "Phrasings members taught by their choices: accept or reject them",
					Options: []*discordgo.ApplicationCommandOption{{
						Type: discordgo.ApplicationCommandOptionString, Name: optList, Description: "Which phrasings to list",
						Choices: []*discordgo.ApplicationCommandOptionChoice{
							{Name: "waiting for a decision", Value: viewPending},
							{Name: "accepted", Value: viewAccepted},
						},
					}},
				},
			},
		},
	}
}
