package fakediscord

import (
	"maps"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
)

// interaction is what the server remembers of an interaction it built, so it can answer the
// callback and the webhook routes that use the interaction's token the way Discord does.
type interaction struct {
	token        string
	channelID    string
	acknowledged bool
	originalID   string         // id of the response message, for webhooks/.../messages/@original
	original     map[string]any // the response message's body, once there is one
}

// remember registers an interaction built by SlashCommand, Autocomplete or Button.
func (s *Server) remember(id, token, channelID string) {
	originalID := s.newID()
	s.mu.Lock()
	defer s.mu.Unlock()
	in := &interaction{token: token, channelID: channelID, originalID: originalID}
	s.interactions[id] = in
	s.tokens[token] = in
}

// byTokenLocked finds a remembered interaction by its token; the caller holds s.mu.
func (s *Server) byTokenLocked(token string) *interaction { return s.tokens[token] }

// postCallback answers POST interactions/{id}/{token}/callback. Like Discord it accepts one
// response per interaction: unknown interactions get 10062, a second response gets 40060. A
// message response (type 4) or a deferred one (type 5, "thinking") becomes the interaction's
// original response message.
func (s *Server) postCallback(req Request, p []string) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.interactions[p[0]]
	switch {
	case in == nil || in.token != p[1]:
		return errorReply(http.StatusNotFound, 10062, "Unknown interaction")
	case in.acknowledged:
		return errorReply(http.StatusBadRequest, 40060, "Interaction has already been acknowledged.")
	}
	in.acknowledged = true
	switch t, _ := req.JSON["type"].(float64); int(t) {
	case int(discordgo.InteractionResponseChannelMessageWithSource):
		data, _ := req.JSON["data"].(map[string]any)
		in.original = maps.Clone(data)
		if in.original == nil {
			in.original = map[string]any{}
		}
	case int(discordgo.InteractionResponseDeferredChannelMessageWithSource):
		in.original = map[string]any{"flags": int(discordgo.MessageFlagsLoading)}
	}
	s.notifyLocked()
	return noContent()
}

// webhookTarget checks the application id and token of a webhooks/{app}/{token} route and
// returns the interaction's channel and original response id.
func (s *Server) webhookTarget(p []string) (channelID, originalID string, rep *reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.byTokenLocked(p[1])
	if p[0] != s.cfg.appID || in == nil {
		r := errorReply(http.StatusNotFound, 10015, "Unknown Webhook")
		return "", "", &r
	}
	return in.channelID, in.originalID, nil
}

// getOriginal answers GET webhooks/{app}/{token}/messages/@original (or the original's id):
// the interaction's response message as it stands, or 10008 Unknown Message before the
// interaction was answered with a message.
func (s *Server) getOriginal(_ Request, p []string) reply {
	channelID, originalID, rep := s.webhookTarget(p)
	if rep != nil {
		return *rep
	}
	if p[2] != "@original" && p[2] != originalID {
		return errorReply(http.StatusNotFound, 10008, "Unknown Message")
	}
	s.mu.Lock()
	body := maps.Clone(s.byTokenLocked(p[1]).original)
	s.mu.Unlock()
	if body == nil {
		return errorReply(http.StatusNotFound, 10008, "Unknown Message")
	}
	return jsonReply(s.webhookMessage(body, originalID, channelID))
}

// postFollowup answers POST webhooks/{app}/{token}: a message with ?wait=true, else 204.
func (s *Server) postFollowup(req Request, p []string) reply {
	channelID, _, rep := s.webhookTarget(p)
	if rep != nil {
		return *rep
	}
	if req.Query.Get("wait") != "true" {
		return noContent()
	}
	return jsonReply(s.webhookMessage(req.JSON, s.newID(), channelID))
}

// patchWebhookMessage answers PATCH webhooks/{app}/{token}/messages/{id or @original}.
func (s *Server) patchWebhookMessage(req Request, p []string) reply {
	channelID, originalID, rep := s.webhookTarget(p)
	if rep != nil {
		return *rep
	}
	id := p[2]
	if id == "@original" {
		id = originalID
	}
	if id == originalID {
		s.mu.Lock()
		if in := s.byTokenLocked(p[1]); in != nil {
			in.original = maps.Clone(req.JSON)
		}
		s.mu.Unlock()
	}
	msg := s.webhookMessage(req.JSON, id, channelID)
	msg["edited_timestamp"] = time.Now().UTC().Format(time.RFC3339Nano)
	return jsonReply(msg)
}

func (s *Server) deleteWebhookMessage(_ Request, p []string) reply {
	if _, _, rep := s.webhookTarget(p); rep != nil {
		return *rep
	}
	return noContent()
}

// webhookMessage is a message sent through an interaction's webhook.
func (s *Server) webhookMessage(body map[string]any, id, channelID string) map[string]any {
	msg := s.messageFrom(body, id, channelID)
	msg["webhook_id"] = s.cfg.appID
	msg["application_id"] = s.cfg.appID
	return msg
}
