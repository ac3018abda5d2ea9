import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load driver (what wrk2 does; Debian has no wrk2): request i is due at start + i/rate,
 * and its latency counts from that moment, so a stalled server is not hidden by a waiting client
 * (coordinated omission). Workers hold keep-alive HTTP/1.1 connections over plain sockets, which
 * costs far less CPU than a full HTTP client on a small machine shared with the service.
 *
 *   java bench/FixedRate.java URL KEY BODY_FILE RATE_PER_S SECONDS [LABEL] [CONNECTIONS]
 *
 * Prints one line: JSON {label, rate, sent, ok, failed, p50_ms, p90_ms, p99_ms, p999_ms, max_ms}.
 */
public class FixedRate {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        String key = args[1];
        byte[] body = Files.readAllBytes(Path.of(args[2]));
        double rate = Double.parseDouble(args[3]);
        int seconds = Integer.parseInt(args[4]);
        String label = args.length > 5 ? args[5] : "fixed-rate";
        int connections = args.length > 6 ? Integer.parseInt(args[6]) : 64;
        int total = (int) Math.round(rate * seconds);
        byte[] head = ("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nX-API-Key: " + key
                + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long period = (long) (1_000_000_000L / rate);
        long start = System.nanoTime() + 50_000_000L;
        Thread[] workers = new Thread[connections];
        for (int w = 0; w < connections; w++) {
            workers[w] = new Thread(() -> {
                Socket socket = null;
                InputStream in = null;
                OutputStream out = null;
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long due = start + i * period;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    int status;
                    try {
                        if (socket == null) {
                            socket = new Socket();
                            socket.setTcpNoDelay(true);
                            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
                            socket.setSoTimeout(30_000);
                            in = new BufferedInputStream(socket.getInputStream(), 65536);
                            out = socket.getOutputStream();
                        }
                        byte[] request = new byte[head.length + body.length];
                        System.arraycopy(head, 0, request, 0, head.length);
                        System.arraycopy(body, 0, request, head.length, body.length);
                        out.write(request);
                        out.flush();
                        status = readResponse(in);
                        if (status >= 1000) {
                            // the server said Connection: close (Tomcat does after 100 requests on one connection)
                            status -= 1000;
                            socket.close();
                            socket = null;
                        }
                    } catch (IOException e) {
                        status = -1;
                        try {
                            if (socket != null) {
                                socket.close();
                            }
                        } catch (IOException ignored) {
                            // closing a broken connection
                        }
                        socket = null;
                    }
                    latencies[i] = System.nanoTime() - due;
                    (status / 100 == 2 ? ok : failed).incrementAndGet();
                }
            });
            workers[w].start();
        }
        for (Thread t : workers) {
            t.join();
        }
        Arrays.sort(latencies);
        System.out.printf(java.util.Locale.ROOT,
                "JSON {\"label\":\"%s\",\"rate\":%.1f,\"sent\":%d,\"ok\":%d,\"failed\":%d,\"p50_ms\":%.2f,\"p90_ms\":%.2f,"
                        + "\"p99_ms\":%.2f,\"p999_ms\":%.2f,\"max_ms\":%.2f}%n",
                label, rate, total, ok.get(), failed.get(), ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99),
                ms(latencies, 0.999), latencies[total - 1] / 1e6);
    }

    /** Reads one response (Content-Length or chunked body); its status, plus 1000 when the server closes. */
    private static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            String lower = h.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0;
                    size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
                skip(in, size);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            skip(in, length);
        }
        return close ? status + 1000 : status;
    }

    private static void skip(InputStream in, long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed");
                }
                skipped = 1;
            }
            n -= skipped;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
