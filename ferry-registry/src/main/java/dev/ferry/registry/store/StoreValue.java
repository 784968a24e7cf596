package dev.ferry.registry.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.schema.SchemaReference;
import java.util.List;
import java.util.Objects;

/**
 * The value of one {@code _schemas} record. Fields Confluent writes that this registry does not use
 * ({@code md5}, {@code metadata}, {@code ruleSet}, config flags) are carried in {@code extras} and written
 * back unchanged when the record is rewritten (a soft delete), so nothing a Confluent registry stored is lost.
 */
public sealed interface StoreValue {

    /** One version of a subject. {@code schemaType} is {@code AVRO}, {@code PROTOBUF} or {@code JSON}. */
    record Schema(String subject, int version, int id, String schemaType, List<SchemaReference> references,
                  String schema, boolean deleted, ObjectNode extras) implements StoreValue {
        public Schema {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(schema, "schema");
            schemaType = schemaType == null || schemaType.isEmpty() ? "AVRO" : schemaType;
            references = references == null ? List.of() : List.copyOf(references);
        }

        /** This version marked soft deleted (or not). */
        public Schema withDeleted(boolean deleted) {
            return new Schema(subject, version, id, schemaType, references, schema, deleted, extras);
        }
    }

    /** A compatibility level; {@code subject} null for the global config. */
    record Config(String subject, String compatibilityLevel, ObjectNode extras) implements StoreValue {
    }

    /** A mode; {@code subject} null for the global mode. */
    record Mode(String subject, String mode) implements StoreValue {
    }

    /** Soft-deletes every version of {@code subject} up to and including {@code version}. */
    record DeleteSubject(String subject, int version) implements StoreValue {
    }

    /** Forgets every version of the subjects matching {@code subject}. */
    record ClearSubject(String subject) implements StoreValue {
    }

    /** The value of a key type this registry does not act on. */
    record Other(String json) implements StoreValue {
    }
}
