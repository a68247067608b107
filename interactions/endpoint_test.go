package interactions

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/internal/fakediscord"
)

// fakeBot answers every interaction with a fixed message after a delay,
// and records its follow-ups.
type fakeBot struct {
	delay   time.Duration
	ignore  bool // handle nothing, as a stopping bot
	mu      sync.Mutex
	calls   int
	sent    []error
	follows []*discordgo.InteractionResponse
}

var answer = &discordgo.InteractionResponse{
	Type: discordgo.InteractionResponseChannelMessageWithSource,
	Data: &discordgo.InteractionResponseData{Content: "Every Thursday at 20:00."},
}

func (f *fakeBot) Interact(i *discordgo.Interaction, send func(context.Context, *discordgo.InteractionResponse) error) {
	f.mu.Lock()
	f.calls++
	f.mu.Unlock()
	if f.ignore {
		return
	}
	time.Sleep(f.delay)
	err := send(context.Background(), answer)
	f.mu.Lock()
	f.sent = append(f.sent, err)
	f.mu.Unlock()
}

func (f *fakeBot) Deferral(i *discordgo.Interaction) *discordgo.InteractionResponse {
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return nil
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
}

func (f *fakeBot) FollowUp(_ context.Context, _ *discordgo.Interaction, _, resp *discordgo.InteractionResponse) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.follows = append(f.follows, resp)
	return nil
}

func (f *fakeBot) state() (calls int, sent []error, follows []*discordgo.InteractionResponse) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls, append([]error(nil), f.sent...), append([]*discordgo.InteractionResponse(nil), f.follows...)
}

// endpoint serves a fake bot at an Endpoint that verifies with the fake
// Discord's key.
func endpoint(t *testing.T, b *fakeBot) (*fakediscord.Server, *httptest.Server, *Endpoint) {
	t.Helper()
	fake := fakediscord.Start(t)
	key, err := hex.DecodeString(fake.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	e := NewEndpoint(ed25519.PublicKey(key), b, nil)
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return fake, srv, e
}

func post(t *testing.T, url string, header http.Header, body []byte) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if header != nil {
		req.Header = header
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out bytes.Buffer
	_, _ = out.ReadFrom(resp.Body)
	return resp.StatusCode, out.String()
}

// TestEndpointRefusesUnverified: a request that is not signed by the
// application's key over exactly its timestamp and body, or is signed but
// old (a replay), gets 401, and the bot never sees it.
func TestEndpointRefusesUnverified(t *testing.T) {
	b := &fakeBot{}
	fake, srv, _ := endpoint(t, b)
	body, err := json.Marshal(fake.SlashCommand(fakediscord.Interaction{Name: "ask", Options: []fakediscord.CommandOption{{Name: "question", Value: "when is raid night"}}}))
	if err != nil {
		t.Fatal(err)
	}
	_, otherKey, _ := ed25519.GenerateKey(rand.Reader)
	now := time.Now()
	signed := func() http.Header { return fake.Sign(body, now) }
	tests := []struct {
		name   string
		header func() http.Header
		body   []byte
	}{
		{"unsigned", func() http.Header { return http.Header{"Content-Type": {"application/json"}} }, body},
		{"no timestamp", func() http.Header { h := signed(); h.Del("X-Signature-Timestamp"); return h }, body},
		{"signed with another key", func() http.Header {
			h := signed()
			ts := h.Get("X-Signature-Timestamp")
			h.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(otherKey, append([]byte(ts), body...))))
			return h
		}, body},
		{"signature not hex", func() http.Header {
			h := signed()
			h.Set("X-Signature-Ed25519", "zz"+h.Get("X-Signature-Ed25519")[2:])
			return h
		}, body},
		{"body tampered", signed, bytes.Replace(body, []byte("raid night"), []byte("raid nighT"), 1)},
		{"timestamp tampered", func() http.Header {
			h := signed()
			h.Set("X-Signature-Timestamp", strconv.FormatInt(now.Unix()+1, 10))
			return h
		}, body},
		{"replayed after ten minutes", func() http.Header { return fake.Sign(body, now.Add(-10*time.Minute)) }, body},
		{"timestamp from the future", func() http.Header { return fake.Sign(body, now.Add(10*time.Minute)) }, body},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out := post(t, srv.URL, tt.header(), tt.body)
			if code != http.StatusUnauthorized {
				t.Errorf("status %d (%s), want 401", code, out)
			}
		})
	}
	if calls, _, _ := b.state(); calls != 0 {
		t.Errorf("the bot saw %d refused requests", calls)
	}
	// The same request, untouched, is answered.
	if code, out := post(t, srv.URL, signed(), body); code != http.StatusOK || !strings.Contains(out, "Thursday") {
		t.Errorf("signed request: %d %s", code, out)
	}
}

