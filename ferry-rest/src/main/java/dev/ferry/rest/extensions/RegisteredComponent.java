package dev.ferry.rest.extensions;

import jakarta.ws.rs.Path;
import java.util.Map;

/**
 * One component an extension registered with its {@code configurable()}: a class (created when
 * installed) or an instance, and the JAX-RS contracts it was registered for with their priorities.
 * Public only for the Jersey bridge ({@code dev.ferry.rest.extensions.jersey}), which another class
 * loader defines.
 */
public record RegisteredComponent(Class<?> type, Object instance, Map<Class<?>, Integer> contracts) {

    /** Whether it is a root resource (its class bears {@code @Path}). */
    public boolean isResource() {
        return type.isAnnotationPresent(Path.class);
    }

    /** The priority it was registered with for {@code contract}, else its {@code @Priority}, else {@code USER}. */
    public int priority(Class<?> contract) {
        Integer priority = contracts.get(contract);
        return priority != null ? priority : ExtensionConfigurable.defaultPriority(type);
    }
}
