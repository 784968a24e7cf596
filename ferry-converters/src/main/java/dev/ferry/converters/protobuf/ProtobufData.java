package dev.ferry.converters.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import dev.ferry.converters.BoundedCache;
import java.util.Objects;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect data &lt;-&gt; Protobuf messages, with Confluent's {@code ProtobufData} mapping: the schema halves are
 * cached ({@code schemas.cache.config} entries each way) because a converter sees the same few schemas on every
 * record. Thread-safe.
 */
final class ProtobufData {

    private final ProtobufDataConfig config;
    private final ProtoValueWriter writer;
    private final ConnectValueReader reader;
    private final BoundedCache<Schema, ProtoMessageType> toProto;
    private final BoundedCache<ConnectKey, Schema> toConnect;

    ProtobufData(ProtobufDataConfig config) {
        this.config = config;
        this.writer = new ProtoValueWriter(config);
        this.reader = new ConnectValueReader(config);
        this.toProto = new BoundedCache<>(config.schemasCacheSize());
        this.toConnect = new BoundedCache<>(config.schemasCacheSize());
    }

    ProtobufDataConfig config() {
        return config;
    }

    ProtoMessageType fromConnectSchema(Schema schema) {
        ProtoMessageType cached = toProto.get(schema);
        if (cached == null) {
            cached = ProtoSchemaBuilder.build(schema, config);
            toProto.put(schema, cached);
        }
        return cached;
    }

    /** The message of a Connect value, built on {@code type}; null for a null value. */
    Message fromConnectData(Schema schema, Object value, Descriptor type) {
        if (value == null) {
            return null;
        }
        if (schema == null) {
            throw new DataException("The Protobuf converter needs a Connect schema for every non-null value; this "
                    + "one has none. Use a schema-aware source or SMT, or a schemaless converter.");
        }
        return writer.write(schema, value, type);
    }

    Schema toConnectSchema(Descriptor message, Integer version) {
        ConnectKey key = new ConnectKey(message, version);
        Schema cached = toConnect.get(key);
        if (cached == null) {
            cached = ConnectSchemaBuilder.build(message, version, config);
            toConnect.put(key, cached);
        }
        return cached;
    }

    SchemaAndValue toConnectData(Message message, Integer version) {
        return message == null ? SchemaAndValue.NULL : toConnectData(MessageFields.of(message), version);
    }

    /** The Connect data of a message, from protobuf-java or decoded by {@link DecodedMessage}. */
    SchemaAndValue toConnectData(MessageFields message, Integer version) {
        Schema schema = toConnectSchema(message.type(), version);
        if (schema.type() != Schema.Type.STRUCT) {
            Object wrapped = message.get(FieldsByName.find(message.type(), ProtoNames.VALUE));
            return new SchemaAndValue(schema, reader.read(schema, wrapped));
        }
        return new SchemaAndValue(schema, reader.read(schema, message));
    }

    /** Descriptors compare by identity: two parses of one file are two keys, which only costs a rebuild. */
    private record ConnectKey(Descriptor message, Integer version) {
        @Override
        public boolean equals(Object other) {
            return other instanceof ConnectKey key && key.message == message && Objects.equals(key.version, version);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(message) * 31 + Objects.hashCode(version);
        }
    }
}
