package bot

import (
	"strings"
	"testing"
)

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "how do I reload the FAQ?", "how do I reload the FAQ?"},
		{"masked link", "[Free Nitro](https://evil.example/phish)", `\[Free Nitro\](https://evil.example/phish)`},
		{"heading", "# Big news", `\# Big news`},
		{"subtext", "-# small print", `\-# small print`},
		{"spoiler", "||secret||", `\|\|secret\|\|`},
		{"code fence", "```go\nrm -rf /\n```", "\\`\\`\\`go rm -rf / \\`\\`\\`"},
		{"inline code", "`x`", "\\`x\\`"},
		{"block quote", "> quoted", `\> quoted`},
		{"multi-line block quote", ">>> all of it", `\>>> all of it`},
		{"quote after a line break", "hi\n> sneaky", "hi > sneaky"},
		{"emphasis", "*a* **b** __c__ ~~d~~ _e_", `\*a\* \*\*b\*\* \_\_c\_\_ \~\~d\~\~ \_e\_`},
		{"list", "- item", `\- item`},
		{"ordered list", "1. first", `1\. first`},
		{"ordered list with paren", "12) twelfth", `12\) twelfth`},
		{"number in text", "version 1.2", "version 1.2"},
		{"mentions", "<@123> <@!4> <@&5> <#6> </cmd:7> <t:1700000000:R> <:e:8>", `\<@123> \<@!4> \<@&5> \<#6> \</cmd:7> \<t:1700000000:R> \<:e:8>`},
		{"mass mentions", "@everyone @here", "@\u200beveryone @\u200bhere"},
		{"backslash", `\*not bold*`, `\\\*not bold\*`},
		{"white space", "  a \t\n b  ", "a b"},
		{"right-to-left override", "\u202eevil? asked", "evil? asked"},
		{"overrides, embeddings and isolates", "a\u202ab\u202bc\u202cd\u202de\u2066f\u2067g\u2068h\u2069i", "abcdefghi"},
		{"override before a heading mark", "\u202e# big", `\# big`},
		{"right-to-left marks kept", "\u05e9\u05dc\u05d5\u05dd\u200f \u200eok\u061c", "\u05e9\u05dc\u05d5\u05dd\u200f \u200eok\u061c"},
		{"combining marks piled up", "z" + strings.Repeat("\u0336\u0337", 40) + "algo", "z\u0336\u0337\u0336algo"},
		{"combining marks writing needs", "Tiếng Việt, नमस्ते, e\u0301", "Tiếng Việt, नमस्ते, e\u0301"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		if got := escapeMarkdown(tt.in); got != tt.want {
			t.Errorf("%s: escapeMarkdown(%q)\n got %q\nwant %q", tt.name, tt.in, got, tt.want)
		}
	}
}
