package kz.qagida.system;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import kz.qagida.check.Problems;

/**
 * Refuses bodies over {@code qagida.max-body-bytes} with 413 problem details: at once when the
 * declared length is too large, and while reading when a chunked body grows past the limit. Cuts a body
 * that takes longer than {@code qagida.body-read-timeout} to arrive (408), however steadily it trickles:
 * Tomcat's connection timeout bounds each wait for a byte, this the whole body. It runs after
 * authentication (Spring Security's filters come first), so a request without a valid key never has its
 * body read; {@code server.tomcat.max-swallow-size: 0} keeps Tomcat from draining it after the 401.
 */
@Component
class BodySizeLimitFilter extends OncePerRequestFilter {

    /** A zipped rules root (validate, publish, impact) is larger than any check. */
    private static final String RULESET = "/api/v1/ruleset/";

    /** The console's upload of a rules file or a zipped rules root. */
    private static final String CONSOLE_UPLOAD = "/console/rulesets/upload";

    /** Up to a thousand checks in one body. */
    private static final String BATCH = "/api/v1/checks/batch";

    private final long checkLimit;
    private final long zipLimit;
    private final long batchLimit;
    private final Duration readTimeout;

    BodySizeLimitFilter(@Value("${qagida.max-body-bytes:524288}") long checkLimit,
            @Value("${qagida.max-zip-bytes:20971520}") long zipLimit,
            @Value("${qagida.max-batch-bytes:8388608}") long batchLimit,
            @Value("${qagida.body-read-timeout:10s}") Duration readTimeout) {
        this.checkLimit = checkLimit;
        this.zipLimit = zipLimit;
        this.batchLimit = batchLimit;
        this.readTimeout = readTimeout;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        long limit = uri.startsWith(RULESET) || CONSOLE_UPLOAD.equals(uri) ? zipLimit : BATCH.equals(uri) ? batchLimit : checkLimit;
        if (request.getContentLengthLong() > limit) {
            response.setStatus(413);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            // bytes, not the writer: the writer would add "; charset=ISO-8859-1" to the media type
            response.getOutputStream().write(Problems.json(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "/problems/body-too-large",
                    "Request body too large", "the request body exceeds " + limit + " bytes"), request.getRequestURI()));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit, readTimeout), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private final Duration readTimeout;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit, Duration readTimeout) {
            super(request);
            this.limit = limit;
            this.readTimeout = readTimeout;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit, readTimeout);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private final Duration timeout;
        private final long deadline;
        private long read;

        Counting(ServletInputStream in, long limit, Duration timeout) {
            this.in = in;
            this.limit = limit;
            this.timeout = timeout;
            this.deadline = System.nanoTime() + timeout.toNanos();
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            if (System.nanoTime() - deadline > 0) {
                throw new BodyTooSlowException(timeout);
            }
            read += n;
            if (read > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
