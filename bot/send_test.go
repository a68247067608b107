package bot

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/content"
	"faqbot/index"
	"faqbot/internal/fakediscord"
)

// These tests call the bot's handlers directly (no gateway) with events
// built by the fake Discord, and check what the bot sent it over REST.

const testWait = 5 * time.Second

type fakeBot struct {
	*Bot
	fake    *fakediscord.Server
	answers *fakeAnswers
	record  *fakeRecorder
}

func newFakeBot(t *testing.T, cfg Config) *fakeBot {
	t.Helper()
	fake := fakediscord.Start(t)
	sess, err := NewSession(fake.Token(), fake.APIURL(), Intents(cfg))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MinConfidence == 0 {
		cfg.MinConfidence, cfg.AutoAnswerConfidence = 0.5, 0.8 // the fake's results are 0.9 or 0.1
	}
	if cfg.NoAnswerMessage == "" {
		cfg.NoAnswerMessage = "Not sure; maybe one of these:"
	}
	answers := &fakeAnswers{
		results: map[string]index.Result{
			"when is raid night":          answered("when is raid night", raidFAQ, clubFAQ, rulesParagraph),
			"what day do we raid":         answered("what day do we raid", raidFAQ, clubFAQ),
			"how do i join the book club": answered("how do i join the book club", clubFAQ, raidFAQ),
			"raid club":                   unsure("raid club", raidFAQ, clubFAQ),
		},
		passages: []content.Passage{raidFAQ, clubFAQ, rulesParagraph},
	}
	record := &fakeRecorder{}
	b := New(sess, Deps{Answers: answers, Recorder: record, Log: slog.New(slog.DiscardHandler)}, cfg)
	b.botID.Store(fake.BotUserID())
	return &fakeBot{Bot: b, fake: fake, answers: answers, record: record}
}

// decode turns a payload the fake built into what discordgo hands the bot.
func decode[T any](t *testing.T, payload map[string]any) *T {
	t.Helper()
	raw, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	v := new(T)
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	return v
}

// ask runs /ask for a member in a channel and returns the response.
func (fb *fakeBot) ask(t *testing.T, member, channel, q string) fakediscord.Request {
	t.Helper()
	in := fakediscord.Interaction{Name: cmdAsk, UserID: member, ChannelID: channel, Options: []fakediscord.CommandOption{{Name: optQuestion, Value: q}}}
	payload := fb.fake.SlashCommand(in)
	fb.onInteraction(context.Background(), decode[discordgo.InteractionCreate](t, payload))
	return fb.fake.WaitRequest(t, testWait, fakediscord.Match("POST", "interactions/"+payload["id"].(string)+"/*/callback"))
}

// mention posts a message mentioning the bot and returns the bot's reply,
// or, when none is expected, checks there is none.
func (fb *fakeBot) mention(t *testing.T, member, channel, content string) fakediscord.Request {
	t.Helper()
	fb.fake.ClearRequests()
	m := decode[discordgo.MessageCreate](t, fb.fake.Message(fakediscord.Message{AuthorID: member, ChannelID: channel, Content: content}))
	fb.onMessage(context.Background(), m)
	return fb.fake.WaitRequest(t, testWait, fakediscord.Match("POST", "channels/"+channel+"/messages"))
}

func respData(t *testing.T, r fakediscord.Request, keys ...string) string {
	t.Helper()
	v, _ := r.Field(append([]string{"data"}, keys...)...)
	s, _ := v.(string)
	return s
}

func isEphemeral(r fakediscord.Request) bool {
	f, _ := r.Field("data", "flags")
	n, _ := f.(float64)
	return int(n)&int(discordgo.MessageFlagsEphemeral) != 0
}

func TestAskRepeatPointsToTheAnswer(t *testing.T) {
	fb := newFakeBot(t, Config{RepeatWindow: time.Minute, UserCooldown: time.Minute})
	first := fb.ask(t, "1", "c1", "when is raid night")
	if isEphemeral(first) || respData(t, first, "embeds", "0", "title") != "When is raid night?" {
		t.Fatalf("first answer: %s", first)
	}
	// Another member, the same answer (asked in other words): a private
	// pointer to the message the first answer became, with the answer.
	second := fb.ask(t, "2", "c1", "what day do we raid")
	original := fb.fake.WaitRequest(t, testWait, fakediscord.Match("GET", "webhooks/*/*/messages/@original"))
	link := "https://discord.com/channels/" + fakediscord.DefaultGuildID + "/c1/" + original.Reply["id"].(string)
	if !isEphemeral(second) || !strings.Contains(respData(t, second, "content"), link) || respData(t, second, "embeds", "0", "title") != "When is raid night?" {
		t.Errorf("repeat: %s, want a private pointer to %s with the answer", second, link)
	}
	// The link was looked up once.
	fb.ask(t, "3", "c1", "when is raid night")
	gets := 0
	for _, r := range fb.fake.Requests() {
		if r.Method == "GET" {
			gets++
		}
	}
	if gets != 1 {
		t.Errorf("the original response was fetched %d times, want once", gets)
	}
	// Another channel gets its own public answer, and a member over their
	// limit is told the true wait.
	if r := fb.ask(t, "4", "c2", "when is raid night"); isEphemeral(r) || respData(t, r, "embeds", "0", "title") == "" {
		t.Errorf("another channel: %s", r)
	}
	r := fb.ask(t, "1", "c2", "how do i join the book club")
	if !isEphemeral(r) || !strings.Contains(respData(t, r, "content"), "ask again in 60 seconds") {
		t.Errorf("member limit: %s", r)
	}
}

