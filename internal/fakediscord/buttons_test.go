package fakediscord

import (
	"reflect"
	"testing"
)

func TestRequestButtons(t *testing.T) {
	tests := []struct {
		name, body string
		want       []Button
		fails      bool
	}{
		{"interaction response", `{"type":4,"data":{"content":"x","components":[{"type":1,"components":[{"type":2,"label":"A","custom_id":"alt:1"},{"type":2,"label":"B","custom_id":"alt:2"}]},{"type":1,"components":[{"type":2,"label":"👍","custom_id":"vote:up:1"}]}]}}`,
			[]Button{{"A", "alt:1"}, {"B", "alt:2"}, {"👍", "vote:up:1"}}, false},
		{"message", `{"content":"x","components":[{"type":1,"components":[{"type":2,"label":"A","custom_id":"alt:1"}]}]}`,
			[]Button{{"A", "alt:1"}}, false},
		{"none", `{"type":4,"data":{"content":"x"}}`, nil, false},
		{"no JSON", ``, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Request{Method: "POST", Path: "p", payload: []byte(tt.body)}.Buttons()
			if (err != nil) != tt.fails || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Buttons() = %v, %v; want %v (fails %v)", got, err, tt.want, tt.fails)
			}
		})
	}
}
