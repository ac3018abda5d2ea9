package kz.qagida.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.rules.FiredRule;

/**
 * A record with its place in the trail (its global {@code seq}, its chain and its position there), and
 * the query columns derived from its content.
 */
public record StoredRecord(long seq, RecordContent content, String contentHash, String prevHash, String hash,
        String firedRules, String conclusionCodes, String chainId, long chainSeq) {

    /** The chain of the records written before there was a chain per writer; their position is their seq. */
    public static final String INITIAL_CHAIN = "initial";

    static final String COLUMNS = "seq, evaluation_id, recorded_at, as_of, ruleset_version, caller, "
            + "accept_language, status, citizenship, duration_micros, request_json, response_json, fired_json, "
            + "content_hash, prev_hash, hash, fired_rules, conclusion_codes, chain_id, chain_seq";

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final RowMapper<StoredRecord> ROW = (rs, n) -> new StoredRecord(rs.getLong("seq"),
            new RecordContent(rs.getObject("evaluation_id", UUID.class), instant(rs, "recorded_at"),
                    rs.getObject("as_of", LocalDate.class), rs.getString("ruleset_version"), rs.getString("caller"),
                    rs.getString("accept_language"), rs.getString("status"), rs.getString("citizenship"),
                    rs.getLong("duration_micros"), rs.getString("request_json"), rs.getString("response_json"),
                    rs.getString("fired_json")),
            rs.getString("content_hash"), rs.getString("prev_hash"), rs.getString("hash"), rs.getString("fired_rules"),
            rs.getString("conclusion_codes"), rs.getString("chain_id"), position(rs));

    private static long position(ResultSet rs) throws SQLException {
        long chainSeq = rs.getLong("chain_seq");
        return rs.wasNull() ? rs.getLong("seq") : chainSeq;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** The fired rules (id, name, file, row) as a record's response lists them. */
    static List<FiredRule> responseFiredRules(String responseJson) {
        return List.of(JSON.treeToValue(JSON.readTree(responseJson).path("firedRules"), FiredRule[].class));
    }
}
