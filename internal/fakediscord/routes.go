package fakediscord

import (
	"net/http"
	"time"
)

// restRoutes lists the REST routes the fake knows; anything else is a recorded 404.
func (s *Server) restRoutes() []route {
	const get, post, put, patch, del = http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete
	return []route{
		{get, "gateway", s.getGateway},
		{get, "gateway/bot", s.getGatewayBot},
		{get, "users/@me", func(Request, []string) reply { return jsonReply(s.botUser()) }},
		{get, "applications/@me", s.getApplication},

		{put, "applications/*/commands", s.putCommands},
		{put, "applications/*/guilds/*/commands", s.putCommands},

		{post, "interactions/*/*/callback", s.postCallback},
		{post, "webhooks/*/*", s.postFollowup},
		{get, "webhooks/*/*/messages/*", s.getOriginal},
		{patch, "webhooks/*/*/messages/*", s.patchWebhookMessage},
		{del, "webhooks/*/*/messages/*", s.deleteWebhookMessage},

		{post, "channels/*/messages", s.postMessage},
		{patch, "channels/*/messages/*", s.patchMessage},
		{del, "channels/*/messages/*", func(Request, []string) reply { return noContent() }},
		{put, "channels/*/messages/*/reactions/*/@me", func(Request, []string) reply { return noContent() }},
		{post, "channels/*/typing", func(Request, []string) reply { return noContent() }},
	}
}

func (s *Server) getGateway(Request, []string) reply {
	return jsonReply(map[string]any{"url": s.GatewayURL()})
}

func (s *Server) getGatewayBot(Request, []string) reply {
	return jsonReply(map[string]any{
		"url":    s.GatewayURL(),
		"shards": s.cfg.shards,
		"session_start_limit": map[string]any{
			"total": 1000, "remaining": 999, "reset_after": 86400000, "max_concurrency": s.cfg.concurrency,
		},
	})
}

func (s *Server) getApplication(Request, []string) reply {
	return jsonReply(map[string]any{
		"id":          s.cfg.appID,
		"name":        s.cfg.botUsername,
		"description": "",
		"bot_public":  false,
		"flags":       0,
		"bot":         s.botUser(),
	})
}

// postMessage answers POST channels/{channel}/messages with the message as Discord stores it.
func (s *Server) postMessage(req Request, p []string) reply {
	return jsonReply(s.messageFrom(req.JSON, s.newID(), p[0]))
}

func (s *Server) patchMessage(req Request, p []string) reply {
	msg := s.messageFrom(req.JSON, p[1], p[0])
	msg["edited_timestamp"] = time.Now().UTC().Format(time.RFC3339Nano)
	return jsonReply(msg)
}

// messageFrom builds the message object Discord would return for a create or edit body:
// the visible fields of the body on top of a message written by the bot.
func (s *Server) messageFrom(body map[string]any, id, channelID string) map[string]any {
	msg := map[string]any{
		"id":               id,
		"channel_id":       channelID,
		"author":           s.botUser(),
		"content":          "",
		"timestamp":        time.Now().UTC().Format(time.RFC3339Nano),
		"edited_timestamp": nil,
		"tts":              false,
		"mention_everyone": false,
		"mentions":         []any{},
		"mention_roles":    []any{},
		"attachments":      []any{},
		"embeds":           []any{},
		"components":       []any{},
		"pinned":           false,
		"type":             0,
		"flags":            0,
	}
	for _, k := range []string{"content", "embeds", "components", "flags", "tts", "message_reference"} {
		if v, ok := body[k]; ok && v != nil {
			msg[k] = v
		}
	}
	return msg
}
