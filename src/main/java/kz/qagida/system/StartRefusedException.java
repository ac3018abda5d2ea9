package kz.qagida.system;

/**
 * The configuration is unfit to serve (a placeholder API key, H2 under the production profile, …):
 * start-up stops with {@link #getMessage()} and what to do, printed by {@link StartRefusedFailureAnalyzer}.
 */
public class StartRefusedException extends RuntimeException {

    private final String action;

    public StartRefusedException(String description, String action) {
        super(description);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
