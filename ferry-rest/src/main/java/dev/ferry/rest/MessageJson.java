package dev.ferry.rest;

/** Apache's {@code Message} shape: {@code {"message":"…"}}. */
record MessageJson(String message) {
}
