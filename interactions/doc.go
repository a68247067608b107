// Package interactions serves Discord's Interactions Endpoint: Discord
// POSTs every slash command, autocomplete and button click to a URL of the
// bot's, signed with the application's Ed25519 key, and takes the HTTP
// response as the interaction's response. No gateway connection is needed,
// so any number of replicas can answer behind a load balancer.
//
// Every request is checked before its body is parsed: at most 1 MiB, a
// valid signature over its timestamp and body (discordgo.VerifyInteraction
// with DISCORD_PUBLIC_KEY), and a timestamp within five minutes of the
// clock, so that a request seen once cannot be replayed later. Anything
// else gets 401. PING gets PONG; everything else goes to the bot, which
// handles it exactly as an interaction from the gateway. When its response
// is not ready in time for Discord's 3 seconds, the request is answered
// with a deferral and the response follows through the interaction's
// webhook.
package interactions
