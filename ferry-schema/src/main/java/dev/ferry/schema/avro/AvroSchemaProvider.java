package dev.ferry.schema.avro;

import dev.ferry.schema.SchemaProvider;
import dev.ferry.schema.SchemaReference;
import dev.ferry.schema.SchemaType;
import java.util.List;
import java.util.Map;

/**
 * Parses Avro schema texts with Apache Avro's own parser. {@link #parse} accepts any name and default value, as
 * Confluent does for schemas it reads back from storage or from the registry; {@link #parseNew} also checks names
 * (ASCII letters, digits, '_') and every default against its field's type, as Confluent does for a schema being
 * registered.
 */
public final class AvroSchemaProvider implements SchemaProvider {

    @Override
    public SchemaType type() {
        return SchemaType.AVRO;
    }

    @Override
    public AvroSchema parse(String schema, List<SchemaReference> references, Map<String, String> resolved) {
        return AvroSchemaParser.parse(schema, references, resolved, false);
    }

    @Override
    public AvroSchema parseNew(String schema, List<SchemaReference> references, Map<String, String> resolved) {
        return AvroSchemaParser.parse(schema, references, resolved, true);
    }

    /** Parses a schema without references, as a new schema (names and defaults checked). */
    public static AvroSchema parse(String schema) {
        return AvroSchemaParser.parse(schema, List.of(), Map.of(), true);
    }
}
