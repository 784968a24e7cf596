package dev.ferry.serde.protobuf;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.ferry.serde.Framed;
import dev.ferry.serde.RegistryDeserializer;
import dev.ferry.serde.SerdeContext;
import dev.ferry.serde.client.SchemaRegistryClient;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads Protobuf messages in Confluent's wire format, a drop-in for
 * {@code io.confluent.kafka.serializers.protobuf.KafkaProtobufDeserializer}: the writer schema comes from the
 * registry by id, the message type from the message indexes. Gives a {@code DynamicMessage}, or an instance of
 * the generated class named in {@code specific.protobuf.key.type} / {@code specific.protobuf.value.type}. Null stays
 * null. Thread-safe once configured.
 */
public class KafkaProtobufDeserializer<T extends Message> extends RegistryDeserializer<T> {

    static final String SPECIFIC_KEY_TYPE = "specific.protobuf.key.type";
    static final String SPECIFIC_VALUE_TYPE = "specific.protobuf.value.type";

    private Parser<?> specificParser;

    public KafkaProtobufDeserializer() {
        this(null);
    }

    /** A deserializer on a client the application shares between serdes and closes itself. */
    public KafkaProtobufDeserializer(SchemaRegistryClient client) {
        super("Protobuf", "not valid Protobuf", client);
    }

    public KafkaProtobufDeserializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this(client);
        configure(configs, isKey);
    }

    @Override
    protected void configureFormat(SerdeContext configured) {
        String typeKey = configured.isKey() ? SPECIFIC_KEY_TYPE : SPECIFIC_VALUE_TYPE;
        specificParser = configured.values().has(typeKey) ? parserOf(typeKey, configured.values().map().get(typeKey)) : null;
    }

    private static Parser<?> parserOf(String key, Object value) {
        try {
            Class<?> type = value instanceof Class<?> c ? c
                    : Class.forName(value.toString().trim(), true, Thread.currentThread().getContextClassLoader());
            Message defaultInstance = (Message) type.getMethod("getDefaultInstance").invoke(null);
            return defaultInstance.getParserForType();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new ConfigException(key, value, "Name a generated Protobuf message class on the class path ("
                    + e + ").");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    protected T read(String topic, Framed framed) throws IOException {
        if (!(framed.schema().raw() instanceof FileDescriptor file)) {
            throw new SerializationException("Schema id " + framed.schemaId() + " is a " + framed.schema().type()
                    + " schema, not Protobuf; read this topic with the matching deserializer.");
        }
        if (specificParser != null) {
            return (T) specificParser.parseFrom(framed.bytes(), framed.payloadOffset(), framed.payloadLength());
        }
        Descriptor descriptor = MessageIndexPaths.descriptorAt(file, framed.messageIndexes());
        return (T) DynamicMessage.parseFrom(descriptor,
                CodedInputStream.newInstance(framed.bytes(), framed.payloadOffset(), framed.payloadLength()));
    }
}
