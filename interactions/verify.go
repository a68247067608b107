package interactions

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// maxBody bounds a request's body. An interaction is a few kilobytes, with
// the users, roles and messages it refers to resolved.
const maxBody = 1 << 20

// maxSkew is how far a request's signed timestamp may be from the clock: a
// request captured once is refused when it is replayed later.
const maxSkew = 5 * time.Minute

// Why a request is refused.
var (
	errUnsigned     = errors.New("no signature or timestamp")
	errBadSignature = errors.New("signature does not match the public key")
	errStale        = errors.New("timestamp too far from now")
)

// verify checks a request's Ed25519 signature over its timestamp and body
// with key, and that the timestamp is within maxSkew of now.
func verify(key ed25519.PublicKey, h http.Header, body []byte, now time.Time) error {
	sig, ts := h.Get("X-Signature-Ed25519"), h.Get("X-Signature-Timestamp")
	if sig == "" || ts == "" {
		return errUnsigned
	}
	r := &http.Request{Header: h, Body: io.NopCloser(bytes.NewReader(body))}
	if !discordgo.VerifyInteraction(r, key) {
		return errBadSignature
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: %q is not unix seconds", errStale, ts)
	}
	if skew := now.Sub(time.Unix(secs, 0)); skew > maxSkew || skew < -maxSkew {
		return fmt.Errorf("%w: %v", errStale, skew.Round(time.Second))
	}
	return nil
}
