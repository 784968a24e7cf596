package dev.ferry.rest;

import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Locale;
import org.apache.kafka.connect.errors.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin/loggers}: read and change this worker's log levels. The {@code scope} parameter
 * is accepted; {@code cluster} needs a shared config topic and so applies to this worker only,
 * as every scope does in standalone mode.
 */
final class LoggersResource {
    private static final Logger log = LoggerFactory.getLogger(LoggersResource.class);

    private final LogLevels levels;
    private final RequestBodies bodies;
    private final JsonResponses json;

    LoggersResource(LogLevels levels, RequestBodies bodies, JsonResponses json) {
        this.levels = levels;
        this.bodies = bodies;
        this.json = json;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/admin/loggers", ctx -> json.send(ctx, 200, levels.all()));
        routes.get("/admin/loggers/{logger}", ctx -> {
            String name = ctx.pathParam("logger");
            LoggerLevelJson level = levels.get(name);
            if (level == null) {
                throw new NotFoundException("Logger " + name + " not found.");
            }
            json.send(ctx, 200, level);
        });
        routes.put("/admin/loggers/{logger}", ctx -> {
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
            if (scope != null && !scope.toLowerCase(Locale.ROOT).equals("worker")) {
                log.info("Applying log level {} for {} to this worker only (requested scope '{}')",
                        level, namespace, scope);
            }
            json.send(ctx, 200, levels.set(namespace, level));
        });
    }
}
