package dev.ferry.runtime.converters;

import dev.ferry.runtime.model.Sentences;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.HeaderConverter;

import java.util.Map;

/**
 * A converter between one Java primitive wrapper and the bytes of the matching Kafka serializer, usable as
 * key, value and header converter. Null converts to null both ways. Reading always yields the type's optional
 * schema; writing does not look at the schema, only at the value's class (as on Apache's runtime, so a value
 * whose schema is, say, a logical type still converts).
 */
abstract class PrimitiveConverter<T> implements Converter, HeaderConverter {

    private final String typeName;
    private final Class<T> javaType;
    private final Schema schema;
    private final Serializer<T> serializer;
    private final Deserializer<T> deserializer;

    PrimitiveConverter(String typeName, Class<T> javaType, Schema schema, Serializer<T> serializer,
                       Deserializer<T> deserializer) {
        this.typeName = typeName;
        this.javaType = javaType;
        this.schema = schema;
        this.serializer = serializer;
        this.deserializer = deserializer;
    }

    /** The Kafka version, so that version pins written for Apache's identical converters keep matching. */
    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public ConfigDef config() {
        return ConverterTypeConfig.CONFIG_DEF;
    }

    /** Requires {@code converter.type}. */
    @Override
    public void configure(Map<String, ?> configs) {
        boolean isKey = new ConverterTypeConfig(configs).type() == ConverterType.KEY;
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        configure(ConverterTypeConfig.withKeyOrValue(configs, isKey));
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        checkSchema(schema);
        if (value != null && !javaType.isInstance(value)) {
            throw new DataException(getClass().getSimpleName() + " can only write " + javaType.getName()
                    + " values (or null), but got a " + value.getClass().getName() + " for topic " + topic
                    + ". Use a converter that matches the data, or a Cast transformation.");
        }
        try {
            return serializer.serialize(topic, javaType.cast(value));
        } catch (SerializationException e) {
            throw new DataException("Could not serialize a " + typeName + " for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Hook for converters that do check the schema type. */
    void checkSchema(Schema schema) {
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        try {
            return new SchemaAndValue(schema, deserializer.deserialize(topic, value));
        } catch (SerializationException e) {
            throw new DataException("Could not read a " + typeName + " from " + value.length + " bytes on topic "
                    + topic + ": " + Sentences.end(e.getMessage()) + " The data was probably written with a different converter.", e);
        }
    }

    @Override
    public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
        return fromConnectData(topic, schema, value);
    }

    @Override
    public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
        return toConnectData(topic, value);
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
