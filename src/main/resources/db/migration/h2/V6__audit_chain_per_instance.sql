-- One chain per writer; see the PostgreSQL migration of the same version for the reasons.
CREATE TABLE audit_chain (
    chain_id   VARCHAR(64)  PRIMARY KEY,
    instance   VARCHAR(200),
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    seq        BIGINT       NOT NULL,
    hash       VARCHAR(64)  NOT NULL
);

CREATE TABLE audit_chain_anchor (
    chain_id  VARCHAR(64) PRIMARY KEY,
    seq       BIGINT      NOT NULL,
    hash      VARCHAR(64) NOT NULL,
    purged    BIGINT      NOT NULL,
    purged_at TIMESTAMP WITH TIME ZONE
);

CREATE TABLE audit_checkpoint (
    chain_id    VARCHAR(64) PRIMARY KEY,
    seq         BIGINT      NOT NULL,
    record_seq  BIGINT      NOT NULL,
    hash        VARCHAR(64) NOT NULL,
    verified_at TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO audit_chain (chain_id, instance, started_at, seq, hash)
    SELECT 'initial', NULL, CURRENT_TIMESTAMP, seq, hash FROM audit_head;
INSERT INTO audit_chain_anchor (chain_id, seq, hash, purged, purged_at)
    SELECT 'initial', seq, hash, purged, purged_at FROM audit_anchor;
DROP TABLE audit_head;
DROP TABLE audit_anchor;

ALTER TABLE audit_record ADD COLUMN chain_id VARCHAR(64) NOT NULL DEFAULT 'initial';
ALTER TABLE audit_record ALTER COLUMN chain_id DROP DEFAULT;
ALTER TABLE audit_record ADD COLUMN chain_seq BIGINT;

CREATE SEQUENCE audit_record_seq START WITH (SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_record);

CREATE TABLE audit_undelivered (
    evaluation_id UUID PRIMARY KEY,
    noted_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
