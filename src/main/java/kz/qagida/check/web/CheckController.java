package kz.qagida.check.web;

import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckResponse;
import kz.qagida.check.CheckService;

@RestController
class CheckController {

    private final CheckService service;
    private final CheckMetrics metrics;

    CheckController(CheckService service, CheckMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @PostMapping(path = "/api/v1/checks", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CheckResponse check(@Valid @RequestBody CheckRequest request,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
            @RequestParam(name = "explain", defaultValue = "false") boolean explain) {
        return metrics.record(() -> service.check(request, acceptLanguage, explain));
    }
}
