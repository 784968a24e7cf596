package dev.ferry.runtime.model;

/**
 * The outcome of altering or resetting a connector's offsets.
 *
 * @param connectorAcknowledged true when the connector confirmed it applied the change to any
 *                              offsets it keeps itself (its {@code alterOffsets} returned true);
 *                              when false the user is told that external offsets need a manual change
 */
public record OffsetsChange(boolean connectorAcknowledged) {
}
