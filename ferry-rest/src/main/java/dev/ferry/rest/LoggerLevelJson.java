package dev.ferry.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Apache's {@code LoggerLevel} shape: a logger's effective level and when this worker last
 * changed it (epoch millis, null if never).
 */
record LoggerLevelJson(String level, @JsonProperty("last_modified") Long lastModified) {
}
