package kz.qagida.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What one evaluation record says, exactly as stored. Its {@link #hash()} covers every field, each
 * length-prefixed so that no two different contents hash alike; the query indexes (fired rules,
 * conclusion codes) are derived from {@code firedJson} and {@code responseJson}.
 */
public record RecordContent(UUID evaluationId, Instant recordedAt, LocalDate asOf, String rulesetVersion,
        String caller, String acceptLanguage, String status, String citizenship, long durationMicros,
        String requestJson, String responseJson, String firedJson) {

    public String hash() {
        StringBuilder s = new StringBuilder(requestJson.length() + responseJson.length() + firedJson.length() + 400);
        field(s, "evaluationId", evaluationId.toString());
        field(s, "recordedAt", recordedAt.toString());
        field(s, "asOf", asOf.toString());
        field(s, "rulesetVersion", rulesetVersion);
        field(s, "caller", caller);
        field(s, "acceptLanguage", acceptLanguage);
        field(s, "status", status);
        field(s, "citizenship", citizenship);
        field(s, "durationMicros", Long.toString(durationMicros));
        field(s, "request", requestJson);
        field(s, "response", responseJson);
        field(s, "firedRules", firedJson);
        return Hashes.sha256(s.toString());
    }

    private static void field(StringBuilder s, String name, String value) {
        s.append(name).append('=');
        if (value == null) {
            s.append('-');
        } else {
            s.append(value.length()).append(':').append(value);
        }
        s.append('\n');
    }
}
