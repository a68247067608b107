package fakediscord_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"faqbot/internal/fakediscord"
)

// frame is a gateway payload as a raw client sees it.
type frame struct {
	Op   int             `json:"op"`
	Data json.RawMessage `json:"d"`
	Seq  int64           `json:"s"`
	Type string          `json:"t"`
}

// dial connects a bare websocket client and reads HELLO.
func dial(t *testing.T, fake *fakediscord.Server) (*websocket.Conn, frame) {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.Dial(fake.GatewayURL()+"/?v=10&encoding=json", nil)
	if err != nil {
		t.Fatalf("dial gateway: %v", err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	return ws, read(t, ws)
}

func read(t *testing.T, ws *websocket.Conn) frame {
	t.Helper()
	_ = ws.SetReadDeadline(time.Now().Add(2 * time.Second))
	var f frame
	if err := ws.ReadJSON(&f); err != nil {
		t.Fatalf("read frame: %v", err)
	}
	return f
}

func write(t *testing.T, ws *websocket.Conn, op int, data any) {
	t.Helper()
	if err := ws.WriteJSON(map[string]any{"op": op, "d": data}); err != nil {
		t.Fatalf("write op %d: %v", op, err)
	}
}

func TestGatewayProtocol(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t, fakediscord.WithHeartbeatInterval(1234*time.Millisecond))

	t.Run("hello, heartbeat, identify, dispatch", func(t *testing.T) {
		ws, hello := dial(t, fake)
		if hello.Op != 10 || string(hello.Data) != `{"heartbeat_interval":1234}` {
			t.Fatalf("HELLO = op %d %s, want op 10 interval 1234", hello.Op, hello.Data)
		}
		write(t, ws, 1, nil)
		if ack := read(t, ws); ack.Op != 11 {
			t.Fatalf("heartbeat answer op = %d, want 11", ack.Op)
		}
		write(t, ws, 2, map[string]any{"token": fake.Token(), "intents": 513})
		ready := read(t, ws)
		var d discordgo.Ready
		if err := json.Unmarshal(ready.Data, &d); err != nil || ready.Type != "READY" {
			t.Fatalf("READY = %s %s (%v)", ready.Type, ready.Data, err)
		}
		if d.User.ID != fake.BotUserID() || d.Application.ID != fake.ApplicationID() || d.SessionID == "" {
			t.Errorf("READY = %+v", d)
		}
		write(t, ws, 1, ready.Seq)
		if ack := read(t, ws); ack.Op != 11 {
			t.Fatalf("heartbeat answer op = %d, want 11", ack.Op)
		}
		if id := fake.WaitConnected(t, time.Second); id.Intents != 513 || id.Version != "10" {
			t.Errorf("IDENTIFY recorded as %+v, want intents 513 and version 10", id)
		}
		fake.Dispatch(t, "TYPING_START", map[string]any{"channel_id": "1"})
		if ev := read(t, ws); ev.Op != 0 || ev.Type != "TYPING_START" || ev.Seq != ready.Seq+1 {
			t.Errorf("dispatch = op %d %s s=%d, want op 0 TYPING_START s=%d", ev.Op, ev.Type, ev.Seq, ready.Seq+1)
		}
	})

	t.Run("wrong token closes with 4004", func(t *testing.T) {
		ws, _ := dial(t, fake)
		write(t, ws, 2, map[string]any{"token": "Bot nope"})
		_, _, err := ws.ReadMessage()
		var closeErr *websocket.CloseError
		if !errors.As(err, &closeErr) || closeErr.Code != 4004 || closeErr.Text != "Authentication failed." {
			t.Errorf("after bad IDENTIFY, read = %v, want close 4004", err)
		}
	})

	t.Run("resume of unknown session is invalid", func(t *testing.T) {
		ws, _ := dial(t, fake)
		write(t, ws, 6, map[string]any{"token": fake.Token(), "session_id": "nope", "seq": 3})
		if f := read(t, ws); f.Op != 9 || string(f.Data) != "false" {
			t.Errorf("RESUME answer = op %d %s, want op 9 false", f.Op, f.Data)
		}
	})
}

func TestSessionOpens(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	ready := make(chan *discordgo.Ready, 1)
	sess := newSession(t, fake, fake.Token())
	sess.Identify.Intents = discordgo.IntentsGuildMessages | discordgo.IntentMessageContent
	sess.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) { ready <- r })
	if err := sess.Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = sess.Close() })

	r := receive(t, ready)
	if r.User.ID != fake.BotUserID() || !r.User.Bot || r.Application.ID != fake.ApplicationID() {
		t.Errorf("Ready = user %+v application %+v", r.User, r.Application)
	}
	id := fake.WaitConnected(t, time.Second)
	want := fakediscord.Identify{
		Token:    "Bot " + fake.Token(),
		Intents:  int64(discordgo.IntentsGuildMessages | discordgo.IntentMessageContent),
		Compress: true, // discordgo asks for payload compression; the fake sends text anyway
		Version:  discordgo.APIVersion,
	}
	if id.Token != want.Token || id.Intents != want.Intents || id.Compress != want.Compress || id.Version != want.Version {
		t.Errorf("IDENTIFY = %+v, want %+v", id, want)
	}
	// Open discovers the gateway through REST, with the bot token although Discord needs none.
	req := fake.WaitRequest(t, time.Second, fakediscord.Match("GET", "gateway"))
	if req.Header.Get("Authorization") != "Bot "+fake.Token() {
		t.Errorf("GET gateway Authorization = %q", req.Header.Get("Authorization"))
	}
}

// A wrong token passes GET gateway (public on Discord) and fails IDENTIFY, so Open returns
// the close error and no session is left running.
func TestSessionWrongToken(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	sess := newSession(t, fake, "wrong")
	err := sess.Open()
	var closeErr *websocket.CloseError
	if !errors.As(err, &closeErr) || closeErr.Code != 4004 {
		t.Fatalf("Open with wrong token = %v, want websocket close 4004", err)
	}
	ids := fake.Identifies()
	if len(ids) != 1 || ids[0].Token != "Bot wrong" {
		t.Errorf("Identifies() = %+v, want one with token %q", ids, "Bot wrong")
	}
}

func TestSessionReconnectResumes(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	resumed := make(chan *discordgo.Resumed, 1)
	messages := make(chan *discordgo.MessageCreate, 1)
	openSession(t, fake,
		func(_ *discordgo.Session, r *discordgo.Resumed) { resumed <- r },
		func(_ *discordgo.Session, m *discordgo.MessageCreate) { messages <- m },
	)
	fake.WaitConnected(t, time.Second)

	fake.Reconnect(t)
	select {
	case <-resumed:
	case <-time.After(5 * time.Second): // discordgo sleeps a second while closing
		t.Fatal("no RESUMED after Reconnect")
	}
	fake.WaitConnected(t, time.Second) // the new connection's heartbeat goroutine is running
	fake.Dispatch(t, "MESSAGE_CREATE", fake.Message(fakediscord.Message{Content: "still there?"}))
	if m := receive(t, messages); m.Content != "still there?" {
		t.Errorf("message after resume = %q", m.Content)
	}
	if n := len(fake.Identifies()); n != 1 {
		t.Errorf("IDENTIFY count = %d, want 1 (resumed, not re-identified)", n)
	}
}
