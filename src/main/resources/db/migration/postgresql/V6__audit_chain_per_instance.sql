-- One chain per writer. Until now every append locked the single audit_head row, so an instance
-- whose connection stalled in the middle of a commit held that lock across the network and every
-- other instance waited behind it. Now each writer (one per service process, for as long as it
-- runs) extends a chain of its own: its head is a row of audit_chain that no other writer touches,
-- and a record's place is its chain and its position in it (chain_seq). seq stays the record's
-- global order (search pages, firings, verification walk by it) and comes from a sequence.
-- Verification walks all chains together (AuditVerifier).
CREATE TABLE audit_chain (
    chain_id   VARCHAR(64)  PRIMARY KEY,
    instance   VARCHAR(200),
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    seq        BIGINT       NOT NULL,
    hash       VARCHAR(64)  NOT NULL
);

-- Where each chain's kept part starts: the last record a retention purge removed. Apart from the
-- heads, so that a purge never locks a row a writer updates.
CREATE TABLE audit_chain_anchor (
    chain_id  VARCHAR(64) PRIMARY KEY,
    seq       BIGINT      NOT NULL,
    hash      VARCHAR(64) NOT NULL,
    purged    BIGINT      NOT NULL,
    purged_at TIMESTAMP WITH TIME ZONE
);

-- How far each chain was last verified (position, that record's seq and hash): a verification may
-- resume from here instead of the anchor.
CREATE TABLE audit_checkpoint (
    chain_id    VARCHAR(64) PRIMARY KEY,
    seq         BIGINT      NOT NULL,
    record_seq  BIGINT      NOT NULL,
    hash        VARCHAR(64) NOT NULL,
    verified_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The records written so far form the chain 'initial', whose positions are their seq.
INSERT INTO audit_chain (chain_id, instance, started_at, seq, hash)
    SELECT 'initial', NULL, CURRENT_TIMESTAMP, seq, hash FROM audit_head;
INSERT INTO audit_chain_anchor (chain_id, seq, hash, purged, purged_at)
    SELECT 'initial', seq, hash, purged, purged_at FROM audit_anchor;
-- an instance of an older version can no longer append (it would extend the old single chain)
DROP TABLE audit_head;
DROP TABLE audit_anchor;

-- A constant default is stored once in the catalogue, not in every row: no rewrite of the table.
ALTER TABLE audit_record ADD COLUMN chain_id VARCHAR(64) NOT NULL DEFAULT 'initial';
ALTER TABLE audit_record ALTER COLUMN chain_id DROP DEFAULT;
ALTER TABLE audit_record ALTER COLUMN chain_id SET STORAGE MAIN;
-- the position in the chain; null in the chain 'initial', where it is seq
ALTER TABLE audit_record ADD COLUMN chain_seq BIGINT;

CREATE SEQUENCE audit_record_seq;
SELECT setval('audit_record_seq', COALESCE((SELECT MAX(seq) FROM audit_record), 0) + 1, false);

-- Checks answered 503 whose record was committed all the same (the commit outlived the wait, or its
-- outcome was unknown): the trail tells them apart from answers given.
CREATE TABLE audit_undelivered (
    evaluation_id UUID PRIMARY KEY,
    noted_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
