package dev.ferry.registry.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.registry.core.RegisterRequest;
import dev.ferry.registry.store.StoreValue;
import dev.ferry.schema.SchemaReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates between Confluent's JSON entities and the registry's types: request bodies in, schema entities
 * ({@code subject, version, id, schemaType, references, schema}, with {@code schemaType} left out for AVRO and
 * {@code references} when empty, as Confluent's registry writes them) out.
 */
final class RestJson {
    private final ObjectMapper mapper;

    RestJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode object() {
        return mapper.createObjectNode();
    }

    ArrayNode array() {
        return mapper.createArrayNode();
    }

    /** The request body as a JSON object. @throws BadRequestException when it is not one */
    JsonNode body(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new BadRequestException("The request has no body; send a JSON object.");
        }
        try {
            JsonNode node = mapper.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new BadRequestException("The request body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadRequestException("The request body is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new BadRequestException("The request body could not be read: " + e.getMessage());
        }
    }

    RegisterRequest registerRequest(byte[] bytes) {
        JsonNode body = body(bytes);
        JsonNode schema = body.get("schema");
        if (schema != null && !schema.isNull() && !schema.isTextual()) {
            throw new BadRequestException("'schema' must be a JSON string holding the schema text, e.g. "
                    + "{\"schema\": \"{\\\"type\\\": \\\"string\\\"}\"}.");
        }
        List<SchemaReference> references = new ArrayList<>();
        for (JsonNode ref : body.path("references")) {
            references.add(new SchemaReference(text(ref, "name"), text(ref, "subject"),
                    ref.hasNonNull("version") ? ref.get("version").asInt() : -1));
        }
        return new RegisterRequest(text(body, "schema"), text(body, "schemaType"), references,
                body.hasNonNull("id") ? body.get("id").asInt() : null,
                body.hasNonNull("version") ? body.get("version").asInt() : null);
    }

    byte[] bytes(Object node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render a response as JSON: " + e.getOriginalMessage(), e);
        }
    }

    ObjectNode schemaEntity(StoreValue.Schema schema, String text) {
        ObjectNode node = object();
        node.put("subject", schema.subject());
        node.put("version", schema.version());
        node.put("id", schema.id());
        schemaBody(node, schema, text);
        return node;
    }

    /** {@code schemaType} (unless AVRO), {@code references} (unless none), then {@code schema}. */
    ObjectNode schemaBody(ObjectNode node, StoreValue.Schema schema, String text) {
        if (!"AVRO".equals(schema.schemaType())) {
            node.put("schemaType", schema.schemaType());
        }
        if (!schema.references().isEmpty()) {
            ArrayNode refs = node.putArray("references");
            for (SchemaReference ref : schema.references()) {
                refs.addObject().put("name", ref.name()).put("subject", ref.subject()).put("version", ref.version());
            }
        }
        node.put("schema", text);
        return node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
