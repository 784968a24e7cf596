package dev.ferry.schema.avro;

import dev.ferry.schema.InvalidSchemaException;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaReference;
import dev.ferry.schema.SchemaType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * An Avro schema parsed by Apache Avro, with the references it was parsed against.
 *
 * <p>Its {@link #canonical()} text is what Confluent's registry stores and returns: Avro's compact JSON of the
 * schema with the referenced named types written by name, not inlined ({@code {"type":"string"}} becomes
 * {@code "string"}; whitespace goes, documentation, aliases and custom properties stay). Two instances are equal,
 * as Confluent's registry decides "already registered", when their references are equal and Avro finds the
 * schemas equal with the same documentation and aliases.
 */
public final class AvroSchema implements ParsedSchema {

    private final Schema schema;
    private final List<Schema> referencedSchemas;
    private final List<SchemaReference> references;
    private final Map<String, String> resolvedReferences;
    private volatile String canonical;

    AvroSchema(Schema schema, List<Schema> referencedSchemas, List<SchemaReference> references,
            Map<String, String> resolvedReferences) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.referencedSchemas = List.copyOf(referencedSchemas);
        this.references = List.copyOf(references);
        this.resolvedReferences = Map.copyOf(resolvedReferences);
    }

    /** A schema built in code that references nothing (its named types are all inlined). */
    public static AvroSchema of(Schema schema) {
        return new AvroSchema(schema, List.of(), List.of(), Map.of());
    }

    /** The schema as Apache Avro's object; the same as {@link #raw()}, typed. */
    public Schema avroSchema() {
        return schema;
    }

    @Override
    public SchemaType type() {
        return SchemaType.AVRO;
    }

    @Override
    @SuppressWarnings("deprecation") // Avro 1.12 has no other way to write a schema with named types left by name
    public String canonical() {
        String text = canonical;
        if (text == null) {
            text = schema.toString(referencedSchemas, false);
            canonical = text;
        }
        return text;
    }

    /** {@code resolved} inlines the referenced types (Confluent's {@code format=resolved}); anything else is canonical. */
    @Override
    public String formatted(String format) {
        if (format != null && format.trim().equalsIgnoreCase("resolved")) {
            return schema.toString();
        }
        return canonical();
    }

    @Override
    public String name() {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new InvalidSchemaException("The Avro schema is a " + schema.getType().getName() + ", not a record, "
                    + "so it has no record name; RecordNameStrategy and TopicRecordNameStrategy need a record. Use "
                    + "TopicNameStrategy for this subject, or wrap the value in a record.");
        }
        return schema.getFullName();
    }

    @Override
    public List<SchemaReference> references() {
        return references;
    }

    @Override
    public Map<String, String> resolvedReferences() {
        return resolvedReferences;
    }

    @Override
    public AvroSchema normalized() {
        return AvroNormalizer.normalize(this);
    }

    @Override
    public List<String> incompatibilitiesWith(ParsedSchema previous) {
        return incompatibilitiesWith(previous, "new", "old");
    }

    @Override
    public List<String> incompatibilitiesWith(ParsedSchema writer, String readerRole, String writerRole) {
        return AvroCompatibility.readerProblems(this, writer, readerRole, writerRole);
    }

    @Override
    public Schema raw() {
        return schema;
    }

    List<Schema> referencedSchemas() {
        return referencedSchemas;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AvroSchema that)) {
            return false;
        }
        return references.equals(that.references) && schema.equals(that.schema)
                && AvroMetadataEquality.sameDocsAndAliases(schema, that.schema);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, references);
    }

    @Override
    public String toString() {
        return canonical();
    }
}
