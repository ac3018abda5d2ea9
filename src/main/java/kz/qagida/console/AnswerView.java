package kz.qagida.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A check's answer as the console shows it, read from the answer's JSON (the same for a check just
 * run and a recorded one): conclusions grouped by severity, worst first, each with its message,
 * penalty, citations, deciding rule and (with explain) its derivation.
 */
record AnswerView(String evaluationId, String asOf, String status, String rulesetVersion, List<Group> groups,
        List<Fired> firedRules, String timeline) {

    private static final List<String> SEVERITIES = List.of("VIOLATION", "OBLIGATION", "WARNING", "INFO");

    record Group(String severity, List<Item> items) {
    }

    record Item(String code, String severity, String subject, String message, String dueDate, Map<String, String> facts,
            Penalty penalty, List<String> citations, Rule rule, Node explanation) {
    }

    record Penalty(String kind, String mrp, String tenge, String mrpValue, String alternatives, String article,
            String part) {
    }

    record Rule(String id, String name, String file, String row) {
    }

    record Fired(int position, String id, String name, String file, String row, List<String> citations) {
    }

    /** One step of a derivation: the rule or row, its values, the facts it matched, and the steps behind them. */
    record Node(String rule, String file, String row, Map<String, String> values, List<String> facts, List<Node> from) {
    }

    static AnswerView of(JsonNode answer, String timeline, Map<String, List<String>> firedCitations) {
        Map<String, List<Item>> bySeverity = new LinkedHashMap<>();
        SEVERITIES.forEach(s -> bySeverity.put(s, new ArrayList<>()));
        for (JsonNode c : answer.path("conclusions")) {
            Item item = item(c);
            bySeverity.computeIfAbsent(item.severity(), s -> new ArrayList<>()).add(item);
        }
        List<Group> groups = new ArrayList<>();
        bySeverity.forEach((severity, items) -> {
            if (!items.isEmpty()) {
                groups.add(new Group(severity, items));
            }
        });
        List<Fired> fired = new ArrayList<>();
        int position = 0;
        for (JsonNode f : answer.path("firedRules")) {
            String name = text(f.get("name"));
            fired.add(new Fired(++position, text(f.get("id")), name, text(f.get("file")), text(f.get("row")),
                    firedCitations.getOrDefault(name, List.of())));
        }
        return new AnswerView(text(answer.get("evaluationId")), text(answer.get("asOf")), text(answer.get("status")),
                text(answer.path("ruleset").get("version")), groups, fired, timeline);
    }

    private static Item item(JsonNode c) {
        JsonNode p = c.get("penalty");
        Penalty penalty = p == null || !p.isObject() ? null
                : new Penalty(text(p.get("kind")), text(p.get("mrp")), text(p.get("tenge")), text(p.get("mrpValue")),
                        list(p.get("alternatives")), text(p.get("article")), text(p.get("part")));
        JsonNode r = c.path("rule");
        return new Item(text(c.get("code")), text(c.get("severity")), text(c.get("subject")), text(c.get("message")),
                text(c.get("dueDate")), map(c.get("facts")), penalty, citations(c.get("citations")),
                new Rule(text(r.get("id")), text(r.get("name")), text(r.get("file")), text(r.get("row"))),
                node(c.get("explanation")));
    }

    static List<String> citations(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (JsonNode ci : list) {
                StringBuilder s = new StringBuilder(ci.path("act").asString(""));
                append(s, " art. ", ci.get("article"));
                append(s, " para. ", ci.get("paragraph"));
                append(s, " part ", ci.get("part"));
                append(s, " subpara. ", ci.get("subparagraph"));
                out.add(s.toString());
            }
        }
        return out;
    }

    private static void append(StringBuilder s, String label, JsonNode value) {
        String text = text(value);
        if (text != null) {
            s.append(label).append(text);
        }
    }

    private static Node node(JsonNode d) {
        if (d == null || !d.isObject()) {
            return null;
        }
        List<String> facts = new ArrayList<>();
        d.path("facts").forEach(f -> facts.add(f.asString()));
        List<Node> from = new ArrayList<>();
        d.path("from").forEach(f -> from.add(node(f)));
        return new Node(text(d.get("rule")), text(d.get("file")), text(d.get("row")), map(d.get("values")), facts, from);
    }

    private static Map<String, String> map(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        if (object != null && object.isObject()) {
            object.properties().forEach(e -> out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asString()
                    : e.getValue().toString()));
        }
        return out;
    }

    private static String list(JsonNode array) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            return null;
        }
        List<String> items = new ArrayList<>();
        array.forEach(a -> items.add(a.asString()));
        return String.join(", ", items);
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.isValueNode() ? n.asString() : n.toString();
    }
}
