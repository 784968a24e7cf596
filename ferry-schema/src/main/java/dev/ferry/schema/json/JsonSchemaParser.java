package dev.ferry.schema.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SpecificationVersion;
import dev.ferry.schema.InvalidSchemaException;
import dev.ferry.schema.SchemaReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a JSON Schema text and its referenced texts into a {@link JsonSchema}: well-formed JSON, an object or a
 * boolean, valid against its draft's meta-schema, every {@code $ref} resolvable from the document itself or the
 * referenced texts, and loadable by the validator. Each failure says what is wrong, where, and what to change.
 */
final class JsonSchemaParser {

    /** How many meta-schema complaints a message lists; a badly broken schema can produce hundreds. */
    private static final int MAX_LISTED = 10;

    private JsonSchemaParser() {
    }

    static JsonSchema parse(String text, List<SchemaReference> references, Map<String, String> resolved) {
        if (text == null || text.isBlank()) {
            throw new InvalidSchemaException("Invalid JSON Schema: the schema text is empty. Send a JSON Schema "
                    + "document, for example {\"type\":\"object\",\"properties\":{...}}.");
        }
        JsonNode root = read(text, "Invalid JSON Schema");
        Map<String, String> texts = resolved == null ? Map.of() : new LinkedHashMap<>(resolved);
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        texts.forEach((name, refText) -> documents.put(name,
                read(refText, "Invalid JSON Schema: the referenced schema '" + name + "' does not parse")));
        SpecificationVersion dialect = JsonDialect.of(root);
        List<String> metaProblems = JsonMetaSchemaCheck.problems(root, dialect);
        if (!metaProblems.isEmpty()) {
            throw new InvalidSchemaException("Invalid JSON Schema: it does not conform to the " + dialectName(dialect)
                    + " meta-schema: " + listed(metaProblems) + ". Fix the keywords at these paths (or set "
                    + "\"$schema\" to the draft the schema is written for).");
        }
        JsonReferences refs = new JsonReferences(root, documents);
        List<String> unresolved = refs.unresolved();
        if (!unresolved.isEmpty()) {
            throw new InvalidSchemaException("Invalid JSON Schema: $ref " + listed(unresolved) + " cannot be "
                    + "resolved. Point it at a definition in the schema, or declare a reference whose name is the "
                    + "$ref URL (references: [{\"name\": <$ref URL>, \"subject\": ..., \"version\": ...}]); remote "
                    + "URLs are not fetched.");
        }
        JsonInstanceValidator validator;
        try {
            validator = new JsonInstanceValidator(root, dialect, refs);
        } catch (RuntimeException e) {
            throw new InvalidSchemaException("Invalid JSON Schema: the validator cannot load it: " + e.getMessage()
                    + ". Fix the schema as the message says.", e);
        }
        return new JsonSchema(root, references == null ? List.of() : List.copyOf(references), texts, dialect, refs,
                validator);
    }

    private static JsonNode read(String text, String what) {
        JsonNode node;
        try {
            node = JsonMappers.read(text);
        } catch (JsonProcessingException e) {
            throw new InvalidSchemaException(what + ": " + cleaned(e) + ". The schema is not well-formed JSON; fix "
                    + "the JSON at that line and column.", e);
        }
        if (node == null || node.isMissingNode()) {
            throw new InvalidSchemaException(what + ": the text holds no JSON value. Send a JSON Schema document.");
        }
        if (!node.isObject() && !node.isBoolean()) {
            throw new InvalidSchemaException(what + ": a JSON Schema is a JSON object or true/false, not "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ". Wrap it, for example "
                    + "{\"type\":\"string\"}.");
        }
        return node;
    }

    private static String cleaned(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return e.getOriginalMessage()
                .replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]", "line $1, column $2")
                .replaceAll("\\s*\\n\\s*", " ").trim() + where;
    }

    private static String listed(List<String> items) {
        List<String> shown = items.size() > MAX_LISTED ? items.subList(0, MAX_LISTED) : items;
        String more = items.size() > MAX_LISTED ? " (and " + (items.size() - MAX_LISTED) + " more)" : "";
        return String.join("; ", shown) + more;
    }

    static String dialectName(SpecificationVersion dialect) {
        return switch (dialect) {
            case DRAFT_4 -> "draft-04";
            case DRAFT_6 -> "draft-06";
            case DRAFT_7 -> "draft-07";
            case DRAFT_2019_09 -> "draft 2019-09";
            case DRAFT_2020_12 -> "draft 2020-12";
        };
    }
}
