package kz.qagida.ruleset;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.check.CheckLimits;
import kz.qagida.check.CheckService;
import kz.qagida.law.RuleInfo;
import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.CompiledCache;
import kz.qagida.rules.EvaluationTooLargeException;
import kz.qagida.rules.Problem;
import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleBaseLoader;
import kz.qagida.rules.RuleFile;
import kz.qagida.rules.RuleLoadException;

/**
 * The activation gate: a candidate rules root goes live only if it stays inside the rules' vocabulary,
 * compiles, passes the lint, every scenario passes against it and every table row is proven
 * ({@link RowProof}). Pure: it activates nothing. It runs analysts' code, so the service runs it confined
 * in a child process ({@link GateProcess}); in-process only in that child and on an analyst's own
 * machine ({@link Commands}).
 */
public final class Gate {

    /** A candidate that passed, with the rule base ready to activate. */
    public record Outcome(GateReport report, RuleBase ruleBase) {
    }

    private final Clock clock;
    private final JsonMapper json;
    private final CompiledCache compiled;
    private final CheckLimits limits;

    public Gate(Clock clock, JsonMapper json) {
        this(clock, json, CompiledCache.NONE, CheckLimits.defaults());
    }

    /** A gate that takes unchanged files compiled from {@code compiled} (and keeps the others there). */
    public Gate(Clock clock, JsonMapper json, CompiledCache compiled) {
        this(clock, json, compiled, CheckLimits.defaults());
    }

    /** A gate whose scenarios run under these evaluation ceilings. */
    public Gate(Clock clock, JsonMapper json, CompiledCache compiled, CheckLimits limits) {
        this.clock = clock;
        this.json = json;
        this.compiled = compiled;
        this.limits = limits;
    }

    public Outcome check(List<RuleFile> files, List<Scenario> scenarios) {
        return check(files, scenarios, step -> { });
    }

    /**
     * As above, telling {@code progress} what it is doing (the confined gate names it when it stops a
     * candidate). Rules that reach outside their {@link Vocabulary} are refused before any of them runs.
     */
    public Outcome check(List<RuleFile> files, List<Scenario> scenarios, Consumer<String> progress) {
        progress.accept("checking the rules' vocabulary");
        List<Finding> outside = new ArrayList<>(Vocabulary.check(files));
        RuleBase base;
        progress.accept("compiling");
        try {
            base = RuleBaseLoader.load(files, compiled);
        } catch (RuleLoadException e) {
            List<Finding> errors = new ArrayList<>(outside);
            for (Problem p : e.problems()) {
                errors.add(Finding.error(p.file(), p.location(), p.message()));
            }
            return new Outcome(new GateReport(null, false, errors, List.of(), 0, List.of()), null);
        }
        progress.accept("checking the compiled rules' types");
        outside.addAll(CompiledTypes.check(base));
        if (!outside.isEmpty()) {
            return new Outcome(new GateReport(base.version(), false, outside, List.of(), 0, List.of()), null);
        }
        progress.accept("linting");
        List<Finding> errors = new ArrayList<>();
        List<Finding> warnings = new ArrayList<>();
        for (Finding f : Lint.check(base)) {
            (f.level() == Finding.Level.ERROR ? errors : warnings).add(f);
        }
        List<String> failures = new ArrayList<>();
        ScenarioRunner runner = new ScenarioRunner(new CheckService(new ActiveRuleBase(base), clock, limits), json);
        for (Scenario s : scenarios) {
            progress.accept("running scenario " + s);
            List<String> problems;
            try {
                problems = runner.run(s);
            } catch (EvaluationTooLargeException e) {
                problems = List.of("refused: " + e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                problems = List.of("the rules failed: " + e);
            }
            if (!problems.isEmpty()) {
                failures.add(s + ": " + problems.get(0));
            }
        }
        // every table row proven by a request derived from it, or listed with its reason (RowProof)
        RowProof.Result proof = RowProof.prove(base, json, clock);
        for (String f : proof.failures()) {
            failures.add("row not proven: " + f);
        }
        for (String id : uncovered(base, scenarios)) {
            warnings.add(Finding.warning("scenarios/", id, "no scenario pins a conclusion of " + id));
        }
        boolean passed = errors.isEmpty() && failures.isEmpty();
        GateReport report = new GateReport(base.version(), passed, errors, warnings, scenarios.size(), failures);
        return new Outcome(report, passed ? base : null);
    }

    private static List<String> uncovered(RuleBase base, List<Scenario> scenarios) {
        var pinned = ScenarioRunner.pinnedRuleIds(scenarios);
        return base.catalog().stream().map(RuleInfo::id).distinct().filter(id -> !pinned.contains(id)).sorted().toList();
    }
}
