package kz.qagida.check.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import kz.qagida.check.CheckAnswer;
import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckResponse;
import kz.qagida.check.CheckService;
import kz.qagida.check.FieldProblem;
import kz.qagida.check.InvalidRequestException;
import kz.qagida.check.Problems;

/**
 * {@code POST /api/v1/checks/batch}: up to {@value #MAX_CHECKS} checks (an HR roster) in one call, one
 * result per item in order. Each item is read, validated and checked on its own, so a bad item gets
 * its own 400 problem and does not sink the others.
 */
@RestController
class BatchController {

    static final int MAX_CHECKS = 1000;
    private static final Logger log = LoggerFactory.getLogger(BatchController.class);

    /** The answer for one item: {@code result} when {@code status} is 200, {@code problem} otherwise. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ItemResult(int index, int status, CheckResponse result, Map<String, Object> problem) {
    }

    record BatchResponse(List<ItemResult> results) {
    }

    private final CheckService checks;
    private final CheckMetrics metrics;
    private final JsonMapper json;

    BatchController(CheckService checks, CheckMetrics metrics, JsonMapper json) {
        this.checks = checks;
        this.metrics = metrics;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/checks/batch", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    BatchResponse batch(@RequestBody JsonNode body,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
            @RequestParam(name = "explain", defaultValue = "false") boolean explain,
            HttpServletRequest http) {
        String caller = CheckController.caller(http);
        JsonNode checks = body == null ? null : body.get("checks");
        if (checks == null || !checks.isArray()) {
            throw new InvalidRequestException(List.of(new FieldProblem("checks", "required: an array of check requests")));
        }
        if (checks.size() > MAX_CHECKS) {
            throw new InvalidRequestException(
                    List.of(new FieldProblem("checks", "at most " + MAX_CHECKS + " items (got " + checks.size() + ")")));
        }
        if (checks.isEmpty()) {
            throw new InvalidRequestException(List.of(new FieldProblem("checks", "at least one item")));
        }
        // every item is checked and its record queued first, then the answers wait for their commits:
        // a few commits for the whole batch rather than one after each item
        List<Supplier<ItemResult>> items = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            items.add(submit(i, checks.get(i), acceptLanguage, explain, caller));
        }
        return new BatchResponse(items.stream().map(Supplier::get).toList());
    }

    /**
     * One item, read, validated, checked and queued for the audit trail like a single check; the
     * result it gives waits for the record's commit.
     */
    private Supplier<ItemResult> submit(int index, JsonNode item, String acceptLanguage, boolean explain,
            String caller) {
        CheckRequest request;
        try {
            if (item == null || !item.isObject()) {
                return refused(index, List.of(new FieldProblem("body", "expected a JSON object with at least person.citizenship")));
            }
            request = json.treeToValue(item, CheckRequest.class);
        } catch (JacksonException e) {
            FieldProblem problem = Problems.fromJackson(e);
            return refused(index, List.of(problem != null ? problem : new FieldProblem("body", "not a readable check request")));
        }
        long started = System.nanoTime();
        Supplier<CheckAnswer> answer = submitted(request, acceptLanguage, caller, explain);
        // the item's latency: its evaluation, then its own wait for the commit, not the items after it
        long spent = System.nanoTime() - started;
        return () -> answer(index, spent, answer);
    }

    /** The item's answer to come, or the failure of its check, thrown when the answer is asked for. */
    private Supplier<CheckAnswer> submitted(CheckRequest request, String acceptLanguage, String caller,
            boolean explain) {
        try {
            return checks.submit(request, null, acceptLanguage, caller, explain);
        } catch (RuntimeException e) {
            return () -> {
                throw e;
            };
        }
    }

    /** An item's answer once its record is committed; its failure stays its own. */
    private ItemResult answer(int index, long spentNanos, Supplier<CheckAnswer> answer) {
        try {
            return new ItemResult(index, 200, metrics.record(spentNanos, answer, CheckAnswer::response).response(),
                    null);
        } catch (InvalidRequestException e) {
            return new ItemResult(index, 400, null, view(Problems.invalidRequest(e.errors())));
        } catch (kz.qagida.rules.EvaluationTooLargeException e) {
            return new ItemResult(index, 422, null, view(Problems.tooLarge(e)));
        } catch (ErrorResponseException e) {
            // the record could not be kept (503), say
            return new ItemResult(index, e.getStatusCode().value(), null, view(e.getBody()));
        } catch (RuntimeException e) {
            log.error("Unexpected error in batch item {}", index, e);
            return new ItemResult(index, 500, null,
                    view(Problems.internalError("The service failed to answer this item; the error has been logged.")));
        }
    }

    private Supplier<ItemResult> refused(int index, List<FieldProblem> errors) {
        metrics.invalid();
        ItemResult result = new ItemResult(index, 400, null, view(Problems.invalidRequest(errors)));
        return () -> result;
    }

    private static Map<String, Object> view(ProblemDetail problem) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (problem.getType() != null) {
            out.put("type", problem.getType().toString());
        }
        out.put("title", problem.getTitle());
        out.put("status", problem.getStatus());
        out.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            out.putAll(problem.getProperties());
        }
        return out;
    }
}
