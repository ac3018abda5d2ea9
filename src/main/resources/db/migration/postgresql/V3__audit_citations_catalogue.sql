-- Records no longer repeat their fired rules' citations (about 10 kB of JSON each): fired_json holds
-- {"citations":"<sha256>"}, a reference to the citations catalogue of the record's rule base, stored
-- once as a content-addressed blob in audit_blob. The rules themselves, in firing order, are in the
-- response. Records written before keep the JSON array they hold. See RecordContent.
COMMENT ON COLUMN audit_record.fired_json IS
    'the fired rules'' citations: {"citations":"<sha256 of an audit_blob>"} (a catalogue by rule name), or, in records written before V3, a JSON array of {id, name, file, row, citations}';

-- V2 kept the JSON in the row, but the query columns (fired_rules, conclusion_codes) kept the default
-- storage EXTENDED, which PostgreSQL moves out of the row (into TOAST: another tuple and an index
-- entry) before it compresses the MAIN columns. Storage MAIN compresses them in the row too.
ALTER TABLE audit_record ALTER COLUMN fired_rules SET STORAGE MAIN,
    ALTER COLUMN conclusion_codes SET STORAGE MAIN;
