package dev.ferry.serde.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.serde.SerdeContext;
import dev.ferry.serde.WriterSchema;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.wire.WireFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Protobuf messages (generated classes or {@code DynamicMessage}) in Confluent's wire format, a drop-in for
 * {@code io.confluent.kafka.serializers.protobuf.KafkaProtobufSerializer}: the message's {@code .proto} file is
 * registered or looked up (its imports as references), the frame carries the message indexes of the message type,
 * the payload is the message's binary form. Null is written as null. Thread-safe once configured.
 */
public class KafkaProtobufSerializer<T extends Message> implements Serializer<T> {

    private final SchemaRegistryClient sharedClient;
    private volatile SerdeContext context;
    private volatile ProtobufSchemas schemas;

    public KafkaProtobufSerializer() {
        this(null);
    }

    /** A serializer on a client the application shares between serdes and closes itself. */
    public KafkaProtobufSerializer(SchemaRegistryClient client) {
        this.sharedClient = client;
    }

    public KafkaProtobufSerializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this(client);
        configure(configs, isKey);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeContext configured = SerdeContext.configure(configs, isKey, sharedClient);
        schemas = new ProtobufSchemas(configured.client(), configured.config());
        context = configured;
    }

    @Override
    public byte[] serialize(String topic, T message) {
        if (message == null) {
            return null;
        }
        SerdeContext serde = SerdeContext.require(context, getClass().getSimpleName());
        try {
            Descriptor type = message.getDescriptorForType();
            ParsedSchema schema = schemas.parsed(type.getFile());
            WriterSchema writerSchema = serde.writer().resolve(topic, schema);
            List<Integer> indexes = MessageIndexPaths.indexesOf((FileDescriptor) writerSchema.schema().raw(),
                    type.getFullName());
            return WireFormat.frame(writerSchema.id(), indexes, message.toByteArray());
        } catch (RuntimeException e) {
            throw serde.failure("serialize", "Protobuf", topic, e);
        }
    }

    @Override
    public void close() {
        SerdeContext current = context;
        if (current != null) {
            current.close();
        }
    }
}
