-- A record's row is about 13 kB before compression, over the table's toast_tuple_target (8160; V2).
-- PostgreSQL's toaster first compresses, then moves out of the row, the columns of storage EXTENDED
-- (the default of VARCHAR), and only then compresses the columns of storage MAIN (V2, V3: the JSON
-- and the query columns). So on every append it moved the short columns (the three hashes, the
-- ruleset version) into TOAST, each another tuple and index entry, before compressing the response,
-- after which the row would have fitted anyway. Storage MAIN for them too: the response is compressed
-- first, and nothing leaves the row.
ALTER TABLE audit_record
    ALTER COLUMN ruleset_version SET STORAGE MAIN,
    ALTER COLUMN caller SET STORAGE MAIN,
    ALTER COLUMN accept_language SET STORAGE MAIN,
    ALTER COLUMN status SET STORAGE MAIN,
    ALTER COLUMN citizenship SET STORAGE MAIN,
    ALTER COLUMN content_hash SET STORAGE MAIN,
    ALTER COLUMN prev_hash SET STORAGE MAIN,
    ALTER COLUMN hash SET STORAGE MAIN;
