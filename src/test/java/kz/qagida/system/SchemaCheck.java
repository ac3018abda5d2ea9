package kz.qagida.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A small validator of a JSON value against an OpenAPI 3.0 schema: $ref, allOf, type, nullable,
 * required, properties, items, enum. Enough to prove that the contract's examples fit the document.
 */
final class SchemaCheck {

    private SchemaCheck() {
    }

    static List<String> errors(JsonNode doc, JsonNode schema, JsonNode value, String path) {
        List<String> out = new ArrayList<>();
        check(doc, schema, value, path, out);
        return out;
    }

    private static void check(JsonNode doc, JsonNode schema, JsonNode value, String path, List<String> out) {
        if (schema.hasNonNull("$ref")) {
            check(doc, doc.at(schema.get("$ref").asString().substring(1)), value, path, out);
            return;
        }
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                out.add(path + " is null but not nullable");
            }
            return;
        }
        for (JsonNode part : schema.path("allOf")) {
            check(doc, part, value, path, out);
        }
        String type = schema.path("type").asString("");
        boolean ok = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!ok) {
            out.add(path + " is not " + type + ": " + value);
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(value);
            }
            if (!found) {
                out.add(path + " " + value + " is not one of " + schema.get("enum"));
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asString())) {
                out.add(path + "." + required.asString() + " is required");
            }
        }
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                JsonNode property = schema.path("properties").path(e.getKey());
                if (!property.isMissingNode()) {
                    check(doc, property, e.getValue(), path + "." + e.getKey(), out);
                } else if (schema.has("properties")) {
                    out.add(path + "." + e.getKey() + " is not in the schema");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(doc, schema.get("items"), value.get(i), path + "[" + i + "]", out);
            }
        }
    }
}
