package bot

import "testing"

func TestSmallTalk(t *testing.T) {
	tests := []struct {
		text string
		want talk
	}{
		{"thanks", talkThanks},
		{"Thanks!!", talkThanks},
		{"thank you so much", talkThanks},
		{"ok thx", talkThanks},
		{"ty bot", talkThanks},
		{"great, that helped, thanks for the help", talkThanks},
		{"I appreciate it", talkThanks},
		{"hey, thanks", talkThanks},
		{"hi", talkGreeting},
		{"Hello everyone!", talkGreeting},
		{"good morning", talkGreeting},
		{"hiya 👋", talkGreeting},
		{"hi, how do I reload the FAQ?", talkNone},
		{"thanks, but who can reload?", talkNone},
		{"thank you for the answer, what about aliases", talkNone},
		{"can i ask something?", talkAsking},
		{"Anyone here?", talkAsking},
		{"hello? anyone?", talkAsking},
		{"quick question", talkAsking},
		{"I have a question", talkAsking},
		{"can someone help me pls", talkAsking},
		{"is the bot online", talkAsking},
		{"quick question: who can reload?", talkNone},
		{"can someone help me with roles", talkNone},
		{"anyone know how to reload?", talkNone},
		{"i have a question about the raid", talkNone},
		{"help", talkHelp},
		{"Help!", talkHelp},
		{"i need help", talkHelp},
		{"help me pls", talkHelp},
		{"hey bot, what can you do?", talkHelp},
		{"how do I use this bot?", talkHelp},
		{"how does this work", talkHelp},
		{"what are your commands", talkHelp},
		{"thanks for the help", talkThanks},
		{"what is this", talkNone},
		{"hey you", talkGreeting},
		{"great, that works, thank you", talkThanks},
		{"how do I use the raid planner", talkNone},
		{"what can you tell me about raids", talkNone},
		{"help with roles", talkNone},
		{"how", talkNone},
		{"good", talkNone},
		{"ok", talkNone},
		{"", talkNone},
		{"🙏", talkNone},
		{"thanksgiving opening hours", talkNone},
		{"who made you", talkBot},
		{"Who are you?", talkBot},
		{"how old are you", talkBot},
		{"what is your name", talkBot},
		{"can you sing?", talkBot},
		{"you’re useless", talkBot},
		{"you are so dumb lol", talkNone},
		{"bad bot", talkBot},
		{"what is your favourite colour", talkBot},
		{"hi bot, who made you?", talkBot},
		{"where are you from", talkBot},
		{"who made this bot", talkBot},
		{"i’m new here", talkNone},
		{"who made the raid schedule", talkNone},
		{"can you reset my password", talkNone},
		{"are you open on sundays", talkNone},
		{"who owns the server", talkNone},
		{"good morning bot", talkGreeting},
		{"ty bot", talkThanks},
		{"what can you do", talkHelp},
		{"is this good", talkNone},
	}
	for _, tt := range tests {
		if got := smallTalk(tt.text); got != tt.want {
			t.Errorf("smallTalk(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}
