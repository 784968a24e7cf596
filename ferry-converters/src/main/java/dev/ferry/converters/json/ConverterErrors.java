package dev.ferry.converters.json;

import dev.ferry.serde.client.RegistryUnreachableException;
import dev.ferry.serde.client.SchemaRegistryException;
import dev.ferry.serde.wire.WireFormatException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * The one place where the serde's failures become what a Connect worker acts on: an unreachable registry is a
 * {@link RetriableException} (the task retries per {@code errors.retry.*}), everything about the record or its
 * schema a {@link DataException} (tolerable, dead-letter-queue material). Every message names the topic.
 */
final class ConverterErrors {

    private ConverterErrors() {
    }

    static RuntimeException onWrite(String topic, RuntimeException failure) {
        return translate("JSON Schema converter could not write a record to topic " + topic, failure, null);
    }

    static RuntimeException onRead(String topic, Integer schemaId, RuntimeException failure) {
        return translate("JSON Schema converter could not read a record of topic " + topic, failure, schemaId);
    }

    private static RuntimeException translate(String context, RuntimeException failure, Integer schemaId) {
        if (failure instanceof RegistryUnreachableException unreachable) {
            return new RetriableException(context + ": no schema registry answered (tried "
                    + String.join(", ", unreachable.urlsTried()) + "): " + unreachable.getMessage()
                    + ". Check schema.registry.url and that the registry is running.", unreachable);
        }
        if (failure instanceof SchemaRegistryException registry) {
            String what = registry.notFound() && schemaId != null
                    ? ": the registry has no schema with id " + schemaId + " (" + registry.getMessage()
                            + "). The record was written against another registry, or its schema was deleted."
                    : ": the registry refused (" + registry.getMessage() + ", error code " + registry.errorCode()
                            + ", " + registry.url() + ")";
            return new DataException(context + what, registry);
        }
        if (failure instanceof WireFormatException wire) {
            return new DataException(context + ": it is not in the schema registry wire format: " + wire.getMessage(),
                    wire);
        }
        if (failure instanceof SerializationException || failure instanceof IllegalArgumentException) {
            return new DataException(context + (schemaId == null ? "" : " (schema id " + schemaId + ")") + ": "
                    + failure.getMessage(), failure);
        }
        if (failure instanceof DataException data) {
            return new DataException(context + (schemaId == null ? "" : " (schema id " + schemaId + ")") + ": "
                    + data.getMessage(), data);
        }
        return failure;
    }
}
