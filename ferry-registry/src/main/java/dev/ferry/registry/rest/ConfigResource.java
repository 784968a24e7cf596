package dev.ferry.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.registry.core.SchemaRegistry;
import dev.ferry.registry.core.ScopedSettings;
import dev.ferry.schema.CompatibilityLevel;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * {@code /config} and {@code /config/{subject}}: compatibility levels. GET answers
 * {@code {"compatibilityLevel": ...}}, PUT takes and answers {@code {"compatibility": ...}}, DELETE answers the
 * level that was removed, as Confluent's.
 */
final class ConfigResource {
    private final ScopedSettings settings;
    private final RestJson json;
    private final RestResponses out;
    private final WriteHandlers writes;

    ConfigResource(SchemaRegistry registry, RestJson json, RestResponses out, WriteHandlers writes) {
        this.settings = registry.settings();
        this.json = json;
        this.out = out;
        this.writes = writes;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/config", ctx -> config(ctx, settings.level(null, true), settings.normalize(null, true)));
        routes.put("/config", writes.write(ctx -> set(ctx, null)));
        routes.delete("/config", writes.write(ctx -> level(ctx, settings.deleteLevel(null))));
        routes.get("/config/{subject}", ctx -> {
            boolean defaultToGlobal = Params.flag(ctx, "defaultToGlobal");
            config(ctx, settings.level(Params.subject(ctx), defaultToGlobal),
                    settings.normalize(Params.subject(ctx), defaultToGlobal));
        });
        routes.put("/config/{subject}", writes.write(ctx -> set(ctx, Params.subject(ctx))));
        routes.delete("/config/{subject}", writes.write(ctx -> level(ctx, settings.deleteLevel(Params.subject(ctx)))));
    }

    private void level(Context ctx, CompatibilityLevel level) {
        out.send(ctx, 200, json.object().put("compatibilityLevel", level.name()));
    }

    private void config(Context ctx, CompatibilityLevel level, Boolean normalize) {
        ObjectNode body = json.object();
        if (normalize != null) {
            body.put("normalize", normalize);
        }
        body.put("compatibilityLevel", level.name());
        out.send(ctx, 200, body);
    }

    private void set(Context ctx, String subject) {
        JsonNode body = json.body(ctx.bodyAsBytes());
        JsonNode requested = body.get("compatibility");
        if (requested == null) {
            requested = body.get("compatibilityLevel");
        }
        JsonNode normalize = body.get("normalize");
        CompatibilityLevel level = settings.setLevel(subject, requested == null || requested.isNull() ? null
                : requested.asText(), normalize == null || normalize.isNull() ? null : normalize.asBoolean());
        ObjectNode answer = json.object();
        if (level != null) {
            answer.put("compatibility", level.name());
        }
        if (normalize != null && !normalize.isNull()) {
            answer.put("normalize", normalize.asBoolean());
        }
        out.send(ctx, 200, answer);
    }
}
