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
    seq             BIGINT       PRIMARY KEY,
    evaluation_id   UUID         NOT NULL UNIQUE,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    as_of           DATE         NOT NULL,
    ruleset_version VARCHAR(80)  NOT NULL,
    caller          VARCHAR(200),
    accept_language VARCHAR(200),
    status          VARCHAR(40)  NOT NULL,
    citizenship     VARCHAR(3),
    duration_micros BIGINT       NOT NULL,
    request_json    TEXT         NOT NULL,
    response_json   TEXT         NOT NULL,
    fired_json      TEXT         NOT NULL,
    content_hash    VARCHAR(64)  NOT NULL,
    prev_hash       VARCHAR(64)  NOT NULL,
    hash            VARCHAR(64)  NOT NULL
);
CREATE INDEX audit_record_recorded_at ON audit_record (recorded_at);
CREATE INDEX audit_record_as_of ON audit_record (as_of);
CREATE INDEX audit_record_status ON audit_record (status, seq);
CREATE INDEX audit_record_citizenship ON audit_record (citizenship, seq);
CREATE INDEX audit_record_ruleset ON audit_record (ruleset_version, seq);

-- Query indexes derived from a record's fired_json and response_json (which the hashes cover).
CREATE TABLE audit_fired_rule (
    seq         BIGINT       NOT NULL REFERENCES audit_record (seq) ON DELETE CASCADE,
    ordinal     INT          NOT NULL,
    rule_id     VARCHAR(40),
    rule_name   VARCHAR(300) NOT NULL,
    rule_file   VARCHAR(300),
    rule_row    INT,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (seq, ordinal)
);
CREATE INDEX audit_fired_rule_id ON audit_fired_rule (rule_id, seq);
CREATE INDEX audit_fired_rule_name ON audit_fired_rule (rule_name, seq);

CREATE TABLE audit_conclusion (
    seq     BIGINT      NOT NULL REFERENCES audit_record (seq) ON DELETE CASCADE,
    ordinal INT         NOT NULL,
    code    VARCHAR(80) NOT NULL,
    PRIMARY KEY (seq, ordinal)
);
CREATE INDEX audit_conclusion_code ON audit_conclusion (code, seq);

-- Rulesets, content-addressed: a file's bytes are stored once under their SHA-256.
CREATE TABLE audit_blob (
    hash      VARCHAR(64) PRIMARY KEY,
    byte_size BIGINT      NOT NULL,
    content   BYTEA       NOT NULL
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
