package dev.ferry.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Apache's {@code ErrorMessage} shape, the body of every error response. */
record ErrorJson(@JsonProperty("error_code") int errorCode, String message) {
}
