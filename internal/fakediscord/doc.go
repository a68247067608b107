// Package fakediscord is a small fake of Discord's REST API and gateway for end-to-end tests.
//
// A test starts a [Server] on 127.0.0.1, points a real discordgo session at it and then plays
// Discord's part: it dispatches events the bot reacts to ([Server.Dispatch] with payloads from
// [Server.SlashCommand], [Server.Message] and friends) and asserts what the bot sent back
// ([Server.WaitRequest], [Server.NoRequest], [Server.Commands]).
//
//	fake := fakediscord.Start(t)
//	sess, _ := discordgo.New("Bot " + fake.Token())
//	sess.Client = &http.Client{Transport: rewriteTo(fake.APIURL())} // the bot's own code
//	// ... start the bot, then:
//	fake.WaitConnected(t, 5*time.Second)
//	fake.Dispatch(t, "INTERACTION_CREATE", fake.SlashCommand(fakediscord.Interaction{Name: "ask"}))
//	req := fake.WaitRequest(t, 2*time.Second, fakediscord.Match("POST", "interactions/*/*/callback"))
//
// The fake answers the REST routes under any /api/v<N>/ prefix, because discordgo v0.29.0
// still sends /api/v9/ although Discord documents v10; [Server.APIURL] returns the prefix
// discordgo really uses, so rewriting [discordgo.EndpointAPI] to it always works.
//
// It can also misbehave as Discord does on a bad day: [Server.RateLimitFor] (a bucket's or the
// global rate limit), [Server.Fail] (5xx), [Server.Drop] (a connection lost before the answer)
// and [Server.Slow].
//
// The fake is deliberately strict where real Discord is strict in ways that catch bot bugs:
// a wrong token is refused (401 on REST, close code 4004 on the gateway), an interaction can
// be acknowledged only once, and only interactions built by this server are known.
package fakediscord
