package dev.ferry.serde;

import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaType;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.wire.MessageIndexes;
import dev.ferry.serde.wire.WireFormat;
import java.util.List;

/**
 * Takes a framed record apart: checks the magic byte, reads the schema id, fetches the writer schema (cached by
 * the client, so once per id) and for Protobuf reads the message indexes. Thread-safe.
 */
public final class SchemaReader {

    private final SchemaRegistryClient client;

    public SchemaReader(SchemaRegistryClient client) {
        this.client = client;
    }

    /**
     * The record's id, writer schema, message indexes and payload position; null for null (a tombstone).
     *
     * @throws dev.ferry.serde.wire.WireFormatException when the bytes are not framed
     * @throws dev.ferry.serde.client.SchemaRegistryException when the registry has no schema with the id
     */
    public Framed read(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        int id = WireFormat.schemaId(bytes);
        ParsedSchema schema = client.schemaById(id);
        if (schema.type() == SchemaType.PROTOBUF) {
            MessageIndexes indexes = WireFormat.messageIndexes(bytes);
            return new Framed(id, schema, indexes.indexes(), bytes, indexes.payloadOffset());
        }
        return new Framed(id, schema, List.of(), bytes, WireFormat.HEADER_LENGTH);
    }
}
