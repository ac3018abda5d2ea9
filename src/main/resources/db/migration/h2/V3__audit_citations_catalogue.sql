-- Records no longer repeat their fired rules' citations (about 10 kB of JSON each): fired_json holds
-- {"citations":"<sha256>"}, a reference to the citations catalogue of the record's rule base, stored
-- once as a content-addressed blob in audit_blob. The rules themselves, in firing order, are in the
-- response. Records written before keep the JSON array they hold. See RecordContent.
COMMENT ON COLUMN audit_record.fired_json IS
    'the fired rules'' citations: {"citations":"<sha256 of an audit_blob>"} (a catalogue by rule name), or, in records written before V3, a JSON array of {id, name, file, row, citations}';
