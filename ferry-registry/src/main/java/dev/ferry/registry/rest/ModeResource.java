package dev.ferry.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.registry.core.Mode;
import dev.ferry.registry.core.SchemaRegistry;
import dev.ferry.registry.core.ScopedSettings;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

/** {@code /mode} and {@code /mode/{subject}}: {@code {"mode": ...}} in and out; PUT takes {@code ?force=true}. */
final class ModeResource {
    private final ScopedSettings settings;
    private final RestJson json;
    private final RestResponses out;
    private final WriteHandlers writes;

    ModeResource(SchemaRegistry registry, RestJson json, RestResponses out, WriteHandlers writes) {
        this.settings = registry.settings();
        this.json = json;
        this.out = out;
        this.writes = writes;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/mode", ctx -> mode(ctx, settings.mode(null, true)));
        routes.put("/mode", writes.write(ctx -> set(ctx, null)));
        routes.get("/mode/{subject}", ctx -> mode(ctx,
                settings.mode(Params.subject(ctx), Params.flag(ctx, "defaultToGlobal"))));
        routes.put("/mode/{subject}", writes.write(ctx -> set(ctx, Params.subject(ctx))));
        routes.delete("/mode/{subject}", writes.write(ctx -> mode(ctx, settings.deleteMode(Params.subject(ctx)))));
    }

    private void mode(Context ctx, Mode mode) {
        out.send(ctx, 200, json.object().put("mode", mode.name()));
    }

    private void set(Context ctx, String subject) {
        JsonNode requested = json.body(ctx.bodyAsBytes()).get("mode");
        Mode mode = settings.setMode(subject, requested == null || requested.isNull() ? null : requested.asText(),
                Params.flag(ctx, "force"));
        mode(ctx, mode);
    }
}
