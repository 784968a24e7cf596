package dev.ferry.schema.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads and writes schema JSON the way Confluent's JSON Schema provider does, so that canonical texts agree byte
 * for byte: numbers with a fraction or exponent are kept as exact decimals ({@code 1.0} stays {@code 1.0}),
 * {@code NaN}/{@code Infinity} are accepted, keys keep their order, output is compact.
 */
final class JsonMappers {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // Keep 1.0 as 1.0: Confluent's mapper keeps decimals exactly as written.
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private JsonMappers() {
    }

    static JsonNode read(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A parsed JSON tree could not be written back: " + e.getMessage(), e);
        }
    }

    /** A copy with the keys of every object sorted, as Confluent's {@code normalize=true} writes JSON Schemas. */
    static JsonNode sortedCopy(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = MAPPER.getNodeFactory().objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            for (String name : names) {
                sorted.set(name, sortedCopy(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = MAPPER.getNodeFactory().arrayNode();
            node.forEach(element -> copy.add(sortedCopy(element)));
            return copy;
        }
        return node;
    }
}
