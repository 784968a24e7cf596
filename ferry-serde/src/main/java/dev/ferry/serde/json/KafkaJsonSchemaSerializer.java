package dev.ferry.serde.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaType;
import dev.ferry.serde.RegistrySerializer;
import dev.ferry.serde.SerdeContext;
import dev.ferry.serde.WriterSchema;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.wire.WireFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes JSON values in Confluent's wire format with a JSON Schema, like
 * {@code io.confluent.kafka.serializers.json.KafkaJsonSchemaSerializer}; the payload is the value's UTF-8 JSON.
 * The schema comes with the value as Confluent's envelope ({@link #envelope(JsonNode, JsonNode)}: an object with
 * exactly {@code schema} and {@code payload}), or, for a plain {@code JsonNode} or a Jackson-mappable object, from
 * the registry ({@code auto.register.schemas=false} with {@code use.latest.version=true} or {@code use.schema.id}).
 * With {@code json.fail.invalid.schema=true} the value is validated first. Null is written as null.
 */
public class KafkaJsonSchemaSerializer<T> extends RegistrySerializer<T> {

    static final String FAIL_INVALID_SCHEMA = "json.fail.invalid.schema";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<JsonNode, ParsedSchema> parsed = new ConcurrentHashMap<>();
    private boolean validate;

    public KafkaJsonSchemaSerializer() {
        this(null);
    }

    /** A serializer on a client the application shares between serdes and closes itself. */
    public KafkaJsonSchemaSerializer(SchemaRegistryClient client) {
        super("JSON Schema", client);
    }

    public KafkaJsonSchemaSerializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this(client);
        configure(configs, isKey);
    }

    /** Confluent's envelope: a value together with the JSON Schema it is written with. */
    public static ObjectNode envelope(JsonNode schema, JsonNode payload) {
        ObjectNode envelope = MAPPER.createObjectNode();
        envelope.set("schema", schema);
        envelope.set("payload", payload);
        return envelope;
    }

    @Override
    protected void configureFormat(SerdeContext configured) {
        validate = configured.values().bool(FAIL_INVALID_SCHEMA, false);
    }

    @Override
    protected byte[] write(SerdeContext serde, String topic, T value) throws JsonProcessingException {
        JsonNode node = value instanceof JsonNode json ? json : MAPPER.valueToTree(value);
        ParsedSchema schema = null;
        if (isEnvelope(node)) {
            schema = parsed.computeIfAbsent(node.get("schema"), s ->
                    SchemaProviders.of(SchemaType.JSON).parse(s.toString(), List.of(), Map.of()));
            node = node.get("payload");
        }
        WriterSchema writerSchema = serde.writer().resolve(topic, schema);
        if (validate) {
            JsonSchemaValidation.validate(writerSchema.schema(), node, "value written to '" + topic + "'");
        }
        return WireFormat.frame(writerSchema.id(), MAPPER.writeValueAsBytes(node));
    }

    private static boolean isEnvelope(JsonNode node) {
        return node.isObject() && node.size() == 2 && node.has("schema") && node.has("payload")
                && node.get("schema").isObject();
    }
}