func TestMentionRepeatLinksToTheReply(t *testing.T) {
	fb := newFakeBot(t, Config{RepeatWindow: time.Minute})
	at := "<@" + fb.fake.BotUserID() + "> "
	first := fb.mention(t, "1", "c1", at+"when is raid night")
	if first.Reply == nil || str(first, "embeds", "0", "title") != "When is raid night?" {
		t.Fatalf("first answer: %s", first)
	}
	link := "https://discord.com/channels/" + fakediscord.DefaultGuildID + "/c1/" + first.Reply["id"].(string)
	second := fb.mention(t, "2", "c1", at+"what day do we raid")
	if str(second, "content") != "I've just answered this here: "+link || second.JSON["embeds"] != nil {
		t.Errorf("repeat: %s, want only the link %s", second, link)
	}
	// A /ask after a mention is pointed to the mention's reply too.
	if r := fb.ask(t, "3", "c1", "when is raid night"); !strings.Contains(respData(t, r, "content"), link) {
		t.Errorf("/ask after the mention: %s", r)
	}
}

func TestFailedAnswerIsNotPointedTo(t *testing.T) {
	fb := newFakeBot(t, Config{RepeatWindow: time.Minute})
	// An interaction the fake never made: the response fails.
	forged := decode[discordgo.InteractionCreate](t, fb.fake.SlashCommand(fakediscord.Interaction{
		Name: cmdAsk, ChannelID: "c1", Options: []fakediscord.CommandOption{{Name: optQuestion, Value: "when is raid night"}},
	}))
	forged.Token = "forged"
	fb.onInteraction(context.Background(), forged)
	fb.fake.WaitRequest(t, testWait, func(r fakediscord.Request) bool { return r.Status == 404 })
	if r := fb.ask(t, "2", "c1", "when is raid night"); isEphemeral(r) || respData(t, r, "embeds", "0", "title") == "" {
		t.Errorf("after a failed answer: %s, want a public answer", r)
	}
}

func TestMentionMemberLimitNoticeOnce(t *testing.T) {
	fb := newFakeBot(t, Config{UserCooldown: time.Minute})
	at := "<@" + fb.fake.BotUserID() + "> "
	fb.mention(t, "1", "c", at+"when is raid night")
	if r := fb.mention(t, "1", "c", at+"how do i join the book club"); !strings.Contains(str(r, "content"), "ask again in") {
		t.Errorf("second mention: %s", r)
	}
	fb.fake.ClearRequests()
	fb.onMessage(context.Background(), decode[discordgo.MessageCreate](t, fb.fake.Message(fakediscord.Message{AuthorID: "1", ChannelID: "c", Content: at + "how do i join the book club"})))
	fb.fake.NoRequest(t, 100*time.Millisecond, fakediscord.Match("POST", "channels/*/messages"))
	// A question without an answer does not start the limit.
	if r := fb.mention(t, "2", "c", at+"raid club"); !strings.Contains(str(r, "content"), "Not sure") {
		t.Errorf("unsure: %s", r)
	}
	if r := fb.mention(t, "2", "c", at+"when is raid night"); str(r, "embeds", "0", "title") != "When is raid night?" {
		t.Errorf("after an unanswered question: %s", r)
	}
}

func TestUnansweredQuestionsAreRecorded(t *testing.T) {
	fb := newFakeBot(t, Config{})
	at := "<@" + fb.fake.BotUserID() + "> "
	fb.mention(t, "1", "c", at+"raid club")
	fb.mention(t, "1", "c", at+"when is raid night")
	fb.ask(t, "2", "c", "raid club")
	if got := strings.Join(fb.record.unanswered, "|"); got != "raid club → faq.md#raid|raid club → faq.md#raid" {
		t.Errorf("recorded %q, want the two unsure questions with their best passage", got)
	}
	if len(fb.record.votes) != 0 {
		t.Errorf("votes recorded: %v", fb.record.votes)
	}
}

func TestHelpChannelLimit(t *testing.T) {
	fb := newFakeBot(t, Config{AnswerChannels: []string{"help"}, ChannelCooldown: time.Minute, RepeatWindow: time.Minute})
	post := func(member, content string) {
		fb.onMessage(context.Background(), decode[discordgo.MessageCreate](t, fb.fake.Message(fakediscord.Message{AuthorID: member, ChannelID: "help", Content: content})))
	}
	post("1", "when is raid night")
	if r := fb.fake.WaitRequest(t, testWait, fakediscord.Match("POST", "channels/help/messages")); str(r, "embeds", "0", "title") != "When is raid night?" {
		t.Errorf("unasked answer: %s", r)
	}
	fb.fake.ClearRequests()
	post("2", "how do i join the book club")          // the channel's limit
	post("3", "raid club is it tonight or tomorrow?") // not confident
	fb.fake.NoRequest(t, 100*time.Millisecond, fakediscord.Match("POST", "channels/*/messages"))
	if r := fb.ask(t, "2", "help", "how do i join the book club"); isEphemeral(r) || respData(t, r, "embeds", "0", "title") != clubFAQ.Question {
		t.Errorf("/ask in the help channel: %s", r)
	}
}

