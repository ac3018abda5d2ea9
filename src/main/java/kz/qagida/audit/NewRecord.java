package kz.qagida.audit;

import java.util.List;

import kz.qagida.rules.FiredRule;
import kz.qagida.rules.RuleBase;

/**
 * A record waiting to be appended: its content and content hash (computed on the request's thread,
 * not the writer's), the query columns derived from it, the rule base that served it and the
 * citations catalogue its content refers to (stored with the first record that needs it).
 */
record NewRecord(RecordContent content, String contentHash, String firedRules, String conclusionCodes,
        RuleBase ruleBase, Blob citations) {

    /** Content-addressed bytes: {@code hash} is the SHA-256 of {@code content}. */
    record Blob(String hash, byte[] content) {
    }

    /** The query column for a list of values: each on a line of its own, {@code "\nST-1\nST-1 Overstay\n"}. */
    static String lines(List<String> values) {
        StringBuilder s = new StringBuilder("\n");
        values.stream().distinct().forEach(v -> s.append(v).append('\n'));
        return s.toString();
    }

    /** The query column of the fired rules: their rulebook ids, then their names. */
    static String firedRules(List<FiredRule> fired) {
        List<String> values = new java.util.ArrayList<>(fired.size() * 2);
        fired.forEach(f -> values.add(f.id()));
        fired.forEach(f -> values.add(f.name()));
        return lines(values);
    }
}
