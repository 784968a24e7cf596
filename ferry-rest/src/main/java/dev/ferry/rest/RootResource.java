package dev.ferry.rest;

import dev.ferry.runtime.herder.Herder;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code GET /} (worker version and cluster id) and {@code GET /health}. */
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
