package fakediscord

import (
	"encoding/json"
	"maps"
	"net/http"

	"github.com/bwmarrin/discordgo"
)

// Commands returns the command set last bulk-overwritten for a guild, or the global set when
// guildID is "", as Discord stored it (with ids and application_id). It is nil if the bot
// never registered that set.
func (s *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	stored, ok := s.commands[guildID]
	s.mu.Unlock()
	if !ok {
		return nil
	}
	raw, err := json.Marshal(stored)
	if err != nil {
		return nil // stored values came from JSON, so they always encode
	}
	var cmds []*discordgo.ApplicationCommand
	if err := json.Unmarshal(raw, &cmds); err != nil {
		return nil
	}
	return cmds
}

// putCommands answers a bulk overwrite (PUT applications/{app}[/guilds/{guild}]/commands):
// the new set replaces the old one and is echoed back with the fields Discord fills in.
func (s *Server) putCommands(req Request, p []string) reply {
	if p[0] != s.cfg.appID {
		return errorReply(http.StatusForbidden, 50001, "Missing Access")
	}
	guildID := ""
	if len(p) > 1 {
		guildID = p[1]
	}
	var in []map[string]any
	if err := json.Unmarshal(req.payload, &in); err != nil {
		return errorReply(http.StatusBadRequest, 50035, "Invalid Form Body")
	}

	out := make([]map[string]any, 0, len(in))
	for _, cmd := range in {
		cmd = maps.Clone(cmd)
		if id, _ := cmd["id"].(string); id == "" {
			cmd["id"] = s.newID()
		}
		cmd["application_id"] = s.cfg.appID
		cmd["version"] = s.newID()
		if t, _ := cmd["type"].(float64); t == 0 {
			cmd["type"] = 1
		}
		if guildID != "" {
			cmd["guild_id"] = guildID
		}
		out = append(out, cmd)
	}

	s.mu.Lock()
	s.commands[guildID] = out
	s.notifyLocked()
	s.mu.Unlock()
	return jsonReply(out)
}
