package kz.qagida.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The check form's fields are named by their JSON path in the request ({@code person.citizenship},
 * {@code stays[1].exit}), so the form and the JSON tab are two views of one request: the form is
 * turned into the request's JSON, and a request's JSON back into the form's values. Empty fields
 * and unticked boxes are left out, so an object with nothing filled in is an absent fact.
 */
final class CheckForm {

    enum Kind {
        TEXT, DATE, FLAG, NUMBER, LIST
    }

    /** The fields of the form, by path (stays: {@code stays[].entry}). */
    static final Map<String, Kind> FIELDS = fields();

    private static final Pattern STAY = Pattern.compile("stays\\[(\\d{1,3})]\\.(\\w+)");
    static final int MAX_STAYS = 50;

    private CheckForm() {
    }

    private static Map<String, Kind> fields() {
        Map<String, Kind> f = new LinkedHashMap<>();
        f.put("asOf", Kind.DATE);
        for (String p : List.of("person.citizenship", "visa.category", "residencePermit.purpose", "requests.visaCategoryChangeTo",
                "requests.documentFor")) {
            f.put(p, Kind.TEXT);
        }
        for (String p : List.of("person.passportType", "visa.entries", "host.kind", "host.size",
                "requests.plannedEntry.transport", "stays[].basis", "stays[].transport")) {
            f.put(p, Kind.TEXT);
        }
        for (String p : List.of("person.birthDate", "person.passportExpiry", "stays[].entry", "stays[].exit", "visa.issued",
                "visa.validUntil", "residencePermit.issued", "residencePermit.validUntil", "host.notifiedOn",
                "history.expulsionDecisionOn", "history.lastOverstayPenaltyOn", "requests.plannedEntry.date")) {
            f.put(p, Kind.DATE);
        }
        for (String p : List.of("person.ethnicKazakh", "visa.electronic", "work.employed", "work.workPermit",
                "transit.onwardDocument", "history.unservedPenalty", "forceMajeure")) {
            f.put(p, Kind.FLAG);
        }
        f.put("host.penaltiesLast12Months", Kind.NUMBER);
        f.put("requests.plannedEntry.days", Kind.NUMBER);
        f.put("history.offences", Kind.LIST);
        f.put("requests.stateServices", Kind.LIST);
        return f;
    }

    /** The request's JSON from the posted fields; unknown field names are ignored. */
    static ObjectNode toJson(Map<String, String> posted) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        Map<Integer, Map<String, String>> stays = new TreeMap<>();
        for (Map.Entry<String, String> e : posted.entrySet()) {
            String value = e.getValue() == null ? "" : e.getValue().strip();
            if (value.isEmpty()) {
                continue;
            }
            Matcher m = STAY.matcher(e.getKey());
            if (m.matches()) {
                if (FIELDS.containsKey("stays[]." + m.group(2)) && Integer.parseInt(m.group(1)) < MAX_STAYS) {
                    stays.computeIfAbsent(Integer.valueOf(m.group(1)), i -> new LinkedHashMap<>()).put(m.group(2), value);
                }
                continue;
            }
            Kind kind = FIELDS.get(e.getKey());
            if (kind == null || e.getKey().startsWith("stays[]")) {
                continue;
            }
            put(root, e.getKey(), kind, value);
        }
        if (!stays.isEmpty()) {
            ArrayNode array = root.putArray("stays");
            stays.values().stream().filter(s -> s.containsKey("entry") || s.containsKey("exit")).forEach(s -> {
                ObjectNode stay = array.addObject();
                s.forEach(stay::put);
            });
        }
        return root;
    }

    private static void put(ObjectNode root, String path, Kind kind, String value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        String name = parts[parts.length - 1];
        switch (kind) {
            case FLAG -> node.put(name, "true".equalsIgnoreCase(value) || "on".equalsIgnoreCase(value));
            case NUMBER -> {
                try {
                    node.put(name, Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    node.put(name, value); // the binding names the field
                }
            }
            case LIST -> {
                ArrayNode list = node.putArray(name);
                for (String item : value.split(",")) {
                    if (!item.isBlank()) {
                        list.add(item.strip());
                    }
                }
            }
            default -> node.put(name, value);
        }
    }

    /** The form's values from a request's JSON: each known field by path, lists joined by commas. */
    static Map<String, String> values(JsonNode request) {
        Map<String, String> values = new LinkedHashMap<>();
        if (request == null || !request.isObject()) {
            return values;
        }
        for (Map.Entry<String, Kind> f : FIELDS.entrySet()) {
            if (f.getKey().startsWith("stays[]")) {
                continue;
            }
            JsonNode node = request;
            for (String part : f.getKey().split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            String text = text(node);
            if (text != null) {
                values.put(f.getKey(), text);
            }
        }
        JsonNode stays = request.get("stays");
        if (stays != null && stays.isArray()) {
            for (int i = 0; i < stays.size() && i < MAX_STAYS; i++) {
                for (String name : Set.of("entry", "exit", "basis", "transport")) {
                    String text = text(stays.get(i).get(name));
                    if (text != null) {
                        values.put("stays[" + i + "]." + name, text);
                    }
                }
            }
        }
        return values;
    }

    /** How many stay rows the form shows: those given, at least one. */
    static int stayRows(Map<String, String> values) {
        int rows = 1;
        for (String key : values.keySet()) {
            Matcher m = STAY.matcher(key);
            if (m.matches()) {
                rows = Math.max(rows, Integer.parseInt(m.group(1)) + 1);
            }
        }
        return Math.min(rows, MAX_STAYS);
    }

    /** The posted values with stay row {@code index} taken out and the rows after it moved up. */
    static Map<String, String> withoutStay(Map<String, String> posted, int index) {
        Map<String, String> out = new LinkedHashMap<>();
        posted.forEach((key, value) -> {
            Matcher m = STAY.matcher(key);
            if (!m.matches()) {
                out.put(key, value);
            } else {
                int i = Integer.parseInt(m.group(1));
                if (i != index) {
                    out.put("stays[" + (i > index ? i - 1 : i) + "]." + m.group(2), value);
                }
            }
        });
        return out;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isObject()) {
            return null;
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.asString()));
            return String.join(", ", items);
        }
        return node.asString();
    }
}
