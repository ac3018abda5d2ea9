package kz.qagida.rules;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The rule base that serves requests now; a request takes it once and keeps it to the end. At
 * start-up the first one may still be loading (beside the rest of the application): until it is
 * there, {@link #get()} waits for it.
 */
public class ActiveRuleBase {

    private final AtomicReference<RuleBase> current = new AtomicReference<>();
    private final CompletableFuture<RuleBase> first;

    public ActiveRuleBase(RuleBase initial) {
        this(CompletableFuture.completedFuture(initial));
    }

    /** Serves the rule base {@code loading} yields, once it has; a failed load fails {@link #get()}. */
    public ActiveRuleBase(CompletableFuture<RuleBase> loading) {
        this.first = loading.thenApply(base -> {
            current.compareAndSet(null, base);
            return base;
        });
    }

    public RuleBase get() {
        RuleBase base = current.get();
        return base != null ? base : awaitFirst();
    }

    /** Whether a rule base is in service (then {@link #get()} does not wait). */
    public boolean isLoaded() {
        return current.get() != null;
    }

    /** Waits for the first rule base; throws what its load threw (a {@link RuleLoadException} for bad rules). */
    public RuleBase awaitFirst() {
        try {
            return first.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Runs {@code action} with the first rule base once it is loaded (at once if it is). */
    public void whenLoaded(Consumer<RuleBase> action) {
        first.thenAccept(action);
    }

    /** Puts a new rule base in service; requests in flight finish on the one they took. */
    public void activate(RuleBase next) {
        current.set(next);
    }
}
