package dev.ferry.serde.wire;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that do not start with Confluent's schema-registry framing (magic byte, schema id, Protobuf message
 * indexes). The message names the offending byte or length and says that the data was most likely not written
 * by a schema-registry serializer.
 */
public class WireFormatException extends SerializationException {

    public WireFormatException(String message) {
        super(message);
    }
}
