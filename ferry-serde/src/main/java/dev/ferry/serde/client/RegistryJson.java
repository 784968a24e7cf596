package dev.ferry.serde.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaReference;
import dev.ferry.schema.SchemaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The request bodies, paths and response fields of Confluent's REST API that the client uses. */
final class RegistryJson {

    private RegistryJson() {
    }

    /** {@code {"schema": ..., "schemaType": ..., "references": [...]}}, the type left out for Avro as Confluent does. */
    static ObjectNode schemaRequest(ParsedSchema schema) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("schema", schema.canonical());
        if (schema.type() != SchemaType.AVRO) {
            body.put("schemaType", schema.type().name());
        }
        if (!schema.references().isEmpty()) {
            ArrayNode references = body.putArray("references");
            for (SchemaReference reference : schema.references()) {
                references.addObject().put("name", reference.name()).put("subject", reference.subject())
                        .put("version", reference.version());
            }
        }
        return body;
    }

    static String subjectPath(String subject) {
        return "/subjects/" + encode(subject);
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The fields of a schema response ({@code /schemas/ids/{id}} or {@code /subjects/{s}/versions/{v}}). */
    record SchemaText(SchemaType type, String text, List<SchemaReference> references) {
        static SchemaText of(JsonNode json) {
            List<SchemaReference> references = new ArrayList<>();
            for (JsonNode reference : json.path("references")) {
                references.add(new SchemaReference(reference.path("name").asText(),
                        reference.path("subject").asText(), reference.path("version").asInt()));
            }
            return new SchemaText(SchemaType.fromName(json.path("schemaType").asText(null)),
                    json.path("schema").asText(), List.copyOf(references));
        }
    }
}
