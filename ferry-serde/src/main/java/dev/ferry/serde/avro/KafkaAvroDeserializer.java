package dev.ferry.serde.avro;

import dev.ferry.serde.Framed;
import dev.ferry.serde.RegistryDeserializer;
import dev.ferry.serde.SerdeContext;
import dev.ferry.serde.client.SchemaRegistryClient;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads Avro values in Confluent's wire format, a drop-in for {@code io.confluent.kafka.serializers.KafkaAvroDeserializer}:
 * the writer schema comes from the registry by the record's id (fetched once per id). Records come back as
 * {@code GenericRecord}, or with {@code specific.avro.reader=true} as the generated {@code SpecificRecord} class of
 * the writer schema's name (or the class in {@code specific.avro.key.type} / {@code specific.avro.value.type});
 * string primitives as {@code String}, bytes as {@code byte[]}. Null stays null. Thread-safe once configured.
 *
 * <p>Avro 1.12 loads generated classes only from trusted packages: an application reading specific records sets
 * the system property {@code org.apache.avro.SERIALIZABLE_PACKAGES} to its generated classes' packages.
 */
public class KafkaAvroDeserializer extends RegistryDeserializer<Object> {

    static final String SPECIFIC_READER = "specific.avro.reader";
    static final String SPECIFIC_KEY_TYPE = "specific.avro.key.type";
    static final String SPECIFIC_VALUE_TYPE = "specific.avro.value.type";

    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();
    private boolean specific;
    private Class<?> specificClass;
    private GenericData genericData = GenericData.get();
    private boolean logicalTypes;

    public KafkaAvroDeserializer() {
        this(null);
    }

    /** A deserializer on a client the application shares between serdes and closes itself. */
    public KafkaAvroDeserializer(SchemaRegistryClient client) {
        super("Avro", "not valid Avro for its writer schema", client);
    }

    public KafkaAvroDeserializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this(client);
        configure(configs, isKey);
    }

    @Override
    protected void configureFormat(SerdeContext configured) {
        specific = configured.values().bool(SPECIFIC_READER, false);
        String typeKey = configured.isKey() ? SPECIFIC_KEY_TYPE : SPECIFIC_VALUE_TYPE;
        specificClass = configured.values().classValue(typeKey, "; name a generated SpecificRecord class.");
        logicalTypes = configured.values().bool(AvroData.USE_LOGICAL_TYPE_CONVERTERS, false);
        genericData = AvroData.generic(logicalTypes);
        readers.clear();
    }

    @Override
    protected Object read(String topic, Framed framed) throws IOException {
        Schema writer = (Schema) framed.schema().raw();
        if (writer.getType() == Schema.Type.BYTES) {
            // Raw, without Avro's length prefix, as Confluent's serializers write a top-level bytes value.
            return framed.payload();
        }
        DatumReader<Object> reader = readers.computeIfAbsent(framed.schemaId(), id -> readerFor(writer));
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(framed.bytes(), framed.payloadOffset(),
                framed.payloadLength(), null);
        Object value = reader.read(null, decoder);
        if (writer.getType() == Schema.Type.STRING) {
            return value.toString();
        }
        return value;
    }

    private DatumReader<Object> readerFor(Schema writer) {
        boolean named = writer.getType() == Schema.Type.RECORD || writer.getType() == Schema.Type.ENUM
                || writer.getType() == Schema.Type.FIXED;
        if (specificClass != null || (specific && named)) {
            ClassLoader loader = specificClass != null ? specificClass.getClassLoader()
                    : Thread.currentThread().getContextClassLoader();
            SpecificData data = AvroData.specific(loader, logicalTypes);
            Class<?> type = specificClass != null ? specificClass : data.getClass(writer);
            if (type == null) {
                throw new SerializationException("specific.avro.reader=true but no generated class "
                        + writer.getFullName() + " is on the class path; generate it or read GenericRecords.");
            }
            return new SpecificDatumReader<>(writer, data.getSchema(type), data);
        }
        return new GenericDatumReader<>(writer, writer, genericData);
    }
}
