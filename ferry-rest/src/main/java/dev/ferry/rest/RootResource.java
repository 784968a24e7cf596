package dev.ferry.rest;

import dev.ferry.runtime.herder.Herder;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /} (worker version and cluster id), {@code GET /health} (Apache's), and Ferry's probes
 * for container platforms: {@code GET /health/live} answers 200 while the herder thread responds
 * (a worker that is still starting is alive; restart it only when this fails), and
 * {@code GET /health/ready} answers 200 once plugins are loaded, the stores read and, in
 * distributed mode, the group joined — when the worker can take requests and run work — and 503
 * before. Both carry the same JSON body as {@code /health}.
 */
final class RootResource {
    private final Herder herder;
    private final JsonResponses json;
    private final Duration healthTimeout;

    RootResource(Herder herder, JsonResponses json, Duration healthTimeout) {
        this.herder = herder;
        this.json = json;
        this.healthTimeout = healthTimeout;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/", ctx -> json.send(ctx, 200, ServerInfoJson.of(herder.serverInfo())));
        routes.get("/health", ctx -> {
            WorkerStatusJson status = health();
            json.send(ctx, status.httpStatus(), status);
        });
        routes.get("/health/live", ctx -> {
            WorkerStatusJson status = health();
            json.send(ctx, status.responsive() ? 200 : 503, status);
        });
        routes.get("/health/ready", ctx -> {
            WorkerStatusJson status = health();
            json.send(ctx, status.status().equals(WorkerStatusJson.HEALTHY) ? 200 : 503, status);
        });
    }

    private WorkerStatusJson health() throws InterruptedException {
        try {
            Herder.WorkerHealth health = herder.health().toCompletableFuture()
                    .get(healthTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return WorkerStatusJson.of(health);
        } catch (TimeoutException e) {
            return WorkerStatusJson.unresponsive();
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        }
    }
}
