package dev.ferry.runtime.model;

/**
 * The last reported status of one connector or task instance.
 *
 * @param state      what the instance is doing
 * @param workerId   the advertised {@code host:port} of the worker that owns it
 * @param trace      the full stack trace when FAILED, otherwise null
 * @param version    the plugin version, or null when the plugin does not say
 * @param generation the group generation the status was written in (0 in standalone mode)
 */
public record InstanceStatus(State state, String workerId, String trace, String version, int generation) {
}
