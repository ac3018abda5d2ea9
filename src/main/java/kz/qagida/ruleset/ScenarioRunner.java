package kz.qagida.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckResponse;
import kz.qagida.check.CheckService;
import kz.qagida.check.InvalidRequestException;

/**
 * Reads {@code scenarios/**.yaml} and checks each case against the rules. A file holds a list
 * under {@code scenarios:}; each case has {@code name}, {@code request} (the API's JSON as YAML)
 * and {@code expect}: {@code status}, {@code conclusions} (each: {@code code} and optionally
 * {@code severity}, {@code subject}, {@code rule} (rulebook id), {@code ruleName}, {@code dueDate},
 * {@code facts}, {@code penalty}, {@code citations}: all given fields must match), {@code absent}
 * (codes that must not appear), {@code fired} (rule names that must have fired). Only what is
 * written is checked, but an expected conclusion must be found.
 */
public final class ScenarioRunner {

    /** The folder of a rules root that holds the scenario files. */
    public static final String FOLDER = "scenarios";
    private static final YAMLMapper YAML = new YAMLMapper();

    private final CheckService service;
    private final JsonMapper json;

    public ScenarioRunner(CheckService service, JsonMapper json) {
        this.service = service;
        this.json = json;
    }

    public static List<Scenario> read(Path rulesRoot) {
        Path dir = rulesRoot.resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Scenario> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".yaml")).sorted(Comparator.naturalOrder()).toList()) {
                String rel = rulesRoot.relativize(file).toString().replace('\\', '/');
                JsonNode doc = YAML.readTree(Files.readString(file));
                JsonNode list = doc == null ? null : doc.get("scenarios");
                if (list == null || !list.isArray() || list.isEmpty()) {
                    throw new IllegalArgumentException(rel + ": expected a non-empty list under 'scenarios:'");
                }
                for (JsonNode s : list) {
                    if (!s.hasNonNull("name") || !s.hasNonNull("request") || !s.hasNonNull("expect")) {
                        throw new IllegalArgumentException(rel + ": every scenario needs name, request and expect: " + s);
                    }
                    all.add(new Scenario(rel, s.get("name").asString(), s.get("request"), s.get("expect")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** Runs one scenario; the list of failures is empty when it passes. */
    public List<String> run(Scenario scenario) {
        List<String> failures = new ArrayList<>();
        if (!scenario.request().hasNonNull("asOf")) {
            failures.add("the request must set asOf, so that the scenario does not change with the calendar");
            return failures;
        }
        CheckResponse response;
        try {
            response = service.check(json.treeToValue(scenario.request(), CheckRequest.class), "en");
        } catch (InvalidRequestException e) {
            failures.add("the request is invalid: " + e.errors());
            return failures;
        }
        JsonNode actual = json.valueToTree(response);
        JsonNode expect = scenario.expect();
        if (expect.hasNonNull("status") && !expect.get("status").asString().equals(actual.get("status").asString())) {
            failures.add("status: expected " + expect.get("status").asString() + " but was " + actual.get("status").asString());
        }
        for (JsonNode wanted : expect.path("conclusions")) {
            boolean found = false;
            for (JsonNode c : actual.get("conclusions")) {
                if (matches(wanted, c)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                failures.add("no conclusion matches " + wanted);
            }
        }
        for (JsonNode code : expect.path("absent")) {
            for (JsonNode c : actual.get("conclusions")) {
                if (c.get("code").asString().equals(code.asString())) {
                    failures.add(code.asString() + " must not appear but did: " + c);
                }
            }
        }
        for (JsonNode name : expect.path("fired")) {
            boolean fired = false;
            for (JsonNode f : actual.get("firedRules")) {
                fired |= f.get("name").asString().equals(name.asString());
            }
            if (!fired) {
                failures.add("rule \"" + name.asString() + "\" did not fire");
            }
        }
        if (!failures.isEmpty()) {
            failures.add("actual conclusions: " + actual.get("conclusions"));
        }
        return failures;
    }

    private static boolean matches(JsonNode wanted, JsonNode actual) {
        for (Map.Entry<String, JsonNode> e : wanted.properties()) {
            JsonNode value = switch (e.getKey()) {
                case "rule" -> actual.path("rule").path("id");
                case "ruleName" -> actual.path("rule").path("name");
                default -> actual.path(e.getKey());
            };
            if (!contains(value, e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Objects match when every wanted field matches; arrays when each wanted item is found; scalars by text. */
    static boolean contains(JsonNode actual, JsonNode wanted) {
        if (wanted.isNull()) {
            return actual.isNull() || actual.isMissingNode();
        }
        if (wanted.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : wanted.properties()) {
                if (!contains(actual.path(e.getKey()), e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (wanted.isArray()) {
            if (!actual.isArray()) {
                return false;
            }
            for (JsonNode w : wanted) {
                boolean found = false;
                for (JsonNode a : actual) {
                    found |= contains(a, w);
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
        if (actual.isMissingNode() || actual.isNull() || actual.isContainer()) {
            return false;
        }
        if (wanted.isNumber() && actual.isNumber()) {
            return wanted.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return wanted.asString().equals(actual.asString());
    }

    /**
     * The rulebook ids that scenarios pin: an expected conclusion's {@code rule}, or the id that
     * starts a rule name listed under {@code fired}.
     */
    public static Set<String> pinnedRuleIds(List<Scenario> scenarios) {
        Set<String> ids = new TreeSet<>();
        for (Scenario s : scenarios) {
            for (JsonNode c : s.expect().path("conclusions")) {
                if (c.hasNonNull("rule")) {
                    ids.add(c.get("rule").asString());
                }
            }
            for (JsonNode name : s.expect().path("fired")) {
                ids.add(name.asString().split(" ", 2)[0]);
            }
        }
        return ids;
    }
}
