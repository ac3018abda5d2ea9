package kz.qagida.system;

/** A request body over the configured limit. */
class PayloadTooLargeException extends RuntimeException {

    PayloadTooLargeException(long limit) {
        super("the request body exceeds " + limit + " bytes");
    }
}
