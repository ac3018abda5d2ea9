package kz.qagida.check.web;

import jakarta.validation.Valid;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import kz.qagida.check.CheckRequest;

/**
 * The baseline for the HTTP benchmark (bench/): parses and validates a check request like
 * {@code POST /api/v1/checks} and returns it unchanged, without running rules. Only with
 * {@code qagida.bench.noop=true}. Not in the production jar: bench/common.sh adds this class from
 * the test classes ({@code -Dloader.path}).
 */
@RestController
@ConditionalOnBooleanProperty("qagida.bench.noop")
class BenchNoopController {

    @PostMapping(path = "/api/v1/bench/noop", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CheckRequest noop(@Valid @RequestBody CheckRequest request) {
        return request;
    }
}
