package dev.ferry.runtime.converters;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Passes raw bytes through unchanged, as key, value or header converter: reads yield the bytes with an optional
 * BYTES schema; writes accept a {@code byte[]} or a {@code ByteBuffer} (its content from the start to its limit)
 * and refuse a schema of any type other than BYTES. Replaces Apache's
 * {@code org.apache.kafka.connect.converters.ByteArrayConverter}, whose class name stays usable as an alias.
 */
public class ByteArrayConverter implements Converter, HeaderConverter {

    /** The Kafka version, so that version pins written for Apache's identical converter keep matching. */
    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public ConfigDef config() {
        return ConverterTypeConfig.CONFIG_DEF;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure: bytes are passed through
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure: bytes are passed through
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (schema != null && schema.type() != Schema.Type.BYTES) {
            throw new DataException("ByteArrayConverter can only write BYTES data, but the schema is " + schema.type()
                    + ". Use a converter that matches the data.");
        }
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer whole = buffer.duplicate();
            whole.rewind();
            byte[] bytes = new byte[whole.remaining()];
            whole.get(bytes);
            return bytes;
        }
        throw new DataException("ByteArrayConverter can only write byte[] or ByteBuffer values (or null), but got a "
                + value.getClass().getName() + " for topic " + topic + ". Use a converter that matches the data.");
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        return new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, value);
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
        // nothing to release
    }
}
