package dev.ferry.converters.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaType;
import dev.ferry.serde.Framed;
import dev.ferry.serde.SchemaReader;
import dev.ferry.serde.SchemaWriter;
import dev.ferry.serde.SerdeConfig;
import dev.ferry.serde.WriterSchema;
import dev.ferry.serde.client.RegistryUnreachableException;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.client.SchemaRegistryClients;
import dev.ferry.serde.wire.WireFormat;
import java.io.IOException;
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
 * A Connect converter for JSON Schema in Confluent's wire format (magic byte, schema id, then the document as
 * UTF-8 JSON), the stand-in for {@code io.confluent.connect.json.JsonSchemaConverter} with its config keys: the
 * registry client's, the serde's and {@link JsonSchemaDataConfig}'s, including {@code json.fail.invalid.schema}
 * to validate each document against its schema. The registry is asked once per new schema. A null value is a
 * tombstone both ways. Thread-safe once configured.
 */
public final class JsonSchemaConverter implements Converter, Versioned {

    private JsonSchemaData data;
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
        return JsonSchemaDataConfig.DEFINITION;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        data = new JsonSchemaData(JsonSchemaDataConfig.from(configs));
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
            if (schema == null) {
                throw new DataException("the value has no Connect schema, which JSON Schema needs. Use a schema-aware "
                        + "source or SMT, or JsonConverter with schemas.enable=false.");
            }
            ParsedSchema own = data.registrySchema(schema);
            WriterSchema target = writer.resolve(topic, own);
            JsonNode json = data.fromConnectData(schema, value);
            validate(target.schema(), json);
            return WireFormat.frame(target.id(), JsonSchemaData.MAPPER.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new DataException("JSON Schema converter could not write a record to topic " + topic + ": "
                    + e.getMessage(), e);
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
            ParsedSchema schema = framed.schema();
            if (schema.type() != SchemaType.JSON) {
                throw new DataException("schema id " + id + " is a " + schema.type() + " schema, not JSON Schema. "
                        + "Read this topic with the converter of its format.");
            }
            JsonNode json = JsonSchemaData.MAPPER.readTree(framed.bytes(), framed.payloadOffset(),
                    framed.payloadLength());
            validate(schema, json);
            Schema connect = data.toConnectSchema((JsonNode) schema.raw(), schema.resolvedReferences()::get,
                    versionOf(topic, id, schema));
            return new SchemaAndValue(connect, data.toConnectData(connect, json));
        } catch (IOException e) {
            throw new DataException("JSON Schema converter could not read a record of topic " + topic + " (schema id "
                    + id + "): the payload is not JSON: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw ConverterErrors.onRead(topic, id, e);
        }
    }

    private void validate(ParsedSchema schema, JsonNode json) {
        if (!data.config().failInvalidSchema()) {
            return;
        }
        List<String> problems = JsonValidation.problems(schema, json);
        if (!problems.isEmpty()) {
            throw new DataException("the document does not conform to its JSON Schema: "
                    + String.join("; ", problems) + ". Fix the data or set json.fail.invalid.schema=false.");
        }
    }

    /** The writer schema's version under the record's subject, asked once per id; null when not registered there. */
    private Integer versionOf(String topic, int id, ParsedSchema schema) {
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
