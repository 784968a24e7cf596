package dev.ferry.runtime.plugins;

import org.apache.kafka.connect.errors.ConnectException;

import java.nio.file.Path;

/**
 * An element of {@code plugin.path} (or of Ferry's bundled plugin path) cannot be used: it does not exist or
 * cannot be read. The message names the element and how to fix it; the worker does not start.
 */
public class PluginPathException extends ConnectException {

    private final Path element;

    public PluginPathException(Path element, String message) {
        super(message);
        this.element = element;
    }

    public PluginPathException(Path element, String message, Throwable cause) {
        super(message, cause);
        this.element = element;
    }

    /** The offending path element. */
    public Path element() {
        return element;
    }
}
