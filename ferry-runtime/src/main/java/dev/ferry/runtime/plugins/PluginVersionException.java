package dev.ferry.runtime.plugins;

import org.apache.kafka.connect.errors.ConnectException;

import java.util.List;

/**
 * A plugin exists but not in a version that satisfies the requested version specification, or the
 * specification itself cannot be parsed. REST reports this as a bad request (400); the message lists the
 * versions that are installed.
 */
public class PluginVersionException extends ConnectException {

    private final List<String> availableVersions;

    public PluginVersionException(String message, List<String> availableVersions) {
        super(message);
        this.availableVersions = List.copyOf(availableVersions);
    }

    /** The versions of the plugin that are installed, oldest first; empty when the spec could not be parsed. */
    public List<String> availableVersions() {
        return availableVersions;
    }
}
