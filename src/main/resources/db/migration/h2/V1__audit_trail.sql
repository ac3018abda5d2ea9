-- H2 keeps JSON in VARCHAR (up to 1,000,000 characters) rather than CLOB: CLOBs go to H2's LOB
-- storage, which makes each append several times slower.
-- The audit trail (issue 5): one record per evaluation, chained by hashes; the rulesets that served them.

-- The end of the chain. Every append locks this row, so the chain stays linear with many instances.
CREATE TABLE audit_head (
    id   INT         PRIMARY KEY CHECK (id = 1),
    seq  BIGINT      NOT NULL,
    hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Where the kept chain starts: the last record a retention purge removed (seq 0 = nothing purged).
CREATE TABLE audit_anchor (
    id        INT         PRIMARY KEY CHECK (id = 1),
    seq       BIGINT      NOT NULL,
    hash      VARCHAR(64) NOT NULL,
    purged    BIGINT      NOT NULL,
    purged_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO audit_anchor (id, seq, hash, purged) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0);

CREATE TABLE audit_record (
    seq              BIGINT       PRIMARY KEY,
    evaluation_id    UUID         NOT NULL UNIQUE,
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    as_of            DATE         NOT NULL,
    ruleset_version  VARCHAR(80)  NOT NULL,
    caller           VARCHAR(200),
    accept_language  VARCHAR(200),
    status           VARCHAR(40)  NOT NULL,
    citizenship      VARCHAR(3),
    duration_micros  BIGINT       NOT NULL,
    request_json     VARCHAR      NOT NULL,
    response_json    VARCHAR      NOT NULL,
    fired_json       VARCHAR      NOT NULL,
    -- for queries, derived from fired_json and response_json (which the hashes cover): the ids and
    -- names of the rules that fired and the conclusion codes, each on a line of its own ("\nST-1\n…")
    fired_rules      VARCHAR      NOT NULL,
    conclusion_codes VARCHAR      NOT NULL,
    content_hash     VARCHAR(64)  NOT NULL,
    prev_hash        VARCHAR(64)  NOT NULL,
    hash             VARCHAR(64)  NOT NULL
);
-- One secondary index: every index is paid on each append. Searches walk the records newest first
-- (by seq) and stop when a page is full; add indexes here for other query patterns at scale.
CREATE INDEX audit_record_recorded_at ON audit_record (recorded_at);

-- Rulesets, content-addressed: a file's bytes are stored once under their SHA-256.
CREATE TABLE audit_blob (
    hash      VARCHAR(64) PRIMARY KEY,
    byte_size BIGINT      NOT NULL,
    content   BLOB        NOT NULL
);

CREATE TABLE audit_ruleset (
    ruleset_version VARCHAR(80) PRIMARY KEY,
    stored_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    file_count      INT         NOT NULL
);

CREATE TABLE audit_ruleset_file (
    ruleset_version VARCHAR(80)  NOT NULL REFERENCES audit_ruleset (ruleset_version),
    path            VARCHAR(500) NOT NULL,
    hash            VARCHAR(64)  NOT NULL REFERENCES audit_blob (hash),
    PRIMARY KEY (ruleset_version, path)
);
