package fakediscord

import (
	"encoding/json"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// gatewayConn is one websocket connection. Writes are serialised by writeMu; the read loop
// runs in the HTTP handler's goroutine.
type gatewayConn struct {
	ws      *websocket.Conn
	version string
	writeMu sync.Mutex

	// Guarded by Server.mu.
	identity Identify // what the connection identified (or resumed) as
	ready    bool     // READY or RESUMED was sent
	beating  bool     // a heartbeat arrived after that
}

// send writes one frame as text; payload compression is optional for Discord and discordgo
// reads text frames whether or not it asked for compression.
func (c *gatewayConn) send(p payload) error {
	frame, err := json.Marshal(p)
	if err != nil {
		return err
	}
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(gatewayWriteWait))
	return c.ws.WriteMessage(websocket.TextMessage, frame)
}

// dispatch sends an op 0 event. The sequence number is taken while holding the write lock so
// that numbers reach the client in increasing order.
func (c *gatewayConn) dispatch(seq *atomic.Int64, eventType string, data any) error {
	d, err := json.Marshal(data)
	if err != nil {
		return err
	}
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	n := seq.Add(1)
	frame, err := json.Marshal(payload{Op: opDispatch, Data: d, Seq: &n, Type: eventType})
	if err != nil {
		return err
	}
	_ = c.ws.SetWriteDeadline(time.Now().Add(gatewayWriteWait))
	return c.ws.WriteMessage(websocket.TextMessage, frame)
}

// close sends a close frame with the code and reason, then drops the connection.
func (c *gatewayConn) close(code int, reason string) {
	msg := websocket.FormatCloseMessage(code, reason)
	_ = c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(gatewayWriteWait))
	_ = c.ws.Close()
}
