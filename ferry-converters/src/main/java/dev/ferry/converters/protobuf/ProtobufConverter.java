package dev.ferry.converters.protobuf;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import dev.ferry.converters.RegistryConverter;
import dev.ferry.schema.protobuf.ProtobufSchema;
import dev.ferry.serde.Framed;
import dev.ferry.serde.WriterSchema;
import dev.ferry.serde.wire.WireFormat;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;

/**
 * A Connect converter for Protobuf in Confluent's wire format (magic byte, schema id, message indexes, message),
 * the stand-in for {@code io.confluent.connect.protobuf.ProtobufConverter} with its config keys: the registry
 * client's ({@code schema.registry.url}, auth, TLS), the serde's ({@code auto.register.schemas},
 * {@code use.latest.version}, subject name strategies, ...) and {@link ProtobufDataConfig}'s mapping options.
 * The registry is asked once per new schema: Connect-to-Protobuf schemas, registered ids and writer schemas are
 * cached. A null value is a tombstone both ways. Thread-safe once configured.
 */
public final class ProtobufConverter extends RegistryConverter {

    private ProtobufData data;

    public ProtobufConverter() {
        super("Protobuf", "message indexes, Protobuf message", null);
    }

    @Override
    protected ConfigDef formatConfig() {
        return new ConfigDef(ProtobufDataConfig.DEFINITION);
    }

    @Override
    protected void configureFormat(Map<String, ?> configs) {
        data = new ProtobufData(ProtobufDataConfig.from(configs));
    }

    @Override
    protected byte[] write(String topic, Schema schema, Object value) {
        ProtoMessageType type = data.fromConnectSchema(requireSchema(schema));
        ProtobufSchema own = type.registrySchema();
        WriterSchema target = writer().resolve(topic, own);
        Descriptor message = type.message();
        List<Integer> indexes = type.indexes();
        if (target.schema() != own && target.schema() instanceof ProtobufSchema registered) {
            // use.latest.version / use.schema.id: encode with the registry's message of the same name
            Descriptor same = registered.messageNamed(message.getFullName());
            message = same != null ? same : registered.firstMessage();
            indexes = registered.indexesOf(message);
        }
        Message encoded = data.fromConnectData(schema, value, message);
        return WireFormat.frame(target.id(), indexes, encoded.toByteArray());
    }

    @Override
    protected SchemaAndValue read(String topic, int id, Framed framed) {
        ProtobufSchema schema = schemaOf(ProtobufSchema.class, framed.schema(), id);
        Descriptor message = schema.messageAt(framed.messageIndexes());
        try {
            return data.toConnectData(decode(message, framed), versionOf(topic, id, schema));
        } catch (IOException e) {
            throw new DataException("the payload is not a valid message of the schema: " + e.getMessage(), e);
        }
    }

    /** The payload's fields, decoded directly; through {@code DynamicMessage} where the direct decoder stops. */
    private static MessageFields decode(Descriptor message, Framed framed) throws IOException {
        try {
            return DecodedMessage.decode(message, payload(framed));
        } catch (DecodedMessage.Unsupported e) {
            return MessageFields.of(DynamicMessage.parseFrom(message, payload(framed)));
        }
    }

    private static CodedInputStream payload(Framed framed) {
        return CodedInputStream.newInstance(framed.bytes(), framed.payloadOffset(), framed.payloadLength());
    }

}
