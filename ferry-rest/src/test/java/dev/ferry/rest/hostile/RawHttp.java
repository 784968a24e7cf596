package dev.ferry.rest.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client on a bare socket, so that a test can send a request target exactly as a
 * hostile client would (raw control characters, {@code ..} segments, malformed percent-encoding,
 * non-UTF-8 bytes), which {@code java.net.http} and {@code URI} refuse or normalise before sending.
 * One request per connection ({@code Connection: close}); every read is bounded by
 * {@link #PATIENCE}, so a server that hangs fails the test instead of blocking it.
 */
final class RawHttp {
    /** How long one answer may take before the request counts as hung. */
    static final Duration PATIENCE = Duration.ofSeconds(15);

    private final URI base;

    RawHttp(URI base) {
        this.base = base;
    }

    /** An answer: its status, headers (names lower-cased) and body (chunked encoding undone). */
    record Answer(int status, Map<String, String> headers, String body) {
        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    Answer send(String method, String target, String body) {
        return send(method, target.getBytes(StandardCharsets.UTF_8),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    Answer send(String method, byte[] target, byte[] body) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) PATIENCE.toMillis());
            socket.setSoTimeout((int) PATIENCE.toMillis());
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes((method + " ").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(target);
            StringBuilder head = new StringBuilder(" HTTP/1.1\r\nHost: ").append(base.getHost()).append(':')
                    .append(base.getPort()).append("\r\nConnection: close\r\nAccept: application/json\r\n");
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            request.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                request.writeBytes(body);
            }
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException e) {
                // The server may answer (413, 400) and close before reading a large body: read that answer.
            }
            return parse(readAll(socket.getInputStream()));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("No answer within " + PATIENCE.toSeconds() + " s to " + method + " "
                    + new String(target, StandardCharsets.UTF_8) + " (took "
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Request " + method + " " + new String(target, StandardCharsets.UTF_8)
                    + " failed", e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // A reset after the answer was sent (the server closed with an unread body): keep what came.
            if (all.size() == 0) {
                throw reset;
            }
        }
        return all.toByteArray();
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new AssertionError("Not an HTTP answer: '" + text + "'");
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOfCrlf(body, at);
            String size = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim();
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                break;
            }
            out.write(body, lineEnd + 2, n);
            at = lineEnd + 2 + n + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError("Truncated chunked body");
    }
}
