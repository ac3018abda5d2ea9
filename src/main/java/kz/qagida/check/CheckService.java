package kz.qagida.check;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import kz.qagida.check.CheckRequest.StayInput;
import kz.qagida.facts.Context;
import kz.qagida.facts.ForceMajeure;
import kz.qagida.facts.PassportType;
import kz.qagida.facts.Person;
import kz.qagida.facts.Stay;
import kz.qagida.law.Conclusion;
import kz.qagida.law.Countries;
import kz.qagida.law.Severity;
import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.Evaluation;
import kz.qagida.rules.RuleBase;

/** Turns a request into facts, runs the rules in force on {@code asOf} and shapes the answer. */
@Service
public class CheckService {

    private static final Comparator<Conclusion> ORDER = Comparator.comparing(Conclusion::severity)
            .thenComparing(Conclusion::code);

    private final ActiveRuleBase rules;
    private final Clock clock;
    private final CheckLimits limits;

    public CheckService(ActiveRuleBase rules, Clock clock) {
        this(rules, clock, CheckLimits.defaults());
    }

    @org.springframework.beans.factory.annotation.Autowired
    public CheckService(ActiveRuleBase rules, Clock clock, CheckLimits limits) {
        this.rules = rules;
        this.clock = clock;
        this.limits = limits;
    }

    /** The ceilings of one evaluation. */
    public CheckLimits limits() {
        return limits;
    }

    /** Refuses an answer whose JSON is over the ceiling, before anything of it is recorded. */
    public void checkAnswerSize(int bytes) {
        if (bytes > limits.maxAnswerSize().toBytes()) {
            throw new kz.qagida.rules.EvaluationTooLargeException("answer-size", limits.maxAnswerSize().toBytes(),
                    "the answer would be " + bytes + " bytes, over the ceiling of " + limits.maxAnswerSize().toBytes()
                    + " bytes (qagida.checks.max-answer-size)");
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
                        c.citations(), c.rule().ref(), evaluation.derivations().get(c)))
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

    /** Validates what bean validation cannot, then builds the facts the rules see. */
    static List<Object> facts(CheckRequest request, LocalDate asOf) {
        List<FieldProblem> errors = new ArrayList<>(InputLimits.check(request));
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String citizenship = Countries.alpha2(request.person().citizenship()).orElse(null);
        if (citizenship == null) {
            errors.add(new FieldProblem("person.citizenship", "unknown country code '" + request.person().citizenship()
                    + "': use ISO 3166-1 alpha-2 or alpha-3 (XX or UNO for the UN laissez-passer)"));
        }
        List<Object> facts = new ArrayList<>();
        facts.add(new Context(asOf));
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
            if (!s.entry().isAfter(asOf)) {
                LocalDate lastPresent = s.exit() == null || s.exit().isAfter(asOf) ? asOf : s.exit();
                boolean current = s.exit() == null || !s.exit().isBefore(asOf);
                facts.add(new Stay(i, s.entry(), s.exit(), lastPresent, current, s.basis(), s.transport()));
            }
        }
        if (errors.stream().noneMatch(e -> e.field().startsWith("stays"))) {
            errors.addAll(overlaps(request.stays()));
        }
        if (request.requests() != null && request.requests().documentFor() != null
                && Countries.alpha2(request.requests().documentFor()).isEmpty()) {
            errors.add(new FieldProblem("requests.documentFor", "unknown country code '" + request.requests().documentFor() + "'"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        CheckRequest.PersonInput p = request.person();
        facts.add(new Person(citizenship, p.passportType() == null ? PassportType.ORDINARY : p.passportType(),
                p.birthDate(), p.passportExpiry(), Boolean.TRUE.equals(p.ethnicKazakh())));
        if (Boolean.TRUE.equals(request.forceMajeure())) {
            facts.add(new ForceMajeure());
        }
        for (Object optional : new Object[] {request.visa(), request.residencePermit(), request.host(), request.work(),
                request.transit(), request.history(), request.restrictions(), request.requests()}) {
            if (optional != null) {
                facts.add(optional);
            }
        }
        return facts;
    }
}
