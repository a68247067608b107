package content

import "testing"

func TestShownName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"faq/general.md", "faq/general.md"},
		{"Guild FAQ (2025) — café.md", "Guild FAQ (2025) — café.md"},
		{"@everyone <@123> **bold**.md", "@everyone <@123> **bold**.md"}, // Discord's escaping is the bot's
		{"a\nerror: b.md: forged\n.md", `"a\nerror: b.md: forged\n.md"`},
		{"tab\there.md", `"tab\there.md"`},
		{"esc\x1b[31mred.md", `"esc\x1b[31mred.md"`},
		{"rtl\u202egpj.md", `"rtl\u202egpj.md"`},
		{"zero\u200bwidth.md", `"zero\u200bwidth.md"`},
		{"bad\xff.md", `"bad\xff.md"`},
	}
	for _, tt := range tests {
		if got := shownName(tt.name); got != tt.want {
			t.Errorf("shownName(%q) = %s, want %s", tt.name, got, tt.want)
		}
		if got, want := (Problem{File: tt.name, Line: 3, Msg: "m"}).Error(), tt.want+":3: m"; got != want {
			t.Errorf("Problem.Error() = %s, want %s", got, want)
		}
	}
}
