package dev.ferry.schema;

import java.util.List;
import java.util.Map;

/**
 * Parses schema texts of one {@link SchemaType}. One instance per type, thread-safe; {@link SchemaProviders}
 * hands them out.
 */
public interface SchemaProvider {

    SchemaType type();

    /**
     * Parses a schema.
     *
     * @param schema     the schema text as a client sent it (for Protobuf also the base64
     *                   {@code FileDescriptorProto} form)
     * @param references the references as the client declared them
     * @param resolved   the text of every referenced schema by reference name, transitive ones included
     * @throws InvalidSchemaException naming the parser's complaint (with line and column where it has them)
     */
    ParsedSchema parse(String schema, List<SchemaReference> references, Map<String, String> resolved);

    /**
     * Parses a schema that is about to be registered: like {@link #parse}, and in addition as strict as Confluent
     * is with new schemas (Avro checks every field default against the field's type). Schemas read back from the
     * registry or from storage go through {@link #parse}, so that an old schema stays readable.
     */
    default ParsedSchema parseNew(String schema, List<SchemaReference> references, Map<String, String> resolved) {
        return parse(schema, references, resolved);
    }
}
