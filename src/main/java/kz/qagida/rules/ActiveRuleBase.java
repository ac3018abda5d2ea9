package kz.qagida.rules;

import java.util.concurrent.atomic.AtomicReference;

/** The rule base that serves requests now; a request takes it once and keeps it to the end. */
public class ActiveRuleBase {

    private final AtomicReference<RuleBase> current;

    public ActiveRuleBase(RuleBase initial) {
        this.current = new AtomicReference<>(initial);
    }

    public RuleBase get() {
        return current.get();
    }

    /** Puts a new rule base in service; requests in flight finish on the one they took. */
    public void activate(RuleBase next) {
        current.set(next);
    }
}
