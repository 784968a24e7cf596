package dev.ferry.converters;

import dev.ferry.schema.InvalidSchemaException;
import dev.ferry.serde.client.RegistryUnreachableException;
import dev.ferry.serde.client.SchemaRegistryException;
import dev.ferry.serde.wire.WireFormatException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * Turns what fails while converting into what a Connect worker acts on: an unreachable registry is a
 * {@link RetriableException} (the task retries per {@code errors.retry.*}) naming every registry URL tried;
 * anything about the record or its schema is a {@link DataException} (tolerable with {@code errors.tolerance=all},
 * dead-letter-queue material) naming the converter, the topic, the schema id and what to check.
 */
final class ConverterErrors {

    private final String format;
    private final String framing;

    /**
     * @param format  the format as users name it ("Avro", "Protobuf", "JSON Schema")
     * @param framing what follows the magic byte, for the message about bytes not in the wire format
     */
    ConverterErrors(String format, String framing) {
        this.format = format;
        this.framing = framing;
    }

    RuntimeException onWrite(String topic, RuntimeException failure) {
        return translate(format + " converter could not write a record to topic " + topic, failure, null);
    }

    RuntimeException onRead(String topic, Integer schemaId, RuntimeException failure) {
        return translate(format + " converter could not read a record of topic " + topic, failure, schemaId);
    }

    private RuntimeException translate(String context, RuntimeException failure, Integer schemaId) {
        String id = schemaId == null ? "" : " (schema id " + schemaId + ")";
        if (failure instanceof RegistryUnreachableException unreachable) {
            return new RetriableException(context + id + ": no schema registry answered (tried "
                    + String.join(", ", unreachable.urlsTried()) + "): " + Sentences.end(unreachable.getMessage())
                    + " Check schema.registry.url and that the registry is running.", unreachable);
        }
        if (failure instanceof SchemaRegistryException registry) {
            if (registry.notFound() && schemaId != null) {
                return new DataException(context + ": the schema registry at " + registry.url() + " has no schema "
                        + "with id " + schemaId + " (" + registry.getMessage() + "). Check that schema.registry.url "
                        + "names the registry the producer wrote with, and that the schema was not deleted.", registry);
            }
            return new DataException(context + id + ": the schema registry refused: " + registry.getMessage()
                    + " (HTTP " + registry.status() + ", error code " + registry.errorCode() + ", " + registry.url()
                    + ").", registry);
        }
        if (failure instanceof WireFormatException wire) {
            return new DataException(context + ": the bytes are not in the schema registry wire format (magic byte 0, "
                    + "4-byte schema id, " + framing + "): " + Sentences.end(wire.getMessage())
                    + " Check that the topic is written "
                    + "by a schema registry " + format + " serializer or converter, and that "
                    + "key.converter/value.converter match what the producer used.", wire);
        }
        if (failure instanceof DataException || failure instanceof SerializationException
                || failure instanceof IllegalArgumentException || failure instanceof InvalidSchemaException
                || failure instanceof org.apache.avro.AvroRuntimeException) {
            return new DataException(context + id + ": " + failure.getMessage(), failure);
        }
        return failure;
    }
}
