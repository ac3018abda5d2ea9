package kz.qagida.rules;

/**
 * An evaluation went past one of its ceilings (firings, answer size): refused as a whole, nothing of it
 * answered or recorded.
 */
public class EvaluationTooLargeException extends RuntimeException {

    /** Which ceiling: {@code firings} or {@code answer-size}. */
    private final String ceiling;
    private final long limit;

    public EvaluationTooLargeException(String ceiling, long limit, String message) {
        super(message);
        this.ceiling = ceiling;
        this.limit = limit;
    }

    public String ceiling() {
        return ceiling;
    }

    public long limit() {
        return limit;
    }
}
