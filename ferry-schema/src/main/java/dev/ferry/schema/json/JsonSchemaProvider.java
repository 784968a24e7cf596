package dev.ferry.schema.json;

import dev.ferry.schema.SchemaProvider;
import dev.ferry.schema.SchemaReference;
import dev.ferry.schema.SchemaType;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON Schema texts (drafts 4, 6, 7, 2019-09 and 2020-12 by their {@code $schema}, draft 7 when none is
 * named), checking them against their draft's meta-schema and resolving {@code $ref}s from the referenced texts,
 * which are registered under the {@code $ref} URL as reference name.
 */
public final class JsonSchemaProvider implements SchemaProvider {

    @Override
    public SchemaType type() {
        return SchemaType.JSON;
    }

    @Override
    public JsonSchema parse(String schema, List<SchemaReference> references, Map<String, String> resolved) {
        return JsonSchemaParser.parse(schema, references, resolved);
    }

    /** Parses a schema without references. */
    public static JsonSchema parse(String schema) {
        return JsonSchemaParser.parse(schema, List.of(), Map.of());
    }
}
