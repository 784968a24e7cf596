package dev.ferry.schema;

import java.util.Comparator;

/**
 * A schema's dependency on another registered schema, as Confluent's API writes it:
 * {@code {"name": ..., "subject": ..., "version": ...}}. The name is what the referring schema uses for it:
 * the full record name for Avro, the import path for Protobuf, the {@code $ref} URL for JSON Schema.
 *
 * <p>References order as Confluent's normalisation sorts them: by subject, then version (the name does not count,
 * so references to the same subject version keep their declared order).
 */
public record SchemaReference(String name, String subject, int version) implements Comparable<SchemaReference> {

    private static final Comparator<SchemaReference> ORDER = Comparator
            .comparing(SchemaReference::subject, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(SchemaReference::version);

    @Override
    public int compareTo(SchemaReference other) {
        return ORDER.compare(this, other);
    }
}