func TestRoleMentionIsAMention(t *testing.T) {
	fb := newFakeBot(t, Config{})
	guild := fb.fake.GuildCreate(fakediscord.Guild{})
	raw, _ := json.Marshal(guild)
	fb.onEvent(&discordgo.Event{Type: "GUILD_CREATE", RawData: raw})
	r := fb.mention(t, "1", "c", "<@&"+fakediscord.DefaultBotRoleID+"> when is raid night")
	if str(r, "embeds", "0", "title") != "When is raid night?" {
		t.Errorf("role mention: %s", r)
	}
	fb.fake.ClearRequests()
	fb.onMessage(context.Background(), decode[discordgo.MessageCreate](t, fb.fake.Message(fakediscord.Message{Content: "<@&123> when is raid night"})))
	fb.fake.NoRequest(t, 100*time.Millisecond, fakediscord.Match("POST", "channels/*/messages"))
}

func TestBusySearchGetsANotice(t *testing.T) {
	fb := newFakeBot(t, Config{SearchConcurrency: 1})
	fb.answers.hold = make(chan struct{})
	started := make(chan struct{})
	done := make(chan decision)
	go func() {
		close(started)
		done <- fb.answer(context.Background(), question{via: viaSlash, text: "when is raid night", member: "1", channel: "c"})
	}()
	<-started
	for fb.searchesStarted() == 0 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	d := fb.answer(ctx, question{via: viaSlash, text: "how do i join the book club", member: "2", channel: "c"})
	if !d.private || !strings.Contains(d.content, "a lot of questions") {
		t.Errorf("while the only slot is taken: %+v", d)
	}
	close(fb.answers.hold)
	if d := <-done; embedTitle(d) != "When is raid night?" {
		t.Errorf("the first question: %+v", d)
	}
}

func (fb *fakeBot) searchesStarted() int {
	fb.answers.mu.Lock()
	defer fb.answers.mu.Unlock()
	return fb.answers.searches
}

func TestButtonsAndAutocomplete(t *testing.T) {
	fb := newFakeBot(t, Config{})
	ctx := context.Background()
	click := func(custom string) fakediscord.Request {
		t.Helper()
		payload := fb.fake.Button(fakediscord.Interaction{CustomID: custom})
		fb.onInteraction(ctx, decode[discordgo.InteractionCreate](t, payload))
		return fb.fake.WaitRequest(t, testWait, fakediscord.Match("POST", "interactions/"+payload["id"].(string)+"/*/callback"))
	}
	if r := click(idAlternative + index.Ref(clubFAQ.ID)); !isEphemeral(r) || respData(t, r, "embeds", "0", "title") != clubFAQ.Question {
		t.Errorf("alternative: %s", r)
	}
	if r := click(idAlternative + "gone"); !strings.Contains(respData(t, r, "content"), "no longer in the FAQ") {
		t.Errorf("stale alternative: %s", r)
	}
	if r := click(idVoteDown + index.Ref(raidFAQ.ID)); !isEphemeral(r) || !strings.Contains(respData(t, r, "content"), "moderators will see") {
		t.Errorf("vote: %s", r)
	}
	if r := click("something:else"); !strings.Contains(respData(t, r, "content"), "no longer works") {
		t.Errorf("unknown button: %s", r)
	}

	payload := fb.fake.Autocomplete(fakediscord.Interaction{Name: cmdAsk, Options: []fakediscord.CommandOption{{Name: optQuestion, Value: "When "}}})
	fb.onInteraction(ctx, decode[discordgo.InteractionCreate](t, payload))
	r := fb.fake.WaitRequest(t, testWait, fakediscord.Match("POST", "interactions/"+payload["id"].(string)+"/*/callback"))
	if name, _ := r.Field("data", "choices", "0", "name"); name != raidFAQ.Question {
		t.Errorf("autocomplete: %s", r)
	}

	payload = fb.fake.SlashCommand(fakediscord.Interaction{Name: "dance"})
	fb.onInteraction(ctx, decode[discordgo.InteractionCreate](t, payload))
	r = fb.fake.WaitRequest(t, testWait, fakediscord.Match("POST", "interactions/"+payload["id"].(string)+"/*/callback"))
	if !strings.Contains(respData(t, r, "content"), "don't know that command") {
		t.Errorf("unknown command: %s", r)
	}
}

func str(r fakediscord.Request, keys ...string) string {
	v, _ := r.Field(keys...)
	s, _ := v.(string)
	return s
}
