package dev.ferry.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.model.PluginDescriptor;
import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * Ferry's {@code GET /plugins}: every plugin this worker can load, of every type, with its version
 * and where it was found. Apache's {@code GET /connector-plugins?connectorsOnly=false} lists neither
 * config providers, REST extensions nor client config override policies, and no plugin's location;
 * its answer stays Apache's.
 */
final class WorkerPluginsResource {
    private final Herder herder;
    private final JsonResponses json;

    WorkerPluginsResource(Herder herder, JsonResponses json) {
        this.herder = herder;
        this.json = json;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/plugins", ctx -> json.send(ctx, 200, herder.allPlugins().stream().map(PluginJson::of).toList()));
    }

    /** One plugin; {@code version} is left out when the plugin reports none, as in {@code /connector-plugins}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PluginJson(@JsonProperty("class") String className, String type, String version, String location) {
        static PluginJson of(PluginDescriptor d) {
            String version = PluginDescriptor.UNDEFINED_VERSION.equals(d.version()) ? null : d.version();
            return new PluginJson(d.className(), d.type().jsonName(), version, d.location());
        }
    }
}
