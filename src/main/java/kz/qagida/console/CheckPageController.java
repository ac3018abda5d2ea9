package kz.qagida.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import kz.qagida.check.CheckAnswer;
import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckService;
import kz.qagida.check.FieldProblem;
import kz.qagida.check.InvalidRequestException;
import kz.qagida.facts.input.Host;
import kz.qagida.facts.input.PassportType;
import kz.qagida.facts.input.StayBasis;
import kz.qagida.facts.input.Transport;
import kz.qagida.facts.input.Visa;

/**
 * The check page: a form of the facts and a JSON tab, both turned into the API's request and
 * checked and recorded exactly as {@code POST /api/v1/checks} is; the answer links to its record.
 */
@Controller
class CheckPageController {

    private final CheckService checks;
    private final JsonMapper json;
    private final Validator validator;
    private final MessageSource messages;

    CheckPageController(CheckService checks, JsonMapper json, Validator validator, MessageSource messages) {
        this.checks = checks;
        this.json = json;
        this.validator = validator;
        this.messages = messages;
    }

    @GetMapping("/console/check")
    String page(@RequestParam(defaultValue = "form") String tab, Model model) {
        model.addAttribute("values", Map.of());
        model.addAttribute("stayRows", 1);
        model.addAttribute("requestJson", "");
        return view(model, "json".equals(tab) ? "json" : "form", false);
    }

    /** The form: run the check, or add or remove a stay row and show the form again. */
    @PostMapping("/console/check")
    String form(@RequestParam Map<String, String> posted, @RequestParam(required = false) String action,
            @RequestParam(required = false) Integer remove, Model model, Locale locale, HttpServletResponse response,
            java.security.Principal principal) {
        Map<String, String> values = new LinkedHashMap<>(posted);
        values.keySet().removeIf(k -> !k.startsWith("stays[") && !CheckForm.FIELDS.containsKey(k));
        boolean explain = "true".equals(posted.get("explain"));
        if (remove != null || "addStay".equals(action)) {
            Map<String, String> shown = remove != null ? CheckForm.withoutStay(values, remove) : values;
            int rows = CheckForm.stayRows(shown) + (remove == null ? 1 : 0);
            model.addAttribute("values", shown);
            model.addAttribute("stayRows", Math.max(1, Math.min(rows, CheckForm.MAX_STAYS)));
            model.addAttribute("requestJson", pretty(CheckForm.toJson(shown)));
            return view(model, "form", explain);
        }
        return run(CheckForm.toJson(values), "form", explain, model, locale, response, principal);
    }

    /** The JSON tab: a request as the API takes it, pasted and run. */
    @PostMapping("/console/check/json")
    String json(@RequestParam(name = "request", defaultValue = "") String body,
            @RequestParam(required = false) String explain, Model model, Locale locale, HttpServletResponse response,
            java.security.Principal principal) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException e) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            response.setStatus(400);
            model.addAttribute("values", Map.of());
            model.addAttribute("stayRows", 1);
            model.addAttribute("requestJson", body);
            model.addAttribute("errors", List.of(new FieldProblem("request", text("check.notJson", locale))));
            return view(model, "json", "true".equals(explain));
        }
        return run((ObjectNode) tree, "json", "true".equals(explain), model, locale, response, principal);
    }

    private String run(ObjectNode tree, String tab, boolean explain, Model model, Locale locale,
            HttpServletResponse response, java.security.Principal principal) {
        Map<String, String> values = CheckForm.values(tree);
        model.addAttribute("values", values);
        model.addAttribute("stayRows", CheckForm.stayRows(values));
        String body = pretty(tree);
        model.addAttribute("requestJson", body);
        List<FieldProblem> errors = new ArrayList<>();
        CheckRequest request = null;
        try {
            request = json.treeToValue(tree, CheckRequest.class);
        } catch (DatabindException e) {
            errors.add(new FieldProblem(path(e), text("check.badValue", locale)));
        }
        if (request != null) {
            Set<ConstraintViolation<CheckRequest>> violations = validator.validate(request);
            violations.forEach(v -> errors.add(new FieldProblem(v.getPropertyPath().toString(), v.getMessage())));
        }
        if (errors.isEmpty()) {
            try {
                CheckAnswer answer = checks.check(request, body.getBytes(StandardCharsets.UTF_8),
                        locale.getLanguage(), principal.getName(), explain);
                JsonNode answerJson = json.readTree(answer.json());
                model.addAttribute("answer", AnswerView.of(answerJson,
                        StayTimeline.svg(tree, answerJson, (key, args) -> messages.getMessage(key, args, locale)),
                        Map.of()));
            } catch (InvalidRequestException e) {
                errors.addAll(e.errors());
            } catch (org.springframework.web.ErrorResponseException e) {
                if (e.getStatusCode().value() != 503) {
                    throw e;
                }
                response.setStatus(503); // the audit trail cannot record: the check is not answered
                model.addAttribute("unavailable", true);
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(400);
            model.addAttribute("errors", errors);
        }
        return view(model, tab, explain);
    }

    private String view(Model model, String tab, boolean explain) {
        model.addAttribute("tab", tab);
        model.addAttribute("explain", explain);
        model.addAttribute("passports", PassportType.values());
        model.addAttribute("bases", StayBasis.values());
        model.addAttribute("transports", Transport.values());
        model.addAttribute("entries", Visa.VisaEntries.values());
        model.addAttribute("hostKinds", Host.Kind.values());
        model.addAttribute("hostSizes", Host.Size.values());
        return "console/check";
    }

    /** The JSON path of the field a binding error is about ({@code stays[0].entry}). */
    private static String path(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "request" : path.toString();
    }

    private String pretty(JsonNode tree) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
