package kz.qagida.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

import kz.qagida.audit.FiredRuleEntry;
import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckResponse;
import kz.qagida.law.Penalty;

/**
 * Makes the served API document one that clients can generate from: capabilities as tags, a
 * summary on every operation, the error answers of every operation with one problem-details
 * schema, typed schemas where the code holds JSON trees, the upload's request body, and the
 * nullable fields of the contract.
 */
final class ApiContract implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    private record Capability(String prefix, String tag, String description) {
    }

    private static final List<Capability> CAPABILITIES = List.of(
            new Capability("/api/v1/checks", "Checks", "Check a foreigner's situation against the law in force on a date"),
            new Capability("/api/v1/evaluations", "Evaluations", "Recorded checks: look one up, search them, replay one"),
            new Capability("/api/v1/audit", "Audit", "Verify the audit trail and list the rulesets it refers to"),
            new Capability("/api/v1/rules", "Rules", "The rules catalogue: each rule's citation, validity and firings"),
            new Capability("/api/v1/ruleset", "Ruleset", "The serving ruleset: inspect, validate, publish, reload, roll back"),
            new Capability("/api/v1/reference", "Reference", "Reference data such as migration offices"),
            new Capability("/api/v1/bench", "Benchmark", "A no-op endpoint for benchmarks"));

    /** Summaries of known operations, by "METHOD path"; others get one made from their operation id. */
    private static final Map<String, String> SUMMARIES = Map.ofEntries(
            Map.entry("POST /api/v1/checks", "Check one person"),
            Map.entry("POST /api/v1/checks/batch", "Check many people at once"),
            Map.entry("GET /api/v1/evaluations/{id}", "Look up a recorded check"),
            Map.entry("GET /api/v1/evaluations", "Search recorded checks"),
            Map.entry("POST /api/v1/evaluations/{id}/replay", "Replay a recorded check"),
            Map.entry("GET /api/v1/audit/verify", "Verify the audit chain"),
            Map.entry("GET /api/v1/audit/rulesets", "List the stored rulesets"),
            Map.entry("GET /api/v1/rules/{id}/firings", "Recorded checks in which a rule fired"),
            Map.entry("GET /api/v1/rules", "List the rules"),
            Map.entry("GET /api/v1/rules/{id}", "Show a rule"),
            Map.entry("GET /api/v1/ruleset", "Show the serving ruleset"),
            Map.entry("GET /api/v1/ruleset/history", "Show the ruleset history"),
            Map.entry("POST /api/v1/ruleset/reload", "Reload the rules from their source"),
            Map.entry("POST /api/v1/ruleset/validate", "Validate a zipped rules root without activating it"),
            Map.entry("POST /api/v1/ruleset/rollback", "Roll back to the previous ruleset"),
            Map.entry("GET /api/v1/reference/offices", "List migration offices"));

    /**
     * Fields the contract shows as null (dates not yet known, an open stay's exit) and answer fields
     * that are null when they do not apply, wherever a schema has them.
     */
    private static final Set<String> NULLABLE = Set.of("exit", "basis", "transport", "lastPenaltyOn", "notifiedOn",
            "expulsionDecisionOn", "lastOverstayPenaltyOn", "dueDate", "penalty", "explanation", "birthDate",
            "passportExpiry");

    @Override
    public void customise(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas() == null ? new LinkedHashMap<>()
                : api.getComponents().getSchemas();
        api.getComponents().setSchemas(schemas);
        for (Class<?> type : List.of(CheckRequest.class, CheckResponse.class, FiredRuleEntry.class, Penalty.class)) {
            ModelConverters.getInstance().readAll(type).forEach(schemas::putIfAbsent);
        }
        schemas.put(PROBLEM, problem());
        schemas.put("FieldError", new ObjectSchema().description("One invalid field or cell and what is wrong with it")
                .addProperty("field", new StringSchema().description("JSON path of the field (stays[1].exit), or the cell"))
                .addProperty("message", new StringSchema()).required(List.of("field", "message")));
        typed(schemas);
        nullable(schemas);
        api.setTags(CAPABILITIES.stream().map(c -> new Tag().name(c.tag()).description(c.description())).toList());
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String key = method.name() + " " + path;
            op.setTags(List.of(tag(path)));
            if (op.getSummary() == null) {
                op.setSummary(SUMMARIES.getOrDefault(key, words(op.getOperationId())));
            }
            if (op.getDescription() == null) {
                op.setDescription(op.getSummary() + ".");
            }
            if (key.equals("POST /api/v1/ruleset/validate")) {
                op.setRequestBody(new RequestBody().required(true).description("A zipped rules root: rules-drl/, "
                        + "decision-tables/, messages/, reference/, scenarios/").content(new Content()
                        .addMediaType("application/zip", new MediaType().schema(new BinarySchema()))
                        .addMediaType("application/octet-stream", new MediaType().schema(new BinarySchema()))));
            }
            errors(path, method, op);
        }));
    }

    private static Schema<?> problem() {
        return new ObjectSchema().description("An error answer (RFC 9457 problem details)")
                .addProperty("type", new StringSchema().description("URI reference naming the kind of problem"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema().format("int32"))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
                        .description("Each invalid field (400) or table cell (422)"));
    }

    /** Where the code keeps JSON trees, the document names what they hold. */
    private static void typed(Map<String, Schema> schemas) {
        property(schemas, "EvaluationView", "request", ref("CheckRequest"));
        property(schemas, "EvaluationView", "response", ref("CheckResponse"));
        property(schemas, "EvaluationView", "firedRules", new ArraySchema().items(ref("FiredRuleEntry")));
        property(schemas, "Replay", "recorded", ref("CheckResponse"));
        property(schemas, "Replay", "replayed", ref("CheckResponse"));
        property(schemas, "Difference", "recorded", any());
        property(schemas, "Difference", "replayed", any());
        schemas.forEach((name, schema) -> {
            Map<String, Schema> props = schema.getProperties();
            if (props != null && props.get("penalty") instanceof Schema<?> p && p.get$ref() == null && p.getProperties() == null) {
                props.put("penalty", ref("Penalty"));
            }
            if (props != null && props.get("facts") instanceof Schema<?> f && f.getAdditionalProperties() != null) {
                f.setAdditionalProperties(new Schema<>().description("A number, date, text or list"));
            }
        });
        schemas.remove("JsonNode");
    }

    private static Schema<?> any() {
        return new Schema<>().description("Any JSON value; absent or null when absent on this side");
    }

    private static Schema<?> ref(String name) {
        return new Schema<>().$ref("#/components/schemas/" + name);
    }

    private static void property(Map<String, Schema> schemas, String schema, String property, Schema<?> value) {
        Schema<?> s = schemas.get(schema);
        if (s != null && s.getProperties() != null && s.getProperties().containsKey(property)) {
            s.getProperties().put(property, value);
        }
    }

    private static void nullable(Map<String, Schema> schemas) {
        schemas.forEach((name, s) -> {
            if (s.getProperties() == null || name.equals(PROBLEM)) {
                return;
            }
            for (String p : NULLABLE) {
                Schema<?> prop = (Schema<?>) s.getProperties().get(p);
                if (prop != null && prop.get$ref() != null) {
                    // a $ref cannot carry nullable in OpenAPI 3.0: wrap it
                    s.getProperties().put(p, new ObjectSchema().nullable(true).allOf(List.of(prop)));
                } else if (prop != null) {
                    prop.setNullable(true);
                }
            }
        });
    }

    private static void errors(String path, PathItem.HttpMethod method, Operation op) {
        ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
        op.setResponses(responses);
        boolean body = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT;
        error(responses, "400", "The request is invalid: each field named in errors[]");
        error(responses, "401", "No API key, or an unknown one (header X-API-Key)");
        error(responses, "403", "The key lacks the role this operation needs");
        if (path.contains("{")) {
            error(responses, "404", "Nothing recorded under this id");
        }
        if (body) {
            error(responses, "413", "The request body is larger than the limit");
            error(responses, "415", "The body is not in a media type this operation accepts");
        }
        if (path.startsWith("/api/v1/ruleset") || path.contains("/replay")) {
            error(responses, "409", "The ruleset cannot serve this (not stored, or refused by the gate)");
        }
        if (path.startsWith("/api/v1/checks") || path.startsWith("/api/v1/ruleset")) {
            error(responses, "422", "Understood but not processable (a refused table cell, or an answer too large)");
        }
        if (path.startsWith("/api/v1/checks") || path.contains("/replay")) {
            error(responses, "503", "The audit trail cannot record the check now: retry later");
        }
        error(responses, "500", "An unexpected error (never with a stack trace)");
        if (responses.get("200") != null && responses.get("200").getDescription() != null
                && responses.get("200").getDescription().equals("OK")) {
            responses.get("200").setDescription(op.getSummary() == null ? "OK" : "OK: " + op.getSummary().toLowerCase(Locale.ROOT));
        }
    }

    private static void error(ApiResponses responses, String status, String description) {
        ApiResponse existing = responses.get(status);
        responses.addApiResponse(status, new ApiResponse()
                .description(existing != null && existing.getDescription() != null && !existing.getDescription().isBlank()
                        && !existing.getDescription().equals("Not Found") ? existing.getDescription() : description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(ref(PROBLEM)))));
    }

    private static String tag(String path) {
        return CAPABILITIES.stream().filter(c -> path.equals(c.prefix()) || path.startsWith(c.prefix() + "/"))
                .reduce((a, b) -> b.prefix().length() > a.prefix().length() ? b : a).map(Capability::tag).orElse("Other");
    }

    /** "publishRuleset" → "Publish ruleset". */
    static String words(String operationId) {
        if (operationId == null || operationId.isBlank()) {
            return "Operation";
        }
        String spaced = operationId.replaceAll("_\\d+$", "").replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
