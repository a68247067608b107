package fakediscord

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway opcodes and close codes, from Discord's gateway documentation.
const (
	opDispatch       = 0
	opHeartbeat      = 1
	opIdentify       = 2
	opResume         = 6
	opReconnect      = 7
	opInvalidSession = 9
	opHello          = 10
	opHeartbeatAck   = 11

	closeGoingAway   = websocket.CloseGoingAway
	closeDecodeError = 4002
	closeAuthFailed  = 4004
	authFailedReason = "Authentication failed."

	gatewayVersion    = 10 // the "v" in READY
	gatewayWriteWait  = 5 * time.Second
	dispatchReadyWait = 5 * time.Second
)

// Identify is an IDENTIFY (op 2) payload a client sent, accepted or not.
type Identify struct {
	Token    string         // as sent; discordgo sends "Bot <token>"
	Intents  int64          // the gateway intents bit set
	Compress bool           // whether the client accepts zlib-compressed payloads
	Version  string         // the ?v= query the client connected with
	JSON     map[string]any // the whole "d" object
}

// payload is a gateway frame in either direction.
type payload struct {
	Op   int             `json:"op"`
	Data json.RawMessage `json:"d"`
	Seq  *int64          `json:"s,omitempty"`
	Type string          `json:"t,omitempty"`
}

// Shard is the [shard id, shard count] the client identified as; [0, 1] when it sent none.
func (id Identify) Shard() (shard, count int) {
	pair, ok := id.JSON["shard"].([]any)
	if !ok || len(pair) != 2 {
		return 0, 1
	}
	a, okA := pair[0].(float64)
	b, okB := pair[1].(float64)
	if !okA || !okB || b < 1 {
		return 0, 1
	}
	return int(a), int(b)
}

// Identifies returns every IDENTIFY payload received, oldest first.
func (s *Server) Identifies() []Identify {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Identify(nil), s.identifies...)
}

// WaitConnected waits until a client has identified (or resumed), been sent READY (or
// RESUMED) and sent its first heartbeat, and returns its IDENTIFY. It fails the test on
// timeout. The heartbeat matters: discordgo starts its heartbeat goroutine at the end of
// Open, and a session closed before that goroutine's first beat reconnects by itself.
func (s *Server) WaitConnected(t testing.TB, timeout time.Duration) Identify {
	t.Helper()
	_, id := s.waitReady(t, timeout, true)
	return id
}

// Dispatch sends an event (op 0) with the next sequence number to the connected session,
// waiting a few seconds for one to be READY. data is marshalled to JSON as the event's "d".
// When sessions identified as shards, an event of a guild goes to the shard Discord
// sends it to, (guild_id >> 22) % shard count, as soon as that one is READY.
func (s *Server) Dispatch(t testing.TB, eventType string, data any) {
	t.Helper()
	raw, err := json.Marshal(data)
	if err != nil {
		t.Fatalf("fakediscord: dispatch %s: %v", eventType, err)
	}
	c, _ := s.waitReady(t, dispatchReadyWait, false)
	if guild, ok := guildOf(raw); ok {
		c = s.waitShard(t, c, guild)
	}
	if err := c.dispatch(&s.seq, eventType, json.RawMessage(raw)); err != nil {
		t.Fatalf("fakediscord: dispatch %s: %v", eventType, err)
	}
}

// waitShard is the READY session that serves guild: c when c identified as the only
// shard, else the one whose shard [id, count] has id = (guild >> 22) % count.
func (s *Server) waitShard(t testing.TB, c *gatewayConn, guild uint64) *gatewayConn {
	t.Helper()
	s.mu.Lock()
	_, count := c.identity.Shard()
	s.mu.Unlock()
	if count <= 1 {
		return c
	}
	want := int(guild>>22) % count
	var found *gatewayConn
	if !s.await(dispatchReadyWait, func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		for conn := range s.conns {
			if id, n := conn.identity.Shard(); conn.ready && id == want && n == count {
				found = conn
				return true
			}
		}
		return false
	}) {
		t.Fatalf("fakediscord: no session READY as shard [%d, %d] for guild %d within %v", want, count, guild, dispatchReadyWait)
	}
	return found
}

// guildOf reads the "guild_id" of an event's data (JSON).
func guildOf(raw []byte) (uint64, bool) {
	var d struct {
		GuildID string `json:"guild_id"`
	}
	if json.Unmarshal(raw, &d) != nil || d.GuildID == "" {
		return 0, false
	}
	g, err := strconv.ParseUint(d.GuildID, 10, 64)
	return g, err == nil
}

// Reconnect asks the connected session to reconnect (op 7), as Discord does before it moves a
// session. discordgo closes the socket, dials again and sends RESUME, which the server
// answers with RESUMED; Dispatch waits for that. Like WaitConnected it first waits for the
// session's heartbeat, so that discordgo does not race itself into a second reconnect.
func (s *Server) Reconnect(t testing.TB) {
	t.Helper()
	c, _ := s.waitReady(t, dispatchReadyWait, true)
	s.mu.Lock()
	if s.current == c {
		s.current = nil
	}
	s.mu.Unlock()
	if err := c.send(payload{Op: opReconnect, Data: json.RawMessage("null")}); err != nil {
		t.Fatalf("fakediscord: send reconnect: %v", err)
	}
}

