package dev.ferry.converters.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.converters.BoundedCache;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect data &lt;-&gt; JSON Schema and JSON documents, with Confluent's {@code JsonSchemaData} mapping; the schema
 * halves are cached ({@code schemas.cache.config} entries each way). Thread-safe.
 */
final class JsonSchemaData {

    /** Reads payloads keeping decimals exact, so NUMERIC decimals and large integers survive. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(ConnectToJsonValue.NODES);

    private final JsonSchemaDataConfig config;
    private final ConnectToJsonSchema schemas;
    private final ConnectToJsonValue writer;
    private final JsonValueToConnect reader = new JsonValueToConnect();
    private final BoundedCache<Schema, JsonNode> toJson;
    private final BoundedCache<Schema, ParsedSchema> toRegistry;
    private final BoundedCache<ConnectKey, Schema> toConnect;

    JsonSchemaData(JsonSchemaDataConfig config) {
        this.config = config;
        this.schemas = new ConnectToJsonSchema(config);
        this.writer = new ConnectToJsonValue(config.decimalFormat());
        this.toJson = new BoundedCache<>(config.schemasCacheSize());
        this.toRegistry = new BoundedCache<>(config.schemasCacheSize());
        this.toConnect = new BoundedCache<>(config.schemasCacheSize());
    }

    JsonSchemaDataConfig config() {
        return config;
    }

    /** The JSON Schema document of a Connect schema; do not modify it. */
    JsonNode fromConnectSchema(Schema schema) {
        JsonNode cached = toJson.get(schema);
        if (cached == null) {
            cached = schemas.build(schema);
            toJson.put(schema, cached);
        }
        return cached;
    }

    /** The JSON Schema of a Connect schema as the registry holds it (parsed by the JSON Schema provider). */
    ParsedSchema registrySchema(Schema schema) {
        ParsedSchema cached = toRegistry.get(schema);
        if (cached == null) {
            cached = SchemaProviders.of(SchemaType.JSON).parse(write(fromConnectSchema(schema)), List.of(), Map.of());
            toRegistry.put(schema, cached);
        }
        return cached;
    }

    /** The JSON document of a value; JSON null for a null optional value, null for a null required one. */
    JsonNode fromConnectData(Schema schema, Object value) {
        return writer.write(schema, value);
    }

    /**
     * The Connect schema of a JSON Schema document, cached by the document's identity.
     *
     * @param referencedTexts the text of each schema reference by its name, for {@code $ref}s to other documents
     */
    Schema toConnectSchema(JsonNode document, Function<String, String> referencedTexts, Integer version) {
        ConnectKey key = new ConnectKey(document, version);
        Schema cached = toConnect.get(key);
        if (cached == null) {
            Map<String, JsonNode> documents = new LinkedHashMap<>();
            cached = JsonSchemaToConnect.build(document, name -> documents.computeIfAbsent(name,
                    n -> parseReference(referencedTexts.apply(n))), version, config);
            toConnect.put(key, cached);
        }
        return cached;
    }

    Object toConnectData(Schema schema, JsonNode value) {
        return reader.read(schema, value);
    }

    private static JsonNode parseReference(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DataException("A referenced JSON Schema is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new DataException("Could not write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Documents compare by identity here: the registry client hands out one schema instance per id. */
    private record ConnectKey(JsonNode schema, Integer version) {
        @Override
        public boolean equals(Object other) {
            return other instanceof ConnectKey key && key.schema == schema && Objects.equals(key.version, version);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema) * 31 + Objects.hashCode(version);
        }
    }
}
