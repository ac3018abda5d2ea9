package kz.qagida.law;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kie.api.runtime.rule.RuleContext;

/**
 * A finding of a conclusion rule. Built in the rule's consequence and inserted as a fact:
 * <pre>insert(Conclusion.of(drools, "OVERSTAY", Severity.VIOLATION, Subject.FOREIGNER)
 *        .with("overstayDays", $o.days()).basedOn($regime.row()));</pre>
 * The firing rule is the producer unless {@link #basedOn} names the table row that decided it;
 * the citations are those of the firing rule and of every row it is based on.
 */
public final class Conclusion {

    private final String code;
    private final Severity severity;
    private final Subject subject;
    private final RuleInfo firedBy;
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final List<RuleInfo> basedOn = new ArrayList<>();
    private LocalDate dueDate;
    private Penalty penalty;
    private boolean entryDenied;

    private Conclusion(String code, Severity severity, Subject subject, RuleInfo firedBy) {
        this.code = code;
        this.severity = severity;
        this.subject = subject;
        this.firedBy = firedBy;
    }

    public static Conclusion of(RuleContext drools, String code, Severity severity, Subject subject) {
        return new Conclusion(code, severity, subject, RuleInfo.of(drools));
    }

    public static Conclusion of(RuleInfo firedBy, String code, Severity severity, Subject subject) {
        return new Conclusion(code, severity, subject, firedBy);
    }

    /** Adds a fact; null values are left out (an unknown is not a fact). */
    public Conclusion with(String name, Object value) {
        if (value != null) {
            facts.put(name, value);
        }
        return this;
    }

    public Conclusion due(LocalDate day) {
        this.dueDate = day;
        return with("dueDate", day);
    }

    public Conclusion penalty(Penalty penalty) {
        this.penalty = penalty;
        return this;
    }

    /** Marks a violation that bars entry or presence (a ban, a required visa not held). */
    public Conclusion denyingEntry() {
        this.entryDenied = true;
        return this;
    }

    public boolean entryDenied() {
        return entryDenied;
    }

    /** Names the table row (or derived rule) that decided this conclusion; the first one names the rule. */
    public Conclusion basedOn(RuleInfo row) {
        if (row != null && !basedOn.contains(row)) {
            basedOn.add(row);
        }
        return this;
    }

    /** Names more rows it rests on, after those named already (their citations and doubts follow the deciding row's). */
    public Conclusion basedOnAll(List<RuleInfo> rows) {
        rows.forEach(this::basedOn);
        return this;
    }

    public String code() {
        return code;
    }

    public Severity severity() {
        return severity;
    }

    public Subject subject() {
        return subject;
    }

    public LocalDate dueDate() {
        return dueDate;
    }

    public Penalty penalty() {
        return penalty;
    }

    public Map<String, Object> facts() {
        return Collections.unmodifiableMap(facts);
    }

    /**
     * A copy resting on {@code more} rows too, after its own: how an evaluation applies the
     * {@link AddedBasis} facts its rules inserted, leaving the conclusion they name as inserted.
     */
    public Conclusion withBases(List<RuleInfo> more) {
        Conclusion copy = new Conclusion(code, severity, subject, firedBy);
        copy.facts.putAll(facts);
        copy.basedOn.addAll(basedOn);
        more.forEach(copy::basedOn);
        copy.dueDate = dueDate;
        copy.penalty = penalty;
        copy.entryDenied = entryDenied;
        return copy;
    }

    /** The rule the conclusion is attributed to: the deciding row if there is one, else the firing rule. */
    public RuleInfo rule() {
        return basedOn.isEmpty() ? firedBy : basedOn.get(0);
    }

    public RuleInfo firedBy() {
        return firedBy;
    }

    /**
     * The doubt behind this conclusion: that of the first deciding row, else of the firing rule,
     * that carries one; null when none does.
     */
    public Interpretation interpretation() {
        for (RuleInfo row : basedOn) {
            Interpretation i = Interpretation.of(row);
            if (i != null) {
                return i;
            }
        }
        return Interpretation.of(firedBy);
    }

    /** Citations of the deciding rows first, then of the firing rule, without repeats. */
    public List<Citation> citations() {
        List<Citation> all = new ArrayList<>();
        for (RuleInfo row : basedOn) {
            addAllNew(all, row.citations());
        }
        addAllNew(all, firedBy.citations());
        return all;
    }

    private static void addAllNew(List<Citation> into, List<Citation> more) {
        for (Citation c : more) {
            if (!into.contains(c)) {
                into.add(c);
            }
        }
    }

    @Override
    public String toString() {
        return code + "/" + severity + " " + facts + " by " + rule().name();
    }
}
