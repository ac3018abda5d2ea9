-- Firings by rule from an index rather than a LIKE scan of every record's fired_rules: one row per
-- rule id and rule name that fired in a record (the lines of fired_rules, which verification checks
-- against the record's content). INCLUDE lets counts and first/last times come from the index alone.
CREATE TABLE audit_rule_firing (
    rule        VARCHAR(200) NOT NULL,
    seq         BIGINT       NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT audit_rule_firing_pk PRIMARY KEY (rule, seq) INCLUDE (recorded_at)
);

-- the records written before (one pass over the table)
SET LOCAL statement_timeout = 0;
INSERT INTO audit_rule_firing (rule, seq, recorded_at)
    SELECT DISTINCT l, r.seq, r.recorded_at
    FROM audit_record r, unnest(string_to_array(r.fired_rules, E'\n')) AS l
    WHERE l <> '';
