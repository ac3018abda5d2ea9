package kz.qagida.audit;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The evaluation could not be recorded, so it is not answered: 503 problem details. The error
 * handlers of Spring MVC render it as it is.
 */
public class AuditUnavailableException extends ErrorResponseException {

    public AuditUnavailableException(String detail, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(detail), cause);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setType(URI.create("/problems/audit-unavailable"));
        problem.setTitle("Audit trail unavailable");
        return problem;
    }
}
