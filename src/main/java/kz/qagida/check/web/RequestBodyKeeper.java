package kz.qagida.check.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import kz.qagida.check.CheckRequest;

/**
 * Keeps the bytes of a check's body as they are read, so that the audit trail records the request
 * exactly as it was sent rather than serialising the parsed request again. Only UTF-8 bodies are
 * kept (the JSON standard's encoding; Jackson also reads UTF-16 and UTF-32): for any other the record
 * holds the parsed request written again as JSON.
 */
@ControllerAdvice(assignableTypes = CheckController.class)
class RequestBodyKeeper extends RequestBodyAdviceAdapter {

    private static final String ATTRIBUTE = RequestBodyKeeper.class.getName() + ".body";

    /** The body of this request as sent, if it was kept. */
    static byte[] body(HttpServletRequest request) {
        return (byte[]) request.getAttribute(ATTRIBUTE);
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return parameter.getParameterType() == CheckRequest.class;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = message.getBody().readAllBytes();
        if (utf8(body)) {
            RequestContextHolder.currentRequestAttributes().setAttribute(ATTRIBUTE, body,
                    RequestAttributes.SCOPE_REQUEST);
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return message.getHeaders();
            }
        };
    }

    /**
     * Whether a JSON text is in UTF-8: it starts with an ASCII character (an object's brace or
     * white space) and has no zero byte in its second place, as UTF-16 and UTF-32 would.
     */
    static boolean utf8(byte[] body) {
        return body.length >= 2 && body[1] != 0
                && (body[0] == '{' || body[0] == ' ' || body[0] == '\t' || body[0] == '\r' || body[0] == '\n');
    }
}