func TestEndpointMethodAndSize(t *testing.T) {
	fake, srv, _ := endpoint(t, &fakeBot{})
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d, want 405", resp.StatusCode)
	}
	big := bytes.Repeat([]byte("a"), maxBody+1)
	if code, _ := post(t, srv.URL, fake.Sign(big, time.Now()), big); code != http.StatusRequestEntityTooLarge {
		t.Errorf("a body over %d bytes: %d, want 413", maxBody, code)
	}
	junk := []byte("{not json")
	if code, _ := post(t, srv.URL, fake.Sign(junk, time.Now()), junk); code != http.StatusBadRequest {
		t.Errorf("signed junk: %d, want 400", code)
	}
}

func TestEndpointPing(t *testing.T) {
	b := &fakeBot{}
	fake, srv, _ := endpoint(t, b)
	body := []byte(`{"id":"1","application_id":"2","type":1,"token":"t","version":1}`)
	code, out := post(t, srv.URL, fake.Sign(body, time.Now()), body)
	if code != http.StatusOK || strings.TrimSpace(out) != `{"type":1}` {
		t.Errorf("PING: %d %s, want 200 {\"type\":1}", code, out)
	}
	if calls, _, _ := b.state(); calls != 0 {
		t.Error("PING reached the bot")
	}
}

// TestEndpointDefers: a response that is late goes as a deferral, and the
// response follows; one in time goes in the HTTP response; an
// autocomplete, which cannot wait, is waited for; an interaction the bot
// does not handle gets 503.
func TestEndpointDefers(t *testing.T) {
	tests := []struct {
		name      string
		delay     time.Duration
		ignore    bool
		auto      bool
		wantCode  int
		wantType  discordgo.InteractionResponseType
		followed  bool
		sentNoErr bool
	}{
		{"in time", 0, false, false, 200, discordgo.InteractionResponseChannelMessageWithSource, false, true},
		{"late", 300 * time.Millisecond, false, false, 200, discordgo.InteractionResponseDeferredChannelMessageWithSource, true, true},
		{"late autocomplete waits", 300 * time.Millisecond, false, true, 200, discordgo.InteractionResponseChannelMessageWithSource, false, true},
		{"not handled", 0, true, false, 503, 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := &fakeBot{delay: tt.delay, ignore: tt.ignore}
			fake, srv, e := endpoint(t, b)
			e.deferAfter = 100 * time.Millisecond
			in := fakediscord.Interaction{Name: "ask", Options: []fakediscord.CommandOption{{Name: "question", Value: "raid"}}}
			payload := fake.SlashCommand(in)
			if tt.auto {
				payload = fake.Autocomplete(in)
			}
			r, _ := fake.PostInteraction(t, srv.URL, payload)
			if r.Status != tt.wantCode {
				t.Fatalf("status %d (%s), want %d", r.Status, r.Body, tt.wantCode)
			}
			if tt.wantCode != 200 {
				return
			}
			if typ, _ := r.Field("type"); typ != float64(tt.wantType) {
				t.Errorf("response type %v, want %d: %s", typ, tt.wantType, r.Body)
			}
			deadline := time.Now().Add(5 * time.Second)
			for {
				_, sent, follows := b.state()
				if len(sent) == 1 {
					if (sent[0] == nil) != tt.sentNoErr || (len(follows) == 1) != tt.followed {
						t.Errorf("send returned %v, follow-ups %d; want error %v, follow-up %v", sent[0], len(follows), !tt.sentNoErr, tt.followed)
					}
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("the bot never sent its response")
				}
				time.Sleep(10 * time.Millisecond)
			}
		})
	}
}
