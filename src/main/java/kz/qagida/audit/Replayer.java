package kz.qagida.audit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckResponse;
import kz.qagida.check.CheckService;
import kz.qagida.check.Problems;
import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleBaseRepository;

/**
 * Reruns a recorded request, on its recorded {@code asOf} and language, under the ruleset that
 * answered it (reloaded from the stored files) or under the current one, and lists what differs.
 */
@Service
public class Replayer {

    public enum Against {
        ORIGINAL, CURRENT
    }

    /** One difference between the recorded and the replayed answer; a null side means absent. */
    public record Difference(String path, JsonNode recorded, JsonNode replayed) {
    }

    public record Replay(UUID evaluationId, Against against, String recordedRuleset, String replayedRuleset,
            boolean identical, List<Difference> differences, JsonNode recorded, JsonNode replayed) {
    }

    /** Fields that differ on every run; the rulesets are reported apart. */
    private static final Set<String> IGNORED = Set.of("evaluationId", "ruleset");

    private final AuditStore store;
    private final CheckService checks;
    private final ActiveRuleBase rules;
    private final JsonMapper json;
    private final RuleBaseRepository ruleBases;

    public Replayer(AuditStore store, CheckService checks, ActiveRuleBase rules, RuleBaseRepository ruleBases,
            JsonMapper json) {
        this.store = store;
        this.checks = checks;
        this.rules = rules;
        this.ruleBases = ruleBases;
        this.json = json;
    }

    public Optional<Replay> replay(UUID evaluationId, Against against) {
        Optional<AuditStore.StoredRecord> found = store.find(evaluationId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RecordContent record = found.get().content();
        RuleBase ruleBase = against == Against.CURRENT ? rules.get() : ruleBase(record.rulesetVersion());
        ObjectNode request = (ObjectNode) json.readTree(record.requestJson());
        request.put("asOf", record.asOf().toString());
        CheckResponse response = checks.check(json.treeToValue(request, CheckRequest.class), record.acceptLanguage(),
                ruleBase, false);
        JsonNode recorded = json.readTree(record.responseJson());
        JsonNode replayed = json.readTree(json.writeValueAsString(response));
        List<Difference> differences = new ArrayList<>();
        diff("", recorded, replayed, differences);
        return Optional.of(new Replay(evaluationId, against, record.rulesetVersion(), ruleBase.version(),
                differences.isEmpty(), differences, recorded, replayed));
    }

    /** The ruleset of a version: the active one, a kept one, or compiled from the stored files. */
    RuleBase ruleBase(String version) {
        Optional<RuleBase> base;
        try {
            base = ruleBases.find(version);
        } catch (kz.qagida.rules.RuleLoadException e) {
            // the stored files are intact, but this build's fact classes or loader no longer accept them
            throw Problems.error(HttpStatus.CONFLICT, "/problems/ruleset-not-replayable", "Ruleset not replayable",
                    "Ruleset " + version + " no longer compiles with this version of Qagida: " + e.problems().get(0), e);
        }
        if (base.isEmpty()) {
            throw Problems.error(HttpStatus.CONFLICT, "/problems/ruleset-not-stored", "Ruleset not stored",
                    "Ruleset " + version + " is not stored, so the evaluation cannot be replayed under it.", null);
        }
        return base.get();
    }

    /** Adds the differences between two answers (conclusions matched by code, fired rules by name) to {@code out}. */
    public static void diff(String path, JsonNode a, JsonNode b, List<Difference> out) {
        if (a == null || b == null || a.isMissingNode() || b.isMissingNode()) {
            if (!(isAbsent(a) && isAbsent(b))) {
                out.add(new Difference(path, isAbsent(a) ? null : a, isAbsent(b) ? null : b));
            }
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.propertyNames().forEach(names::add);
            b.propertyNames().forEach(names::add);
            for (String name : names) {
                if (path.isEmpty() && IGNORED.contains(name)) {
                    continue;
                }
                diff(path.isEmpty() ? name : path + "." + name, a.get(name), b.get(name), out);
            }
        } else if (a.isArray() && b.isArray()) {
            String key = key(a, b);
            if (key == null) {
                int n = Math.max(a.size(), b.size());
                for (int i = 0; i < n; i++) {
                    diff(path + "[" + i + "]", a.get(i), b.get(i), out);
                }
            } else {
                Map<String, JsonNode> left = byKey(a, key);
                Map<String, JsonNode> right = byKey(b, key);
                Set<String> keys = new LinkedHashSet<>(left.keySet());
                keys.addAll(right.keySet());
                for (String k : keys) {
                    diff(path + "[" + k + "]", left.get(k), right.get(k), out);
                }
            }
        } else if (!a.equals(b)) {
            out.add(new Difference(path, a, b));
        }
    }

    private static boolean isAbsent(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull();
    }

    /** Conclusions are matched by code and fired rules by name, so an inserted item shows as one difference. */
    private static String key(JsonNode a, JsonNode b) {
        for (String key : List.of("code", "name")) {
            if (uniqueKey(a, key) && uniqueKey(b, key)) {
                return key;
            }
        }
        return null;
    }

    private static boolean uniqueKey(JsonNode array, String key) {
        Set<String> seen = new HashSet<>();
        for (Iterator<JsonNode> it = array.iterator(); it.hasNext();) {
            JsonNode item = it.next();
            if (!item.isObject() || item.get(key) == null || !item.get(key).isString()
                    || !seen.add(item.get(key).asString())) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, JsonNode> byKey(JsonNode array, String key) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        array.forEach(item -> map.put(item.get(key).asString(), item));
        return map;
    }
}
