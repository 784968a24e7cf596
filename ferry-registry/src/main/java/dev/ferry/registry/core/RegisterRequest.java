package dev.ferry.registry.core;

import dev.ferry.schema.SchemaReference;
import java.util.List;

/**
 * A schema as a client sends it to register, look up or test: the text, its type (null means AVRO), its
 * references, and in IMPORT mode the id and version it must be stored under (null otherwise).
 */
public record RegisterRequest(String schema, String schemaType, List<SchemaReference> references, Integer id,
                              Integer version) {
    public RegisterRequest {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
