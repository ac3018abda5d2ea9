package kz.qagida.check;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.check.CheckRequest.StayInput;
import kz.qagida.law.Conclusion;
import kz.qagida.law.Countries;
import kz.qagida.law.Severity;
import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.Evaluation;
import kz.qagida.rules.EvaluationTooLargeException;
import kz.qagida.rules.RuleBase;

/**
 * The check use case: turns a request into facts, runs the rules in force on {@code asOf}, shapes
 * the answer and has it recorded ({@link CheckRecorder}) before it is given.
 */
@Service
public class CheckService {

    private static final Comparator<Conclusion> ORDER = Comparator.comparing(Conclusion::severity)
            .thenComparing(Conclusion::code);

    private final ActiveRuleBase rules;
    private final Clock clock;
    private final JsonMapper json;
    private final CheckRecorder recorder;
    private final CheckLimits limits;

    /** Evaluation only (scenarios, replays, benchmarks): {@link #submit} is not available. */
    public CheckService(ActiveRuleBase rules, Clock clock) {
        this(rules, clock, null, null, CheckLimits.defaults());
    }

    /** Evaluation only, under these ceilings (the gate's scenarios run under the service's). */
    public CheckService(ActiveRuleBase rules, Clock clock, CheckLimits limits) {
        this(rules, clock, null, null, limits);
    }

    public CheckService(ActiveRuleBase rules, Clock clock, JsonMapper json, CheckRecorder recorder) {
        this(rules, clock, json, recorder, CheckLimits.defaults());
    }

    @Autowired
    public CheckService(ActiveRuleBase rules, Clock clock, JsonMapper json, CheckRecorder recorder, CheckLimits limits) {
        this.rules = rules;
        this.clock = clock;
        this.json = json;
        this.recorder = recorder;
        this.limits = limits;
    }

    /** The ceilings of one evaluation. */
    public CheckLimits limits() {
        return limits;
    }

    /** Refuses an answer whose JSON is over the ceiling, before anything of it is recorded. */
    void checkAnswerSize(int bytes) {
        if (bytes > limits.maxAnswerSize().toBytes()) {
            throw new EvaluationTooLargeException("answer-size", limits.maxAnswerSize().toBytes(),
                    "the answer would be " + bytes + " bytes, over the ceiling of " + limits.maxAnswerSize().toBytes()
                    + " bytes (qagida.checks.max-answer-size)");
        }
    }

    /**
     * Checks and records: the answer is given only once its record is committed. {@code body} is the
     * request as sent (UTF-8), recorded as the request when given, else the request written as JSON;
     * with {@code explain} the answer carries each conclusion's derivation.
     */
    public CheckAnswer check(CheckRequest request, byte[] body, String acceptLanguage, String caller, boolean explain) {
        return submit(request, body, acceptLanguage, caller, explain).get();
    }

    /**
     * Checks and queues the record without waiting for its commit, so that a caller with many checks
     * (a batch) waits once for all of them: the supplier gives the answer once the record is committed
     * and throws (503) when it is not.
     */
    public Supplier<CheckAnswer> submit(CheckRequest request, byte[] body, String acceptLanguage, String caller,
            boolean explain) {
        if (json == null) {
            throw new IllegalStateException("this CheckService evaluates only; it has no recorder");
        }
        // announced before the evaluation, so that a commit under way may wait for this record
        try (CheckRecorder.Recording recording = recorder.announce()) {
            RuleBase ruleBase = rules.get();
            long started = System.nanoTime();
            CheckResponse response = check(request, acceptLanguage, ruleBase, explain);
            long micros = (System.nanoTime() - started) / 1000;
            byte[] answer = json.writeValueAsBytes(response);
            checkAnswerSize(answer.length);
            CheckAnswer result = new CheckAnswer(response, answer);
            if (recording == null) {
                return () -> result;
            }
            String requestJson = body != null ? new String(body, StandardCharsets.UTF_8) : json.writeValueAsString(request);
            Runnable commit = recording.queue(new CheckRecorder.CheckRecord(request, requestJson, response,
                    new String(answer, StandardCharsets.UTF_8), ruleBase, caller, acceptLanguage, micros));
            return () -> {
                commit.run();
                return result;
            };
        }
    }

    public CheckResponse check(CheckRequest request, String acceptLanguage) {
        return check(request, acceptLanguage, rules.get(), false);
    }

    /**
     * Checks under the given rule base (the audit trail records which one, and replays under a
     * stored one); with {@code explain}, each conclusion carries the chain of rules, rows and facts
     * behind it.
     */
    public CheckResponse check(CheckRequest request, String acceptLanguage, RuleBase ruleBase, boolean explain) {
        LocalDate asOf = request.asOf() != null ? request.asOf() : LocalDate.now(clock);
        List<Object> facts = facts(request, asOf);
        Evaluation evaluation = ruleBase.evaluate(asOf, facts, explain, limits.maxFirings());

        String language = Messages.language(acceptLanguage, ruleBase.messages());
        List<Conclusion> conclusions = new ArrayList<>(evaluation.conclusions());
        conclusions.sort(ORDER);
        List<CheckResponse.ConclusionView> views = conclusions.stream()
                .map(c -> new CheckResponse.ConclusionView(c.code(), c.severity(), c.subject(),
                        Messages.render(c, language, ruleBase.messages()), c.dueDate(), c.facts(), c.penalty(),
                        c.citations(), c.rule().ref(), evaluation.derivations().get(c),
                        Messages.interpretation(c.interpretation(), language, ruleBase.messages())))
                .toList();
        return new CheckResponse(UUID.randomUUID(), asOf,
                new CheckResponse.Ruleset(ruleBase.version(), ruleBase.loadedAt()), status(conclusions), views,
                evaluation.firedRules());
    }

