package dev.ferry.serde.client;

import dev.ferry.schema.ParsedSchema;

/** One version of a subject as the registry holds it: the subject, its version number, the global id, the schema. */
public record RegisteredSchema(String subject, int version, int id, ParsedSchema schema) {
}
