package dev.ferry.schema.avro;

import dev.ferry.schema.ParsedSchema;
import java.util.List;
import org.apache.avro.SchemaCompatibility;

/**
 * Whether one Avro schema reads data written with another, decided by Apache Avro's {@link SchemaCompatibility}
 * (the schema resolution rules of the Avro specification) and reported one message per incompatibility in
 * Confluent's shape.
 */
final class AvroCompatibility {

    private AvroCompatibility() {
    }

    static List<String> readerProblems(AvroSchema reader, ParsedSchema writer, String readerRole, String writerRole) {
        if (!(writer instanceof AvroSchema avroWriter)) {
            return List.of("Incompatible because of different schema type");
        }
        SchemaCompatibility.SchemaPairCompatibility result;
        try {
            result = SchemaCompatibility.checkReaderWriterCompatibility(reader.avroSchema(), avroWriter.avroSchema());
        } catch (RuntimeException e) {
            return List.of("Unexpected exception during compatibility check: " + e.getMessage());
        }
        return result.getResult().getIncompatibilities().stream()
                .map(i -> AvroIncompatibilityMessage.of(i, reader.avroSchema(), readerRole, writerRole))
                .toList();
    }
}
