package kz.qagida.system;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;

import tools.jackson.databind.json.JsonMapper;

/**
 * Errors that never reach a controller are problem details too (a browser asking for HTML gets the
 * console's error page), without stack traces or exception
 * messages: whatever the servlet container forwards to {@code /error} (in place of Spring Boot's plain
 * JSON), and the 400 of Spring Security's firewall for a request it rejects (a URL with {@code ..},
 * {@code //}, {@code ;}, an encoded slash, a header with control characters).
 */
@RestController
class ProblemErrorController implements ErrorController {

    /** A browser (the console) gets the error page, {@code templates/error.html}. */
    @RequestMapping(path = "/error", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView page(HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = status(request);
        response.setStatus(status.value());
        return new ModelAndView("error", Map.of("status", status.value(), "error", status.getReasonPhrase()), status);
    }

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = status(request);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, switch (status) {
            case NOT_FOUND -> "nothing here; see /v3/api-docs for the API";
            case METHOD_NOT_ALLOWED -> "this path does not take that method";
            case BAD_REQUEST -> "the request could not be read";
            default -> status.is5xxServerError() ? "The service failed to answer; the error has been logged."
                    : status.getReasonPhrase();
        });
        problem.setTitle(status.getReasonPhrase());
        if (uri instanceof String path) {
            problem.setInstance(URI.create(path.replaceAll("[^A-Za-z0-9/_.\\-]", "")));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    @Configuration(proxyBeanMethods = false)
    static class Firewall {

        /** The firewall's refusals: a 400 problem saying why, instead of the container's error page. */
        @Bean
        RequestRejectedHandler problemDetailsForRejectedRequests(JsonMapper json) {
            return (request, response, rejected) -> {
                if (response.isCommitted()) {
                    return;
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", "/problems/request-rejected");
                body.put("title", "Request rejected");
                body.put("status", 400);
                body.put("detail", "the request's URL or headers are not accepted (encoded or doubled slashes, "
                        + "'..', ';', '%', control characters)");
                response.setStatus(400);
                response.setHeader("Connection", "close");
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                writeBody(response, json.writeValueAsBytes(body));
            };
        }

        private static void writeBody(HttpServletResponse response, byte[] bytes) throws IOException {
            response.getOutputStream().write(bytes);
        }
    }
}
