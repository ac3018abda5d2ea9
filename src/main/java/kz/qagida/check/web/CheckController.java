package kz.qagida.check.web;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import kz.qagida.check.CheckAnswer;
import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckResponse;
import kz.qagida.check.CheckService;

@RestController
class CheckController {

    private final CheckService checks;
    private final CheckMetrics metrics;

    CheckController(CheckService checks, CheckMetrics metrics) {
        this.checks = checks;
        this.metrics = metrics;
    }

    /**
     * Answers only once the evaluation is recorded in the audit trail (503 when it cannot be). The
     * trail records the request body as sent ({@link RequestBodyKeeper}); the answer's body is the JSON
     * it recorded, byte for byte.
     */
    @PostMapping(path = "/api/v1/checks", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "The conclusions, recorded in the audit trail",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = CheckResponse.class)))
    ResponseEntity<byte[]> check(@RequestBody CheckRequest request,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
            @RequestParam(name = "explain", defaultValue = "false") boolean explain,
            HttpServletRequest http) {
        CheckAnswer answer = metrics.record(
                () -> checks.check(request, RequestBodyKeeper.body(http), acceptLanguage, caller(http), explain),
                CheckAnswer::response);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer.json());
    }

    /** Who asked: the authenticated principal (the API key's name) when there is one, else the remote address. */
    static String caller(HttpServletRequest http) {
        return http.getUserPrincipal() != null ? http.getUserPrincipal().getName() : http.getRemoteAddr();
    }
}
