package dev.ferry.serde;

import dev.ferry.schema.ParsedSchema;

/**
 * The schema a record is written with and its registry id: the caller's own schema (registered or looked up),
 * or with {@code use.latest.version} / {@code use.schema.id} the registry's one, which the payload must then be
 * encoded with.
 */
public record WriterSchema(String subject, int id, ParsedSchema schema) {
}
