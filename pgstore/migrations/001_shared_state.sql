-- faqbot's shared state: what feedback/ keeps in bbolt, for every replica.
CREATE TABLE faqbot_meta (
	key   text PRIMARY KEY,
	value text NOT NULL
);

CREATE TABLE faqbot_unanswered (
	id       bigserial PRIMARY KEY,
	at       timestamptz NOT NULL,
	question text NOT NULL,
	best     text NOT NULL DEFAULT ''
);
CREATE INDEX faqbot_unanswered_at ON faqbot_unanswered (at);

CREATE TABLE faqbot_votes (
	passage_id text NOT NULL,
	voter      text NOT NULL,
	up         boolean NOT NULL,
	at         timestamptz NOT NULL,
	PRIMARY KEY (passage_id, voter)
);
CREATE INDEX faqbot_votes_at ON faqbot_votes (at);

CREATE TABLE faqbot_choices (
	passage_id  text NOT NULL,
	group_key   text NOT NULL,
	voter       text NOT NULL,
	question    text NOT NULL,
	phrasing_id text NOT NULL,
	at          timestamptz NOT NULL,
	PRIMARY KEY (passage_id, group_key, voter)
);
CREATE INDEX faqbot_choices_at ON faqbot_choices (at);
CREATE INDEX faqbot_choices_phrasing ON faqbot_choices (phrasing_id);

CREATE TABLE faqbot_learned (
	passage_id  text NOT NULL,
	group_key   text NOT NULL,
	question    text NOT NULL,
	phrasing_id text NOT NULL UNIQUE,
	accepted    boolean NOT NULL,
	decided_by  text NOT NULL,
	decided_at  timestamptz NOT NULL,
	PRIMARY KEY (passage_id, group_key)
);

-- The question behind a reply's buttons, for the replica a click reaches.
CREATE TABLE faqbot_asked (
	key      text PRIMARY KEY,
	question text NOT NULL,
	member   text NOT NULL,
	expires  timestamptz NOT NULL
);
CREATE INDEX faqbot_asked_expires ON faqbot_asked (expires);
