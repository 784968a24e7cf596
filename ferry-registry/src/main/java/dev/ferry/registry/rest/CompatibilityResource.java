package dev.ferry.registry.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.registry.core.ErrorCode;
import dev.ferry.registry.core.RegistryException;
import dev.ferry.registry.core.SchemaRegistry;
import dev.ferry.registry.core.VersionId;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;

/**
 * {@code POST /compatibility/subjects/{subject}/versions[/{version}]}: whether a schema could be registered,
 * {@code {"is_compatible": bool}}, with {@code messages} naming each problem when {@code ?verbose=true}.
 */
final class CompatibilityResource {
    private final SchemaRegistry registry;
    private final RestJson json;
    private final RestResponses out;

    CompatibilityResource(SchemaRegistry registry, RestJson json, RestResponses out) {
        this.registry = registry;
        this.json = json;
        this.out = out;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.post("/compatibility/subjects/{subject}/versions/{version}", ctx -> test(ctx, Params.version(ctx)));
        routes.post("/compatibility/subjects/{subject}/versions", ctx -> test(ctx, null));
    }

    private void test(Context ctx, VersionId version) {
        List<String> problems;
        try {
            problems = registry.registration().test(Params.subject(ctx), version,
                    json.registerRequest(ctx.bodyAsBytes()), Params.flag(ctx, "normalize"));
        } catch (RegistryException e) {
            // A schema that does not parse is incompatible; verbose callers get the parser's message, as Confluent.
            if (e.error() != ErrorCode.INVALID_SCHEMA || !Params.flag(ctx, "verbose")) {
                throw e;
            }
            problems = List.of(e.getMessage());
        }
        ObjectNode body = json.object();
        body.put("is_compatible", problems.isEmpty());
        if (Params.flag(ctx, "verbose")) {
            problems.forEach(body.putArray("messages")::add);
            if (problems.isEmpty()) {
                body.putArray("messages");
            }
        }
        out.send(ctx, 200, body);
    }
}
