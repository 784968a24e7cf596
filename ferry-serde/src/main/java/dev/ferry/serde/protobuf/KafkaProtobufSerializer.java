package dev.ferry.serde.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.serde.RegistrySerializer;
import dev.ferry.serde.SerdeContext;
import dev.ferry.serde.WriterSchema;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.wire.WireFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes Protobuf messages (generated classes or {@code DynamicMessage}) in Confluent's wire format, a drop-in for
 * {@code io.confluent.kafka.serializers.protobuf.KafkaProtobufSerializer}: the message's {@code .proto} file is
 * registered or looked up (its imports as references), the frame carries the message indexes of the message type,
 * the payload is the message's binary form. Null is written as null. Thread-safe once configured.
 */
public class KafkaProtobufSerializer<T extends Message> extends RegistrySerializer<T> {

    private volatile ProtobufSchemas schemas;

    public KafkaProtobufSerializer() {
        this(null);
    }

    /** A serializer on a client the application shares between serdes and closes itself. */
    public KafkaProtobufSerializer(SchemaRegistryClient client) {
        super("Protobuf", client);
    }

    public KafkaProtobufSerializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this(client);
        configure(configs, isKey);
    }

    @Override
    protected void configureFormat(SerdeContext configured) {
        schemas = new ProtobufSchemas(configured.client(), configured.config());
    }

    @Override
    protected byte[] write(SerdeContext serde, String topic, T message) {
        Descriptor type = message.getDescriptorForType();
        ParsedSchema schema = schemas.parsed(type.getFile());
        WriterSchema writerSchema = serde.writer().resolve(topic, schema);
        List<Integer> indexes = MessageIndexPaths.indexesOf((FileDescriptor) writerSchema.schema().raw(),
                type.getFullName());
        return WireFormat.frame(writerSchema.id(), indexes, message.toByteArray());
    }
}
