package dev.ferry.rest.extensions;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.health.ConnectorHealth;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

/**
 * A test extension that serves a resource of its own from {@code clusterState()}, and guards one
 * of its methods with a name-bound filter (which must never run on Ferry's own routes).
 */
public class HealthResourceExtension implements ConnectRestExtension {
    static volatile int nameBoundRuns;

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void register(ConnectRestExtensionContext context) {
        context.configurable().register(new HealthResource(context.clusterState()));
        context.configurable().register(NeedsKey.class);
    }

    @Override
    public void close() {
    }

    @Override
    public String version() {
        return "2.0-test";
    }

    @NameBinding
    @Retention(RetentionPolicy.RUNTIME)
    public @interface KeyRequired {
    }

    /** Bound to {@link KeyRequired} methods only. */
    @KeyRequired
    public static class NeedsKey implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            nameBoundRuns++;
            if (request.getHeaderString("X-Key") == null) {
                request.abortWith(Response.status(401).entity("key required").build());
            }
        }
    }

    @Path("/extension-health")
    @Produces(MediaType.APPLICATION_JSON)
    public static class HealthResource {
        private final ConnectClusterState state;

        public HealthResource(ConnectClusterState state) {
            this.state = state;
        }

        @GET
        public Map<String, Object> cluster() {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("connectors", state.connectors());
            answer.put("kafkaClusterId", state.clusterDetails().kafkaClusterId());
            return answer;
        }

        @GET
        @Path("{name}")
        public Map<String, Object> connector(@PathParam("name") String name) {
            ConnectorHealth health = state.connectorHealth(name);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("name", health.name());
            answer.put("state", health.connectorState().state());
            answer.put("worker", health.connectorState().workerId());
            answer.put("type", health.type().name());
            Map<String, String> tasks = new TreeMap<>();
            health.tasksState().forEach((id, task) -> tasks.put(String.valueOf(id), task.state()));
            answer.put("tasks", tasks);
            answer.put("config", state.connectorConfig(name));
            return answer;
        }

        @GET
        @Path("{name}/secret")
        @KeyRequired
        public String secret(@PathParam("name") String name) {
            return "\"secret of " + name + "\"";
        }
    }
}
