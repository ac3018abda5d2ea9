package kz.qagida.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one evaluation record says, exactly as stored. Its {@link #hash()} covers every field, each
 * length-prefixed so that no two different contents hash alike; the query indexes (fired rules,
 * conclusion codes) are derived from the response's fired rules and conclusions.
 * <p>
 * {@code firedJson} gives the citations of the fired rules, whose ids, names, files and rows (in
 * firing order) are in the response. Records written since V3 hold a reference,
 * {@code {"citations":"<sha256>"}}, to the citations catalogue of their rule base (every rule's
 * citations by name, stored once as a content-addressed blob), so the hash covers the catalogue
 * too. Older records hold the fired rules with their citations, a JSON array of
 * {@link FiredRuleEntry}.
 */
public record RecordContent(UUID evaluationId, Instant recordedAt, LocalDate asOf, String rulesetVersion,
        String caller, String acceptLanguage, String status, String citizenship, long durationMicros,
        String requestJson, String responseJson, String firedJson) {

    /** Timestamps are kept to the millisecond so that what is hashed is what comes back. */
    static Instant stamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static final Pattern REFERENCE = Pattern.compile("\\{\"citations\":\"([0-9a-f]{64})\"}");

    static String citationsReference(String hash) {
        return "{\"citations\":\"" + hash + "\"}";
    }

    /** The hash of the citations catalogue this record refers to; null for a record that holds its fired rules. */
    public String citationsHash() {
        Matcher m = REFERENCE.matcher(firedJson);
        return m.matches() ? m.group(1) : null;
    }

    public String hash() {
        MessageDigest digest = Hashes.digest();
        field(digest, "evaluationId", evaluationId.toString());
        field(digest, "recordedAt", recordedAt.toString());
        field(digest, "asOf", asOf.toString());
        field(digest, "rulesetVersion", rulesetVersion);
        field(digest, "caller", caller);
        field(digest, "acceptLanguage", acceptLanguage);
        field(digest, "status", status);
        field(digest, "citizenship", citizenship);
        field(digest, "durationMicros", Long.toString(durationMicros));
        field(digest, "request", requestJson);
        field(digest, "response", responseJson);
        field(digest, "firedRules", firedJson);
        return Hashes.hex(digest.digest());
    }

    /** {@code name=length:value\n} ({@code name=-\n} for null), in UTF-8; the length counts chars. */
    private static void field(MessageDigest digest, String name, String value) {
        String head = value == null ? name + "=-\n" : name + "=" + value.length() + ":";
        digest.update(head.getBytes(StandardCharsets.UTF_8));
        if (value != null) {
            digest.update(value.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
    }
}
