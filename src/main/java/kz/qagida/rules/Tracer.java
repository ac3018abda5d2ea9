package kz.qagida.rules;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.Match;

import kz.qagida.law.RuleInfo;

/** Records, for one evaluation, which firing inserted each fact, so a conclusion can be explained. */
final class Tracer extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    private final Map<Object, Match> insertedBy = new IdentityHashMap<>();
    private Match current;

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        current = event.getMatch();
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        current = null;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (current != null) {
            insertedBy.put(event.getObject(), current);
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // facts are immutable records: nothing to trace
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // rules do not retract
    }

    Derivation derivation(Object fact) {
        return derivation(fact, 0);
    }

    private Derivation derivation(Object fact, int depth) {
        Match match = insertedBy.get(fact);
        if (match == null || depth > 20) {
            return null;
        }
        RuleInfo info = RuleInfo.of(match.getRule());
        List<String> facts = new ArrayList<>();
        List<Derivation> from = new ArrayList<>();
        for (Object matched : match.getObjects()) {
            // an accumulated list stands for its elements
            for (Object element : matched instanceof java.util.Collection<?> c ? c : List.of(matched)) {
                Derivation d = derivation(element, depth + 1);
                if (d != null) {
                    if (!from.contains(d)) {
                        from.add(d);
                    }
                } else {
                    facts.add(String.valueOf(element));
                }
            }
        }
        return new Derivation(info.name(), info.file(), info.row(), info.params(), facts, from);
    }
}
