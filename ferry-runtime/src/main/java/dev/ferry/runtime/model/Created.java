package dev.ferry.runtime.model;

/**
 * The result of a write that may either create or replace something: REST answers 201 for a
 * creation and 200 for a replacement, so the herder has to say which one happened.
 */
public record Created<T>(boolean created, T value) {
}