    static Status status(List<Conclusion> conclusions) {
        if (conclusions.stream().anyMatch(Conclusion::entryDenied)) {
            return Status.ENTRY_DENIED;
        }
        if (conclusions.stream().anyMatch(c -> c.severity() == Severity.VIOLATION)) {
            return Status.VIOLATION;
        }
        if (conclusions.stream().anyMatch(c -> c.severity() == Severity.OBLIGATION)) {
            return Status.ACTION_REQUIRED;
        }
        return Status.COMPLIANT;
    }

    /**
     * Stays that overlap, naming both: one person is in one stay at a time. Only an exit and an entry on
     * the same day may touch (the person left and came back); identical stays overlap. Sorted by entry,
     * each stay is compared with the one reaching furthest before it.
     */
    static List<FieldProblem> overlaps(List<StayInput> stays) {
        List<FieldProblem> errors = new ArrayList<>();
        Integer[] order = new Integer[stays.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparing((Integer i) -> stays.get(i).entry())
                .thenComparing(i -> stays.get(i).exit(), Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(i -> i));
        Integer furthest = null;
        for (Integer i : order) {
            StayInput s = stays.get(i);
            if (furthest != null) {
                StayInput f = stays.get(furthest);
                boolean touches = f.exit() != null && f.exit().equals(s.entry())
                        && !(f.entry().equals(s.entry()) && f.exit().equals(s.exit()));
                if ((f.exit() == null || !f.exit().isBefore(s.entry())) && !touches) {
                    int first = Math.min(i, furthest);
                    int second = Math.max(i, furthest);
                    errors.add(new FieldProblem("stays[" + second + "]", "overlaps stays[" + first + "] ("
                            + span(stays.get(first)) + " and " + span(stays.get(second)) + "): stays may share only "
                            + "the day of an exit and the next entry"));
                    if (errors.size() >= 10) {
                        break;
                    }
                }
            }
            if (furthest == null || reachesFurther(s, stays.get(furthest))) {
                furthest = i;
            }
        }
        return errors;
    }

    private static boolean reachesFurther(StayInput s, StayInput than) {
        return than.exit() != null && (s.exit() == null || s.exit().isAfter(than.exit()));
    }

    private static String span(StayInput s) {
        return s.entry() + ".." + (s.exit() == null ? "" : s.exit());
    }

    /**
     * Validates the request, for the single and the batch endpoint alike (the constraints on its
     * records, then the {@link InputLimits}, then what depends on several fields), then has
     * {@link RequestFacts} build the facts the rules see. Throws {@link InvalidRequestException} naming
     * every bad field.
     */
    static List<Object> facts(CheckRequest request, LocalDate asOf) {
        List<FieldProblem> errors = new ArrayList<>(constraints(request));
        if (errors.isEmpty()) {
            errors.addAll(InputLimits.check(request));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String citizenship = Countries.alpha2(request.person().citizenship()).orElse(null);
        if (citizenship == null) {
            errors.add(new FieldProblem("person.citizenship", "unknown country code '" + request.person().citizenship()
                    + "': use ISO 3166-1 alpha-2 or alpha-3 (XX or UNO for the UN laissez-passer)"));
        }
        int open = -1;
        for (int i = 0; i < request.stays().size(); i++) {
            StayInput s = request.stays().get(i);
            if (s.exit() != null && s.exit().isBefore(s.entry())) {
                errors.add(new FieldProblem("stays[" + i + "].exit", "exit " + s.exit() + " is before entry " + s.entry()));
            }
            if (s.exit() == null) {
                if (open >= 0) {
                    errors.add(new FieldProblem("stays[" + i + "].exit", "only one stay may be open (no exit); stays["
                            + open + "] is open too"));
                }
                open = i;
            }
        }
        if (errors.isEmpty()) {
            errors.addAll(overlaps(request.stays()));
        }
        if (request.requests() != null && request.requests().documentFor() != null
                && Countries.alpha2(request.requests().documentFor()).isEmpty()) {
            errors.add(new FieldProblem("requests.documentFor", "unknown country code '" + request.requests().documentFor() + "'"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return RequestFacts.facts(request, asOf, citizenship);
    }

    /** What the constraints on the request's records ({@code @NotNull}, {@code @Size}, …) find, by field. */
    static List<FieldProblem> constraints(CheckRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (ConstraintViolation<CheckRequest> v : Constraints.VALIDATOR.validate(request)) {
            // stays[0].<list element> is the item itself: stays[0]
            String field = v.getPropertyPath().toString().replace(".<list element>", "").replace("<list element>", "");
            errors.add(new FieldProblem(field.isEmpty() ? "body" : field, v.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message));
        return errors;
    }

    private static final class Constraints {
        static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    }
}
