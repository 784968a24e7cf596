package dev.ferry.converters.protobuf;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import java.io.IOException;
import com.google.protobuf.Message;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.protobuf.ProtobufSchema;
import dev.ferry.serde.Framed;
import dev.ferry.serde.SchemaReader;
import dev.ferry.serde.SchemaWriter;
import dev.ferry.serde.SerdeConfig;
import dev.ferry.serde.WriterSchema;
import dev.ferry.serde.client.RegistryUnreachableException;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.client.SchemaRegistryClients;
import dev.ferry.serde.wire.WireFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * A Connect converter for Protobuf in Confluent's wire format (magic byte, schema id, message indexes, message),
 * the stand-in for {@code io.confluent.connect.protobuf.ProtobufConverter} with its config keys: the registry
 * client's ({@code schema.registry.url}, auth, TLS), the serde's ({@code auto.register.schemas},
 * {@code use.latest.version}, subject name strategies, ...) and {@link ProtobufDataConfig}'s mapping options.
 * The registry is asked once per new schema: Connect-to-Protobuf schemas, registered ids and writer schemas are
 * cached. A null value is a tombstone both ways. Thread-safe once configured.
 */
public final class ProtobufConverter implements Converter, Versioned {

    private ProtobufData data;
    private SchemaRegistryClient client;
    private SchemaWriter writer;
    private SchemaReader reader;
    private final Map<Integer, Integer> versionsById = new ConcurrentHashMap<>();

    @Override
    public String version() {
        return ConverterVersion.VERSION;
    }

    @Override
    public ConfigDef config() {
        return ProtobufDataConfig.DEFINITION;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        data = new ProtobufData(ProtobufDataConfig.from(configs));
        client = SchemaRegistryClients.create(configs);
        writer = new SchemaWriter(client, SerdeConfig.from(configs, isKey));
        reader = new SchemaReader(client);
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        try {
            ProtoMessageType type = data.fromConnectSchema(requireSchema(schema));
            ProtobufSchema own = type.registrySchema();
            WriterSchema target = writer.resolve(topic, own);
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
        } catch (RuntimeException e) {
            throw ConverterErrors.onWrite(topic, e);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        Integer id = null;
        try {
            id = WireFormat.schemaId(value);
            Framed framed = reader.read(value);
            ProtobufSchema schema = protobuf(framed.schema(), id);
            Descriptor message = schema.messageAt(framed.messageIndexes());
            return data.toConnectData(decode(message, framed), versionOf(topic, id, schema));
        } catch (IOException e) {
            throw new DataException("Protobuf converter could not read a record of topic " + topic + " (schema id "
                    + id + "): the payload is not a valid message of the schema: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw ConverterErrors.onRead(topic, id, e);
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

    private static Schema requireSchema(Schema schema) {
        if (schema == null) {
            throw new DataException("the value has no Connect schema, which Protobuf needs. Use a schema-aware "
                    + "source or SMT, or a schemaless converter such as JsonConverter with schemas.enable=false.");
        }
        return schema;
    }

    private static ProtobufSchema protobuf(ParsedSchema schema, int id) {
        if (schema instanceof ProtobufSchema protobuf) {
            return protobuf;
        }
        throw new DataException("schema id " + id + " is a " + schema.type() + " schema, not Protobuf. Read this "
                + "topic with the converter of its format.");
    }

    /**
     * The version of the writer schema under the topic's subject, which Confluent's converter puts on the Connect
     * schema; asked once per id, and null when the schema is not registered under that subject.
     */
    private Integer versionOf(String topic, int id, ProtobufSchema schema) {
        Integer known = versionsById.get(id);
        if (known != null) {
            return known < 0 ? null : known;
        }
        int version;
        try {
            version = client.lookup(writer.config().subject(topic, schema), schema, false).version();
        } catch (RegistryUnreachableException e) {
            throw e;
        } catch (RuntimeException e) {
            version = -1;
        }
        versionsById.put(id, version);
        return version < 0 ? null : version;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
