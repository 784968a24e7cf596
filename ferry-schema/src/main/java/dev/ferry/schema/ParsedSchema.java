package dev.ferry.schema;

import java.util.List;
import java.util.Map;

/**
 * A schema parsed by its format's own library (Apache Avro, protobuf-java with Square's Wire for {@code .proto}
 * text, a JSON Schema validator), together with the references it was parsed against. Immutable.
 *
 * <p>Two parsed schemas are the same registered schema when their {@link #canonical()} strings and
 * references are equal; that is how the registry answers "already registered" and how the serdes cache.
 */
public interface ParsedSchema {

    SchemaType type();

    /** The text the registry stores and returns for this schema (Confluent's canonical string of the type). */
    String canonical();

    /**
     * The schema in a requested {@code format} of {@code GET /schemas/ids/{id}?format=}: for Protobuf
     * {@code serialized} gives the base64 {@code FileDescriptorProto}; an unknown or null format gives
     * {@link #canonical()}.
     */
    String formatted(String format);

    /**
     * The fully qualified name of the schema's record type, as {@code RecordNameStrategy} uses it: the Avro
     * record's full name, the first Protobuf message's full name, the JSON Schema's {@code title}.
     *
     * @throws InvalidSchemaException when the schema has no such name (an Avro primitive, say)
     */
    String name();

    /** The references this schema was parsed with, in their declared order. */
    List<SchemaReference> references();

    /** The referenced schemas' texts by reference name, transitive ones included. */
    Map<String, String> resolvedReferences();

    /** The same schema in the normalised form Confluent's {@code normalize=true} registers. */
    ParsedSchema normalized();

    /**
     * Why data written with {@code previous} cannot be read with this schema, one message per problem, each
     * naming the field or type and the rule it breaks; empty when this schema can read it (backward compatible).
     * {@link CompatibilityLevel} builds forward and full checks from this one.
     */
    List<String> incompatibilitiesWith(ParsedSchema previous);

    /**
     * The same check as {@link #incompatibilitiesWith(ParsedSchema)}, this schema reading data written with
     * {@code writer}, with the messages calling the two schemas by the given roles: a backward check calls this one
     * {@code "new"} and the writer {@code "old"}, a forward check the other way round, as Confluent's messages do.
     * Formats whose messages do not name roles need not override it.
     */
    default List<String> incompatibilitiesWith(ParsedSchema writer, String readerRole, String writerRole) {
        return incompatibilitiesWith(writer);
    }

    /** The library's own object: {@code org.apache.avro.Schema}, a Protobuf descriptor, a JSON Schema tree. */
    Object raw();
}
