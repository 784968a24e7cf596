package dev.ferry.runtime.metrics;

/**
 * The classes and versions of what a task is made of, for the {@code connector-task-metrics}
 * attributes Apache added in 4.1 (KIP-891). Versions are those the plugins report, or
 * {@code undefined} for plugins that do not say.
 */
public record TaskPlugins(
        String connectorClass,
        String connectorVersion,
        String connectorType,
        String taskClass,
        String taskVersion,
        String keyConverterClass,
        String keyConverterVersion,
        String valueConverterClass,
        String valueConverterVersion,
        String headerConverterClass,
        String headerConverterVersion) {
}
