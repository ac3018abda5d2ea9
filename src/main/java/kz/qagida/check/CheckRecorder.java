package kz.qagida.check;

import kz.qagida.rules.RuleBase;

/**
 * Where checks are recorded; the audit trail implements it. A check is announced before it is
 * evaluated, so that a commit under way may wait for its record, and is answered only once its
 * record is committed.
 */
public interface CheckRecorder {

    /** Announces a check about to be evaluated; null when checks are not recorded. */
    Recording announce();

    /** A check's place among the records to come, from its announcement until its record is queued. */
    interface Recording extends AutoCloseable {

        /**
         * Queues the check's record. The commit returned waits until the record is committed; it, or
         * this call, throws a 503 {@link org.springframework.web.ErrorResponseException} when the
         * record cannot be kept.
         */
        Runnable queue(CheckRecord record);

        /** The record is queued, or will not come. */
        @Override
        void close();
    }

    /**
     * What is kept of one check: the request as sent (or written as JSON), the answer as sent, the
     * rule base that answered, who asked and how long the evaluation took.
     */
    record CheckRecord(CheckRequest request, String requestJson, CheckResponse response, String responseJson,
            RuleBase ruleBase, String caller, String acceptLanguage, long micros) {
    }
}