// waitReady returns the connection Dispatch writes to and the IDENTIFY behind it, once it
// is ready and, if beating is set, has sent a heartbeat since.
func (s *Server) waitReady(t testing.TB, timeout time.Duration, beating bool) (*gatewayConn, Identify) {
	t.Helper()
	var (
		c  *gatewayConn
		id Identify
	)
	if !s.await(timeout, func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		if c = s.current; c != nil {
			id = c.identity
		}
		return c != nil && (c.beating || !beating)
	}) {
		t.Fatalf("fakediscord: no session READY (and heartbeating: %v) within %v; IDENTIFY payloads received: %d",
			beating, timeout, len(s.Identifies()))
	}
	return c, id
}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	upgrader := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has answered the client already
	}
	c := &gatewayConn{ws: ws, version: r.URL.Query().Get("v")}

	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		c.close(closeGoingAway, "server closing")
		return
	}
	s.conns[c] = true
	s.handlers.Add(1) // under s.mu with closed unset, so before Close waits
	s.mu.Unlock()

	defer func() {
		_ = ws.Close()
		s.mu.Lock()
		delete(s.conns, c)
		if s.current == c {
			s.current = nil
		}
		s.notifyLocked()
		s.mu.Unlock()
		s.handlers.Done()
	}()
	s.converse(c)
}

// converse runs one connection: HELLO, then answer heartbeats, IDENTIFY and RESUME until the
// client goes away or is refused.
func (s *Server) converse(c *gatewayConn) {
	hello, _ := json.Marshal(map[string]any{"heartbeat_interval": s.cfg.heartbeat.Milliseconds()})
	if c.send(payload{Op: opHello, Data: hello}) != nil {
		return
	}
	for {
		_, frame, err := c.ws.ReadMessage()
		if err != nil {
			return
		}
		var p payload
		if err := json.Unmarshal(frame, &p); err != nil {
			c.close(closeDecodeError, "Error while decoding payload.")
			return
		}
		switch p.Op {
		case opHeartbeat:
			s.heartbeat(c)
			err = c.send(payload{Op: opHeartbeatAck})
		case opIdentify:
			err = s.identify(c, p.Data)
		case opResume:
			err = s.resume(c, p.Data)
		}
		if err != nil {
			return
		}
	}
}

// identify records an IDENTIFY and answers READY, or closes with 4004 on a wrong token.
func (s *Server) identify(c *gatewayConn, data json.RawMessage) error {
	var d struct {
		Token    string `json:"token"`
		Intents  int64  `json:"intents"`
		Compress bool   `json:"compress"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		c.close(closeDecodeError, "Error while decoding payload.")
		return err
	}
	id := Identify{Token: d.Token, Intents: d.Intents, Compress: d.Compress, Version: c.version}
	_ = json.Unmarshal(data, &id.JSON)

	s.mu.Lock()
	s.identifies = append(s.identifies, id)
	s.notifyLocked()
	s.mu.Unlock()
	if !s.validToken(d.Token) {
		c.close(closeAuthFailed, authFailedReason)
		return websocket.ErrCloseSent
	}

	shard, count := id.Shard()
	sessionID := "session-" + s.newID()
	ready := map[string]any{
		"v":                  gatewayVersion,
		"user":               s.botUser(),
		"session_id":         sessionID,
		"resume_gateway_url": s.GatewayURL(),
		"application":        map[string]any{"id": s.cfg.appID, "flags": 0},
		"guilds":             []any{},
		"private_channels":   []any{},
		"shard":              []int{shard, count},
	}
	if err := c.dispatch(&s.seq, "READY", ready); err != nil {
		return err
	}
	s.setReady(c, sessionID, id)
	return nil
}

// resume answers RESUME with RESUMED for a session this server started, and with
// INVALID_SESSION (not resumable) otherwise, after which discordgo identifies afresh.
func (s *Server) resume(c *gatewayConn, data json.RawMessage) error {
	var d struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		c.close(closeDecodeError, "Error while decoding payload.")
		return err
	}
	if !s.validToken(d.Token) {
		c.close(closeAuthFailed, authFailedReason)
		return websocket.ErrCloseSent
	}
	s.mu.Lock()
	id, known := s.sessions[d.SessionID]
	s.mu.Unlock()
	if !known {
		return c.send(payload{Op: opInvalidSession, Data: json.RawMessage("false")})
	}
	if err := c.dispatch(&s.seq, "RESUMED", map[string]any{}); err != nil {
		return err
	}
	s.setReady(c, d.SessionID, id)
	return nil
}

func (s *Server) setReady(c *gatewayConn, sessionID string, id Identify) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.identity, c.ready = id, true
	s.sessions[sessionID] = id
	s.current = c
	s.notifyLocked()
}

func (s *Server) heartbeat(c *gatewayConn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.ready && !c.beating {
		c.beating = true
		s.notifyLocked()
	}
}

// validToken accepts the token with or without the "Bot " prefix, as Discord does.
func (s *Server) validToken(token string) bool {
	return token == s.cfg.token || token == "Bot "+s.cfg.token
}
