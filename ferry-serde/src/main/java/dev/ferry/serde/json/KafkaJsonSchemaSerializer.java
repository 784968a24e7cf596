package dev.ferry.serde.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaType;
import dev.ferry.serde.SerdeContext;
import dev.ferry.serde.WriterSchema;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.wire.WireFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes JSON values in Confluent's wire format with a JSON Schema, like
 * {@code io.confluent.kafka.serializers.json.KafkaJsonSchemaSerializer}; the payload is the value's UTF-8 JSON.
 * The schema comes with the value as Confluent's envelope ({@link #envelope(JsonNode, JsonNode)}: an object with
 * exactly {@code schema} and {@code payload}), or, for a plain {@code JsonNode} or a Jackson-mappable object, from
 * the registry ({@code auto.register.schemas=false} with {@code use.latest.version=true} or {@code use.schema.id}).
 * With {@code json.fail.invalid.schema=true} the value is validated first. Null is written as null.
 */
public class KafkaJsonSchemaSerializer<T> implements Serializer<T> {

    static final String FAIL_INVALID_SCHEMA = "json.fail.invalid.schema";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SchemaRegistryClient sharedClient;
    private final Map<JsonNode, ParsedSchema> parsed = new ConcurrentHashMap<>();
    private volatile SerdeContext context;
    private boolean validate;

    public KafkaJsonSchemaSerializer() {
        this(null);
    }

    /** A serializer on a client the application shares between serdes and closes itself. */
    public KafkaJsonSchemaSerializer(SchemaRegistryClient client) {
        this.sharedClient = client;
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
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeContext configured = SerdeContext.configure(configs, isKey, sharedClient);
        validate = configured.values().bool(FAIL_INVALID_SCHEMA, false);
        context = configured;
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        SerdeContext serde = SerdeContext.require(context, getClass().getSimpleName());
        try {
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
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw serde.failure("serialize", "JSON Schema", topic, new SerializationException(e.getMessage(), e));
        } catch (RuntimeException e) {
            throw serde.failure("serialize", "JSON Schema", topic, e);
        }
    }

    private static boolean isEnvelope(JsonNode node) {
        return node.isObject() && node.size() == 2 && node.has("schema") && node.has("payload")
                && node.get("schema").isObject();
    }

    @Override
    public void close() {
        SerdeContext current = context;
        if (current != null) {
            current.close();
        }
    }
}
