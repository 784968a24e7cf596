package dev.ferry.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Concurrent REST clients against one worker: reads of {@code GET /connectors?expand=status} for a fixed time
 * ({@code wrk} when installed, which costs the two cores far less than Java clients, else Java threads), and
 * creates ({@code POST /connectors}, Java threads each sending its share back to back). Every figure map has
 * {@code requests}, {@code errors} (non-2xx answers, timeouts and socket errors), {@code p50Millis},
 * {@code p99Millis} and {@code requestsPerSecond}.
 */
final class RestLoad {
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

    private RestLoad() {
    }

    /** {@code clients} connections reading {@code url} for {@code seconds}. */
    static Map<String, Double> reads(String url, int clients, int seconds) throws IOException, InterruptedException {
        if (!WrkLoad.available()) {
            return javaLoad(clients, Duration.ofSeconds(seconds), Integer.MAX_VALUE,
                    i -> HttpRequest.newBuilder(URI.create(url)).GET().build(), 200);
        }
        Process wrk = new ProcessBuilder(List.of("wrk", "-t2", "-c" + clients, "-d" + seconds + "s",
                "--timeout", "10s", "--latency", url)).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        Map<String, Double> parsed = WrkLoad.parseFigures(out);
        Matcher requests = REQUESTS.matcher(out);
        figures.put("requests", requests.find() ? Double.parseDouble(requests.group(1)) : Double.NaN);
        double errors = 0;
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            errors += Double.parseDouble(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Double.parseDouble(socket.group(g));
            }
        }
        figures.put("errors", errors);
        figures.put("p50Millis", parsed.get("p50Millis"));
        figures.put("p99Millis", parsed.get("p99Millis"));
        figures.put("requestsPerSecond", parsed.get("requestsPerSecond"));
        return figures;
    }

    /** {@code clients} threads sending the {@code total} requests {@code request} makes, each awaiting {@code expected}. */
    static Map<String, Double> creates(int clients, int total, IntFunction<HttpRequest> request)
            throws InterruptedException {
        return javaLoad(clients, Duration.ofMinutes(10), total, request, 201);
    }

    private static Map<String, Double> javaLoad(int clients, Duration limit, int total, IntFunction<HttpRequest> request,
            int expected) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + limit.toNanos();
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[clients];
        CountDownLatch done = new CountDownLatch(clients);
        StringBuffer firstError = new StringBuffer();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[total == Integer.MAX_VALUE ? 1_000_000 : total];
            latencies.add(mine);
            int index = c;
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            Thread thread = new Thread(() -> {
                int n = 0;
                int i;
                while (System.nanoTime() < end && n < mine.length && (i = next.getAndIncrement()) < total) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(request.apply(i), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != expected) {
                            errors.incrementAndGet();
                            if (firstError.length() == 0) {
                                firstError.append(r.statusCode()).append(' ').append(r.body());
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        errors.incrementAndGet();
                        if (firstError.length() == 0) {
                            firstError.append(e);
                        }
                    }
                    mine[n++] = System.nanoTime() - sent;
                }
                counts[index] = n;
                done.countDown();
            }, "rest-load-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("requests", (double) all.length);
        figures.put("errors", (double) errors.get());
        figures.put("p50Millis", percentile(all, 0.50) / 1e6);
        figures.put("p99Millis", percentile(all, 0.99) / 1e6);
        figures.put("requestsPerSecond", all.length / seconds);
        figures.put("seconds", seconds);
        if (firstError.length() > 0) {
            System.out.println("    first error: " + firstError.substring(0, Math.min(300, firstError.length())));
        }
        return figures;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN
                : sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }
}
