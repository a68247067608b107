package fakediscord

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// endpointTimeout is how long PostInteraction waits for an interactions endpoint; Discord
// itself gives up after 3 seconds, which tests assert on the recorded time.
const endpointTimeout = 10 * time.Second

// PublicKey returns the application's public key as the developer portal shows it (hex): what
// an interactions endpoint verifies requests with.
func (s *Server) PublicKey() string {
	return hex.EncodeToString(s.cfg.key.Public().(ed25519.PublicKey))
}

// Sign returns the headers Discord sends with a request to an interactions endpoint: an
// Ed25519 signature of the timestamp followed by the body, and the timestamp.
func (s *Server) Sign(body []byte, at time.Time) http.Header {
	ts := strconv.FormatInt(at.Unix(), 10)
	sig := ed25519.Sign(s.cfg.key, append([]byte(ts), body...))
	return http.Header{
		"Content-Type":          {"application/json"},
		"X-Signature-Ed25519":   {hex.EncodeToString(sig)},
		"X-Signature-Timestamp": {ts},
	}
}

// PostInteraction sends an interaction payload (built by SlashCommand, Autocomplete or Button)
// to the interactions endpoint at url, signed as Discord signs it, and takes the endpoint's
// answer as the interaction's response. The answer is recorded as a request POST
// interactions/{id}/{token}/callback with the endpoint's status and body, and a 2xx answer
// acknowledges the interaction as a REST callback would, so WaitRequest and the webhook routes
// work as for a bot on the gateway (a PING is answered, not acknowledged). Took is how long the endpoint took to answer.
func (s *Server) PostInteraction(t testing.TB, url string, payload map[string]any) (r Request, took time.Duration) {
	t.Helper()
	body, err := json.Marshal(payload)
	if err != nil {
		t.Fatalf("fakediscord: encode interaction: %v", err)
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatalf("fakediscord: %v", err)
	}
	req.Header = s.Sign(body, time.Now())
	start := time.Now()
	resp, err := (&http.Client{Timeout: endpointTimeout}).Do(req)
	if err != nil {
		t.Fatalf("fakediscord: POST interaction to %s: %v", url, err)
	}
	answer, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	took = time.Since(start)
	if err != nil {
		t.Fatalf("fakediscord: read the endpoint's answer: %v", err)
	}
	id, _ := payload["id"].(string)
	token, _ := payload["token"].(string)
	r = Request{
		At: start, Method: http.MethodPost, Path: "interactions/" + id + "/" + token + "/callback",
		Header: resp.Header.Clone(), Body: answer, payload: answer, Status: resp.StatusCode,
	}
	_ = json.Unmarshal(answer, &r.JSON)
	if typ, _ := payload["type"].(int); resp.StatusCode < 300 && typ != int(discordgo.InteractionPing) {
		if ack := s.postCallback(r, []string{id, token}); ack.status >= 300 {
			r.Status = ack.status // answered twice, or an interaction this server did not build
		}
	}
	s.record(r)
	return r, took
}
