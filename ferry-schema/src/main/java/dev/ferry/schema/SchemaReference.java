package dev.ferry.schema;

/**
 * A schema's dependency on another registered schema, as Confluent's API writes it:
 * {@code {"name": ..., "subject": ..., "version": ...}}. The name is what the referring schema uses for it:
 * the full record name for Avro, the import path for Protobuf, the {@code $ref} URL for JSON Schema.
 */
public record SchemaReference(String name, String subject, int version) {
}
