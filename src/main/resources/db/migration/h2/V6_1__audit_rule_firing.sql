-- Firings by rule from an index rather than a LIKE scan; see the PostgreSQL migration.
CREATE TABLE audit_rule_firing (
    rule        VARCHAR(200) NOT NULL,
    seq         BIGINT       NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (rule, seq)
);

INSERT INTO audit_rule_firing (rule, seq, recorded_at)
    WITH RECURSIVE parts(seq, recorded_at, rest, line) AS (
        SELECT seq, recorded_at, SUBSTRING(fired_rules, 2), CAST(NULL AS VARCHAR) FROM audit_record
        UNION ALL
        SELECT seq, recorded_at, SUBSTRING(rest, LOCATE(CHAR(10), rest) + 1),
            SUBSTRING(rest, 1, LOCATE(CHAR(10), rest) - 1)
        FROM parts WHERE LOCATE(CHAR(10), rest) > 0)
    SELECT DISTINCT line, seq, recorded_at FROM parts WHERE line IS NOT NULL AND line <> '';
