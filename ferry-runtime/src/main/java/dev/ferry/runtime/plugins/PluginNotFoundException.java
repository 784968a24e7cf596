package dev.ferry.runtime.plugins;

import dev.ferry.runtime.model.PluginType;
import org.apache.kafka.connect.errors.ConnectException;

import java.util.List;
import java.util.Set;

/**
 * No plugin of the requested kind has the requested class name or alias. The message says what kind was asked
 * for, the name, the closest names that do exist, which plugin path was searched and what to do about it.
 * REST reports this as not found (404) for plugin paths, and as a validation error for connector configs.
 */
public class PluginNotFoundException extends ConnectException {

    private final String requestedName;
    private final Set<PluginType> requestedTypes;
    private final List<String> closestMatches;

    public PluginNotFoundException(String message, String requestedName, Set<PluginType> requestedTypes,
                                   List<String> closestMatches) {
        super(message);
        this.requestedName = requestedName;
        this.requestedTypes = Set.copyOf(requestedTypes);
        this.closestMatches = List.copyOf(closestMatches);
    }

    /** The class name or alias that was asked for. */
    public String requestedName() {
        return requestedName;
    }

    /** The kinds of plugin that were searched. */
    public Set<PluginType> requestedTypes() {
        return requestedTypes;
    }

    /** Fully qualified names of installed plugins whose names resemble the requested one, best first. */
    public List<String> closestMatches() {
        return closestMatches;
    }
}
