package kz.qagida.audit;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import kz.qagida.check.Problems;

/**
 * The evaluation could not be recorded, so it is not answered: 503 problem details. The error
 * handlers of Spring MVC render it as it is.
 */
public class AuditUnavailableException extends ErrorResponseException {

    public AuditUnavailableException(String detail, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "/problems/audit-unavailable",
                "Audit trail unavailable", detail), cause);
    }
}
