package dev.ferry.converters.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.converters.RegistryConverter;
import dev.ferry.converters.Sentences;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.json.JsonSchema;
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
 * A Connect converter for JSON Schema in Confluent's wire format (magic byte, schema id, then the document as
 * UTF-8 JSON), the stand-in for {@code io.confluent.connect.json.JsonSchemaConverter} with its config keys: the
 * registry client's, the serde's and {@link JsonSchemaDataConfig}'s, including {@code json.fail.invalid.schema}
 * to validate each document against its schema. The registry is asked once per new schema. A null value is a
 * tombstone both ways. Thread-safe once configured.
 */
public final class JsonSchemaConverter extends RegistryConverter {

    private JsonSchemaData data;

    public JsonSchemaConverter() {
        super("JSON Schema", "JSON document", null);
    }

    @Override
    protected ConfigDef formatConfig() {
        return new ConfigDef(JsonSchemaDataConfig.DEFINITION);
    }

    @Override
    protected void configureFormat(Map<String, ?> configs) {
        data = new JsonSchemaData(JsonSchemaDataConfig.from(configs));
    }

    @Override
    protected byte[] write(String topic, Schema schema, Object value) {
        ParsedSchema own = data.registrySchema(requireSchema(schema));
        WriterSchema target = writer().resolve(topic, own);
        JsonNode json = data.fromConnectData(schema, value);
        validate(target.schema(), json);
        try {
            return WireFormat.frame(target.id(), JsonSchemaData.MAPPER.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new DataException(e.getMessage(), e);
        }
    }

    @Override
    protected SchemaAndValue read(String topic, int id, Framed framed) {
        ParsedSchema schema = schemaOf(JsonSchema.class, framed.schema(), id);
        JsonNode json;
        try {
            json = JsonSchemaData.MAPPER.readTree(framed.bytes(), framed.payloadOffset(), framed.payloadLength());
        } catch (IOException e) {
            throw new DataException("the payload is not JSON: " + e.getMessage(), e);
        }
        validate(schema, json);
        Schema connect = data.toConnectSchema((JsonNode) schema.raw(), schema.resolvedReferences()::get,
                versionOf(topic, id, schema));
        return new SchemaAndValue(connect, data.toConnectData(connect, json));
    }

    private void validate(ParsedSchema schema, JsonNode json) {
        if (!data.config().failInvalidSchema()) {
            return;
        }
        List<String> problems = JsonValidation.problems(schema, json);
        if (!problems.isEmpty()) {
            throw new DataException("the document does not conform to its JSON Schema: "
                    + Sentences.end(String.join("; ", problems)) + " Fix the data or set json.fail.invalid.schema=false.");
        }
    }
}
