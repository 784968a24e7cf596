package dev.ferry.runtime.model;

/** Whether a connector reads into Kafka or writes out of it; UNKNOWN when its class cannot be loaded. */
public enum ConnectorType {
    SOURCE, SINK, UNKNOWN;

    /** The lower-case name Apache uses in JSON ({@code "source"}, {@code "sink"}, {@code "unknown"}). */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
