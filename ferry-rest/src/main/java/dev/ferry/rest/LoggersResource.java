package dev.ferry.rest;

import dev.ferry.runtime.herder.Herder;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Locale;
import org.apache.kafka.connect.errors.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin/loggers}: read and change log levels. {@code scope=worker} (the default, and what
 * an unknown scope means, as in Apache) changes this worker's levels. {@code scope=cluster} asks
 * the herder to store the level for every worker of the cluster (204, no body, as Apache answers);
 * a herder without a cluster (standalone) declines, and the level is applied to this worker alone,
 * also answered 204 as Apache's standalone worker does.
 */
final class LoggersResource {
    private static final Logger log = LoggerFactory.getLogger(LoggersResource.class);

    private static final String CLUSTER_SCOPE = "cluster";
    private static final String WORKER_SCOPE = "worker";

    private final LogLevels levels;
    private final Herder herder;
    private final HerderCalls calls;
    private final RequestBodies bodies;
    private final JsonResponses json;
    private final JsonContentType types;

    LoggersResource(LogLevels levels, Herder herder, HerderCalls calls, RequestBodies bodies, JsonResponses json) {
        this.levels = levels;
        this.herder = herder;
        this.calls = calls;
        this.bodies = bodies;
        this.json = json;
        this.types = new JsonContentType(json);
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/admin/loggers", types.accepting(ctx -> json.send(ctx, 200, levels.all())));
        routes.get("/admin/loggers/{logger}", types.accepting(ctx -> {
            String name = ctx.pathParam("logger");
            LoggerLevelJson level = levels.get(name);
            if (level == null) {
                throw new NotFoundException("Logger " + name + " not found.");
            }
            json.send(ctx, 200, level);
        }));
        routes.put("/admin/loggers/{logger}", types.reading(ctx -> {
            String namespace = ctx.pathParam("logger");
            String level = bodies.level(ctx.body());
            if (level == null) {
                throw RestException.badRequest("Desired 'level' parameter was not specified in request.");
            }
            if (!LogLevels.isValidLevel(level)) {
                // Apache answers 404 for this; it is a client mistake, so Ferry says 400.
                throw RestException.badRequest("invalid log level '" + level + "'. Use one of OFF, FATAL, ERROR, "
                        + "WARN, INFO, DEBUG, TRACE or ALL.");
            }
            String scope = ctx.queryParam("scope");
            String normalized = scope == null ? WORKER_SCOPE : scope.toLowerCase(Locale.ROOT);
            if (normalized.equals(CLUSTER_SCOPE)) {
                if (Boolean.TRUE.equals(calls.await(herder.setClusterLoggerLevel(namespace, level)))) {
                    json.empty(ctx, 204);
                    return;
                }
                // Standalone: "the cluster" is this worker; Apache applies the level here and answers 204 too.
                log.info("Applying log level {} for {} to this worker only: it is not part of a cluster",
                        level, namespace);
                levels.set(namespace, level);
                json.empty(ctx, 204);
                return;
            } else if (!normalized.equals(WORKER_SCOPE)) {
                log.warn("Unknown scope '{}' in a request to set the level of {}; applying it to this worker only "
                        + "(use scope=worker or scope=cluster)", scope, namespace);
            }
            json.send(ctx, 200, levels.set(namespace, level));
        }));
    }
}
