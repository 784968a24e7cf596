package dev.ferry.serde.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.schema.SchemaType;
import dev.ferry.serde.Framed;
import dev.ferry.serde.RegistryDeserializer;
import dev.ferry.serde.SerdeContext;
import dev.ferry.serde.client.SchemaRegistryClient;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads JSON values written in Confluent's wire format with a JSON Schema, like
 * {@code io.confluent.kafka.serializers.json.KafkaJsonSchemaDeserializer}: a {@code JsonNode}, or an instance of the
 * class in {@code json.key.type} / {@code json.value.type} (mapped by Jackson). With
 * {@code json.fail.invalid.schema=true} the value is validated against the writer schema. Null stays null.
 */
public class KafkaJsonSchemaDeserializer<T> extends RegistryDeserializer<T> {

    static final String KEY_TYPE = "json.key.type";
    static final String VALUE_TYPE = "json.value.type";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Class<?> type;
    private boolean validate;

    public KafkaJsonSchemaDeserializer() {
        this(null);
    }

    /** A deserializer on a client the application shares between serdes and closes itself. */
    public KafkaJsonSchemaDeserializer(SchemaRegistryClient client) {
        super("JSON Schema", "not JSON", client);
    }

    public KafkaJsonSchemaDeserializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this(client);
        configure(configs, isKey);
    }

    @Override
    protected void configureFormat(SerdeContext configured) {
        String typeKey = configured.isKey() ? KEY_TYPE : VALUE_TYPE;
        type = configured.values().classValue(typeKey, ".");
        validate = configured.values().bool(KafkaJsonSchemaSerializer.FAIL_INVALID_SCHEMA, false);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected T read(String topic, Framed framed) throws IOException {
        if (framed.schema().type() != SchemaType.JSON) {
            throw new SerializationException("Schema id " + framed.schemaId() + " is a " + framed.schema().type()
                    + " schema, not JSON Schema; read this topic with the matching deserializer.");
        }
        JsonNode node = MAPPER.readTree(framed.bytes(), framed.payloadOffset(), framed.payloadLength());
        if (validate) {
            JsonSchemaValidation.validate(framed.schema(), node, "value read from '" + topic + "'");
        }
        return (T) (type == null ? node : MAPPER.treeToValue(node, type));
    }
}
