package fakediscord

import (
	"net/http"
	"time"
)

// interaction is what the server remembers of an interaction it built, so it can answer the
// callback and the webhook routes that use the interaction's token the way Discord does.
type interaction struct {
	token        string
	channelID    string
	acknowledged bool
	originalID   string // id of the response message, for webhooks/.../messages/@original
}

// remember registers an interaction built by SlashCommand, Autocomplete or Button.
func (s *Server) remember(id, token, channelID string) {
	originalID := s.newID()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.interactions[id] = &interaction{token: token, channelID: channelID, originalID: originalID}
}

// byTokenLocked finds a remembered interaction by its token; the caller holds s.mu.
func (s *Server) byTokenLocked(token string) *interaction {
	for _, in := range s.interactions {
		if in.token == token {
			return in
		}
	}
	return nil
}

// postCallback answers POST interactions/{id}/{token}/callback. Like Discord it accepts one
// response per interaction: unknown interactions get 10062, a second response gets 40060.
func (s *Server) postCallback(_ Request, p []string) reply {
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
