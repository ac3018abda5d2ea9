-- A record's JSON compresses to about 7 kB (lz4). By default PostgreSQL moves every value that
-- leaves a row over 2 kB into the TOAST table, in 2 kB chunks, each with an index entry: several
-- extra tuples and index inserts per record. Keeping the compressed values in the row when they
-- fit in a page (toast_tuple_target at its maximum, storage MAIN) writes one tuple instead.
ALTER TABLE audit_record SET (toast_tuple_target = 8160);
ALTER TABLE audit_record ALTER COLUMN request_json SET STORAGE MAIN,
    ALTER COLUMN response_json SET STORAGE MAIN, ALTER COLUMN fired_json SET STORAGE MAIN;

-- The query columns too are compressed with lz4 where PostgreSQL has it (V1 set it on the JSON only).
DO $$
BEGIN
    EXECUTE 'ALTER TABLE audit_record ALTER COLUMN fired_rules SET COMPRESSION lz4, '
        || 'ALTER COLUMN conclusion_codes SET COMPRESSION lz4';
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'lz4 compression is not available: the query columns are compressed with pglz';
END
$$;
