package kz.qagida.system;

/** A request body that took longer than {@code qagida.body-read-timeout} to arrive: cut with 408. */
class BodyTooSlowException extends RuntimeException {

    BodyTooSlowException(java.time.Duration limit) {
        super("the request body took longer than " + limit.toMillis() + " ms to arrive");
    }
}
