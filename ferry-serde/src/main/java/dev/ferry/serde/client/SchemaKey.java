package dev.ferry.serde.client;

import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaReference;
import dev.ferry.schema.SchemaType;
import java.util.List;

/**
 * What makes two schemas the same registered schema for the caches: type, canonical text, references and whether
 * the registry was asked to normalise (a normalised lookup may find an id a plain one does not).
 */
record SchemaKey(SchemaType type, String canonical, List<SchemaReference> references, boolean normalize) {

    static SchemaKey of(ParsedSchema schema, boolean normalize) {
        return new SchemaKey(schema.type(), schema.canonical(), List.copyOf(schema.references()), normalize);
    }
}
